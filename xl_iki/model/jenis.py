"""What each jenis (kind of indicator) is: defaults and the rules its catalogue entry must obey."""

from __future__ import annotations

from dataclasses import dataclass

AKUMULASI = ("jumlah", "terakhir", "rata_rata")
ARAH = ("naik", "turun")
ADA, TIDAK_ADA = "Ada", "Tidak Ada"


@dataclass(frozen=True)
class JenisSpec:
    name: str
    satuan: str  # default satuan
    komponen: str  # "none" | "optional" | "two" | "some" (at least one)
    labels: bool = False  # quarter inputs and target are labels, not numbers
    only_terakhir: bool = False  # accumulation other than "terakhir" makes no sense
    factor: float = 1.0  # persentase multiplies the ratio by 100

    @property
    def default_akumulasi(self) -> str:
        return "jumlah" if self.name == "jumlah" else "terakhir"

    @property
    def is_ratio(self) -> bool:
        return self.komponen == "two"


JENIS: dict[str, JenisSpec] = {
    spec.name: spec
    for spec in (
        JenisSpec("jumlah", "Jumlah", "optional"),
        JenisSpec("persentase", "%", "two", factor=100.0),
        JenisSpec("rasio", "Rasio", "two"),
        JenisSpec("indeks", "Indeks", "some"),
        JenisSpec("rata_rata", "Nilai", "optional"),
        JenisSpec("ada_tidak", "Ada/Tidak Ada", "none", labels=True, only_terakhir=True),
        JenisSpec("skor", "Skor", "none"),
        JenisSpec("kualitatif", "Predikat", "none", labels=True, only_terakhir=True),
    )
}


def label_values(jenis: str, skala: tuple) -> dict[str, int]:
    """The labels an input of this jenis may take and the number each stands for.

    ada_tidak: Ada = 1, Tidak Ada = 0; kualitatif: the 1-based rank in skala (worst first).
    Empty for numeric kinds.
    """
    if jenis == "ada_tidak":
        return {ADA: 1, TIDAK_ADA: 0}
    if jenis == "kualitatif":
        return {str(label): rank for rank, label in enumerate(skala, start=1)}
    return {}


AKUMULASI_TEXT = {
    "jumlah": "jumlah TW I-IV",
    "terakhir": "nilai triwulan terakhir yang terisi",
    "rata_rata": "rata-rata triwulan yang terisi",
}


def default_penjelasan(jenis: str, parts: list[tuple[str, float | None]], skala: tuple,
                       akumulasi: str) -> str:
    """The Penjelasan/Formulasi text rendered from jenis, komponen (name, bobot), akumulasi."""
    return f"{_formula_text(jenis, parts, skala)}\nRealisasi tahunan: {AKUMULASI_TEXT[akumulasi]}"


def _formula_text(jenis: str, parts: list[tuple[str, float | None]], skala: tuple) -> str:
    names = [name for name, _ in parts]
    if jenis in ("persentase", "rasio") and len(names) == 2:
        return f"{names[0]} / {names[1]}" + (" × 100%" if jenis == "persentase" else "")
    if jenis == "jumlah" and names:
        return " + ".join(f"Σ {n}" for n in names)
    if jenis == "indeks" and names:
        items = "; ".join(f"{n} (bobot {b:g})" for n, b in parts if b is not None)
        return f"Σ(bobot × nilai) / Σ bobot, dari: {items}"
    if jenis == "rata_rata" and names:
        return "Rata-rata dari: " + "; ".join(names)
    if jenis == "ada_tidak":
        return "Ada = 100%, Tidak Ada = 0%"
    if jenis == "skor" and len(skala) == 2:
        return f"Skor {skala[0]:g}-{skala[1]:g}"
    if jenis == "kualitatif":
        return "Predikat, dari terendah: " + " < ".join(str(s) for s in skala)
    return "Cukup jelas"
