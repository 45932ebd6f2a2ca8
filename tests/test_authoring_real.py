"""The authoring workbook as real programs and people leave it.

Filled with real decrees (examples/), typed in and saved by LibreOffice, saved by Gnumeric,
with blank IDs and blank Jabatan cells ("same as the row above"); a jabatan misspelled; files
damaged or not authoring workbooks at all. Each gives the same catalogue or a clear problem at
its sheet!cell, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import office_guard
import openpyxl
import pytest
from engines import libreoffice_convert
from office import edit_with_libreoffice

from xl_iki.authoring import write_authoring_sheet
from xl_iki.authoring.columns import (
    DAFTAR,
    DAFTAR_COLUMNS,
    IKU,
    IKU_COLUMNS,
    INSTANSI,
    INSTANSI_FIELDS,
    JABATAN,
    JABATAN_COLUMNS,
)
from xl_iki.catalogue import load, loads
from xl_iki.catalogue.parse import slug
from xl_iki.cli import main
from xl_iki.errors import CatalogueError
from xl_iki.model.catalogue import Catalogue, Indikator, Jabatan

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DECREES = ("lumajang_2021", "mojokerto_2025")


# --- a catalogue written as a person fills the authoring workbook ------------------------------

def _own_id(entry: Jabatan | Indikator, siblings: tuple, blanks: bool) -> str | None:
    """The id to write, or None (blank) when the reader derives the same one from the name."""
    derived = slug(entry.nama)
    if not blanks:
        return entry.id
    clash = sum(slug(o.nama) == derived or o.id == derived for o in siblings) > 1
    return None if entry.id == derived and not clash else entry.id


def _komponen(ind: Indikator) -> str | None:
    parts = [(f"@{k.ref}" if k.ref else k.nama) + (f" = {k.bobot:g}" if k.bobot else "")
             for k in ind.komponen]
    return "; ".join(parts) or None


def _target(ind: Indikator) -> object:
    if ind.target_max is not None:
        return f"{ind.target:g}-{ind.target_max:g}"
    return ind.target


def _target_triwulan(ind: Indikator) -> str | None:
    def one(q: int) -> str:
        lo, hi = ind.target_tw_bounds(q)
        text = "" if lo is None else f"{lo:g}" if isinstance(lo, float) else str(lo)
        return f"{text}-{hi:g}" if hi is not None else text
    return "; ".join(one(q) for q in range(len(ind.target_triwulan))) or None


def _skala(ind: Indikator) -> str | None:
    if ind.jenis == "skor":
        return f"{ind.skala[0]:g}-{ind.skala[1]:g}"
    return "; ".join(ind.skala) or None


def _instansi(cat: Catalogue) -> list[object]:
    inst = cat.instansi
    groups = {"keputusan": inst.keputusan, "penandatangan": inst.penandatangan}
    top = {"/predikat": None, "/nilai": cat.nilai.name if cat.nilai else None}
    values = []
    for _, field in INSTANSI_FIELDS:
        group, _, name = field.rpartition(".")
        owner = groups[group] if group else inst
        values.append(top[field] if field in top else
                      getattr(owner, name, None) if owner is not None else None)
    return [v if v != "" else None for v in values]


def _indicator_cells(ind: Indikator, siblings: tuple, blanks: bool, same_sasaran: bool
                     ) -> dict[str, object]:
    """The authoring cells of an indicator, by catalogue field (a salin row: its own only)."""
    own = {"sasaran": None if same_sasaran else ind.sasaran or None, "nama": ind.nama,
           "id": _own_id(ind, siblings, blanks), "keterangan": ind.keterangan or None,
           "peran": None if ind.counted else ind.peran, "tujuan": ind.tujuan or None}
    if ind.salin:
        return own | {"salin": ind.salin}
    return own | {
        "jenis": ind.jenis, "satuan": ind.satuan or None, "arah": ind.arah,
        "akumulasi": ind.akumulasi, "target": _target(ind),
        "sumber_data": ind.sumber_data or None, "penanggung_jawab": ind.penanggung_jawab or None,
        "komponen": _komponen(ind), "skala": _skala(ind), "penjelasan": ind.penjelasan or None,
        "periode": None if ind.periode == "triwulanan" else ind.periode,
        "target_triwulan": _target_triwulan(ind),
        "rencana_aksi": "\n".join(t or "-" for t in ind.rencana_aksi) or None,
    }


def sheet_rows(cat: Catalogue, blanks: bool = True) -> dict[str, list[list[object]]]:
    """The cells of each authoring sheet (from row 2; Instansi from row 1, column B).

    With ``blanks``, IDs the reader derives are left blank and so is the Jabatan cell of every
    indicator after the first of its jabatan (as people write them). The office's IKU go on
    the IKU sheet.
    """
    jabatan = [j for j in cat.jabatan if not j.iku]
    names = [j.nama for j in jabatan]
    rows = {INSTANSI: [[v] for v in _instansi(cat)], JABATAN: [
        [_own_id(j, cat.jabatan, blanks), j.nama, j.unit_kerja or None, j.atasan,
         "\n".join(j.tugas) or None, "\n".join(j.fungsi) or None] for j in jabatan],
        DAFTAR: [], IKU: []}
    for jab in cat.jabatan:
        for n, ind in enumerate(jab.indikator):
            same_sasaran = bool(n) and ind.sasaran == jab.indikator[n - 1].sasaran
            first = n == 0 or not blanks
            cells = _indicator_cells(ind, jab.indikator, blanks, same_sasaran) | {
                "jabatan": jab.nama if first else None,  # blank: same jabatan as the row above
                "unit_kerja": jab.unit_kerja or None
                if first and (not blanks or names.count(jab.nama) > 1) else None}
            sheet, columns = (IKU, IKU_COLUMNS) if jab.iku else (DAFTAR, DAFTAR_COLUMNS)
            rows[sheet].append([cells.get(c.field) for c in columns])
    assert len(JABATAN_COLUMNS) == 6
    return rows


def fill_with_openpyxl(cat: Catalogue, path: Path, blanks: bool = True) -> Path:
    write_authoring_sheet(path)
    wb = openpyxl.load_workbook(path)
    for sheet, rows in sheet_rows(cat, blanks).items():
        first_row, first_col = (1, 2) if sheet == INSTANSI else (2, 1)
        for r, row in enumerate(rows, start=first_row):
            for c, value in enumerate(row, start=first_col):
                wb[sheet].cell(r, c, value)
    wb.save(path)
    return path


def typing_ops(cat: Catalogue) -> list[dict]:
    """The UNO operations that type the catalogue into the empty authoring workbook."""
    ops = []
    for sheet, rows in sheet_rows(cat).items():
        first_row, first_col = (1, 2) if sheet == INSTANSI else (2, 1)
        for r, row in enumerate(rows, start=first_row):
            for c, value in enumerate(row, start=first_col):
                if value is not None:
                    assert isinstance(value, (int, float, str)), value  # no dates typed here
                    ops.append({"op": "set", "sheet": sheet, "value": value,
                                "cell": f"{openpyxl.utils.get_column_letter(c)}{r}"})
    return ops


def ssconvert(src: Path, dst: Path) -> Path:
    """Open ``src`` in Gnumeric (headless ssconvert) and save it as ``dst`` (.xlsx)."""
    office_guard.check("Gnumeric")
    exe = shutil.which("ssconvert")
    if not exe:
        pytest.fail("Gnumeric (ssconvert) tidak ditemukan: apt-get install gnumeric; tests that "
                    "need it must not be skipped", pytrace=False)
    subprocess.run([exe, "--export-type=Gnumeric_Excel:xlsx2", str(src), str(dst)], check=True,
                   capture_output=True, timeout=300)
    assert dst.exists(), f"Gnumeric did not write {dst}"
    return dst


def decree(name: str) -> Catalogue:
    return load(EXAMPLES / f"{name}.yaml")


def new_succeeds(path: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{path.stem}-iki.xlsx"
    assert main(["new", str(path), "-o", str(out)]) == 0
    assert out.exists()


# --- real decrees, blank IDs and blank Jabatan cells --------------------------------------------

@pytest.mark.parametrize("name", DECREES)
def test_a_decree_written_in_the_authoring_workbook_is_the_same_catalogue(name, tmp_path):
    cat = decree(name)
    rows = sheet_rows(cat)
    assert any(r[0] is None for r in rows[JABATAN] + rows[DAFTAR][-1:]), "blank IDs"
    assert sum(r[0] is None for r in rows[DAFTAR]) > len(cat.jabatan), "blank Jabatan cells"
    assert load(fill_with_openpyxl(cat, tmp_path / f"{name}.xlsx")) == cat


@pytest.mark.office
def test_saved_by_libreoffice_and_gnumeric_gives_the_same_catalogue(tmp_path):
    originals = [fill_with_openpyxl(decree(n), tmp_path / f"{n}.xlsx") for n in DECREES]
    saved = libreoffice_convert(originals, tmp_path / "libreoffice")
    saved += [ssconvert(p, tmp_path / f"{p.stem}-gnumeric.xlsx") for p in originals]
    for original, path in zip(originals * 2, saved):
        with zipfile.ZipFile(path) as z:
            assert "xl/workbook.xml" in z.namelist()
        new_succeeds(path, tmp_path)
        assert load(path) == load(original), path
        lists = [dv for dv in openpyxl.load_workbook(path)[DAFTAR].data_validations.dataValidation
                 if "A2" in dv.sqref]
        assert [dv.formula1.replace("'", "") for dv in lists] == ["Jabatan!$B$2:$B$500"], path


@pytest.mark.office
def test_saved_by_libreoffice_in_its_own_format_ods(tmp_path):
    originals = [fill_with_openpyxl(decree(n), tmp_path / f"{n}.xlsx") for n in DECREES]
    for original, path in zip(originals, libreoffice_convert(originals, tmp_path / "ods", "ods")):
        new_succeeds(path, tmp_path)
        assert load(path) == load(original), path


@pytest.mark.office
def test_typed_into_the_empty_sheet_in_libreoffice(tmp_path):
    """A person fills `xl-iki authoring-sheet` in LibreOffice Calc and saves it as .xlsx."""
    cat = decree("mojokerto_2025")
    empty = tmp_path / "kosong.xlsx"
    assert main(["authoring-sheet", "-o", str(empty)]) == 0
    typed = edit_with_libreoffice(empty, tmp_path / "DAFTAR.xlsx", typing_ops(cat))
    new_succeeds(typed, tmp_path)
    assert load(typed) == cat


# --- blank optional cells, gaps, a lying <dimension> -------------------------------------------

SMALL = """
versi: 1
instansi: {nama: Dinas Kominfo, pemda: Kota Contoh, tahun: 2025}
jabatan:
  - nama: Kepala Dinas
    tugas: [Memimpin dinas]
    indikator:
      - {sasaran: Meningkatnya SPBE, nama: Persentase layanan daring, jenis: persentase,
         satuan: "%", target: "80-90", komponen: [{nama: Layanan daring}, {nama: Layanan}]}
      - {nama: Indeks SPBE, jenis: indeks, target: 3.5,
         komponen: [{nama: Domain Kebijakan, bobot: 13}, {ref: sekretaris.opini_bpk, bobot: 2}]}
  - nama: Sekretaris
    unit_kerja: Sekretariat
    atasan: kepala_dinas
    indikator:
      - {sasaran: Akuntabilitas, nama: Opini BPK, jenis: skor, target: 4, skala: [1, 5]}
      - {nama: Jumlah SOP, jenis: jumlah, satuan: Dokumen, target: 12}
"""


def small(tmp_path: Path, change=None, blanks: bool = True) -> Path:
    """SMALL as an authoring workbook (blank IDs, blank Jabatan cells), then ``change(wb)``."""
    path = fill_with_openpyxl(loads(SMALL), tmp_path / "DAFTAR.xlsx", blanks)
    if change is not None:
        wb = openpyxl.load_workbook(path)
        change(wb)
        wb.save(path)
    return path


def test_blank_jabatan_ids_are_derived_from_the_names(tmp_path):
    path = small(tmp_path)
    assert [c.value for c in openpyxl.load_workbook(path)[JABATAN]["A"]][1:] == [None, None]
    cat = load(path)
    assert [j.id for j in cat.jabatan] == ["kepala_dinas", "sekretaris"]
    assert cat.jabatan[1].atasan == "kepala_dinas"
    assert cat.indikator("sekretaris.opini_bpk") is not None


def test_blank_jabatan_cell_means_the_jabatan_of_the_row_above(tmp_path):
    path = small(tmp_path)
    assert [c.value for c in openpyxl.load_workbook(path)[DAFTAR]["A"]][1:] == \
        ["Kepala Dinas", None, "Sekretaris", None]
    cat = load(path)
    assert [[i.nama for i in j.indikator] for j in cat.jabatan] == [
        ["Persentase layanan daring", "Indeks SPBE"], ["Opini BPK", "Jumlah SOP"]]
    new_succeeds(path, tmp_path)


def test_the_guide_says_a_blank_jabatan_is_the_row_above(tmp_path):
    wb = openpyxl.load_workbook(write_authoring_sheet(tmp_path / "kosong.xlsx"))
    guide = " ".join(str(c.value) for c in wb["Petunjuk"]["A"] if c.value)
    assert "kosong = sama dengan baris di atasnya" in guide.split("Kolom Jabatan")[1]
    assert "ID boleh kosong" in guide


def test_blank_rows_styled_empty_cells_and_far_gaps_are_skipped(tmp_path):
    def spread(wb):
        ws = wb[DAFTAR]
        ws.insert_rows(4, 3)  # blank rows between two indicators of a jabatan
        for row in range(2, 501):  # as LibreOffice writes them: styled, empty, down to row 500
            ws.cell(row, 16).style = "iki_plain"
        wb[JABATAN].insert_rows(2)
        wb[JABATAN]["H2"] = None
    assert load(small(tmp_path, spread)) == load(small(tmp_path))


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET_PARTS = "xl/worksheets/sheet"


def rewrite_parts(path: Path, change) -> None:
    """Rewrite the file's zip parts in place: ``change(name, data)`` gives new bytes, or None
    to drop the part."""
    copy = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = change(item.filename, src.read(item))
            if data is not None:
                dst.writestr(item, data)
    copy.replace(path)


def _xml(data: bytes, edit) -> bytes:
    ElementTree.register_namespace("", MAIN_NS)
    root = ElementTree.fromstring(data)
    edit(root)
    return ElementTree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _set_dimension(path: Path, ref: str | None) -> None:
    """Every sheet's <dimension> says ``ref``, or is left out, as some programs write it."""
    def edit(root):
        for parent in root.iter():
            for dim in parent.findall(f"{{{MAIN_NS}}}dimension"):
                if ref is None:
                    parent.remove(dim)
                else:
                    dim.set("ref", ref)
    rewrite_parts(path, lambda name, data: _xml(data, edit) if name.startswith(SHEET_PARTS)
                  else data)


@pytest.mark.parametrize("ref", ["A1", "A1:B2", None])
def test_a_sheet_whose_dimension_understates_its_data_is_read_whole(ref, tmp_path):
    path = small(tmp_path)
    expected = load(path)
    _set_dimension(path, ref)
    assert load(path) == expected


def test_a_stray_cell_far_away_costs_nothing(tmp_path):
    def stray(wb):
        wb[DAFTAR]["XFD1048576"] = "x"
    assert load(small(tmp_path, stray)) == load(small(tmp_path))


ODS_NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
          "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}


def _ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, dt.date):
        return f'<table:table-cell office:value-type="date" office:date-value="{value}"/>'
    if isinstance(value, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
    first, *rest = html.escape(str(value)).split("\n")
    # how LibreOffice writes text: runs of spaces as <text:s>, a comment inside the cell
    paras = "".join(f"<text:p>{p.replace('  ', ' <text:s/>')}</text:p>" for p in rest)
    return ('<table:table-cell office:value-type="string"><office:annotation><text:p>catatan'
            f'</text:p></office:annotation><text:p><text:span>{first}</text:span></text:p>'
            f'{paras}</table:table-cell>')


def write_ods(cat: Catalogue, path: Path) -> Path:
    """The authoring workbook of ``cat`` as content.xml, written the way LibreOffice does:
    empty areas as repeated rows and cells down to the sheet's last row and column."""
    headers = {JABATAN: [c.header for c in JABATAN_COLUMNS],
               DAFTAR: [c.header for c in DAFTAR_COLUMNS], IKU: [c.header for c in IKU_COLUMNS]}
    tables = []
    for sheet, rows in sheet_rows(cat).items():
        if sheet == INSTANSI:
            rows = [[label, *row] for (label, _), row in zip(INSTANSI_FIELDS, rows)]
        else:
            rows = [headers[sheet], *rows]
        body = "".join("<table:table-row>" + "".join(_ods_cell(v) for v in row)
                       + '<table:table-cell table:number-columns-repeated="16000"/>'
                       "</table:table-row>" for row in rows)
        tables.append(f'<table:table table:name="{sheet}">{body}<table:table-row '
                      'table:number-rows-repeated="1048000"><table:table-cell '
                      'table:number-columns-repeated="16384"/></table:table-row></table:table>')
    xmlns = " ".join(f'xmlns:{k}="{v}"' for k, v in ODS_NS.items())
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {xmlns}>'
               "<office:body><office:spreadsheet>" + "".join(tables)
               + "</office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    return path


@pytest.mark.parametrize("name", DECREES)
def test_an_ods_file_as_libreoffice_writes_it_is_the_same_catalogue(name, tmp_path):
    cat = decree(name)
    assert load(write_ods(cat, tmp_path / "DAFTAR.ods")) == cat


def test_ods_repeated_rows_merged_cells_and_text_runs(tmp_path):
    from xl_iki.authoring.ods import read_ods

    xmlns = " ".join(f'xmlns:{k}="{v}"' for k, v in ODS_NS.items())
    row = ('<table:table-row table:number-rows-repeated="2"><table:table-cell '
           'table:number-columns-spanned="2" office:value-type="string"><text:p>a<text:s '
           'text:c="3"/>b<text:line-break/>c<text:tab/>d</text:p></table:table-cell>'
           '<table:covered-table-cell/><table:table-cell office:value-type="boolean" '
           'office:boolean-value="true" table:number-columns-repeated="9"/></table:table-row>')
    path = tmp_path / "x.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("content.xml", f"<office:document-content {xmlns}><office:body>"
                   f'<office:spreadsheet><table:table table:name="S"><table:table-row '
                   f'table:number-rows-repeated="5"/>{row}</table:table><table:table '
                   f'table:name="T">{row}</table:table></office:spreadsheet></office:body>'
                   "</office:document-content>")
    values = ["a   b\nc\td", None, True, True, True]
    assert read_ods(path, ("S", "U"), 5, 10) == {"S": [(6, values), (7, values)]}


def test_a_damaged_ods_file_is_one_clear_problem(tmp_path, capsys):
    path = write_ods(loads(SMALL), tmp_path / "DAFTAR.ods")
    rewrite_parts(path, lambda name, data: data[:-100] if name == "content.xml" else data)
    assert main(["new", str(path), "-o", str(tmp_path / "iki.xlsx")]) == 2
    assert "bukan lembar kerja OpenDocument (.ods) yang bisa dibaca" in capsys.readouterr().err


# --- a jabatan that is not on the Jabatan sheet -------------------------------------------------

def _set(sheet: str, cell: str, value: object):
    def change(wb):
        wb[sheet][cell] = value
    return change


@pytest.mark.parametrize(("written", "suggested"), [
    ("Sekertaris", "Sekretaris"), ("Kepala dinas", "Kepala Dinas"),
    ("Kepala  Dinas", "Kepala Dinas")])
def test_a_misspelled_jabatan_is_an_error_at_its_cell_with_the_nearest_name(
        written, suggested, tmp_path, capsys):
    cell = "A5" if written.startswith("Sek") else "A3"  # rows no komponen refers to
    path = small(tmp_path, _set(DAFTAR, cell, written), blanks=False)
    assert main(["new", str(path), "-o", str(tmp_path / "iki.xlsx")]) == 2
    err = capsys.readouterr().err
    assert f"{DAFTAR}!{cell}: jabatan '{written}' tidak ada di lembar Jabatan; " \
           f"maksud Anda '{suggested}'?" in err, err
    assert not (tmp_path / "iki.xlsx").exists()


def test_a_jabatan_in_two_unit_kerja_needs_its_unit(tmp_path):
    def twin(wb):
        wb[JABATAN].append([None, "Sekretaris", "Bidang Lain"])
    with pytest.raises(CatalogueError) as info:
        load(small(tmp_path, twin))
    assert f"{DAFTAR}!B4: jabatan 'Sekretaris' ada di beberapa unit kerja (Sekretariat, " \
        "Bidang Lain); isi kolom Unit Kerja" in [str(p) for p in info.value.problems]


def test_a_wrong_unit_kerja_is_an_error_at_its_cell(tmp_path):
    with pytest.raises(CatalogueError) as info:
        load(small(tmp_path, _set(DAFTAR, "B4", "Sekertariat")))
    assert f"{DAFTAR}!B4: unit kerja 'Sekertariat' tidak cocok dengan jabatan 'Sekretaris' di " \
        "lembar Jabatan (unit kerjanya: Sekretariat); maksud Anda 'Sekretariat'?" in \
        [str(p) for p in info.value.problems]


def test_first_indicator_without_jabatan_is_an_error(tmp_path):
    with pytest.raises(CatalogueError) as info:
        load(small(tmp_path, _set(DAFTAR, "A2", None)))
    found = [str(p) for p in info.value.problems]
    assert len(found) == 1 and found[0].startswith(f"{DAFTAR}!A2: kolom Jabatan kosong"), found


def test_the_jabatan_column_offers_the_jabatan_sheet_as_a_dropdown(tmp_path):
    wb = openpyxl.load_workbook(write_authoring_sheet(tmp_path / "kosong.xlsx"))
    lists = {str(dv.sqref): dv.formula1 for dv in wb[DAFTAR].data_validations.dataValidation}
    assert lists["A2:A500"] == "'Jabatan'!$B$2:$B$500"
    assert wb[JABATAN]["B1"].value == "Jabatan"


# --- refs and atasan at their cells ------------------------------------------------------------

@pytest.mark.parametrize(("sheet", "cell", "value", "message"), [
    (JABATAN, "D3", "kadis", "jabatan 'sekretaris': atasan 'kadis' tidak ada di katalog"),
    (JABATAN, "D3", "sekretaris", "jabatan tidak bisa menjadi atasan dirinya sendiri"),
    (DAFTAR, "L3", "Domain Kebijakan = 13; @sekretaris.opini = 2",
     "ref 'sekretaris.opini' merujuk indikator yang tidak ada"),
    (DAFTAR, "L3", "Domain Kebijakan = 13; @sekretaris opini = 2",
     "harus ditulis sebagai id_jabatan.id_indikator"),
    (JABATAN, "C3", None, "dengan unit kerja '' sudah dipakai"),
])
def test_refs_and_atasan_are_reported_at_their_cells(sheet, cell, value, message, tmp_path):
    def change(wb):
        wb[sheet][cell] = value
        if sheet == JABATAN and cell == "C3":  # two jabatan with one name and no unit kerja
            wb[JABATAN]["B3"] = wb[DAFTAR]["A4"] = "Kepala Dinas"
            wb[JABATAN]["A3"] = wb[JABATAN]["D3"] = None
    with pytest.raises(CatalogueError) as info:
        load(small(tmp_path, change))
    found = [str(p) for p in info.value.problems]
    place = f"{sheet}!B3" if cell == "C3" else f"{sheet}!{cell}"
    assert any(p.startswith(place + ":") and message in p for p in found), found


def test_a_reference_cycle_is_reported_at_a_komponen_cell(tmp_path):
    def cycle(wb):
        wb[DAFTAR]["E4"], wb[DAFTAR]["M4"], wb[DAFTAR]["I4"] = "indeks", None, None
        wb[DAFTAR]["L4"] = "@kepala_dinas.indeks_spbe = 1"
    with pytest.raises(CatalogueError) as info:
        load(small(tmp_path, cycle))
    found = [str(p) for p in info.value.problems]
    assert any(p.startswith(f"{DAFTAR}!L") and "rujukan melingkar" in p for p in found), found


CELL = re.compile(rf"^({INSTANSI}|{JABATAN}|{DAFTAR})![A-Z]+[0-9]+: ")
EVERYTHING_WRONG = {
    (INSTANSI, "B3"): "dua ribu", (INSTANSI, "B2"): None,
    (JABATAN, "A2"): "kepala dinas", (JABATAN, "D3"): "kadis", (JABATAN, "E3"): None,
    (DAFTAR, "A5"): "Sekertaris", (DAFTAR, "E2"): "persen", (DAFTAR, "I4"): 9,
    (DAFTAR, "L3"): "Domain = 1; @kepala_dinas.indeks_spbe = 2; @sekretaris.tidak_ada = 1",
    (DAFTAR, "O2"): "sama", (DAFTAR, "O3"): "sama", (DAFTAR, "D4"): None,
}


def test_every_problem_names_its_sheet_and_cell(tmp_path):
    def spoil(wb):
        for (sheet, cell), value in EVERYTHING_WRONG.items():
            wb[sheet][cell] = value
    with pytest.raises(CatalogueError) as info:
        load(small(tmp_path, spoil))
    found = [str(p) for p in info.value.problems]
    assert len(found) >= 10 and all(CELL.match(p) for p in found), found
    assert sum(p.startswith(f"{DAFTAR}!L3: ") and "merujuk" in p for p in found) == 2, found
    assert found[:3] == sorted(found[:3]) and found[0].startswith(f"{INSTANSI}!B2"), found


# --- files that are not (whole) authoring workbooks ----------------------------------------------

def _damage_sheet_xml(path: Path) -> None:
    rewrite_parts(path, lambda name, data: data[: len(data) // 2]
                  if name == f"{SHEET_PARTS}3.xml" else data)


def _drop(part: str):
    return lambda name, data: None if name == part else data


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:3000])


DAMAGED = {
    "not a spreadsheet": (lambda p: p.write_text("versi: 1\n"), "bukan workbook Excel"),
    "truncated": (_truncate, "bukan workbook Excel"),
    "no workbook part": (lambda p: rewrite_parts(p, _drop("xl/workbook.xml")),
                         "bukan workbook Excel"),
    "no sheet part": (lambda p: rewrite_parts(p, _drop(f"{SHEET_PARTS}3.xml")),
                      f"lembar '{DAFTAR}' tidak ada"),
    "malformed sheet xml": (_damage_sheet_xml, "isi lembar rusak"),
}


@pytest.mark.parametrize("case", list(DAMAGED))
def test_a_damaged_file_is_one_clear_problem(case, tmp_path, capsys):
    damage, message = DAMAGED[case]
    path = small(tmp_path)
    damage(path)
    before = path.read_bytes()
    assert main(["new", str(path), "-o", str(tmp_path / "iki.xlsx")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err, err
    assert path.read_bytes() == before


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_work_per_file_is_bounded_with_a_clear_message(suffix, tmp_path, monkeypatch, capsys):
    from xl_iki.authoring import sheets

    path = write_ods(loads(SMALL), tmp_path / "DAFTAR.ods") if suffix == ".ods" else \
        small(tmp_path)
    monkeypatch.setattr(sheets, "MAX_ROWS", 3)
    assert main(["new", str(path), "-o", str(tmp_path / "iki.xlsx")]) == 2
    assert f"lembar '{INSTANSI}' berisi lebih dari 3 baris terisi" in capsys.readouterr().err
    monkeypatch.setattr(sheets, "MAX_UNPACKED", 1000)
    assert main(["new", str(path), "-o", str(tmp_path / "iki.xlsx")]) == 2
    assert "berkas terlalu besar untuk lembar penyusunan" in capsys.readouterr().err


@pytest.mark.parametrize(("name", "message"), [
    ("DAFTAR.xls", "format Excel lama (.xls): buka lalu simpan sebagai .xlsx"),
    ("DAFTAR.xlsx", "berkas dilindungi kata sandi atau berformat Excel lama (.xls)")])
def test_an_old_or_encrypted_file_is_asked_to_be_saved_as_xlsx(name, message, tmp_path, capsys):
    ole = tmp_path / name
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert main(["new", str(ole), "-o", str(tmp_path / "iki.xlsx")]) == 2
    assert message in capsys.readouterr().err


def test_an_iki_workbook_is_not_an_authoring_workbook(tmp_path, capsys):
    iki = tmp_path / "IKI.xlsx"
    assert main(["new", str(EXAMPLES / "lumajang_2021.yaml"), "-o", str(iki)]) == 0
    assert main(["new", str(iki), "-o", str(tmp_path / "lagi.xlsx")]) == 2
    err = capsys.readouterr().err
    assert all(f"lembar '{s}' tidak ada" in err for s in (INSTANSI, JABATAN, DAFTAR)), err


def test_empty_sheets_and_changed_headers_list_every_problem(tmp_path):
    path = write_authoring_sheet(tmp_path / "kosong.xlsx")
    with pytest.raises(CatalogueError) as info:
        load(path)
    found = [str(p) for p in info.value.problems]
    assert any(p.startswith(f"{JABATAN}!B2: lembar Jabatan masih kosong") for p in found)
    assert any(p.startswith(f"{INSTANSI}!B1") and "'nama' wajib" in p for p in found), found

    for sheet, cell, header in ((DAFTAR, "E1", "Jenis"), (DAFTAR, "A1", "Jabatan"),
                                (JABATAN, "B1", "Jabatan")):
        with pytest.raises(CatalogueError) as info:
            load(small(tmp_path, _set(sheet, cell, "Nama lain")))
        found = [str(p) for p in info.value.problems]
        assert found[0].startswith(f"{sheet}!A1: baris judul tidak memuat kolom '{header}'"), \
            found
