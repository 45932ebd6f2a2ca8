"""The LibreOffice (UNO) editing driver really performs every operation it offers."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from office import SCRIPT, SYSTEM_PYTHON, edit_with_libreoffice
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from xl_iki import resources
from xl_iki.catalogue import load
from xl_iki.workbook import write_workbook

pytestmark = pytest.mark.office


def hidden_columns(ws: Worksheet) -> set[str]:
    """Letters of the hidden columns (openpyxl keeps a run of columns under its first letter)."""
    out: set[str] = set()
    for dim in ws.column_dimensions.values():
        if dim.hidden:
            out.update(get_column_letter(i) for i in range(dim.min, dim.max + 1))
    return out


def column_values(ws: Worksheet, col: str, last_row: int) -> list[object]:
    return [ws[f"{col}{r}"].value for r in range(1, last_row + 1)]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A protected sheet 'Data' (A1:A6 = 10..60, B = text, C1 a formula, D:E hidden) and 'Lain'."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for r in range(1, 7):
        ws.cell(r, 1, r * 10)
        ws.cell(r, 2, f"baris {r}")
    ws["C1"] = "=A1*2"
    ws["F6"] = "hapus saya"
    ws["F6"].font = Font(bold=True)
    ws.column_dimensions["D"].hidden = True
    ws.column_dimensions["E"].hidden = True
    ws.protection.sheet = True
    other = wb.create_sheet("Lain")
    other["A1"] = "tetap"
    other.protection.sheet = True
    path = tmp_path / "small.xlsx"
    wb.save(path)
    return path


def test_rows_cells_columns_and_protection(small: Path, tmp_path: Path) -> None:
    before = openpyxl.load_workbook(small)["Data"]
    assert before.protection.sheet and {"D", "E"} <= hidden_columns(before)

    out = edit_with_libreoffice(small, tmp_path / "out.xlsx", [
        {"op": "unprotect", "sheet": "Data"},
        {"op": "insert_rows", "sheet": "Data", "before": 2, "count": 2},   # 20.. move to row 4
        {"op": "delete_rows", "sheet": "Data", "row": 6, "count": 1},      # the row holding 40
        {"op": "set", "sheet": "Data", "cell": "A2", "value": "12 dokumen"},
        {"op": "set", "sheet": "Data", "cell": "A3", "value": "1.234,5"},
        {"op": "set", "sheet": "Data", "cell": "G1", "value": 42},
        {"op": "set", "sheet": "Data", "cell": "G2", "value": 2.5},
        {"op": "set", "sheet": "Data", "cell": "G3", "value": "007"},
        {"op": "set_formula", "sheet": "Data", "cell": "G4", "formula": "=G1+G2"},
        {"op": "set_formula", "sheet": "Data", "cell": "G5",  # Excel's syntax, the default
         "formula": "=IF(G1>40,LEN('Lain'!A1),0)"},
        {"op": "set_formula", "sheet": "Data", "cell": "G6", "formula": "=IF(G1>40;1;0)",
         "syntax": "calc"},
        {"op": "clear", "sheet": "Data", "cell": "F7"},                    # F6 -> F8 -> F7
        {"op": "clear", "sheet": "Data", "cell": "C1"},
        {"op": "unhide_columns", "sheet": "Data", "first": "A", "last": "Z"},
        {"op": "recalculate"},
    ])

    wb = openpyxl.load_workbook(out)
    ws = wb["Data"]
    assert not ws.protection.sheet
    assert wb["Lain"].protection.sheet, "only the named sheet is unprotected"
    assert wb["Lain"]["A1"].value == "tetap"
    # rows: two inserted before row 2, then the row of 40 (now row 6) deleted
    assert column_values(ws, "A", 7) == [10, "12 dokumen", "1.234,5", 20, 30, 50, 60]
    assert column_values(ws, "B", 7) == ["baris 1", None, None, "baris 2", "baris 3",
                                         "baris 5", "baris 6"]
    # text typed stays text, numbers are numbers
    assert (ws["A2"].data_type, ws["A3"].data_type, ws["G3"].data_type) == ("s", "s", "s")
    assert ws["G3"].value == "007"
    assert (ws["G1"].value, ws["G1"].data_type) == (42, "n")
    assert (ws["G2"].value, ws["G2"].data_type) == (2.5, "n")
    assert ws["G4"].value == "=G1+G2"
    assert ws["G5"].value == "=IF(G1>40,LEN(Lain!A1),0)"
    assert ws["G6"].value == "=IF(G1>40,1,0)"
    values = openpyxl.load_workbook(out, data_only=True)["Data"]
    assert (values["G4"].value, values["G5"].value, values["G6"].value) == (44.5, 5, 1)
    # cleared: the contents go, the format stays
    assert ws["C1"].value is None and ws["F7"].value is None
    assert ws["F7"].font.b
    assert hidden_columns(ws) == set()
    # the source file is untouched
    assert openpyxl.load_workbook(small)["Data"]["A2"].value == 20


def test_sheet_operations(small: Path, tmp_path: Path) -> None:
    out = edit_with_libreoffice(small, tmp_path / "out.xlsx", [
        {"op": "copy_sheet", "sheet": "Data", "new_name": "Data (2)", "position": 1},
        {"op": "copy_sheet", "sheet": "Lain", "new_name": "Lain salinan"},
        {"op": "rename_sheet", "sheet": "Lain", "new_name": "Dinamai Ulang"},
        {"op": "move_sheet", "sheet": "Dinamai Ulang", "position": 0},
        {"op": "add_sheet", "name": "Baru", "position": 2},
        {"op": "add_sheet", "name": "Buang"},
        {"op": "set", "sheet": "Buang", "cell": "A1", "value": 1},
        {"op": "remove_sheet", "sheet": "Buang"},
        {"op": "set", "sheet": "Baru", "cell": "B2", "value": "isi"},
    ])

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Dinamai Ulang", "Data", "Baru", "Data (2)", "Lain salinan"]
    original, copy = wb["Data"], wb["Data (2)"]
    cells = [(c.coordinate, c.value) for row in original.iter_rows() for c in row]
    assert [(c.coordinate, c.value) for row in copy.iter_rows() for c in row] == cells
    assert copy["C1"].value == "=A1*2"
    assert copy.protection.sheet and {"D", "E"} <= hidden_columns(copy)
    assert wb["Dinamai Ulang"]["A1"].value == "tetap"
    assert wb["Lain salinan"]["A1"].value == "tetap"
    assert wb["Baru"]["B2"].value == "isi"


def test_generated_workbook(tmp_path: Path) -> None:
    src = write_workbook(load(resources.example_path()), tmp_path / "iki.xlsx")
    wb = openpyxl.load_workbook(src)
    title = next(ws.title for ws in wb if '"jabatan"' in str(ws["A1"].value))
    ws = wb[title]
    keyed = {r: json.loads(ws[f"A{r}"].value) for r in range(1, ws.max_row + 1)
             if ws[f"A{r}"].value}
    ind_rows = [r for r, key in keyed.items() if "ind" in key]
    assert len(ind_rows) >= 2 and ws.protection.sheet
    first, second = ind_rows[:2]
    inputs = [r for r in ind_rows if not ws[f"K{r}"].protection.locked]
    assert inputs, "an indicator with a TW I input"
    typed = inputs[0]
    assert ws[f"O{second}"].value == f"=Y{second}"
    n = len(wb.sheetnames)

    out = edit_with_libreoffice(src, tmp_path / "edited.xlsx", [
        # still protected: inputs take values, and the sheet allows inserting rows
        {"op": "set", "sheet": title, "cell": f"K{typed}", "value": "12 dokumen"},
        {"op": "insert_rows", "sheet": title, "before": second, "count": 1},
        {"op": "unprotect_all"},
        {"op": "set", "sheet": title, "cell": f"D{first}", "value": "diubah"},
        {"op": "set_formula", "sheet": title, "cell": f"R{first}",
         "formula": f"=T('{title}'!$D${first})"},
        {"op": "copy_sheet", "sheet": title, "new_name": "Salinan", "position": n},
        {"op": "rename_sheet", "sheet": title, "new_name": "Dinamai"},
        {"op": "move_sheet", "sheet": "Dinamai", "position": 0},
        {"op": "unhide_columns", "sheet": "Dinamai", "first": "A", "last": "Z"},
        {"op": "recalculate"},
    ])

    wb2 = openpyxl.load_workbook(out)
    assert wb2.sheetnames[0] == "Dinamai" and title not in wb2.sheetnames
    assert wb2.sheetnames[n] == "Salinan" and len(wb2.sheetnames) == n + 1
    edited, copy = wb2["Dinamai"], wb2["Salinan"]
    assert not any(s.protection.sheet for s in wb2), "unprotect_all"
    assert hidden_columns(edited) == set()
    assert edited[f"R{first}"].value == f"=T(Dinamai!$D${first})", "follows the rename"
    assert openpyxl.load_workbook(out, data_only=True)["Dinamai"][f"R{first}"].value == "diubah"
    assert {"A", "S", "Z"} <= hidden_columns(copy)
    # keys moved down with their rows; the inserted row is empty
    moved = {(r if r < second else r + 1): key for r, key in keyed.items()}
    for sheet in (edited, copy):
        got = {r: json.loads(sheet[f"A{r}"].value) for r in range(1, sheet.max_row + 1)
               if sheet[f"A{r}"].value}
        assert got == moved
        assert all(sheet.cell(second, c).value is None for c in range(1, 27))
        assert sheet[f"O{second + 1}"].value == f"=Y{second + 1}"
        assert (sheet[f"K{typed}"].value, sheet[f"K{typed}"].data_type) == ("12 dokumen", "s")
        assert sheet[f"D{first}"].value == "diubah"


def test_recalculate(tmp_path: Path) -> None:
    """LibreOffice keeps a formula's cached value on load; ``recalculate`` recomputes it."""
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active["A1"], wb.active["B1"] = 1, "=A1+1"
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    stale = tmp_path / "stale.xlsx"  # the same workbook with a wrong cached value for B1
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(stale, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                for empty in (b"<v />", b"<v></v>"):  # openpyxl without and with lxml
                    data = data.replace(b"<f>A1+1</f>" + empty, b"<f>A1+1</f><v>5</v>")
                assert b"<v>5</v>" in data
            zout.writestr(item, data)

    def b1(path: Path) -> object:
        return openpyxl.load_workbook(path, data_only=True)["Data"]["B1"].value

    kept = edit_with_libreoffice(stale, tmp_path / "kept.xlsx", [
        {"op": "set", "sheet": "Data", "cell": "C1", "value": 1}])
    assert b1(kept) == 5
    fresh = edit_with_libreoffice(stale, tmp_path / "fresh.xlsx", [{"op": "recalculate"}])
    assert b1(fresh) == 2


def test_errors_name_the_operation(small: Path, tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match=r"operation #1 \(frobnicate\).*unknown op"):
        edit_with_libreoffice(small, tmp_path / "a.xlsx", [{"op": "recalculate"},
                                                           {"op": "frobnicate"}])
    with pytest.raises(AssertionError, match=r"operation #1 \(set\): no sheet 'Tidak Ada'"):
        edit_with_libreoffice(small, tmp_path / "b.xlsx", [
            {"op": "unprotect_all"},
            {"op": "set", "sheet": "Tidak Ada", "cell": "A1", "value": 1},
        ])
    # as Calc refuses a person: a locked cell of a protected sheet cannot be typed into
    with pytest.raises(AssertionError, match=r"operation #0 \(set\).*locked.*protected"):
        edit_with_libreoffice(small, tmp_path / "c.xlsx", [
            {"op": "set", "sheet": "Data", "cell": "A1", "value": 1},
        ])
    assert not (tmp_path / "a.xlsx").exists() and not (tmp_path / "c.xlsx").exists()


def test_script_usage_error(tmp_path: Path) -> None:
    import subprocess

    result = subprocess.run([SYSTEM_PYTHON, str(SCRIPT)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1 and "usage" in result.stderr
