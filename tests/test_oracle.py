"""Hand-computed oracle: expected realisasi, capaian and predikat written from the rules'
text, not from our code, checked against the model, the formulas package, LibreOffice and
Gnumeric. A mistake made the same way in the model and the formulas cannot pass here.

Sources cited in each row:

- PAN-f: PermenPANRB 8/2021, Lampiran, hlm. 99-100, huruf (f): Capaian IKI (%) =
  Realisasi / Target x 100%; target rentang: realisasi di atas rentang dibandingkan dengan
  batas atas, di bawah rentang dengan batas bawah. Contoh b: target 80-90 %, realisasi 70 %
  -> 87,5 %. (Di dalam rentang target tercapai: 100 %.)
- PAN-g: idem huruf (g), "kondisi khusus" (makin rendah makin baik): Capaian IKI (%) =
  (1 + (1 - Realisasi / Target)) x 100% = (2 x Target - Realisasi) / Target x 100%.
  Contoh a: target 7-8 bulan, realisasi 6,5 -> 107 %; contoh b: realisasi 9 -> 87,5 %.
- PMDN: Permendagri 86/2017, skala nilai peringkat kinerja: 91 <= x Sangat Tinggi;
  76 <= x <= 90 Tinggi; 66 <= x <= 75 Sedang; 51 <= x <= 65 Rendah; x <= 50 Sangat Rendah.
- KAT-n: docs/katalog.md bagian n (the catalogue rules written from the decrees: 4 jenis,
  5 akumulasi, 6 target dan capaian, 7 predikat); KAT-6.8 is the rounding rule (capaian
  dibulatkan 2 desimal, setengah menjauhi nol; predikat mengikuti capaian yang tampil).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from cases import FRACTIONAL_BANDS, FRACTIONAL_CAP, KUAL, ind, k, q
from engines import (
    cached_values,
    formulas_values,
    gnumeric_convert,
    indicator_rows,
    libreoffice_convert,
    rekap_rows,
)

from xl_iki.model import Catalogue, Indikator, Instansi, Jabatan, PredikatBand, evaluate
from xl_iki.model.numbers import sum_left
from xl_iki.workbook import layout as L
from xl_iki.workbook import write_workbook


@dataclass(frozen=True)
class Row:
    ind: Indikator
    realisasi: float | None  # annual realisasi as a number (Ada = 1, rank of a label)
    capaian: float | None
    predikat: str
    source: str


# --- every numeric jenis x arah x akumulasi ------------------------------------------------
# Quarter values in every case: TW I 4, TW II blank, TW III 6, TW IV 5 (KAT-4 per jenis):
QUARTERS = {
    "jumlah": {"realisasi": q(4, None, 6, 5)},
    "skor": {"skala": (0.0, 10.0), "realisasi": q(4, None, 6, 5)},
    "rata_rata": {"komponen": (k("A", 4, None, 6, 4), k("B", None, None, 6, 6))},  # 4, -, 6, 5
    "indeks": {"komponen": (k("A", 4, None, 6, 2, bobot=1.0),  # (4+3*4)/4, -, 6, (2+3*6)/4
                            k("B", 4, None, 6, 6, bobot=3.0))},
    "persentase": {"komponen": (k("P", 2, None, 3, 1),  # 4 %, -, 6 %, 5 %
                                k("D", 50, None, 50, 20))},
    "rasio": {"komponen": (k("P", 4, None, 6, 5), k("D", 1, None, 1, 1))},
}
# akumulasi (KAT-5): jumlah 4+6+5 = 15, except ratios: sum P / sum D (6/120*100 = 5; 15/3 = 5);
# terakhir 5; rata_rata (4+6+5)/3 = 5.
# naik (PAN-f): R 15, target 20 -> 75 (Sedang); R 5, target 5.5 -> 90.9090.. -> 90.91 (Tinggi).
# turun (PAN-g): R 15, target 12 -> (24-15)/12 = 75 (Sedang);
#                R 5, target 4.4 -> (8.8-5)/4.4 = 86.3636.. -> 86.36 (Tinggi).
GRID = """
jenis       arah  akumulasi  R   target capaian predikat
jumlah      naik  jumlah     15  20     75      Sedang
jumlah      naik  terakhir   5   5.5    90.91   Tinggi
jumlah      naik  rata_rata  5   5.5    90.91   Tinggi
jumlah      turun jumlah     15  12     75      Sedang
jumlah      turun terakhir   5   4.4    86.36   Tinggi
jumlah      turun rata_rata  5   4.4    86.36   Tinggi
skor        naik  jumlah     15  20     75      Sedang
skor        naik  terakhir   5   5.5    90.91   Tinggi
skor        naik  rata_rata  5   5.5    90.91   Tinggi
skor        turun jumlah     15  12     75      Sedang
skor        turun terakhir   5   4.4    86.36   Tinggi
skor        turun rata_rata  5   4.4    86.36   Tinggi
rata_rata   naik  jumlah     15  20     75      Sedang
rata_rata   naik  terakhir   5   5.5    90.91   Tinggi
rata_rata   naik  rata_rata  5   5.5    90.91   Tinggi
rata_rata   turun jumlah     15  12     75      Sedang
rata_rata   turun terakhir   5   4.4    86.36   Tinggi
rata_rata   turun rata_rata  5   4.4    86.36   Tinggi
indeks      naik  jumlah     15  20     75      Sedang
indeks      naik  terakhir   5   5.5    90.91   Tinggi
indeks      naik  rata_rata  5   5.5    90.91   Tinggi
indeks      turun jumlah     15  12     75      Sedang
indeks      turun terakhir   5   4.4    86.36   Tinggi
indeks      turun rata_rata  5   4.4    86.36   Tinggi
persentase  naik  jumlah     5   5.5    90.91   Tinggi
persentase  naik  terakhir   5   5.5    90.91   Tinggi
persentase  naik  rata_rata  5   5.5    90.91   Tinggi
persentase  turun jumlah     5   4.4    86.36   Tinggi
persentase  turun terakhir   5   4.4    86.36   Tinggi
persentase  turun rata_rata  5   4.4    86.36   Tinggi
rasio       naik  jumlah     5   5.5    90.91   Tinggi
rasio       naik  terakhir   5   5.5    90.91   Tinggi
rasio       naik  rata_rata  5   5.5    90.91   Tinggi
rasio       turun jumlah     5   4.4    86.36   Tinggi
rasio       turun terakhir   5   4.4    86.36   Tinggi
rasio       turun rata_rata  5   4.4    86.36   Tinggi
"""


def grid_rows() -> list[Row]:
    rows = []
    for line in GRID.strip().splitlines()[1:]:
        jenis, arah, akumulasi, real, target, cap, label = line.split()
        source = (f"KAT-4 {jenis}, KAT-5 {akumulasi}, {'PAN-f' if arah == 'naik' else 'PAN-g'}, "
                  "PMDN, KAT-6.8")
        i = ind(f"{jenis}_{arah}_{akumulasi}", jenis, arah=arah, akumulasi=akumulasi,
                target=float(target), **QUARTERS[jenis])
        rows.append(Row(i, float(real), float(cap), label, source))
    return rows


# --- ranges, zero, blank, labels, band edges and rounding (default bands) ------------------
SPECIAL = [
    # range targets (PAN-f, PAN-g and their worked examples)
    Row(ind("pan_f_b", "rata_rata", target=80.0, target_max=90.0, realisasi=q(70)),
        70, 87.5, "Tinggi", "PAN-f contoh b: 70 / 80 x 100 = 87,5"),
    Row(ind("pan_g_a", "rata_rata", arah="turun", target=7.0, target_max=8.0, realisasi=q(6.5)),
        6.5, 107.14, "Sangat Tinggi", "PAN-g contoh a: (2x7 - 6,5) / 7 = 107,142.. -> 107,14"),
    Row(ind("pan_g_b", "rata_rata", arah="turun", target=7.0, target_max=8.0, realisasi=q(9)),
        9, 87.5, "Tinggi", "PAN-g contoh b: (2x8 - 9) / 8 = 87,5"),
    Row(ind("range_in", "jumlah", akumulasi="terakhir", target=80.0, target_max=90.0,
            realisasi=q(85)), 85, 100, "Sangat Tinggi", "PAN-f: di dalam rentang, tercapai"),
    Row(ind("range_above", "rata_rata", target=80.0, target_max=90.0, realisasi=q(99)),
        99, 110, "Sangat Tinggi", "PAN-f: di atas rentang: 99 / 90 x 100 = 110"),
    Row(ind("range_zero_in", "rata_rata", arah="turun", target=0.0, target_max=5.0,
            realisasi=q(0)), 0, 100, "Sangat Tinggi", "PAN-f/KAT-6.3: 0 di dalam 0-5"),
    Row(ind("pct_range_last", "persentase", target=90.0, target_max=95.0,
            komponen=(k("P", 9, 19, None), k("D", 10, 20, 5))),
        95, 100, "Sangat Tinggi", "KAT-4: TW III kosong (P kosong); terakhir 19/20 = 95, "
        "di dalam 90-95"),
    # zero and blank (KAT-6.1, KAT-6.4, KAT-4)
    Row(ind("target_zero", "jumlah", target=0.0, realisasi=q(4, 2)), 6, None, "",
        "KAT-6.4: target 0 -> kosong"),
    Row(ind("no_target", "jumlah", realisasi=q(3)), 3, None, "", "KAT-6.1: target kosong"),
    Row(ind("no_real", "jumlah", target=3.0), None, None, "", "KAT-6.1: realisasi kosong"),
    Row(ind("text_entry", "jumlah", target=4.0, realisasi=q("12 dokumen", 3)), 3, 75, "Sedang",
        "KAT-4: '12 dokumen' bukan angka; 3 / 4 = 75"),
    Row(ind("pct_den_zero", "persentase", target=50.0, komponen=(k("P", 3), k("D", 0))),
        None, None, "", "KAT-4 persentase: penyebut 0 -> kosong"),
    Row(ind("pct_sum_gap", "persentase", akumulasi="jumlah", target=80.0,
            komponen=(k("P", 3, 5, 2, 7), k("D", 4, 0, 3, 10))),
        1200 / 17, 88.24, "Tinggi", "KAT-5: TW II kosong; (3+2+7)/(4+3+10) = 70,588..; "
        "/ 80 = 88,235.. -> 88,24"),
    Row(ind("rasio_zero", "rasio", akumulasi="jumlah", target=2.0,
            komponen=(k("P", 3, 1), k("D", 0, 0))), None, None, "",
        "KAT-4 rasio: penyebut 0 -> kosong"),
    Row(ind("turun_floor", "rata_rata", arah="turun", target=10.0, realisasi=q(25)),
        25, 0, "Sangat Rendah", "PAN-g: (20 - 25) / 10 < 0 -> 0 (KAT-6.5)"),
    Row(ind("pct_turun_floor", "persentase", arah="turun", target=10.0,
            komponen=(k("P", 3), k("D", 7))), 300 / 7, 0, "Sangat Rendah",
        "PAN-g: 3/7 x 100 = 42,857..; (20 - 42,857..) < 0 -> 0"),
    # ada_tidak (KAT-4, KAT-6.2)
    Row(ind("ada_last_tidak", "ada_tidak", target="Ada", realisasi=q("Ada", "Tidak Ada")),
        0, 0, "Sangat Rendah", "KAT-6.2: terakhir Tidak Ada, target Ada -> 0"),
    Row(ind("ada_lower", "ada_tidak", target="Ada", realisasi=q("tidak ada", None, "ada")),
        1, 100, "Sangat Tinggi", "KAT-6.2: terakhir 'ada' = Ada -> 100"),
    Row(ind("tidak_tidak", "ada_tidak", target="Tidak Ada", realisasi=q("Tidak Ada")),
        0, 100, "Sangat Tinggi", "KAT-6.2: target Tidak Ada, realisasi Tidak Ada -> 100"),
    Row(ind("tidak_ada_ada", "ada_tidak", target="Tidak Ada", realisasi=q("Ada")),
        1, 0, "Sangat Rendah", "KAT-6.2: target Tidak Ada, realisasi Ada: berbeda -> 0"),
    Row(ind("ada_junk", "ada_tidak", target="Ada", realisasi=q("mungkin")), None, None, "",
        "KAT-4: 'mungkin' bukan Ada/Tidak Ada -> kosong"),
    # kualitatif (KAT-6.6)
    Row(ind("kual_wdp", "kualitatif", skala=KUAL, target="WTP", realisasi=q("WDP")),
        3, 75, "Sedang", "KAT-6.6: WDP peringkat 3, WTP 4: 3/4 = 75"),
    Row(ind("kual_up", "kualitatif", skala=KUAL, target="WDP", realisasi=q("TW", "wtp")),
        4, 133.33, "Sangat Tinggi", "KAT-6.6: 4/3 = 133,33.."),
    Row(ind("kual_junk", "kualitatif", skala=KUAL, target="WTP", realisasi=q("Baik")),
        None, None, "", "KAT-4: 'Baik' bukan label skala"),
    # band edges, every default band, naik and turun (PMDN, KAT-7, KAT-6.8)
    Row(ind("edge_91", "rata_rata", target=5.0, realisasi=q(4.55)), 4.55, 91, "Sangat Tinggi",
        "PAN-f, PMDN: 4,55 / 5 = 91 (biner 90,99999999999999)"),
    Row(ind("edge_76", "rata_rata", target=25.0, realisasi=q(19)), 19, 76, "Tinggi",
        "PAN-f, PMDN: 19 / 25 = 76"),
    Row(ind("edge_66", "rata_rata", target=50.0, realisasi=q(33)), 33, 66, "Sedang",
        "PAN-f, PMDN: 33 / 50 = 66"),
    Row(ind("edge_51", "rata_rata", target=100.0, realisasi=q(51)), 51, 51, "Rendah",
        "PAN-f, PMDN: 51 / 100 = 51"),
    Row(ind("edge_50", "rata_rata", target=100.0, realisasi=q(50)), 50, 50, "Sangat Rendah",
        "PAN-f, PMDN: 50 <= 50"),
    Row(ind("edge_91_turun", "rata_rata", arah="turun", target=20.0, realisasi=q(21.8)),
        21.8, 91, "Sangat Tinggi", "PAN-g, PMDN: (40 - 21,8) / 20 = 91"),
    Row(ind("edge_76_turun", "rata_rata", arah="turun", target=25.0, realisasi=q(31)),
        31, 76, "Tinggi", "PAN-g, PMDN: (50 - 31) / 25 = 76"),
    Row(ind("edge_66_turun", "rata_rata", arah="turun", target=4.0, realisasi=q(5.36)),
        5.36, 66, "Sedang", "PAN-g, PMDN: (8 - 5,36) / 4 = 66"),
    Row(ind("edge_51_turun", "rata_rata", arah="turun", target=0.7, realisasi=q(1.043)),
        1.043, 51, "Rendah", "PAN-g, PMDN: (1,4 - 1,043) / 0,7 = 51"),
    Row(ind("below_91", "rata_rata", target=100.0, realisasi=q(90.99)), 90.99, 90.99, "Tinggi",
        "PMDN: 90,99 < 91"),
    Row(ind("half_up", "rata_rata", target=8.0, realisasi=q(6.97)), 6.97, 87.13, "Tinggi",
        "KAT-6.8: 6,97 / 8 = 87,125 -> 87,13 (setengah menjauhi nol)"),
    Row(ind("round_to_91", "rata_rata", target=200.0, realisasi=q(181.99)), 181.99, 91,
        "Sangat Tinggi", "KAT-6.8: 181,99 / 200 = 90,995 -> 91,00 -> Sangat Tinggi"),
    Row(ind("round_below", "rata_rata", target=1000.0, realisasi=q(909.94)), 909.94, 90.99,
        "Tinggi", "KAT-6.8: 909,94 / 1000 = 90,994 -> 90,99 -> Tinggi"),
]

# --- a cap of 120 (KAT-6.7) ------------------------------------------------------------------
CAPPED = [
    Row(ind("cap_big", "rata_rata", target=3.0, realisasi=q(1000)), 1000, 120, "Sangat Tinggi",
        "KAT-6.7: 1000 / 3 = 33333,3 -> dibatasi 120"),
    Row(ind("cap_turun", "rata_rata", arah="turun", target=5.0, realisasi=q(3)), 3, 120,
        "Sangat Tinggi", "PAN-g: (10 - 3) / 5 = 140 -> dibatasi 120"),
    Row(ind("cap_below", "rata_rata", arah="turun", target=7.0, target_max=8.0,
            realisasi=q(6.5)), 6.5, 107.14, "Sangat Tinggi", "PAN-g contoh a, di bawah batas"),
    Row(ind("cap_ada", "ada_tidak", target="Ada", realisasi=q("Ada")), 1, 100, "Sangat Tinggi",
        "KAT-6.2, di bawah batas"),
]

# --- a fractional cap 112.345 and a scale with fractions and '"' in labels ----------------
MELAMPAUI, BAIK = 'Melampaui "Istimewa"', 'Baik "B"'  # FRACTIONAL_BANDS: >100, 87.5, 60.25, 0
SCALED = [
    Row(ind("f_cap", "rata_rata", target=4.0, realisasi=q(6)), 6, 112.35, MELAMPAUI,
        "KAT-6.7, KAT-6.8: 150 -> batas 112,345 -> 112,35"),
    Row(ind("f_875", "rata_rata", target=8.0, realisasi=q(7)), 7, 87.5, BAIK,
        "PAN-f: 7 / 8 = 87,5 = min Baik"),
    Row(ind("f_100", "rata_rata", target=100.0, realisasi=q(100)), 100, 100, BAIK,
        "KAT-7: 100 < 100,0001 (Melampaui hanya di atas 100)"),
    Row(ind("f_10001", "rata_rata", target=100.0, realisasi=q(100.01)), 100.01, 100.01,
        MELAMPAUI, "KAT-7: 100,01 >= 100,0001"),
    Row(ind("f_6025", "rata_rata", target=400.0, realisasi=q(241)), 241, 60.25, "Cukup",
        "PAN-f: 241 / 400 = 60,25 = min Cukup"),
    Row(ind("f_6025_up", "rata_rata", target=400.0, realisasi=q(240.99)), 240.99, 60.25,
        "Cukup", "KAT-6.8: 240,99 / 400 = 60,2475 -> 60,25"),
    Row(ind("f_875_turun", "rata_rata", arah="turun", target=8.0, realisasi=q(9)), 9, 87.5,
        BAIK, "PAN-g: (16 - 9) / 8 = 87,5"),
    Row(ind("f_602", "rata_rata", target=10.0, realisasi=q(6.02)), 6.02, 60.2, "Kurang",
        "PAN-f: 60,2 < 60,25"),
]

# --- jabatan summaries (KAT-7: mean of the capaian, rounded like a capaian) ----------------
SUMMARY_ROWS = [
    Row(ind("s1", "rata_rata", target=100.0, realisasi=q(90.99)), 90.99, 90.99, "Tinggi", "PMDN"),
    Row(ind("s2", "rata_rata", target=100.0, realisasi=q(91)), 91, 91, "Sangat Tinggi", "PMDN"),
    Row(ind("s3", "rata_rata", target=100.0, realisasi=q(91)), 91, 91, "Sangat Tinggi", "PMDN"),
]
#: jabatan id -> (mean capaian, predikat): (90.99 + 91 + 91) / 3 = 90.9966.. -> 91,00
SUMMARY = {"ringkas": (91.0, "Sangat Tinggi")}


@dataclass(frozen=True)
class Book:
    rows: list[Row]
    cap: float | None = None
    bands: tuple[PredikatBand, ...] = ()
    summary_rows: tuple[Row, ...] = ()


BOOKS = {
    "bawaan": Book(grid_rows() + SPECIAL, summary_rows=tuple(SUMMARY_ROWS)),
    "batas": Book(CAPPED, cap=120.0),
    "skala": Book(SCALED, cap=FRACTIONAL_CAP, bands=FRACTIONAL_BANDS),
}


def catalogue(book: Book, apostrophe: bool) -> Catalogue:
    """The book's rows on one jabatan sheet named with an apostrophe (``Ma'arif``) unless
    ``apostrophe`` is false (the formulas package cannot read such sheet names)."""
    name = "Kasi Ma'arif" if apostrophe else "Kasi Maarif"
    jabatan = [Jabatan(id="oracle", nama=name, indikator=tuple(r.ind for r in book.rows))]
    if book.summary_rows:
        jabatan.append(Jabatan(id="ringkas", nama=f"{name} Ringkas",
                               indikator=tuple(r.ind for r in book.summary_rows)))
    inst = Instansi("Dinas Uji", "Kota Uji", 2025, batas_capaian=book.cap)
    return Catalogue(inst, tuple(jabatan), *((book.bands,) if book.bands else ()))


def expected(book: Book) -> dict[tuple[str, str], Row]:
    return {**{("oracle", r.ind.id): r for r in book.rows},
            **{("ringkas", r.ind.id): r for r in book.summary_rows}}


def test_the_table_is_big_enough_and_covers_every_combination():
    rows = [r for b in BOOKS.values() for r in (*b.rows, *b.summary_rows)]
    assert len(rows) >= 40
    combos = {(r.ind.jenis, r.ind.arah, r.ind.akumulasi) for r in rows}
    numeric = ("jumlah", "skor", "rata_rata", "indeks", "persentase", "rasio")
    assert {(j, a, k) for j in numeric for a in ("naik", "turun")
            for k in ("jumlah", "terakhir", "rata_rata")} <= combos
    assert all(r.source for r in rows)


def same_number(got: object, want: float | None) -> bool:
    if want is None:
        return got is None
    return isinstance(got, float) and abs(got - want) <= 1e-9 * max(1.0, abs(want))


@pytest.mark.parametrize("name", BOOKS)
def test_model_matches_the_hand_computed_table(name):
    book = BOOKS[name]
    results = evaluate(catalogue(book, apostrophe=True))
    wrong = []
    for key, row in expected(book).items():
        res = results.indikator[key]
        if not (same_number(res.realisasi, row.realisasi) and res.capaian == row.capaian
                and res.predikat == row.predikat):
            wrong.append(f"{key[1]}: model {res.realisasi!r} {res.capaian!r} {res.predikat!r}, "
                         f"table {row.realisasi!r} {row.capaian!r} {row.predikat!r} "
                         f"({row.source})")
    for jab_id, (mean, label) in SUMMARY.items() if book.summary_rows else ():
        summ = results.jabatan[jab_id]
        if (summ.rata_rata_capaian, summ.predikat) != (mean, label):
            wrong.append(f"{jab_id}: model {summ.rata_rata_capaian!r} {summ.predikat!r}")
    assert not wrong, "\n".join(wrong)


def engine_diffs(book: Book, path: Path, values: dict, engine: str) -> list[str]:
    """Every cell where an engine's value differs from the hand-computed table."""
    rows = indicator_rows(path)
    rekap, rekap_at, summary_at = rekap_rows(path)
    diffs = []

    def check(what: str, want: object, sheet: str, cell: str) -> None:
        got = values.get((sheet.upper(), cell))
        ok = same_number(got, want) if not isinstance(want, str) else (got or "") == want
        if not ok:
            diffs.append(f"{engine}: {what} {sheet}!{cell}: table {want!r}, engine {got!r}")

    for key, row in expected(book).items():
        sheet, r = rows[key]
        check(f"{key[1]} realisasi", row.realisasi, sheet, f"{L.REAL_NUM.letter}{r}")
        check(f"{key[1]} capaian", row.capaian, sheet, f"{L.CAPAIAN.letter}{r}")
        check(f"{key[1]} predikat", row.predikat, sheet, f"{L.PREDIKAT.letter}{r}")
        check(f"{key[1]} rekap predikat", row.predikat, rekap, f"J{rekap_at[key]}")
    for jab_id, (mean, label) in SUMMARY.items() if book.summary_rows else ():
        check(f"{jab_id} rata-rata", mean, rekap, f"E{summary_at[jab_id]}")
        check(f"{jab_id} predikat", label, rekap, f"F{summary_at[jab_id]}")
    return diffs


@pytest.mark.office  # slow lane: a long run (see conftest.py)
@pytest.mark.parametrize("name", BOOKS)
def test_formulas_package_matches_the_hand_computed_table(name, tmp_path):
    book = BOOKS[name]
    path = write_workbook(catalogue(book, apostrophe=False), tmp_path / f"{name}.xlsx")
    diffs = engine_diffs(book, path, formulas_values(path), "formulas")
    assert not diffs, "\n".join(diffs)


@pytest.fixture(scope="module")
def office_books(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """LibreOffice gets the sheet named ``Ma'arif``; Gnumeric 1.12 cannot import a reference
    to such a sheet (``'Ma''arif'!A1``: "Invalid expression", see test_where_agreement_ends),
    so it gets the same books without the apostrophe. Both also get the limits probe."""
    out = tmp_path_factory.mktemp("oracle")
    probe = limits_probe(out / "limits.xlsx")
    for engine in ("LibreOffice", "Gnumeric"):
        (out / engine).mkdir()
    books = {engine: [write_workbook(catalogue(b, apostrophe), out / engine / f"{n}.xlsx")
                      for n, b in BOOKS.items()] + [probe]
             for engine, apostrophe in (("LibreOffice", True), ("Gnumeric", False))}
    lo = libreoffice_convert(books["LibreOffice"], out / "lo")
    gn = gnumeric_convert(books["Gnumeric"], out / "gn")
    return {"LibreOffice": dict(zip([*BOOKS, "limits"], lo)),
            "Gnumeric": dict(zip([*BOOKS, "limits"], gn))}


@pytest.mark.office
@pytest.mark.parametrize("engine", ["LibreOffice", "Gnumeric"])
@pytest.mark.parametrize("name", BOOKS)
def test_office_engines_match_the_hand_computed_table(engine, name, office_books):
    path = office_books[engine][name]
    diffs = engine_diffs(BOOKS[name], path, cached_values(path), engine)
    assert not diffs, "\n".join(diffs)


# --- where agreement ends ------------------------------------------------------------------


def limits_probe(path: Path) -> Path:
    """A tiny workbook with the two known limits of agreement between the engines."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Ma'arif"
    ws["A1"] = 5
    probe = wb.create_sheet("Probe")
    for row, value in enumerate((1e16, 1.0, -1e16, 1.0), start=1):
        probe[f"B{row}"] = value
    probe["A1"] = "=SUM(B1:B4)"
    probe["A2"] = "='Ma''arif'!A1"
    wb.save(path)
    return path


@pytest.mark.office
def test_where_agreement_ends(office_books):
    """Compensated summation: LibreOffice and Gnumeric add 1e16 + 1 - 1e16 + 1 as 2, the
    model (and Excel, left to right) as 1; realistic IKI values (counts, percentages, at most
    a few thousand with 2-3 decimals) never lose digits this way. And Gnumeric 1.12 cannot
    import a reference to a sheet whose name holds an apostrophe, which Excel and LibreOffice
    read (the formulas package 1.3 gives #REF! on every cell of such a sheet)."""
    assert sum_left([1e16, 1.0, -1e16, 1.0]) == 1.0
    lo = cached_values(office_books["LibreOffice"]["limits"])
    gn = cached_values(office_books["Gnumeric"]["limits"])
    assert (lo["PROBE", "A1"], gn["PROBE", "A1"]) == (2.0, 2.0)
    assert lo["PROBE", "A2"] == 5.0
    assert gn["PROBE", "A2"] != 5.0
