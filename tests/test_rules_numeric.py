"""Entries that are numerically wrong are found (issue 9, "Why" bullets 5 and 6).

A percentage typed the Excel way (``85%`` is stored as 0.85), a range target typed backwards
or with its upper bound as ``95%``, and a deleted komponen row each give a finding at their
cell; ``summary --repair-formulas`` never rewrites an indicator whose komponen rows are gone.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from cases import ind, k, q
from office import edit_with_libreoffice

from xl_iki.model import Catalogue, Instansi, Jabatan, evaluate
from xl_iki.reader import read_workbook
from xl_iki.validation import GALAT, PERINGATAN, Finding, validate
from xl_iki.workbook import write_workbook
from xl_iki.workbook.jabatan_sheet import plan
from xl_iki.workbook.sheetnames import sheet_name

JAB = Jabatan(id="n", nama="Kepala Seksi Angka", unit_kerja="Bidang Uji", indikator=(
    ind("puas", "jumlah", satuan="%", akumulasi="terakhir", target=90.0, realisasi=q(80)),
    ind("kecil", "rata_rata", satuan="%", arah="turun", target=5.0, realisasi=q(4.2, 0.5)),
    ind("dok", "jumlah", target=12.0, komponen=(k("Surat", 1, 2), k("Nota", 2, 2),
                                                k("Laporan", 1, 1))),
    ind("rentang", "rata_rata", target=80.0, target_max=90.0, realisasi=q(85)),
    ind("pct", "persentase", target=90.0, komponen=(k("Selesai", 45), k("Semua", 50))),
    # last: openpyxl's delete_rows moves the rows below without adjusting their formulas
    ind("idx", "indeks", target=3.0, komponen=(k("A", 3, 3, bobot=1), k("B", 2, 2, bobot=1),
                                               k("C", 4, 4, bobot=2))),
))
CAT = Catalogue(Instansi("Dinas Uji", "Kota Uji", 2025), (JAB,))
PLAN = plan(JAB, sheet_name(JAB.nama, {"Sampul", "Petunjuk", "Rekap", "_iki"}))
TITLE = PLAN.title


def at(ind_id: str, col: str, part: int | None = None) -> str:
    row, parts = PLAN.rows[ind_id]
    return f"{col}{parts[part] if part is not None else row}"


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    return write_workbook(CAT, tmp_path_factory.mktemp("angka") / "bersih.xlsx")


def edited(clean: Path, tmp_path: Path, *edits) -> Path:
    """A copy of ``clean`` with (cell, value[, number format]) edits, or callables on the sheet."""
    wb = openpyxl.load_workbook(clean)
    ws = wb[TITLE]
    for edit in edits:
        if callable(edit):
            edit(ws)
            continue
        cell, value, *fmt = edit
        ws[cell].value = value
        if fmt:
            ws[cell].number_format = fmt[0]
    out = tmp_path / "diisi.xlsx"
    wb.save(out)
    return out


def found(path: Path, code: str | None = None) -> list[Finding]:
    return [f for f in validate(read_workbook(path)) if code is None or f.code == code]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xl_iki", *args], capture_output=True,
                          text=True, timeout=120)


def test_clean_workbook_is_clean(clean):
    assert found(clean) == []


# --- bullet 5: percentages stored as fractions, range targets ----------------------------


def test_85_percent_typed_the_excel_way_is_an_error_with_the_percentage_suggested(
        clean, tmp_path):
    # Excel stores a typed 85% as 0.85 and formats the cell as a percentage
    path = edited(clean, tmp_path, (at("puas", "L"), 0.85, "0%"))
    res = evaluate(read_workbook(path).catalogue).indikator["n", "puas"]
    assert res.capaian == 0.94 and res.predikat == "Sangat Rendah"  # 0.85 / 90 * 100, rounded
    (f,) = found(path)
    assert (f.code, f.severity, f.sheet, f.cell) == ("persen-pecahan", GALAT, TITLE,
                                                     at("puas", "L"))
    assert f.suggestion == 85 and "diketik 85% sehingga tersimpan sebagai 0.85" in f.message
    result = cli("validate", str(path))
    assert result.returncode == 1 and "Tidak ada masalah" not in result.stdout
    assert "[persen-pecahan]" in result.stdout


def test_percent_format_is_certain_whatever_the_value(clean, tmp_path):
    # 150% and 0.5% typed with the sign: both a hundredth of what the formulas expect
    path = edited(clean, tmp_path, (at("puas", "L"), 1.5, "0%"),
                  (at("kecil", "M"), 0.005, "0.0%"))
    hits = {f.cell: f.suggestion for f in found(path, "persen-pecahan")}
    assert hits == {at("puas", "L"): 150, at("kecil", "M"): 0.5}


def test_a_fraction_among_percentages_is_a_warning(clean, tmp_path):
    path = edited(clean, tmp_path, (at("puas", "L"), 0.85), (at("pct", "I"), 0.9))
    hits = {f.cell: (f.code, f.severity, f.suggestion) for f in found(path)
            if f.code.startswith("persen")}
    assert hits == {at("puas", "L"): ("persen-mungkin-pecahan", PERINGATAN, 85),
                    at("pct", "I"): ("persen-mungkin-pecahan", PERINGATAN, 90)}


@pytest.mark.parametrize("edits", [
    # a genuine 0.5% among values not ten times larger (an indicator that should fall)
    [],
    # the whole indicator in fractions: consistent, capaian right
    [(at("puas", "I"), 0.9), (at("puas", "K"), 0.8), (at("puas", "L"), 0.85)],
    # a persentase target below 1 with nothing to compare it with yet
    [(at("pct", "I"), 0.9), (at("pct", "K", 0), None), (at("pct", "K", 1), None)],
    # zero is zero percent either way
    [(at("puas", "L"), 0)],
    # not a percentage: a count below 1 of an indicator in Dokumen
    [(at("dok", "K", 0), 0.5)],
], ids=["small-turun", "all-fractions", "nothing-to-compare", "zero", "not-percent"])
def test_genuine_small_values_are_not_flagged(edits, clean, tmp_path):
    path = edited(clean, tmp_path, *edits)
    assert not [f for f in found(path) if f.code.startswith("persen")]


def test_range_target_typed_backwards_is_an_error(clean, tmp_path):
    path = edited(clean, tmp_path, (at("rentang", "I"), 85), (at("rentang", "J"), 75))
    (f,) = found(path)
    assert (f.code, f.severity, f.cell, f.suggestion) == ("target-terbalik", GALAT,
                                                          at("rentang", "I"), 75)
    assert "tukar keduanya (Nilai 75, s.d. 85)" in f.message


def test_a_range_reversed_even_as_percentages_is_reported_both_ways(clean, tmp_path):
    path = edited(clean, tmp_path, (at("puas", "I"), 95), (at("puas", "J"), 0.9))
    assert {(f.code, f.cell, f.suggestion) for f in found(path)} >= {
        ("persen-mungkin-pecahan", at("puas", "J"), 90),
        ("target-terbalik", at("puas", "I"), 0.9)}


@pytest.mark.parametrize("fmt", [None, "0%"], ids=["general", "percent-format"])
def test_upper_bound_typed_as_95_percent_is_an_error(fmt, clean, tmp_path):
    edit = (at("puas", "J"), 0.95, fmt) if fmt else (at("puas", "J"), 0.95)
    path = edited(clean, tmp_path, (at("puas", "I"), 80), edit)
    (f,) = [f for f in found(path) if f.severity == GALAT]
    assert (f.code, f.cell, f.suggestion) == ("persen-pecahan", at("puas", "J"), 95)
    assert not found(path, "target-terbalik")


# --- bullet 6: deleted komponen rows, repair ----------------------------------------------


def delete(ind_id: str, part: int):
    return lambda ws: ws.delete_rows(PLAN.rows[ind_id][1][part])


def test_deleted_komponen_row_of_a_jumlah_is_an_error_at_the_indicator(clean, tmp_path):
    path = edited(clean, tmp_path, delete("dok", 1))
    real = evaluate(read_workbook(path).catalogue).indikator["n", "dok"].realisasi
    assert real == 5  # 9 before: the Nota row's 2 + 2 are gone from the realisasi
    (f,) = found(path, "struktur-rusak")
    assert (f.severity, f.cell) == (GALAT, at("dok", "D"))
    assert "ke-2 dari 3 terhapus" in f.message and "cadangan" in f.message


def rows_of(path: Path, ind_id: str) -> dict[str, object]:
    """The formulas of an indicator row and its komponen rows, by cell, after a deletion."""
    ws = openpyxl.load_workbook(path)[TITLE]
    first = PLAN.rows[ind_id][0]
    return {c.coordinate: c.value for r in ws.iter_rows(min_row=first, max_row=first + 2)
            for c in r}


def test_repair_formulas_never_redefines_an_indicator_with_a_missing_row(clean, tmp_path):
    broken = edited(clean, tmp_path, delete("idx", 1), (at("puas", "P"), 100))
    out = tmp_path / "diperbaiki.xlsx"
    result = cli("summary", str(broken), "-o", str(out), "--repair-formulas")
    assert result.returncode == 1, result.stderr
    assert f"Tidak diperbaiki: {TITLE}!{at('idx', 'D')}" in result.stderr
    assert "Rumus diperbaiki: 1 sel" in result.stdout
    assert rows_of(out, "idx") == rows_of(broken, "idx")  # left exactly as it was
    after = found(out)
    assert [(f.code, f.cell) for f in after] == [("struktur-rusak", at("idx", "D"))]
    assert "--repair-formulas' sengaja tidak mengubah" in after[0].message


def test_a_copied_komponen_row_is_not_the_generated_structure(clean, tmp_path):
    last = PLAN.rows["idx"][1][-1]

    def copy_row(ws):  # the row below gets the last komponen's key and values
        for col in "ADFKL":
            ws[f"{col}{last + 1}"].value = ws[f"{col}{last}"].value

    (f,) = found(edited(clean, tmp_path, copy_row), "struktur-rusak")
    assert f.cell == at("idx", "D") and "(3 komponen, kini 4 baris)" in f.message


@pytest.mark.parametrize("count", [10**12, "3", -1, [3]])
def test_a_damaged_count_falls_back_to_the_jenis_rule(count, clean, tmp_path):
    def damage(ws):
        cell = ws[at("idx", "A")]
        cell.value = json.dumps(json.loads(cell.value) | {"komponen": count})

    assert found(edited(clean, tmp_path, damage)) == []


def test_workbooks_without_the_recorded_count_still_read(clean, tmp_path):
    def forget(ws):  # a workbook made before the count was recorded
        for row in ws.iter_rows(min_col=1, max_col=1):
            key = json.loads(row[0].value) if str(row[0].value or "").startswith("{") else {}
            if key.pop("komponen", None) is not None:
                row[0].value = json.dumps(key, separators=(",", ":"))

    old = edited(clean, tmp_path, forget)
    assert found(old) == []
    ratio_part = lambda ws: ws.delete_rows(PLAN.rows["pct"][1][1])  # noqa: E731
    (f,) = found(edited(clean, tmp_path, forget, ratio_part), "struktur-rusak")
    assert f.cell == at("pct", "D") and "(persentase) terhapus" in f.message


# --- the same, saved by LibreOffice ---------------------------------------------------------


@pytest.mark.office
def test_libreoffice_typed_percentages_and_deleted_rows(clean, tmp_path):
    """A person in LibreOffice Calc types 85% and 95%, a range backwards, deletes rows."""
    lo = edit_with_libreoffice(clean, tmp_path / "calc.xlsx", [
        {"op": "unprotect", "sheet": TITLE},
        {"op": "type", "sheet": TITLE, "cell": at("puas", "L"), "text": "85%"},
        {"op": "type", "sheet": TITLE, "cell": at("pct", "J"), "text": "95%"},
        {"op": "type", "sheet": TITLE, "cell": at("rentang", "I"), "text": "95"},
        # bottom-up, so that the rows above keep their numbers
        {"op": "delete_rows", "sheet": TITLE, "row": PLAN.rows["idx"][1][1], "count": 1},
        {"op": "delete_rows", "sheet": TITLE, "row": PLAN.rows["dok"][1][1], "count": 1},
        {"op": "recalculate"},
    ])
    shift = lambda cell, by: f"{cell[0]}{int(cell[1:]) - by}"  # noqa: E731
    hits = {(f.code, f.cell): f for f in found(lo)}
    assert hits.keys() == {
        ("persen-pecahan", at("puas", "L")), ("persen-pecahan", shift(at("pct", "J"), 1)),
        ("capaian-tidak-wajar", shift(at("pct", "P"), 1)),  # against a target of 0.95
        ("target-terbalik", shift(at("rentang", "I"), 1)),
        ("struktur-rusak", at("dok", "D")), ("struktur-rusak", shift(at("idx", "D"), 1)),
    }, [(f.code, f.cell, f.message) for f in hits.values()]
    assert hits["persen-pecahan", at("puas", "L")].suggestion == 85
    # LibreOffice shrank the formulas' ranges; the repair leaves those indicators alone
    out = tmp_path / "diperbaiki.xlsx"
    assert cli("summary", str(lo), "-o", str(out), "--repair-formulas").returncode == 1
    assert {f.cell for f in found(out, "struktur-rusak")} == {at("dok", "D"),
                                                              shift(at("idx", "D"), 1)}
