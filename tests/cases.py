"""Hand-picked catalogues that exercise every rule of the numbers (used across tests)."""

from __future__ import annotations

from decimal import Decimal

from xl_iki.model import (
    Catalogue,
    Indikator,
    Instansi,
    Jabatan,
    Komponen,
    PredikatBand,
)
from xl_iki.model.catalogue import resolve_salin

Q = (None, None, None, None)


def q(*values) -> tuple:
    return tuple(values) + (None,) * (4 - len(values))


def ind(id_: str, jenis: str, **kw) -> Indikator:
    kw.setdefault("akumulasi", "jumlah" if jenis == "jumlah" else "terakhir")
    kw.setdefault("sasaran", "Sasaran uji")
    return Indikator(id=id_, nama=kw.pop("nama", f"Indikator {id_}"), jenis=jenis, **kw)


def k(nama: str, *values, bobot=None, ref=None) -> Komponen:
    return Komponen(nama=nama, bobot=bobot, ref=ref, realisasi=q(*values) if not ref else Q)


KUAL = ("TMP", "TW", "WDP", "WTP")

#: PermenPANRB 8/2021 worked examples: (indicator, expected capaian as published, 2 decimals)
PERMENPANRB = (
    (ind("pm_85", "rata_rata", target=85.0, realisasi=q(None, None, None, 85)), 100.0),
    (ind("pm_turun_65", "rata_rata", arah="turun", target=7.0, target_max=8.0,
         realisasi=q(6.5)), 107.14),
    (ind("pm_turun_9", "rata_rata", arah="turun", target=7.0, target_max=8.0,
         realisasi=q(9)), 87.5),
    (ind("pm_naik_70", "rata_rata", target=80.0, target_max=90.0, realisasi=q(70)), 87.5),
    (ind("pm_kual", "kualitatif", skala=KUAL, target="WTP", realisasi=q("WDP")), 75.0),
)


def broad_indicators() -> tuple[Indikator, ...]:
    return (
        *(i for i, _ in PERMENPANRB),
        ind("sum_entered", "jumlah", target=40.0, realisasi=q(10, 20, None, 5)),
        ind("sum_text", "jumlah", target=10.0, realisasi=q("12 dokumen", 3, "1.234,5", 4)),
        ind("sum_parts", "jumlah", target=100.0, sasaran="Sasaran kedua",
            komponen=(k("A", 1, None, 3, "x"), k("B", 2, None, None, 4))),
        ind("sum_mean", "jumlah", akumulasi="rata_rata", target=5.0, realisasi=q(4, None, 6)),
        ind("sum_last", "jumlah", akumulasi="terakhir", target=0.0, realisasi=q(4, 2)),
        ind("pct_sum", "persentase", akumulasi="jumlah", target=80.0,
            komponen=(k("Pembilang", 3, 5, 2, 7), k("Penyebut", 4, 0, 3, 10))),
        ind("pct_last", "persentase", target=90.0, target_max=95.0,
            komponen=(k("P", 9, 19, None), k("D", 10, 20, 5))),
        ind("pct_turun", "persentase", arah="turun", target=10.0,
            komponen=(k("P", 3), k("D", 7))),
        ind("pct_none", "persentase", target=50.0, komponen=(k("P", 3), k("D", None))),
        ind("rasio_mean", "rasio", akumulasi="rata_rata", target=1.5,
            komponen=(k("P", 3, 4, 1), k("D", 2, 2, 3))),
        ind("rasio_sum_zero", "rasio", akumulasi="jumlah", target=2.0,
            komponen=(k("P", 3, 1), k("D", 0, 0))),
        ind("idx", "indeks", target=3.5, komponen=(
            k("Domain Kebijakan Internal", 2.5, 3, 3.1, None, bobot=13),
            k("Domain Tata Kelola", 3.0, 3.2, 3.3, 3.9, bobot=25),
            k("Domain Manajemen", 2.0, 2.7, 2.8, 3.0, bobot=16.5))),
        ind("idx_ref", "indeks", target=70.0, komponen=(
            k("", ref="a.pct_last", bobot=2), k("Survei", 60, 70, 80, 90, bobot=1))),
        ind("mean_ref", "rata_rata", target=50.0, komponen=(
            k("", ref="b.b_sum"), k("Lainnya", 10, None, 30, None))),
        ind("ada", "ada_tidak", target="Ada", realisasi=q("Ada", "Tidak Ada")),
        ind("ada_lower", "ada_tidak", target="Ada", realisasi=q("tidak ada", None, "ada")),
        ind("tidak_ada", "ada_tidak", target="Tidak Ada", realisasi=q("Tidak Ada")),
        ind("ada_junk", "ada_tidak", target="Ada", realisasi=q("mungkin")),
        ind("skor", "skor", skala=(1.0, 5.0), target=4.0, realisasi=q(3, 4.5)),
        ind("skor_range", "skor", skala=(1.0, 5.0), target=3.0, target_max=4.0,
            realisasi=q(3.5)),
        ind("kual_top", "kualitatif", skala=KUAL, target="WDP", realisasi=q("TW", "wtp")),
        ind("kual_junk", "kualitatif", skala=KUAL, target="WTP", realisasi=q("Baik")),
        ind("turun_single", "rata_rata", arah="turun", target=10.0, realisasi=q(12)),
        ind("turun_floor", "rata_rata", arah="turun", target=10.0, realisasi=q(25)),
        ind("range_inside", "rata_rata", target=80.0, target_max=90.0, realisasi=q(85)),
        ind("range_above", "rata_rata", target=80.0, target_max=90.0, realisasi=q(99)),
        ind("range_zero_low", "rata_rata", arah="turun", target=0.0, target_max=5.0,
            realisasi=q(0)),
        ind("no_target", "jumlah", realisasi=q(3)),
        ind("no_real", "jumlah", target=3.0),
        ind("big_ratio", "rata_rata", target=3.0, realisasi=q(1000)),
        ind("near_band", "rata_rata", target=100.0, realisasi=q(91)),
        *measure_indicators(),
    )


def measure_indicators() -> tuple[Indikator, ...]:
    """Every field of the measuring extension (issue 13): quarterly targets for each
    akumulasi and kind, periode tahunan."""
    return (
        ind("tw_sum", "jumlah", target=40.0, target_triwulan=q(10, 20, 30, 40),
            rencana_aksi=("Draf", "Bahas", "", "Tetapkan"), realisasi=q(12, 3, None, 30)),
        ind("tw_last", "rata_rata", target=80.0, target_triwulan=q(70, 74, 77, 80),
            realisasi=q(68, 75, 90)),
        ind("tw_mean", "rata_rata", akumulasi="rata_rata", target=80.0,
            target_triwulan=q(80, 80, 80, 80), realisasi=q(70, None, 95, 81)),
        ind("tw_ratio", "persentase", akumulasi="jumlah", target=60.0,
            target_triwulan=q(50, 55, 58, 60),
            komponen=(k("P", 5, 7, 6, 10), k("D", 10, 10, 10, 20))),
        ind("tw_turun", "rata_rata", arah="turun", target=5.0, target_triwulan=q(8, 7, 6, 5),
            realisasi=q(9, 7, 4)),
        ind("tw_ada", "ada_tidak", target="Ada", target_triwulan=q("Tidak Ada", "Ada", "Ada"),
            realisasi=q("Tidak Ada", "Tidak Ada", "Ada")),
        ind("tw_kual", "kualitatif", skala=KUAL, target="WTP", target_triwulan=q(None, "WDP"),
            realisasi=q("TW", "WDP")),
        ind("tahunan", "skor", skala=(0.0, 100.0), target=70.0, periode="tahunan",
            realisasi=q(None, None, None, 72.5)),
        *range_quarter_indicators(),
    )


def range_quarter_indicators() -> tuple[Indikator, ...]:
    """Quarterly targets written as ranges "lo-hi" (some quarters single), every akumulasi."""
    return (
        ind("twr_sum", "jumlah", target=40.0, target_max=50.0, target_triwulan=q(8, 20, 25, 40),
            target_triwulan_max=q(12, None, 35, 50), realisasi=q(10, 5, 15, 30)),
        ind("twr_turun", "rata_rata", arah="turun", target=5.0, target_max=6.0,
            target_triwulan=q(8, 7, 6, 5), target_triwulan_max=q(9, 8, 7, 6),
            realisasi=q(10, 7.5, 5)),
        ind("twr_mean", "rata_rata", akumulasi="rata_rata", target=85.0, target_max=95.0,
            target_triwulan=q(70, 75, 80, 85), target_triwulan_max=q(80, 85, 90, 95),
            realisasi=q(60, None, 100, 90)),
        ind("twr_ratio", "persentase", akumulasi="jumlah", target=60.0, target_max=70.0,
            target_triwulan=q(40, 50, 60, 60), target_triwulan_max=q(50, 60, None, 70),
            komponen=(k("P", 3, 6, 10, 12), k("D", 10, 10, 10, 10))),
    )


def salin_indicators() -> tuple[Indikator, ...]:
    """Indicators of jabatan a shown from another row (salin), on another sheet and this one."""
    return (
        ind("salin_b", "jumlah", salin="b.b_sum"),
        ind("salin_tw", "jumlah", salin="a.tw_sum"),
        ind("salin_pct", "jumlah", nama="", salin="a.pct_sum"),
        ind("salin_ada", "jumlah", salin="a.tw_ada", peran="pendukung"),
        ind("salin_range", "jumlah", salin="a.twr_turun"),
    )


def broad_catalogue(cap: float | None = None, bands: tuple | None = None) -> Catalogue:
    a = Jabatan(
        id="a", nama="Kepala Seksi Pengujian Rumus dan Formulasi Perhitungan Indikator",
        unit_kerja="Bidang Aplikasi Informatika",
        tugas=("=HYPERLINK(\"http://contoh\")", "+62 tugas kedua", "-minus", "@at"),
        fungsi=("Fungsi satu",), indikator=(*broad_indicators(), *salin_indicators()))
    b = Jabatan(
        id="b", nama="Kepala Seksi Pengujian Rumus dan Formulasi Perhitungan Indikator",
        unit_kerja="Bidang Statistik", tugas=("Tugas b",), fungsi=(),
        indikator=(
            ind("b_sum", "jumlah", target=20.0, komponen=(k("X", 1, 2, None, 4),
                                                         k("Y", 5, None, None, 6))),
            ind("b_ref_idx", "indeks", target=2.0, komponen=(k("", ref="b.b_sum", bobot=1),)),
            ind("b_formula_text", "jumlah", nama="=1+1", penjelasan="=SUM(A1:A3)",
                sumber_data="@risalah", penanggung_jawab="-", target=1.0),
            ind("b_pendukung", "rata_rata", peran="pendukung", target=10.0, realisasi=q(3)),
        ))
    c = Jabatan(id="c", nama="Pranata Komputer", indikator=())
    inst = Instansi("Dinas Uji", "Kabupaten Contoh", 2025, batas_capaian=cap)
    if bands is None:
        return resolve_salin(Catalogue(inst, (a, b, c)))
    return resolve_salin(Catalogue(inst, (a, b, c), bands))


CUSTOM_BANDS = (
    PredikatBand(100, "Melampaui"),
    PredikatBand(80, "Baik"),
    PredikatBand(-5, "Kurang"),
)


# --- band edges: pairs whose capaian is exactly a band's min in decimal arithmetic ----------

#: a custom scale with fractional mins, labels with '"', and a fractional cap
FRACTIONAL_BANDS = (
    PredikatBand(100.0001, 'Melampaui "Istimewa"'),  # strictly above 100 %
    PredikatBand(87.5, 'Baik "B"'),
    PredikatBand(60.25, "Cukup"),
    PredikatBand(0, "Kurang"),
)
FRACTIONAL_CAP = 112.345  # shown and compared as 112.35 (half away from zero)

#: edge -> the predikat a capaian exactly on it gets (read off the band tables, by hand)
DEFAULT_EDGES = {91: "Sangat Tinggi", 76: "Tinggi", 66: "Sedang", 51: "Rendah",
                 0: "Sangat Rendah"}
FRACTIONAL_EDGES = {"100.01": 'Melampaui "Istimewa"', "100": 'Baik "B"', "87.5": 'Baik "B"',
                    "60.25": "Cukup", "0": "Kurang"}


def edge_pairs(edge: str, arah: str, count: int) -> list[tuple[float, float]]:
    """(target, realisasi) with at most 2 decimals each whose capaian is exactly ``edge`` %.

    Targets run over 0.05 .. 500 in steps of 0.05; pairs whose binary capaian falls just
    below the edge (90.99999999999999 for 4.55 of 5) come first, as they are the ones a
    spreadsheet and a model can disagree on.
    """
    e = Decimal(edge)
    below, exact = [], []
    for k in range(1, 10001):
        t = Decimal(k) / 20
        r = t * e / 100 if arah == "naik" else t * (200 - e) / 100
        if r != r.quantize(Decimal("0.01")):
            continue
        tf, rf = float(t), float(r)
        binary = rf / tf * 100 if arah == "naik" else max(0.0, (2 * tf - rf) / tf * 100)
        (below if binary < float(e) else exact).append((tf, rf))
    picked = below[: count * 2 // 3]
    return picked + exact[: count - len(picked)]


def label_of(bands: tuple, value: float) -> str:
    return next(b.label for b in bands if value >= b.min)


def band_edge_catalogue(bands: tuple = (), cap: float | None = None,
                        count: int = 22) -> tuple[Catalogue, dict[tuple[str, str], str]]:
    """A catalogue of band-edge indicators and the predikat each must get.

    One jabatan per (edge, arah). Two thirds are entered in TW IV (akumulasi terakhir), one
    third split over TW I and TW II (akumulasi jumlah: the sum is the realisasi).
    """
    edges = FRACTIONAL_EDGES if bands else {str(e): label for e, label in DEFAULT_EDGES.items()}
    expected: dict[tuple[str, str], str] = {}
    jabatan = []
    for edge, label in edges.items():
        for arah in ("naik", "turun"):
            jab_id = f"e{edge.replace('.', '_')}_{arah}"
            inds = []
            for n, (t, r) in enumerate(edge_pairs(edge, arah, count)):
                if n % 3 == 2:
                    first = float((Decimal(str(r)) * Decimal("0.4")).quantize(Decimal("0.01")))
                    second = float(Decimal(str(r)) - Decimal(str(first)))
                    i = ind(f"p{n}", "jumlah", arah=arah, target=t,
                            realisasi=q(first, second))
                else:
                    i = ind(f"p{n}", "rata_rata", arah=arah, target=t,
                            realisasi=q(None, None, None, r))
                inds.append(i)
                expected[jab_id, i.id] = label
            jabatan.append(Jabatan(id=jab_id, nama=f"Kasi Pita {edge} {arah}",
                                   indikator=tuple(inds)))
    if cap is not None:  # capaian at and above the cap: the cap, rounded
        top = label_of(bands, cap) if bands else ""
        inds = [ind(f"c{n}", "rata_rata", target=t, realisasi=q(r))
                for n, (t, r) in enumerate([*edge_pairs(repr(cap), "naik", 10),
                                            (4.0, 6.0), (0.5, 0.57), (3.0, 3.3705)])]
        expected.update({("batas", i.id): top for i in inds})
        jabatan.append(Jabatan(id="batas", nama="Kasi Pita batas", indikator=tuple(inds)))
    inst = Instansi("Dinas Uji", "Kabupaten Contoh", 2025, batas_capaian=cap)
    return Catalogue(inst, tuple(jabatan), *((bands,) if bands else ())), expected


# --- rounding: values on a half in decimal that binary floating point misses --------------

#: literal capaian values where ROUND(x,2) differs between engines (issue 11)
ROUNDING_LITERALS = (1.005, 90.99999999999999, 0.125, 2.675, 1.015, -1.005, 87.12499999999999,
                     0.285, 8.575, 4.435, 99.995, 90.995, 75.995, 65.995, 50.995, 1e-300,
                     123456.785, 0.0, 100.0)


def half_pairs(count: int) -> list[tuple[float, float, str]]:
    """(target, realisasi, arah) with 2 decimals whose capaian is exactly x.xx5 in decimal."""
    out = []
    for t in ("0.4", "0.8", "1.6", "2", "4", "5", "8", "16", "20", "25", "40", "3.2", "12.5"):
        for k in range(1, 20000, 7):
            r = Decimal(k) / 100
            for arah in ("naik", "turun"):
                cap = (r if arah == "naik" else 2 * Decimal(t) - r) / Decimal(t) * 100
                _, digits, exponent = cap.normalize().as_tuple()
                if 0 < cap < 200 and exponent == -3 and digits[-1] == 5:
                    out.append((float(t), float(r), arah))
    return out[:: max(1, len(out) // count)][:count]


#: PermenPANRB 8/2021 worked examples for nilai: 93/95 -> 97.89 -> 88 (Cukup), 85/85 -> 100 ->
#: 109 (Baik), above 110 -> 120
NILAI_EXAMPLES = (
    (ind("nilai_cukup", "rata_rata", target=95.0, realisasi=q(93)), 97.89, 88.0),
    (ind("nilai_atas", "rata_rata", target=100.0, realisasi=q(111)), 111.0, 120.0),
    (ind("nilai_kurang", "rata_rata", target=100.0, realisasi=q(70)), 70.0, 60.0),
    (ind("nilai_sangat_kurang", "rata_rata", target=100.0, realisasi=q(30)), 30.0, 25.0),
    (ind("nilai_celah", "rata_rata", target=100.0, realisasi=q(105)), 105.0, None),
    # Lampiran p. 243: target 85, realisasi 85 -> capaian 100% -> Baik, nilai 109
    (ind("nilai_baik", "rata_rata", target=85.0, realisasi=q(85)), 100.0, 109.0),
    (ind("nilai_di_bawah_baik", "rata_rata", target=200.0, realisasi=q(199)), 99.5, 90.0),
)


def measure_catalogue() -> Catalogue:
    """Every field of issue 13 at once: the broad set with the nilai preset and its examples."""
    from xl_iki.model.catalogue import iku_jabatan
    from xl_iki.model.nilai import PERMENPANRB_8_2021

    cat = broad_catalogue()
    extra = Jabatan(id="n", nama="Penguji Nilai", indikator=tuple(i for i, _, _ in NILAI_EXAMPLES))
    iku = iku_jabatan((
        ind("up", "rata_rata", tujuan="Tujuan uji", target=50.0, komponen=(k("", ref="a.tw_sum"),)),
        ind("own", "persentase", tujuan="Tujuan uji", target=80.0, periode="tahunan",
            komponen=(k("P", None, None, None, 7), k("D", None, None, None, 9))),
    ), cat.instansi.nama)
    down = ind("down", "jumlah", salin="iku.own")
    return resolve_salin(Catalogue(cat.instansi, (iku, *cat.jabatan, extra, Jabatan(
        id="m", nama="Penguji IKU", indikator=(down, ind("via", "rata_rata", target=1.0,
                                                            komponen=(k("", ref="iku.up"),))))),
        cat.predikat, nilai=PERMENPANRB_8_2021))


#: the start of a small catalogue: one jabatan 'kadis', its indicators follow (YAML text)
KADIS = """
versi: 1
instansi: {nama: Dinas, pemda: Kota, tahun: 2026}
jabatan:
  - id: kadis
    nama: Kepala Dinas
    indikator:"""
