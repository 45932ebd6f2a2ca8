"""Excel's limits, met at the catalogue: a clear error at its line, or a file that stays valid."""

from __future__ import annotations

import json
import textwrap
import zipfile
from xml.etree import ElementTree

import openpyxl
import pytest
from engines import libreoffice_convert
from test_catalogue import HEAD, problems, with_indicator

from xl_iki.catalogue import loads
from xl_iki.cli import main
from xl_iki.export import as_yaml
from xl_iki.reader import read_workbook
from xl_iki.workbook import layout as L
from xl_iki.workbook import write_workbook
from xl_iki.workbook.sheetnames import FORBIDDEN, MAX_LEN

# seven labels of the kind BPK opinions take: 333 characters written out (Excel allows 255)
BPK = ("Tidak Menyatakan Pendapat (TMP) atas Laporan Keuangan",
       "Tidak Wajar (TW) atas Laporan Keuangan Pemerintah Daerah",
       "Wajar Dengan Pengecualian (WDP) atas Laporan Keuangan",
       "Wajar Tanpa Pengecualian (WTP) dengan banyak catatan",
       "Wajar Tanpa Pengecualian (WTP) dengan paragraf penjelas",
       "Wajar Tanpa Pengecualian (WTP)", "WTP lima kali berturut-turut")
X = "x"


@pytest.mark.parametrize(("body", "line", "shown"), [
    ("- {nama: A, jenis: jumlah, target: .nan}", 10, "'.nan': bukan angka (NaN)"),
    ("- {nama: A, jenis: jumlah, target: .inf}", 10, "'.inf': angka tak hingga"),
    ("- nama: A\n  jenis: jumlah\n  realisasi: [1, -.Inf, null, null]", 12, "'-.Inf'"),
    ("- nama: A\n  jenis: indeks\n  komponen: [{nama: a, bobot: .NaN}]", 12, "'.NaN'"),
    ("- nama: A\n  jenis: skor\n  skala: [1, .inf]", 12, "'.inf'"),
    ("- {nama: A, jenis: jumlah, target: 1.0e+309}", 10, "'1.0e+309': angka tak hingga"),
    ("- {nama: A, jenis: jumlah, target: 1.5e+308}", 10, "angka terlalu besar untuk Excel"),
    ("- {nama: A, jenis: jumlah, target: '1-1" + "0" * 400 + "'}", 10,
     "rentang target inf: angka tak hingga"),
])
def test_non_finite_numbers_are_refused_at_their_line(body, line, shown):
    found = problems(with_indicator(body))
    assert any(p.startswith(f"katalog.yaml:{line}:") and shown in p for p in found), found


@pytest.mark.parametrize(("where", "line"), [("tahun: 2021\n  batas_capaian: .inf", 6),
                                           ("tahun: .nan", 5)])
def test_non_finite_instansi_numbers_are_refused(where, line):
    found = problems(HEAD.replace("tahun: 2021", where) + "      - {nama: A, jenis: jumlah}\n")
    assert any(p.startswith(f"katalog.yaml:{line}:") and "tidak bisa ditulis di Excel" in p
               for p in found), found


def test_nan_in_the_catalogue_never_reaches_a_workbook(tmp_path):
    """Today's main wrote <v>nan</v> and MIN(nan,100), which openpyxl cannot open."""
    source = tmp_path / "katalog.yaml"
    source.write_text(HEAD.replace("tahun: 2021", "tahun: 2021\n  batas_capaian: .nan")
                      + "      - {nama: A, jenis: jumlah, target: .inf}\n", encoding="utf-8")
    assert main(["new", str(source), "-o", str(tmp_path / "iki.xlsx")]) == 2
    assert not (tmp_path / "iki.xlsx").exists()


def kualitatif(labels: tuple[str, ...], n: int = 1) -> str:
    items = "".join(f"- nama: Opini {k}\n  jenis: kualitatif\n  skala: {list(labels)!r}\n"
                    f"  target: {labels[-1]!r}\n" for k in range(n))
    return with_indicator(items + "- {nama: Pendek, jenis: kualitatif, skala: [A, B]}\n")


def list_validations(path):
    wb = openpyxl.load_workbook(path)
    ws = next(w for w in wb.worksheets if (L.parse_key(w["A1"].value) or {}).get("jabatan"))
    return ws, [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]


def range_values(ws, ref: str) -> list:
    return [c.value for row in ws[ref.replace("$", "")] for c in row]


def test_long_dropdown_list_comes_from_hidden_cells(tmp_path):
    assert len('"' + ",".join(BPK) + '"') > 255
    path = write_workbook(loads(kualitatif(BPK, n=2)), tmp_path / "iki.xlsx")
    ws, lists = list_validations(path)
    assert all(len(dv.formula1) <= 255 and len(dv.error) <= 255 for dv in lists)
    long = next(dv for dv in lists if not dv.formula1.startswith('"'))
    assert range_values(ws, long.formula1) == list(BPK)
    first, last = long.formula1.replace("$", "").split(":")
    for col in range(ws[first].column, ws[last].column + 1):
        letter = openpyxl.utils.get_column_letter(col)
        assert ws.column_dimensions[letter].hidden
        assert ws[f"{letter}{ws[first].row}"].protection.locked
    rows = [r for r in range(1, ws.max_row + 1)
            if (L.parse_key(ws[f"A{r}"].value) or {}).get("jenis") == "kualitatif"]
    sqref = str(long.sqref)
    for row in rows[:2]:  # both long indicators: target and the four TW inputs
        assert all(f"{c}{row}" in sqref for c in (L.TARGET.letter, L.TW[0].letter))
    assert any(dv.formula1 == '"A,B"' for dv in lists)
    # the workbook still reads back as the same catalogue
    rec = read_workbook(path)
    again = read_workbook(write_workbook(loads(as_yaml(rec)), tmp_path / "lagi.xlsx"))
    assert again.catalogue == rec.catalogue
    assert rec.catalogue.jabatan[0].indikator[0].skala == BPK


@pytest.mark.office
def test_libreoffice_keeps_the_long_dropdown(tmp_path):
    path = write_workbook(loads(kualitatif(BPK)), tmp_path / "iki.xlsx")
    saved = libreoffice_convert([path], tmp_path / "lo")[0]
    ws, lists = list_validations(saved)
    sources = [dv.formula1 for dv in lists if not dv.formula1.startswith('"')]
    assert sources and range_values(ws, sources[0]) == list(BPK)


@pytest.mark.parametrize(("body", "line", "message"), [
    ("- nama: A\n  jenis: kualitatif\n  skala:\n    - B\n    - " + X * 256, 14,
     "label 'xxxx"),
    ("- nama: A\n  jenis: kualitatif\n  skala: [" + ", ".join(f"L{k}" for k in range(61)) + "]",
     12, "terlalu banyak label skala (61); paling banyak 60"),
    ("- nama: A\n  jenis: kualitatif\n  skala: ["
     + ", ".join(f"{k}{X * 250}" for k in range(40)) + "]", 12,
     "rumus Excel yang memuatnya menjadi"),
])
def test_labels_that_would_break_a_formula_are_refused_at_their_line(body, line, message):
    found = problems(with_indicator(body))
    assert any(p.startswith(f"katalog.yaml:{line}:") and message in p for p in found), found


def test_long_predikat_label_is_refused_at_its_line():
    text = HEAD.replace("jabatan:", "predikat:\n  - {min: 90, label: Baik}\n"
                        f"  - min: 0\n    label: {X * 300}\njabatan:") + \
        "      - {nama: A, jenis: jumlah}\n"
    found = problems(text)
    assert any(p.startswith("katalog.yaml:9:") and "(300 karakter)" in p
               and "paling banyak 255" in p for p in found), found


@pytest.mark.parametrize(("field", "line"), [("nama", 10), ("sumber_data", 12),
                                            ("keterangan", 12), ("fungsi", 11)])
def test_cell_text_over_excels_limit_is_refused_at_its_line(field, line):
    value = "a" * 40_000
    if field == "fungsi":  # an item of a list, at its own line
        found = problems(HEAD.replace("    indikator:", f"    fungsi:\n      - Satu\n"
                                      f"      - {value}\n    indikator:")
                         + "      - {nama: A, jenis: jumlah}\n")
    else:
        body = (f"- nama: {value}\n  jenis: jumlah" if field == "nama"
                else f"- nama: A\n  jenis: jumlah\n  {field}: {value}")
        found = problems(HEAD + textwrap.indent(body, "      ") + "\n")
    assert any(p.startswith(f"katalog.yaml:{line}:")
               and "terlalu panjang (40000 karakter)" in p for p in found), found


def test_rows_of_long_text_stay_within_excels_tallest_row(tmp_path):
    body = "- nama: A\n  jenis: jumlah\n  penjelasan: " + "kata " * 6000 + "\n"
    path = write_workbook(loads(with_indicator(body)), tmp_path / "iki.xlsx")
    heights = [d.height for ws in openpyxl.load_workbook(path).worksheets
               for d in ws.row_dimensions.values() if d.height]
    assert max(heights) == 409


def test_instansi_title_and_long_id_are_refused():
    text = HEAD.replace("nama: Dinas Komunikasi dan Informatika", "nama: " + "N" * 20_000) \
        .replace("pemda: Kabupaten Lumajang", "pemda: " + "P" * 20_000) \
        .replace("id: kadis", "id: " + "k" * 65) + "      - {nama: A, jenis: jumlah}\n"
    found = problems(text)
    assert any(p.startswith("katalog.yaml:3:") and "judul setiap lembar" in p for p in found)
    assert any(p.startswith("katalog.yaml:7:") and "terlalu panjang (65 karakter" in p
               for p in found), found


NAMES = ["Kepala [Seksi]: Data/Statistik * Informasi? \\ Publik dan Persandian Kabupaten",
         "Kepala [Seksi]: Data/Statistik * Informasi? \\ Publik dan Persandian Kota",
         "???", "'Sekretaris'", "History", "Seksi O'Brien & Data"]


def test_sheet_and_defined_names_obey_excels_rules(tmp_path):
    jabatan = "".join(f"  - nama: {json.dumps(n)}\n    indikator: [{{nama: A, jenis: jumlah}}]\n"
                      for n in NAMES)
    cat = loads(HEAD.split("jabatan:")[0] + "jabatan:\n" + jabatan)
    path = write_workbook(cat, tmp_path / "iki.xlsx")
    titles = openpyxl.load_workbook(path).sheetnames
    jab_titles = titles[-len(NAMES) - 1:-1]
    assert len({t.casefold() for t in titles}) == len(titles)
    for title in jab_titles:
        assert 0 < len(title) <= MAX_LEN and not FORBIDDEN.search(title)
        assert not title.startswith("'") and not title.endswith("'")
        assert title.casefold() != "history"
    with zipfile.ZipFile(path) as z:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    names = book.findall("m:definedNames/m:definedName", ns)
    assert names
    for name in names:  # print areas and titles point at the sheet by its quoted name
        sheet = titles[int(name.get("localSheetId"))]
        assert name.text.startswith("'" + sheet.replace("'", "''") + "'!"), name.text
    assert [j.nama for j in read_workbook(path).catalogue.jabatan] == NAMES
