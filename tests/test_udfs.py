"""The add-in's worksheet functions: plain calls, and a sheet calling them evaluated by the
formulas package, against the Python model."""

from __future__ import annotations

import math
from pathlib import Path

import formulas
import formulas.functions
import numpy as np
import openpyxl
import pytest
from cases import CUSTOM_BANDS, broad_catalogue
from engines import formulas_values, plain

from xl_iki import udfs
from xl_iki.model import Catalogue, Indikator, evaluate
from xl_iki.model.jenis import ADA, JENIS, TIDAK_ADA
from xl_iki.model.nilai import PERMENPANRB_8_2021, NilaiBand, NilaiTable
from xl_iki.model.numbers import entry_number, nilai
from xl_iki.udfs import IKI_CAPAIAN, IKI_CEK, IKI_NILAI, IKI_PREDIKAT

FUNCTIONS = {name: getattr(udfs, name) for name in udfs.__all__}


# --- plain calls -------------------------------------------------------------------------------


@pytest.mark.parametrize("args, expected", [
    ((85.0, 85.0), 100.0),
    ((70.0, "80-90"), 87.5),
    ((95.0, "80 - 90"), 105.56),
    ((85.0, "80 s.d. 90"), 100.0),
    ((6.5, "7,0-8,0", "turun"), 107.14),
    ((4.55, 5.0), 91.0),  # 4.55/5*100 is 90.99999999999999 in binary
    ((6.97, 8.0), 87.13),  # 87.125 exactly in decimal: half away from zero
    ((9.0, "7-8", "TURUN"), 87.5),
    ((25.0, 10.0, "turun"), 0.0),
    ((200.0, 100.0, None, 120.0), 120.0),
    ((ADA, ADA), 100.0),
    (("tidak ada", ADA), 0.0),
    ((TIDAK_ADA, "tidak ada"), 100.0),
    ((None, 80.0), ""),
    (("12 dokumen", 10.0), ""),
    ((True, 1.0), ""),
    ((5.0, None), ""),
    ((5.0, 0.0), ""),
])
def test_capaian(args: tuple, expected: object) -> None:
    got = IKI_CAPAIAN(*args)
    if isinstance(expected, float):
        assert math.isclose(got, expected, rel_tol=1e-12)
    else:
        assert got == expected


@pytest.mark.parametrize("args, message", [
    ((5.0, 10.0, "menurun"), 'arah harus naik atau turun, bukan "menurun"'),
    ((5.0, "delapan puluh"), 'target "delapan puluh" tidak dikenal'),
    ((5.0, "90-80"), 'target "90-80" tidak dikenal'),
])
def test_capaian_says_what_is_wrong(args: tuple, message: str) -> None:
    assert IKI_CAPAIAN(*args).startswith(message)


@pytest.mark.parametrize("value, expected", [
    (91.0, "Sangat Tinggi"), (90.99, "Tinggi"), (76.0, "Tinggi"), (66.0, "Sedang"),
    (90.99999999999999, "Sangat Tinggi"), (90.995, "Sangat Tinggi"), (90.994, "Tinggi"),
    (51.0, "Rendah"), (0.0, "Sangat Rendah"), (-1.0, ""), ("", ""), ("91", ""), (None, ""),
])
def test_predikat_default_bands(value: object, expected: str) -> None:
    assert IKI_PREDIKAT(value) == expected


def test_predikat_own_table() -> None:
    table = [[80.0, "Baik"], [None, None], [100.0, "Melampaui"], [-5.0, "Kurang"]]
    assert [IKI_PREDIKAT(v, table) for v in (120.0, 80.0, 79.0, -6.0)] == [
        "Melampaui", "Baik", "Kurang", ""]
    assert IKI_PREDIKAT(90.0, [100.0, "Melampaui"]) == ""  # one row, given flat
    assert IKI_PREDIKAT(90.0, [["Baik", 80.0]]).startswith("tabel predikat:")


#: a nilai table written in cells: capaian awal, akhir, nilai awal, akhir (a point band: Baik)
NILAI_CELLS = [[101.0, 110.0, 110.0, 120.0], [100.0, 100.0, 109.0, 109.0],
               [80.0, 99.0, 70.0, 89.0], [None, None, None, None], [0.0, 79.0, 0.0, 69.0]]
NILAI_CELLS_TABLE = NilaiTable((NilaiBand(101, 110, 110, 120), NilaiBand(100, 100, 109, 109),
                                NilaiBand(80, 99, 70, 89), NilaiBand(0, 79, 0, 69)), 110, 120)


@pytest.mark.parametrize("args, expected", [
    ((97.89,), 88.0),  # the regulation's example: 93/95, Cukup
    ((97.885,), 88.0),  # rounded to 97.89 first, as the capaian shown
    ((100.0,), 109.0),  # Baik (Lampiran p. 243)
    ((111.0,), 120.0),
    ((105.0,), ""),  # Sangat Baik: not sourced, no nilai with the preset
    ((70.0,), 60.0),
    ((30.0,), 25.0),
    ((None,), ""),
    (("97,89",), ""),
    ((97.89, [["permenpanrb_8_2021"]]), 88.0),  # the preset by name, as xlwings hands it
    ((97.89, [[None]]), 88.0),  # a blank cell: the preset
    ((105.5, NILAI_CELLS, 110.0, 120.0), 115.0),  # 110 + (120 - 110) / (110 - 101) x 4.5
    ((100.0, NILAI_CELLS, 110.0, 120.0), 109.0),
    ((130.0, NILAI_CELLS, 110.0, 120.0), 120.0),
    ((130.0, NILAI_CELLS), ""),  # no di_atas: above the table, no nilai
])
def test_nilai(args: tuple, expected: object) -> None:
    assert IKI_NILAI(*args) == expected


@pytest.mark.parametrize("args, message", [
    ((90.0, [["permenpanrb_2099"]]), 'tabel nilai "permenpanrb_2099" tidak dikenal'),
    ((90.0, [[80.0, 99.0, 89.0, 70.0]]), "tabel nilai: tiap baris berisi capaian awal"),
    ((90.0, [[100.0, 100.0, 90.0, 109.0]]), "tabel nilai: tiap baris berisi capaian awal"),
    ((90.0, [[80.0, 99.0]]), "tabel nilai: tiap baris berisi capaian awal"),
    ((90.0, NILAI_CELLS, 110.0), "tabel nilai: isi pita, dan di_atas bersama nilai_di_atas"),
])
def test_nilai_says_what_is_wrong(args: tuple, message: str) -> None:
    assert IKI_NILAI(*args).startswith(message)


@pytest.mark.parametrize("args, expected", [
    (([10.0, None, 3.0, 4.0],), "OK"),
    ((None,), "OK"),
    (([10.0, "12 dokumen", None, 4.0],),
     'sel ke-2: "12 dokumen" bukan angka; tulis angkanya saja, tanpa satuan atau teks'),
    (([["1,5", 2.0], [3.0, "x"]],), 'sel ke-1: "1,5" tersimpan sebagai teks; ketik ulang'),
    (([[1.0, 2.0], [3.0, "x"]],), 'sel ke-4: "x" bukan angka'),
    (([1.0, True],), "sel ke-2: TRUE bukan angka"),
    ((["Ada", "tidak ada", None], "ada_tidak"), "OK"),
    ((["Ada", "mungkin"], "ada_tidak"), 'sel ke-2: "mungkin" harus salah satu dari: Ada, '
                                        "Tidak Ada"),
    (([1.0], "ada_tidak"), "sel ke-1: 1 harus salah satu dari"),
    ((["WTP", "wdp"], "kualitatif", ["TMP", "TW", "WDP", "WTP"]), "OK"),
    ((["Baik"], "Kualitatif", [["TMP", "TW"]]), 'sel ke-1: "Baik" harus salah satu dari: TMP'),
    ((["WTP"], "kualitatif"), "jenis kualitatif: isi argumen skala"),
    (([1.0], "angka"), 'jenis "angka" tidak dikenal; pilih salah satu: ' + ", ".join(JENIS)),
])
def test_cek(args: tuple, expected: str) -> None:
    got = IKI_CEK(*args)
    assert got == expected if expected == "OK" else got.startswith(expected), got


def test_udfs_carry_no_type_hints() -> None:
    """xlwings takes annotations as converters; Any/str/float are none (see xl_iki.udfs)."""
    assert FUNCTIONS and set(FUNCTIONS) == {n for n in dir(udfs) if n.startswith("IKI_")}
    for name, fn in FUNCTIONS.items():
        assert fn.__annotations__ == {}, name
        assert fn.__doc__, f"{name}: Excel's function wizard shows the docstring"


# --- the formulas package calling the UDFs -------------------------------------------------


def as_xlwings_gives(arg: object) -> object:
    """An argument the way xlwings hands it to a UDF: one cell as a value, a row or column
    as a list, a larger range as a list of rows; numbers as float, blanks as None."""
    if not isinstance(arg, np.ndarray):
        return plain(arg)
    rows = [[plain(v) for v in row] for row in arg.tolist()]
    if len(rows) == 1 or all(len(r) == 1 for r in rows):
        cells = [v for row in rows for v in row]
        return cells[0] if len(cells) == 1 else cells
    return rows


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The UDFs registered in the formulas package, as xlwings would call them."""
    def excel_call(fn):
        return lambda *args: fn(*(as_xlwings_gives(a) for a in args))

    for name, fn in FUNCTIONS.items():
        monkeypatch.setitem(formulas.get_functions(), name,
                            formulas.functions.wrap_func(excel_call(fn)))


def target_cell(ind: Indikator) -> object:
    if ind.is_range:
        return f"{ind.target!r}-{ind.target_max!r}"
    return ind.target


def realisasi_cell(ind: Indikator, value: float | None) -> object:
    if ind.jenis == "ada_tidak" and value is not None:
        return ADA if value == 1 else TIDAK_ADA
    return value


def expected_cek(ind: Indikator) -> str:
    bad = [n for n, e in enumerate(ind.realisasi, start=1)
           if e is not None and entry_number(ind, e) is None]
    return f"sel ke-{bad[0]}:" if bad else "OK"


def write_sheet(cat: Catalogue, path: Path, own_nilai: bool = False
                ) -> list[tuple[int, Indikator, tuple]]:
    """One row per indicator: realisasi and target as the model has them, then the UDFs
    (IKI_NILAI with the preset, or with ``own_nilai`` the table NILAI_CELLS in cells)."""
    results = evaluate(cat)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "UDF"
    for i, band in enumerate(cat.predikat, start=1):
        ws[f"X{i}"], ws[f"Y{i}"] = band.min, band.label
    table = f"$X$1:$Y${len(cat.predikat)}"
    for i, cells in enumerate(NILAI_CELLS, start=1):
        for col, value in zip(("Z", "AA", "AB", "AC"), cells):
            ws[f"{col}{i}"] = value
    nilai_args = f",$Z$1:$AC${len(NILAI_CELLS)},110,120" if own_nilai else ""
    nilai_table = NILAI_CELLS_TABLE if own_nilai else PERMENPANRB_8_2021
    rows = []
    row = 1
    for jab in cat.jabatan:
        for ind in jab.indikator:
            res = results.indikator[jab.id, ind.id]
            row += 1
            rows.append((row, ind, (res.capaian, res.predikat, expected_cek(ind),
                                    nilai(nilai_table, res.capaian))))
            ws[f"A{row}"] = realisasi_cell(ind, res.realisasi)
            ws[f"B{row}"] = target_cell(ind)
            ws[f"C{row}"] = ind.arah
            ws[f"D{row}"] = cat.instansi.batas_capaian
            for col, entry in zip("HIJK", ind.realisasi):
                ws[f"{col}{row}"] = entry
            for col, label in zip("LMNOP", ind.skala if ind.jenis == "kualitatif" else ()):
                ws[f"{col}{row}"] = label
            if ind.jenis != "kualitatif":  # IKI_CAPAIAN takes numbers, ranges, Ada/Tidak Ada
                ws[f"E{row}"] = f"=IKI_CAPAIAN(A{row},B{row},C{row},D{row})"
                ws[f"F{row}"] = f"=IKI_PREDIKAT(E{row},{table})"
                ws[f"Q{row}"] = f"=IKI_NILAI(E{row}{nilai_args})"
            ws[f"G{row}"] = f'=IKI_CEK(H{row}:K{row},"{ind.jenis}",L{row}:P{row})'
    wb.save(path)
    return rows


@pytest.mark.parametrize("cap, bands", [(None, None), (120.0, CUSTOM_BANDS)])
def test_formulas_evaluates_the_udfs_as_the_model(registered: None, tmp_path: Path,
                                                  cap: float | None, bands: tuple | None) -> None:
    cat = broad_catalogue(cap, bands)
    path = tmp_path / "udf.xlsx"
    rows = write_sheet(cat, path, own_nilai=cap is not None)
    values = formulas_values(path)
    diffs = []
    checked = 0
    for row, ind, (capaian, predikat, cek, expected_nilai) in rows:
        got_cek = values.get(("UDF", f"G{row}"))
        if not (got_cek == cek if cek == "OK" else str(got_cek).startswith(cek)):
            diffs.append(f"{ind.id} IKI_CEK: model {cek!r}, formulas {got_cek!r}")
        if ind.jenis == "kualitatif":
            continue
        got = values.get(("UDF", f"E{row}"))
        if capaian is None:
            ok = got is None
        else:
            ok = isinstance(got, float) and math.isclose(got, capaian, rel_tol=1e-9,
                                                         abs_tol=1e-9)
        if not ok:
            diffs.append(f"{ind.id} IKI_CAPAIAN: model {capaian!r}, formulas {got!r}")
        got_predikat = values.get(("UDF", f"F{row}"))
        if (got_predikat or "") != predikat:
            diffs.append(f"{ind.id} IKI_PREDIKAT: model {predikat!r}, formulas {got_predikat!r}")
        got_nilai = values.get(("UDF", f"Q{row}"))
        if got_nilai != expected_nilai:
            diffs.append(f"{ind.id} IKI_NILAI: model {expected_nilai!r}, formulas {got_nilai!r}")
        checked += capaian is not None
    assert not diffs, "\n".join(diffs)
    assert checked >= 20, "too few indicators with a capaian to compare"
