"""The generated workbook: layout, formulas any engine has, protection, validation, printing."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from cases import broad_catalogue

from xl_iki.catalogue import load
from xl_iki.model import Catalogue, Indikator, Instansi, Jabatan, Penandatangan
from xl_iki.workbook import build_workbook, write_workbook
from xl_iki.workbook import layout as L
from xl_iki.workbook.rekap_sheet import HEADER as REKAP_HEADER
from xl_iki.workbook.sheetnames import MAX_LEN, sheet_name

ROOT = Path(__file__).resolve().parent.parent
# functions Excel 2010, LibreOffice and WPS all have; nothing newer may appear
ALLOWED = {"IF", "AND", "OR", "COUNT", "SUM", "AVERAGE", "SUMPRODUCT", "ISNUMBER", "MIN",
           "MAX", "CHOOSE", "T", "ROUND"}


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    return write_workbook(broad_catalogue(), tmp_path_factory.mktemp("wb") / "uji.xlsx")


@pytest.fixture(scope="module")
def wb(book):
    return openpyxl.load_workbook(book)


def jabatan_sheets(wb):
    return [ws for ws in wb.worksheets if (L.parse_key(ws["A1"].value) or {}).get("jabatan")]


def all_formulas(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    yield ws.title, cell.coordinate, cell.value


def test_only_portable_functions_and_bounded_ranges(wb):
    seen = set()
    for sheet, ref, formula in all_formulas(wb):
        names = set(re.findall(r"([A-Z][A-Z0-9.]*)\(", formula))
        assert names <= ALLOWED, (sheet, ref, formula)
        whole_column = r"(?<![A-Z$])\$?[A-Z]{1,3}:\$?[A-Z]{1,3}(?![0-9A-Z])"
        assert not re.search(whole_column, formula), formula
        assert "--(" not in formula and "_xlfn" not in formula, formula
        seen |= names
    assert {"SUMPRODUCT", "CHOOSE", "ISNUMBER"} <= seen


def test_rekap_header_is_exact(wb):
    ws = wb["Rekap"]
    header = next(r for r in ws.iter_rows(values_only=True) if r and r[0] == "No")
    assert header[: len(REKAP_HEADER)] == (
        "No", "Jabatan", "Unit Kerja", "Sasaran", "Indikator Kinerja", "Satuan", "Target",
        "Realisasi", "Capaian (%)", "Predikat", "Capaian TW I (%)", "Capaian TW II (%)",
        "Capaian TW III (%)", "Capaian TW IV (%)")


def test_rekap_values_are_formulas_into_jabatan_sheets(wb):
    ws = wb["Rekap"]
    rows = [r for r in ws.iter_rows(min_row=6, max_row=8)]
    for row in rows:
        for cell in row[1:10]:
            assert cell.data_type == "f" and "!" in cell.value, cell.coordinate
    assert ws._charts, "Rekap has a native chart"


def test_jabatan_sheet_layout(wb):
    ws = jabatan_sheets(wb)[0]
    assert ws["B1"].value == "INDIKATOR KINERJA INDIVIDU"
    labels = [ws[f"C{r}"].value for r in range(5, 9)]
    assert labels == ["Jabatan", "Unit Kerja", "Tugas", "Tugas"][:2] + labels[2:]
    assert ws["D5"].value.startswith("Kepala Seksi Pengujian")
    header = next(r for r in ws.iter_rows() if (L.parse_key(r[0].value) or {}).get("tabel"))
    titles = [c.value for c in header[1:18]]
    assert titles == ["No", "Sasaran", "Indikator Kinerja", "Penjelasan/Formulasi Perhitungan",
                      "Satuan", "Sumber Data", "Penanggung Jawab", "Target", None,
                      "Realisasi per Triwulan", None, None, None, "Realisasi", "Capaian (%)",
                      "Predikat", "Keterangan"]
    sub = [ws.cell(header[0].row + 1, c).value for c in range(9, 15)]
    assert sub == ["Nilai", "s.d.", "TW I", "TW II", "TW III", "TW IV"]
    assert ws.column_dimensions["A"].hidden
    assert ws.column_dimensions["S"].hidden


def test_komponen_are_visible_subrows_with_their_inputs(wb):
    ws = jabatan_sheets(wb)[0]
    keys = {r: L.parse_key(ws[f"A{r}"].value) for r in range(1, ws.max_row + 1)}
    idx_row = next(r for r, k in keys.items() if k and k.get("ind") == "idx")
    parts = [r for r, k in keys.items() if k and k.get("kmp") == "idx"]
    assert parts == [idx_row + 1, idx_row + 2, idx_row + 3]
    assert ws[f"D{parts[0]}"].value.endswith("Domain Kebijakan Internal")
    assert ws[f"F{parts[0]}"].value == 13 and "bobot" in ws[f"F{parts[0]}"].number_format
    assert ws[f"K{parts[0]}"].protection.locked is False
    pct_row = next(r for r, k in keys.items() if k and k.get("ind") == "pct_sum")
    assert ws[f"D{pct_row + 1}"].value.startswith("Pembilang: ")
    assert ws[f"D{pct_row + 2}"].value.startswith("Penyebut: ")


def test_catalogue_text_never_becomes_a_formula(book, wb):
    ws = jabatan_sheets(wb)[0]
    tugas = [ws[f"D{r}"].value for r in range(7, 11)]
    assert tugas[0] == '1. =HYPERLINK("http://contoh")'
    other = jabatan_sheets(wb)[1]
    cells = {c.value: c for row in other.iter_rows() for c in row if isinstance(c.value, str)}
    for text in ("=1+1", "=SUM(A1:A3)", "@risalah"):
        assert cells[text].data_type == "s", text
    # and in the file itself: a shared string, no <f> element
    with zipfile.ZipFile(book) as z:
        sheet_xml = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = "".join(z.read(n).decode() for n in sheet_xml)
    assert "<f>1+1</f>" not in xml and "SUM(A1:A3)</f>" not in xml


@pytest.mark.office
def test_text_of_a_catalogue_starting_with_equals_sign_survives_libreoffice(tmp_path):
    from engines import cached_values, libreoffice_convert

    cat = Catalogue(Instansi("Dinas", "Kota", 2025), (Jabatan(
        id="a", nama="=2+3", tugas=("=1+1",), indikator=(
            Indikator(id="x", nama="=SUM(1,2)", jenis="jumlah", sasaran="+62 812"),)),))
    out = libreoffice_convert([write_workbook(cat, tmp_path / "inj.xlsx")], tmp_path / "lo")[0]
    values = set(cached_values(out).values())
    assert {"=2+3", "=1+1", "=SUM(1,2)", "+62 812"} <= values
    assert 5.0 not in values and 3.0 not in values


def test_protection_inputs_unlocked_formulas_locked(wb):
    ws = jabatan_sheets(wb)[0]
    assert ws.protection.sheet and not ws.protection.password
    assert ws.protection.insertRows is False  # users may still insert rows for notes
    row = next(r for r in range(1, ws.max_row + 1)
               if (L.parse_key(ws[f"A{r}"].value) or {}).get("ind") == "sum_entered")
    assert ws[f"K{row}"].protection.locked is False  # TW I input
    assert ws[f"I{row}"].protection.locked is False  # target input
    for col in ("O", "P", "Q", "S", "Y"):
        assert ws[f"{col}{row}"].protection.locked is True, col


def test_data_validation_on_inputs(wb):
    ws = jabatan_sheets(wb)[0]
    rules = ws.data_validations.dataValidation
    lists = [dv for dv in rules if dv.type == "list"]
    assert any(dv.formula1 == '"Ada,Tidak Ada"' for dv in lists)
    assert any(dv.formula1 == '"TMP,TW,WDP,WTP"' for dv in lists)
    assert any(dv.type == "decimal" and dv.operator == "between" and dv.formula1 == "1"
               and dv.formula2 == "5" for dv in rules)
    counts = [dv for dv in rules if dv.operator == "greaterThanOrEqual"]
    assert counts and counts[0].formula1 == "0"
    assert all(dv.error and dv.showErrorMessage for dv in rules)


def test_conditional_format_by_predikat_band(wb):
    ws = jabatan_sheets(wb)[0]
    ranges = list(ws.conditional_formatting)
    assert len(ranges) == 1
    rules = ranges[0].rules
    assert [r.formula[0].split(">=")[1].rstrip(")") for r in rules] == ["91", "76", "66", "51",
                                                                         "0"]
    assert str(ranges[0].sqref).startswith("P")


def test_print_ready(wb):
    for ws in [*jabatan_sheets(wb), wb["Rekap"]]:
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows


def test_signature_block_when_catalogue_has_one():
    cat = broad_catalogue()
    inst = Instansi("Dinas", "Kota", 2025, penandatangan=Penandatangan(
        "Kepala Dinas", "Drs. Budi", "Pembina", "19680101 199803 1 010"))
    wb = build_workbook(Catalogue(inst, cat.jabatan[1:2]))
    ws = jabatan_sheets(wb)[0]
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert {"Kepala Dinas", "Drs. Budi", "NIP. 19680101 199803 1 010"} <= texts
    assert ws.print_area


def test_sheet_names_obey_excel_rules_and_stay_unique():
    taken: set[str] = {"Rekap"}
    long = "Kepala Seksi Pengelolaan dan Pengembangan Infrastruktur Sistem Pemerintahan"
    names = [sheet_name(n, taken) for n in (long, long, long, "A/B:C*D?[E]\\F", "rekap",
                                              "History", "'kutip'")]
    assert len({n.casefold() for n in names} | {"rekap"}) == len(names) + 1
    for n in names:
        assert 0 < len(n) <= MAX_LEN and not re.search(r"[\[\]:*?/\\]", n)
        assert not n.startswith("'") and n.casefold() != "history"


def test_full_names_stay_in_header_when_names_repeat():
    cat = broad_catalogue()
    wb = build_workbook(cat)
    sheets = jabatan_sheets(wb)
    assert len({ws.title for ws in sheets}) == 3
    assert sheets[0]["D5"].value == sheets[1]["D5"].value == cat.jabatan[0].nama
    assert sheets[0]["D6"].value != sheets[1]["D6"].value


def test_macro_free(book):
    with zipfile.ZipFile(book) as z:
        names = z.namelist()
        types = z.read("[Content_Types].xml").decode()
    assert not any("vba" in n.lower() for n in names)
    assert "macroEnabled" not in types


def test_template_is_not_stale(tmp_path):
    import subprocess
    import sys

    fresh = tmp_path / "IKI_template.xlsx"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_template.py"), str(fresh)],
                   check=True, capture_output=True)
    committed = ROOT / "templates" / "IKI_template.xlsx"
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(committed) as b:
        names = sorted(set(a.namelist()) | set(b.namelist()))
        stale = [n for n in names if n != "docProps/core.xml"
                 and (n not in a.namelist() or n not in b.namelist() or a.read(n) != b.read(n))]
    assert not stale, f"templates/IKI_template.xlsx is stale ({stale}); run " \
                      "python scripts/build_template.py"


def test_custom_template_is_used(tmp_path):
    from xl_iki.workbook.template import build_template

    tpl = build_template()
    tpl["Sampul"]["B20"] = "Disusun oleh Bagian Organisasi {pemda}"
    tpl._named_styles["iki_header"].font = openpyxl.styles.Font(name="Calibri", bold=True,
                                                                 color="FF0000")
    tpl.create_sheet("Catatan Instansi")["A1"] = "lembar milik instansi"
    path = tmp_path / "tpl.xlsx"
    tpl.save(path)
    out = openpyxl.load_workbook(write_workbook(broad_catalogue(), tmp_path / "o.xlsx", path))
    assert out["Sampul"]["B20"].value == "Disusun oleh Bagian Organisasi Kabupaten Contoh"
    assert out["Catatan Instansi"]["A1"].value == "lembar milik instansi"
    ws = jabatan_sheets(out)[0]
    header = next(c for row in ws.iter_rows() for c in row if c.value == "Sasaran")
    assert header.font.color.rgb.endswith("FF0000")


def test_seed_example_generates(tmp_path):
    cat = load(ROOT / "examples" / "padang_panjang_2020.yaml")
    wb = openpyxl.load_workbook(write_workbook(cat, tmp_path / "pp.xlsx"))
    assert len(jabatan_sheets(wb)) == len(cat.jabatan)
    assert wb["Sampul"]["C11"].value == "050/8/DISKOMINFO-PP/2020"


def look(cell) -> tuple:
    """A cell's value and every part of its format, as comparable text."""
    from openpyxl.xml.functions import tostring

    parts = (cell.font, cell.fill, cell.border, cell.protection, cell.alignment)
    return (cell.value, cell.data_type, cell.number_format,
            *(tostring(p.to_tree()) for p in parts))


def test_fast_writer_and_in_memory_workbook_hold_the_same_cells(tmp_path):
    """write_workbook splices XML cells; build_workbook makes openpyxl cells: same result."""
    cat = broad_catalogue()
    fast = openpyxl.load_workbook(write_workbook(cat, tmp_path / "fast.xlsx"))
    build_workbook(cat).save(tmp_path / "slow.xlsx")
    slow = openpyxl.load_workbook(tmp_path / "slow.xlsx")
    assert fast.sheetnames == slow.sheetnames
    for a, b in zip(fast.worksheets, slow.worksheets):
        cells_a = {c.coordinate: c for row in a.iter_rows() for c in row if c.has_style or
                   c.value is not None}
        cells_b = {c.coordinate: c for row in b.iter_rows() for c in row if c.has_style or
                   c.value is not None}
        assert cells_a.keys() == cells_b.keys(), a.title
        for ref, ca in cells_a.items():
            assert look(ca) == look(cells_b[ref]), (a.title, ref)
        heights_a = {r: d.height for r, d in a.row_dimensions.items() if d.height}
        heights_b = {r: d.height for r, d in b.row_dimensions.items() if d.height}
        assert heights_a == heights_b, a.title
        assert a.calculate_dimension() == b.calculate_dimension()
        assert str(a.merged_cells) == str(b.merged_cells)
