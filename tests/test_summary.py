"""`xl-iki summary`: the Rekap rebuilt from the sheets present; nothing of the user's lost."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from engines import cached_values, libreoffice_convert
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from test_validation import CAT, PLANS, at, edited

from xl_iki.cli import main
from xl_iki.model import evaluate
from xl_iki.reader import read_workbook
from xl_iki.validation import validate
from xl_iki.workbook import write_workbook


@pytest.fixture
def book(tmp_path) -> Path:
    return write_workbook(CAT, tmp_path / "iki.xlsx")


def digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def rekap_keys(path: Path) -> list[tuple[str, str]]:
    rec = read_workbook(path)
    ws = rec.book.sheet(rec.rekap_title)
    from xl_iki.workbook import layout as L
    from xl_iki.workbook.rekap_sheet import KEY_COL

    col = ord(KEY_COL) - 64
    keys = [L.parse_key(ws.get(r, col)) for r in range(1, ws.max_row + 1)]
    return [(k["jabatan"], k["ind"]) for k in keys if k and "ind" in k]


@pytest.mark.office
def test_rekap_covers_the_sheets_really_present_and_libreoffice_agrees(book, tmp_path):
    def change(wb):
        wb.remove(wb[PLANS["w"].title])
        wb.copy_worksheet(wb[PLANS["v"].title]).title = "Jabatan Baru"

    src = edited(book, tmp_path, [change])
    out = tmp_path / "rekap.xlsx"
    assert main(["summary", str(src), "-o", str(out)]) == 0
    rec = read_workbook(out)
    expected = [(s.plan.jabatan.id, i.id) for s in rec.sheets for i in s.plan.jabatan.indikator]
    assert rekap_keys(out) == expected and ("v_2", "jml") in expected
    assert all(j != "w" for j, _ in expected)
    # the rebuilt Rekap computes, in LibreOffice, what the model computes
    lo = libreoffice_convert([out], tmp_path / "lo")[0]
    values = cached_values(lo)
    results = evaluate(rec.catalogue).indikator
    ws = openpyxl.load_workbook(lo, read_only=True)["Rekap"]
    rows = {k: n for n, k in enumerate(
        ((r[25].value and eval_key(r[25].value)) for r in ws.iter_rows(max_col=26)), start=1)
        if k}
    checked = 0
    for key, res in results.items():
        row = rows[key]
        got = values.get(("REKAP", f"I{row}"))
        assert (got is None) == (res.capaian is None), key
        if got is not None:
            assert got == pytest.approx(res.capaian, abs=1e-9)
            checked += 1
        assert (values.get(("REKAP", f"J{row}")) or "") == res.predikat
    assert checked >= 5
    errors = {k: v for k, v in values.items() if isinstance(v, str) and v.startswith(("#", "Err:"))}
    # only the komponen that still points at the deleted sheet (and its copy) shows an error
    ref_row = at("idx", "K", 0)[1][1:]
    assert errors and all(k[1][1:] == ref_row and k[1][0] in "KLMN" for k in errors), errors


def eval_key(text: str):
    from xl_iki.workbook import layout as L

    key = L.parse_key(text) or {}
    return (key["jabatan"], key["ind"]) if "ind" in key else None


def test_in_place_keeps_a_timestamped_backup(book):
    original = digest(book)
    assert main(["summary", str(book)]) == 0
    backups = list(book.parent.glob("iki.cadangan-*.xlsx"))
    assert len(backups) == 1 and digest(backups[0]) == original
    assert not list(book.parent.glob(".~*"))
    assert read_workbook(book).rekap_title == "Rekap"


def test_repair_formulas(book, tmp_path):
    broken = edited(book, tmp_path, [(at("jml", "P"), 100), (at("pct", "K"), 80),
                                     (at("kual", "Q"), None)])
    assert sum(f.code == "rumus-berubah" for f in validate(read_workbook(broken))) == 3
    out = tmp_path / "diperbaiki.xlsx"
    assert main(["summary", str(broken), "-o", str(out), "--repair-formulas"]) == 0
    assert not [f for f in validate(read_workbook(out)) if f.code == "rumus-berubah"]
    assert main(["summary", str(broken), "-o", str(tmp_path / "tanpa.xlsx")]) == 0
    assert [f for f in validate(read_workbook(tmp_path / "tanpa.xlsx"))
            if f.code == "rumus-berubah"]


def test_unwritable_folder_leaves_the_original_intact(book, tmp_path):
    if os.geteuid() == 0:  # root ignores permissions: make the target a directory instead
        target = tmp_path / "folder.xlsx"
        target.mkdir()
        flags = ["--timpa"]
    else:
        locked = tmp_path / "terkunci"
        locked.mkdir()
        locked.chmod(0o500)
        target = locked / "x.xlsx"
        flags = []
    before = digest(book)
    assert main(["summary", str(book), "-o", str(target), *flags]) == 1
    assert digest(book) == before


def test_crash_during_the_write_leaves_the_original_intact(book, monkeypatch):
    from openpyxl.workbook import Workbook

    before = digest(book)

    def crash(self, filename):
        Path(filename).write_bytes(b"PK\x03\x04 setengah")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", crash)
    assert main(["summary", str(book)]) == 1
    assert digest(book) == before
    assert sorted(p.name for p in book.parent.iterdir() if not p.name.startswith("iki.cadangan")
                  ) == ["iki.xlsx"]


@pytest.mark.office  # slow lane: a long run (see conftest.py)
def test_killed_process_leaves_the_original_intact(tmp_path):
    """A real kill -9 in the middle of writing a large workbook in place."""
    import yaml

    from bench.generate import catalogue as bench_catalogue
    from xl_iki.catalogue import loads

    big = write_workbook(loads(yaml.safe_dump(bench_catalogue(60, 20))), tmp_path / "besar.xlsx")
    before = digest(big)
    proc = subprocess.Popen([sys.executable, "-m", "xl_iki", "summary", str(big)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob(".~besar*")):
        time.sleep(0.01)  # wait until the temporary file is being written
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert digest(big) == before
    assert read_workbook(big).sheets


# --- round-trip preservation of what users add -------------------------------------------


def decorate(wb):
    """What a user adds: an own sheet, validation, formatting, comments, print settings."""
    own = wb.create_sheet("Catatan Bidang")
    own["A1"], own["B2"] = "Catatan rapat", 42
    own.column_dimensions["A"].width = 55
    own.protection.sheet = True
    own.print_options.gridLines = True
    dv = DataValidation(type="whole", operator="between", formula1="1", formula2="9")
    dv.add("B2:B9")
    own.add_data_validation(dv)
    own.conditional_formatting.add("B2:B9", CellIsRule(operator="greaterThan", formula=["5"],
                                                       fill=PatternFill("solid",
                                                                        bgColor="FFC7CE")))
    ws = wb[PLANS["v"].title]
    ws[at("jml", "R")[1]].comment = Comment("dicek oleh Sekretariat", "Budi")
    ws.column_dimensions["E"].width = 44
    ws.page_setup.paperSize = ws.PAPERSIZE_LEGAL
    ws.print_options.gridLines = True


def test_summary_keeps_everything_else(book, tmp_path):
    src = edited(book, tmp_path, [decorate])
    out = tmp_path / "hasil.xlsx"
    assert main(["summary", str(src), "-o", str(out)]) == 0
    a, b = openpyxl.load_workbook(src), openpyxl.load_workbook(out)
    assert [n for n in a.sheetnames] == [n for n in b.sheetnames]
    own = b["Catatan Bidang"]
    assert (own["A1"].value, own["B2"].value) == ("Catatan rapat", 42)
    assert own.column_dimensions["A"].width == 55 and own.protection.sheet
    assert own.print_options.gridLines
    assert [str(d.sqref) for d in own.data_validations.dataValidation] == ["B2:B9"]
    assert [str(r.sqref) for r in own.conditional_formatting] == ["B2:B9"]
    jab_a, jab_b = a[PLANS["v"].title], b[PLANS["v"].title]
    ref = at("jml", "R")[1]
    assert jab_b[ref].comment.text == "dicek oleh Sekretariat"
    assert jab_b.column_dimensions["E"].width == 44
    assert int(jab_b.page_setup.paperSize) == int(jab_b.PAPERSIZE_LEGAL)
    assert jab_b.print_title_rows == jab_a.print_title_rows
    assert jab_b.print_area == jab_a.print_area
    assert jab_b.protection.sheet and jab_b.protection.insertRows is False
    assert sorted(str(d.sqref) for d in jab_b.data_validations.dataValidation) == \
        sorted(str(d.sqref) for d in jab_a.data_validations.dataValidation)
    assert [str(r.sqref) for r in jab_b.conditional_formatting] == \
        [str(r.sqref) for r in jab_a.conditional_formatting]
    assert b["_iki"].sheet_state == "veryHidden"
    cells = lambda ws: {c.coordinate: c.value for row in ws.iter_rows() for c in row}  # noqa
    assert cells(jab_b) == cells(jab_a)


def test_summary_keeps_pictures_charts_names_and_cross_sheet_lists(book, tmp_path):
    """Things openpyxl drops unless told: pictures need Pillow (a dependency for this)."""
    import io

    from openpyxl.chart import BarChart, Reference
    from openpyxl.drawing.image import Image
    from openpyxl.workbook.defined_name import DefinedName
    from PIL import Image as Picture

    def add(wb):
        logo = wb.create_sheet("Logo dan Grafik")
        buffer = io.BytesIO()
        Picture.new("RGB", (40, 20), "red").save(buffer, "PNG")
        logo.add_image(Image(buffer), "D2")
        for n in range(1, 6):
            logo.append([n, n * n])
        chart = BarChart()
        chart.add_data(Reference(logo, min_col=2, min_row=1, max_row=5))
        logo.add_chart(chart, "D10")
        lists = wb.create_sheet("Pilihan")
        dv = DataValidation(type="list", formula1="'Logo dan Grafik'!$A$1:$A$5")
        dv.add("A1:A5")
        lists.add_data_validation(dv)
        wb.defined_names["DaftarPilihan"] = DefinedName(
            "DaftarPilihan", attr_text="'Logo dan Grafik'!$A$1:$A$5")

    src = edited(book, tmp_path, [add])
    out = tmp_path / "hasil.xlsx"
    assert main(["summary", str(src), "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert len(wb["Logo dan Grafik"]._images) == 1
    assert len(wb["Logo dan Grafik"]._charts) == 1
    assert [d.formula1 for d in wb["Pilihan"].data_validations.dataValidation] == \
        ["'Logo dan Grafik'!$A$1:$A$5"]
    assert "DaftarPilihan" in wb.defined_names


X14_LIST = (
    b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    b'<x14:dataValidations count="1" '
    b'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    b'<x14:dataValidation type="list" allowBlank="1" showErrorMessage="1">'
    b"<x14:formula1><xm:f>Daftar!$A$1:$A$3</xm:f></x14:formula1>"
    b"<xm:sqref>B2:B20</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
)


def with_excel_dropdown(book: Path, tmp_path: Path) -> Path:
    """The workbook with a user sheet holding Excel's cross-sheet dropdown (an x14 extension)."""
    from xl_iki.edit.extensions import sheet_parts

    def add(wb):
        wb.create_sheet("Daftar").append(["Ya"])
        wb.create_sheet("Isian")["A1"] = "Pilih di kolom B"

    src = edited(book, tmp_path, [add])
    with zipfile.ZipFile(src) as z:
        part = sheet_parts(z)["Isian"]
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    out = tmp_path / "dengan_x14.xlsx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            z.writestr(info, data.replace(b"</worksheet>", X14_LIST + b"</worksheet>")
                       if info.filename == part else data)
    return out


@pytest.mark.office
def test_summary_keeps_excels_newer_dropdowns_openpyxl_would_drop(book, tmp_path):
    from xl_iki.edit.extensions import sheet_parts

    src = with_excel_dropdown(book, tmp_path)
    plain = tmp_path / "openpyxl_saja.xlsx"
    openpyxl.load_workbook(src).save(plain)  # what openpyxl alone does
    out = tmp_path / "hasil.xlsx"
    assert main(["summary", str(src), "-o", str(out)]) == 0
    for path, kept in ((plain, False), (out, True)):
        with zipfile.ZipFile(path) as z:
            xml = z.read(sheet_parts(z)["Isian"])
        assert (b"<x14:dataValidation " in xml and b"Daftar!$A$1:$A$3" in xml) is kept
    # a real spreadsheet application opens the result and finds the dropdown
    seen = openpyxl.load_workbook(libreoffice_convert([out], tmp_path / "lo")[0])["Isian"]
    assert [(str(d.sqref), d.formula1) for d in seen.data_validations.dataValidation] == \
        [("B2:B20", "Daftar!$A$1:$A$3")]
    assert seen["A1"].value == "Pilih di kolom B"
