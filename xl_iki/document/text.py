"""The words of the decree (Keputusan) and its Lampiran, from the catalogue (no I/O).

Everything the catalogue leaves out gets the wording of the seed decrees; an office changes
it with ``instansi.keputusan: {tentang, menimbang, mengingat, menetapkan, alamat}``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formatting import number_text, tanggal_id
from ..model.catalogue import Catalogue, Entry, Indikator, Jabatan, Komponen
from ..model.jenis import JENIS, default_penjelasan

ORDINALS = ("KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH",
            "KEDELAPAN", "KESEMBILAN", "KESEPULUH")
BLANK_DATE = "…………………"
TABLE_HEADER = ("No", "Sasaran", "Indikator Kinerja", "Penjelasan/Formulasi Perhitungan",
                "Satuan", "Sumber Data", "Penanggung Jawab", "Target")

MENGINGAT = (
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa "
    "kali diubah, terakhir dengan Undang-Undang Nomor 9 Tahun 2015 tentang Perubahan Kedua atas "
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah;",
    "Peraturan Pemerintah Nomor 30 Tahun 2019 tentang Penilaian Kinerja Pegawai Negeri Sipil;",
    "Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/09/M.PAN/5/2007 tentang "
    "Pedoman Umum Penetapan Indikator Kinerja Utama di Lingkungan Instansi Pemerintah;",
)


@dataclass(frozen=True)
class Row:
    """One line of the Lampiran table; ``group`` counts the sasaran (the No column)."""

    group: int
    first_of_group: bool
    indikator: Indikator
    penjelasan: str
    target: str


@dataclass(frozen=True)
class Decree:
    """The decree's words, every default applied."""

    kop: tuple[str, ...]
    alamat: str
    judul: str  # KEPUTUSAN KEPALA DINAS ...
    nomor: str
    tentang: str
    pejabat: str  # the signer's title, as the decree names him
    menimbang: tuple[str, ...]
    mengingat: tuple[str, ...]
    menetapkan: tuple[str, ...]
    tempat: str
    tanggal: str
    nama: str
    pangkat: str
    nip: str


def decree(cat: Catalogue) -> Decree:
    inst = cat.instansi
    kep, sign = inst.keputusan, inst.penandatangan
    pejabat = (sign.jabatan if sign and sign.jabatan else f"Kepala {inst.nama} {inst.pemda}")
    judul = f"Keputusan {pejabat}"
    tentang = (kep.tentang if kep and kep.tentang else
               f"Indikator Kinerja Individu (IKI) pada {inst.nama} {inst.pemda} "
               f"Tahun Anggaran {inst.tahun}")
    menimbang = (
        "bahwa dalam rangka mengukur keberhasilan pelaksanaan tugas dan fungsi setiap jabatan "
        f"pada {inst.nama} {inst.pemda}, perlu menetapkan Indikator Kinerja Individu;",
        "bahwa Indikator Kinerja Individu merupakan penjabaran Indikator Kinerja Utama ke "
        "dalam ukuran kinerja setiap jabatan;",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu "
        f"menetapkan {judul} tentang {tentang};",
    )
    menetapkan = (
        f"Indikator Kinerja Individu pada {inst.nama} {inst.pemda} Tahun {inst.tahun} "
        "sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari "
        "Keputusan ini.",
        "Indikator Kinerja Individu sebagaimana dimaksud dalam Diktum KESATU menjadi acuan "
        "ukuran kinerja dalam perencanaan, pengukuran, pelaporan dan evaluasi capaian kinerja "
        "setiap jabatan.",
        "Keputusan ini mulai berlaku pada tanggal ditetapkan.",
    )
    return Decree(
        kop=(f"Pemerintah {inst.pemda}".upper(), inst.nama.upper()),
        alamat=kep.alamat if kep else "",
        judul=judul.upper(),
        nomor=kep.nomor if kep and kep.nomor else "……/……/……/" + str(inst.tahun),
        tentang=tentang.upper(),
        pejabat=pejabat.upper(),
        menimbang=kep.menimbang if kep and kep.menimbang else menimbang,
        mengingat=kep.mengingat if kep and kep.mengingat else MENGINGAT,
        menetapkan=kep.menetapkan if kep and kep.menetapkan else menetapkan,
        tempat=kep.tempat if kep and kep.tempat else inst.pemda.removeprefix("Kota ")
        .removeprefix("Kabupaten "),
        tanggal=tanggal_id(kep.tanggal) if kep and kep.tanggal else f"{BLANK_DATE} {inst.tahun}",
        nama=sign.nama if sign else "",
        pangkat=sign.pangkat if sign else "",
        nip=sign.nip if sign else "",
    )


def ordinal(n: int) -> str:
    """KESATU, KEDUA, ... (the diktum names), then KE-11, KE-12."""
    return ORDINALS[n] if n < len(ORDINALS) else f"KE-{n + 1}"


def letter(n: int) -> str:
    """a, b, c, ... (menimbang), then aa, ab, ..."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[n] if n < len(letters) else letters[n // 26 - 1] + letters[n % 26]


def number_id(value: float) -> str:
    """A number as an Indonesian reader writes it: 12,5 (never 1.25e+01)."""
    text = number_text(int(value) if float(value).is_integer() else value)
    return text.replace(".", ",")


def target_text(value: Entry, high: float | None) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        low = number_id(value)
        return f"{low} – {number_id(high)}" if high is not None else low
    return "" if value is None else str(value)


def rows(jab: Jabatan, cat: Catalogue) -> list[Row]:
    """The Lampiran table of one jabatan: one row per indicator, numbered per sasaran."""
    out: list[Row] = []
    group, previous = 0, None
    for ind in jab.indikator:
        first = ind.sasaran != previous or group == 0
        if first:
            group, previous = group + 1, ind.sasaran
        names = [(_part_name(k, cat), k.bobot) for k in ind.komponen]
        penjelasan = ind.penjelasan or default_penjelasan(ind.jenis, names, ind.skala,
                                                          ind.akumulasi)
        out.append(Row(group, first, ind, penjelasan, target_text(ind.target, ind.target_max)))
    return out


def _part_name(k: Komponen, cat: Catalogue) -> str:
    source = cat.indikator(k.ref) if k.ref else None
    return k.nama or (source.nama if source else k.ref or "")


def satuan(ind: Indikator) -> str:
    return ind.satuan or JENIS[ind.jenis].satuan


def header_fields(jab: Jabatan) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Jabatan, Unit Kerja, Tugas, Fungsi, each with its lines."""
    return (("Jabatan", (jab.nama,)), ("Unit Kerja", (jab.unit_kerja or "-",)),
            ("Tugas", jab.tugas or ("-",)), ("Fungsi", jab.fungsi or ("-",)))
