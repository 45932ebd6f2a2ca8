"""The IKI catalogue as plain, immutable data (no I/O)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from .nilai import NilaiTable

QUARTERS = 4
QUARTER_LABELS = ("TW I", "TW II", "TW III", "TW IV")
#: how often an indicator is measured: every triwulan (default), or once a year (TW IV only)
PERIODE = ("triwulanan", "tahunan")
#: an indicator's role: counted in the jabatan's mean (utama), or shown only (pendukung)
PERAN = ("utama", "pendukung")

#: An entered cell value: number, text (a label, or a mistyped number) or nothing.
Entry = float | int | str | None


def empty_quarters() -> tuple[Entry, ...]:
    return (None,) * QUARTERS


@dataclass(frozen=True)
class Komponen:
    """A part of an indicator: pembilang/penyebut, an index part, a summand."""

    nama: str = ""
    bobot: float | None = None
    ref: str | None = None  # "jabatan_id.indikator_id"
    realisasi: tuple[Entry, ...] = field(default_factory=empty_quarters)


@dataclass(frozen=True)
class Indikator:
    id: str
    nama: str
    jenis: str
    sasaran: str = ""
    satuan: str = ""
    arah: str = "naik"
    akumulasi: str = "terakhir"
    target: Entry = None  # number, label ("Ada", a skala label) or None
    target_max: float | None = None  # upper bound of a range target "lo-hi"
    penjelasan: str = ""
    sumber_data: str = ""
    penanggung_jawab: str = ""
    skala: tuple = ()
    komponen: tuple[Komponen, ...] = ()
    realisasi: tuple[Entry, ...] = field(default_factory=empty_quarters)
    keterangan: str = ""
    periode: str = "triwulanan"
    #: target to date (s.d. TW) at the end of each triwulan, like ``target``; () = none
    target_triwulan: tuple[Entry, ...] = ()
    #: upper bound of each triwulan's range target ("lo-hi", like ``target_max``); () = none
    target_triwulan_max: tuple[float | None, ...] = ()
    rencana_aksi: tuple[str, ...] = ()  # the planned action of each triwulan; () = none
    peran: str = "utama"
    salin: str | None = None  # "jabatan_id.indikator_id": this indicator is that one, shown here
    tujuan: str = ""  # the tujuan an IKU serves (indicators of the office, ``iku``)
    #: a multi-year plan (Renstra): (tahun, target, target_max) for the years ahead
    target_tahunan: tuple[tuple[int, Entry, float | None], ...] = ()
    bukti_wajib: bool = False  # realisasi needs a bukti dukung on the Verifikasi sheet

    @property
    def counted(self) -> bool:
        """Whether the indicator counts in its jabatan's mean capaian and predikat counts."""
        return self.peran != "pendukung"

    @property
    def is_range(self) -> bool:
        return self.target_max is not None

    @property
    def quarterly(self) -> bool:
        """Whether a capaian is computed for each triwulan (quarterly targets, not tahunan)."""
        return bool(self.target_triwulan) and self.periode != "tahunan"

    def target_tw_bounds(self, q: int) -> tuple[Entry, float | None]:
        """(target, upper bound or None) of triwulan ``q`` (0-based)."""
        high = self.target_triwulan_max[q] if self.target_triwulan_max else None
        return self.target_triwulan[q], high

    @property
    def input_quarters(self) -> tuple[int, ...]:
        """The quarters (0-based) a realisasi is entered for: all, or TW IV when tahunan."""
        return (QUARTERS - 1,) if self.periode == "tahunan" else tuple(range(QUARTERS))


@dataclass(frozen=True)
class Jabatan:
    id: str
    nama: str
    unit_kerja: str = ""
    atasan: str | None = None
    tugas: tuple[str, ...] = ()
    fungsi: tuple[str, ...] = ()
    indikator: tuple[Indikator, ...] = ()
    iku: bool = False  # the office's own indicators (IKU), not a jabatan: never summarized

    @property
    def has_pendukung(self) -> bool:
        return any(not i.counted for i in self.indikator)

    @property
    def title(self) -> str:
        return f"{self.nama} ({self.unit_kerja})" if self.unit_kerja else self.nama


@dataclass(frozen=True)
class Keputusan:
    nomor: str = ""
    tanggal: dt.date | str | None = None
    tempat: str = ""
    # the decree's own text (xl-iki dokumen); empty means the document's defaults
    tentang: str = ""
    menimbang: tuple[str, ...] = ()
    mengingat: tuple[str, ...] = ()
    menetapkan: tuple[str, ...] = ()  # the diktum KESATU, KEDUA, ...
    alamat: str = ""  # the address line of the letterhead

    def __post_init__(self) -> None:  # lists read back from JSON become tuples
        for name in ("menimbang", "mengingat", "menetapkan"):
            object.__setattr__(self, name, tuple(getattr(self, name) or ()))


@dataclass(frozen=True)
class Penandatangan:
    jabatan: str = ""
    nama: str = ""
    pangkat: str = ""
    nip: str = ""


@dataclass(frozen=True)
class Instansi:
    nama: str
    pemda: str
    tahun: int
    keputusan: Keputusan | None = None
    penandatangan: Penandatangan | None = None
    batas_capaian: float | None = None


@dataclass(frozen=True)
class PredikatBand:
    min: float
    label: str


#: Permendagri 86/2017 bands, the default (``predikat: permendagri_86_2017``)
DEFAULT_PREDIKAT: tuple[PredikatBand, ...] = (
    PredikatBand(91, "Sangat Tinggi"),
    PredikatBand(76, "Tinggi"),
    PredikatBand(66, "Sedang"),
    PredikatBand(51, "Rendah"),
    PredikatBand(0, "Sangat Rendah"),
)

PREDIKAT_PRESETS: dict[str, tuple[PredikatBand, ...]] = {"permendagri_86_2017": DEFAULT_PREDIKAT}


@dataclass(frozen=True)
class Catalogue:
    instansi: Instansi
    jabatan: tuple[Jabatan, ...]
    predikat: tuple[PredikatBand, ...] = DEFAULT_PREDIKAT  # highest min first
    versi: int = 1
    nilai: NilaiTable | None = None  # nilai capaian: a Nilai column when set

    def source(self, ind: Indikator) -> Indikator:
        """The indicator whose entries and numbers ``ind`` shows: its salin source, or itself."""
        return (self.indikator(ind.salin) or ind) if ind.salin else ind

    def indikator(self, ref: str) -> Indikator | None:
        """The indicator named by a ``jabatan_id.indikator_id`` reference."""
        jab_id, _, ind_id = ref.partition(".")
        for jab in self.jabatan:
            if jab.id == jab_id:
                return next((i for i in jab.indikator if i.id == ind_id), None)
        return None


IKU_ID, IKU_NAMA = "iku", "Indikator Kinerja Utama"


def iku_jabatan(indikator: tuple[Indikator, ...], instansi: str) -> Jabatan:
    """The office's IKU held as a jabatan-like group (id ``iku``), so ``iku.<id>`` references
    and every number work as for a jabatan; its tujuan are listed in its header."""
    tujuan = tuple(dict.fromkeys(i.tujuan for i in indikator if i.tujuan))
    return Jabatan(IKU_ID, IKU_NAMA, instansi, tugas=tujuan, indikator=indikator, iku=True)


#: what a salin indicator takes from its source (it keeps id, nama, sasaran, peran, keterangan)
SALIN_FIELDS = ("jenis", "satuan", "arah", "akumulasi", "target", "target_max", "penjelasan",
                "sumber_data", "penanggung_jawab", "skala", "periode", "target_triwulan",
                "target_triwulan_max", "rencana_aksi")


def resolve_salin(cat: Catalogue) -> Catalogue:
    """The catalogue with every salin indicator carrying its source's measurement fields
    (no komponen and no entries of its own: its numbers are the source's)."""
    def resolved(ind: Indikator) -> Indikator:
        src = cat.indikator(ind.salin) if ind.salin else None
        if src is None or src.salin:
            return ind
        return replace(ind, nama=ind.nama or src.nama, komponen=(), realisasi=empty_quarters(),
                       **{name: getattr(src, name) for name in SALIN_FIELDS})
    jabatan = tuple(replace(j, indikator=tuple(resolved(i) for i in j.indikator))
                    for j in cat.jabatan)
    return replace(cat, jabatan=jabatan)
