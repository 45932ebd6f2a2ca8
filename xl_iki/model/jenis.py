"""What each jenis (kind of indicator) is: the one registry of its defaults, rules and behaviour.

Adding a jenis means adding one :class:`JenisSpec` to :data:`JENIS` (and its tests). The spec
names its quarter rule and capaian variant by key; the model (:mod:`xl_iki.model.numbers`) and
the formula builders (:mod:`xl_iki.workbook.formulas`) each keep one function per key, so the
model stays free of spreadsheet code and a completeness test checks every key has both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

AKUMULASI = ("jumlah", "terakhir", "rata_rata")
ARAH = ("naik", "turun")
ADA, TIDAK_ADA = "Ada", "Tidak Ada"

#: quarter rules (how a quarter's value comes from the entered cell and the komponen)
QUARTER_RULES = ("sum_of_parts", "ratio", "weighted", "mean_of_parts", "entered")
#: capaian variants: realisasi against target (PermenPANRB 8/2021), or met / not met
CAPAIAN_VARIANTS = ("ratio", "match")
#: what an input cell takes: a count (0 or more), any number, a number within skala, a label
INPUT_KINDS = ("count", "number", "between", "list")
#: what the skala of an indicator is: none, [min, max], or labels from the worst
SKALA_KINDS = ("none", "range", "labels")

Parts = Sequence[tuple[str, float | None]]  # komponen (name, bobot)
PenjelasanText = Callable[[Parts, tuple], str]
Labels = Callable[[tuple], dict[str, int]]


def _no_labels(skala: tuple) -> dict[str, int]:
    return {}


def _ada_labels(skala: tuple) -> dict[str, int]:
    return {ADA: 1, TIDAK_ADA: 0}


def _skala_labels(skala: tuple) -> dict[str, int]:
    return {str(label): rank for rank, label in enumerate(skala, start=1)}


def _text_sum(parts: Parts, skala: tuple) -> str:
    return " + ".join(f"Σ {n}" for n, _ in parts) if parts else ""


def _text_ratio(scale: str) -> PenjelasanText:
    def text(parts: Parts, skala: tuple) -> str:
        return f"{parts[0][0]} / {parts[1][0]}{scale}" if len(parts) == 2 else ""
    return text


def _text_weighted(parts: Parts, skala: tuple) -> str:
    items = "; ".join(f"{n} (bobot {b:g})" for n, b in parts if b is not None)
    return f"Σ(bobot × nilai) / Σ bobot, dari: {items}" if parts else ""


def _text_mean(parts: Parts, skala: tuple) -> str:
    return "Rata-rata dari: " + "; ".join(n for n, _ in parts) if parts else ""


def _text_fixed(text: str) -> PenjelasanText:
    return lambda parts, skala: text


def _text_skor(parts: Parts, skala: tuple) -> str:
    return f"Skor {skala[0]:g}-{skala[1]:g}" if len(skala) == 2 else ""


def _text_kualitatif(parts: Parts, skala: tuple) -> str:
    return "Predikat, dari terendah: " + " < ".join(str(s) for s in skala)


#: display format of counts and Rupiah: thousands separators from 1,000 on (never 4.5E+10)
THOUSANDS = "[>=1000]#,##0;[<=-1000]-#,##0;General"


@dataclass(frozen=True)
class JenisSpec:
    """Everything the program knows about one jenis."""

    name: str
    satuan: str  # default satuan
    komponen: str  # "none" | "optional" | "two" | "some" (at least one, with bobot)
    quarter: str  # key in QUARTER_RULES: model numbers.QUARTER_VALUE, formulas.QUARTER_FORMULA
    input: str  # key in INPUT_KINDS: what the indicator's own quarter cells take
    penjelasan: PenjelasanText  # default Penjelasan/Formulasi from komponen and skala
    guide: str  # one line for the authoring sheet's guide (Bahasa Indonesia)
    capaian: str = "ratio"  # key in CAPAIAN_VARIANTS
    label_map: Labels = _no_labels  # the labels an entry may take, by the skala
    skala: str = "none"  # key in SKALA_KINDS
    only_terakhir: bool = False  # accumulation other than "terakhir" makes no sense
    turun: bool = True  # arah "turun" allowed
    factor: float = 1.0  # persentase multiplies the ratio by 100
    value_format: str = "0.00"  # number format of a computed quarter cell
    real_format: str = "0.00"  # number format of the Realisasi column
    show_label: bool = False  # Realisasi shows the label (rank in skala), not the number

    @property
    def default_akumulasi(self) -> str:
        return "jumlah" if self.quarter == "sum_of_parts" else "terakhir"

    @property
    def is_ratio(self) -> bool:
        return self.komponen == "two"

    @property
    def labels(self) -> bool:
        """Quarter inputs and the target are labels, not numbers."""
        return self.input == "list"

    @property
    def count(self) -> bool:
        """Entries are counts or ratio parts: never negative."""
        return self.input == "count"

    @property
    def bobot(self) -> bool:
        """Komponen carry a bobot (weight)."""
        return self.komponen == "some"

    @property
    def percent(self) -> bool:
        """The value is a percentage on the 0-100 scale."""
        return self.factor == 100


JENIS: dict[str, JenisSpec] = {
    spec.name: spec
    for spec in (
        JenisSpec("jumlah", "Jumlah", "optional", "sum_of_parts", "count", _text_sum,
                  "jumlah: banyaknya sesuatu; komponen (boleh) dijumlahkan",
                  value_format=THOUSANDS, real_format=THOUSANDS),
        JenisSpec("persentase", "%", "two", "ratio", "count", _text_ratio(" × 100%"),
                  "persentase: pembilang / penyebut × 100%", factor=100.0),
        JenisSpec("rasio", "Rasio", "two", "ratio", "count", _text_ratio(""),
                  "rasio: pembilang / penyebut"),
        JenisSpec("indeks", "Indeks", "some", "weighted", "number", _text_weighted,
                  "indeks: rata-rata berbobot dari komponen (Domain A = 13)"),
        JenisSpec("rata_rata", "Nilai", "optional", "mean_of_parts", "number", _text_mean,
                  "rata_rata: rata-rata komponen, atau nilai yang diisi langsung"),
        JenisSpec("ada_tidak", "Ada/Tidak Ada", "none", "entered", "list",
                  _text_fixed("Ada = 100%, Tidak Ada = 0%"), "ada_tidak: Ada atau Tidak Ada",
                  capaian="match", label_map=_ada_labels, only_terakhir=True, turun=False,
                  real_format='[=1]"Ada";[=0]"Tidak Ada";General'),
        JenisSpec("skor", "Skor", "none", "entered", "between", _text_skor,
                  "skor: angka dalam skala, mis. 1-5", skala="range", real_format="General"),
        JenisSpec("kualitatif", "Predikat", "none", "entered", "list", _text_kualitatif,
                  "kualitatif: label dari skala, mis. WTP", label_map=_skala_labels,
                  skala="labels", only_terakhir=True, turun=False, real_format="General",
                  show_label=True),
    )
}


def label_values(jenis: str, skala: tuple) -> dict[str, int]:
    """The labels an input of this jenis may take and the number each stands for.

    ada_tidak: Ada = 1, Tidak Ada = 0; kualitatif: the 1-based rank in skala (worst first).
    Empty for numeric kinds.
    """
    return JENIS[jenis].label_map(skala)


AKUMULASI_TEXT = {
    "jumlah": "jumlah TW I-IV",
    "terakhir": "nilai triwulan terakhir yang terisi",
    "rata_rata": "rata-rata triwulan yang terisi",
}


def default_penjelasan(jenis: str, parts: Parts, skala: tuple, akumulasi: str) -> str:
    """The Penjelasan/Formulasi text rendered from jenis, komponen (name, bobot), akumulasi."""
    text = JENIS[jenis].penjelasan(parts, skala) or "Cukup jelas"
    return f"{text}\nRealisasi tahunan: {AKUMULASI_TEXT[akumulasi]}"
