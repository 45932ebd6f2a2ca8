"""Excel's extension forms survive summary and `validate --write-sheet`; every result is whole.

The fixtures come from independent writers: XlsxWriter (data bars with their x14 ``<extLst>``,
sparklines, a list pointing into another sheet) and LibreOffice saving that file again.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from engines import libreoffice_convert
from ooxml_check import CT_WORKSHEET, X14, order_problems, package_problems, q
from test_validation import CAT, at
from xlsxwriter_book import USER_SHEET, features, rewrite

from xl_iki.cli import main
from xl_iki.edit.extensions import sheet_parts
from xl_iki.workbook import write_workbook

JABATAN, _ = at("jml", "R")
REBUILT = {"Rekap", "Validasi"}  # sheets the commands write anew


@pytest.fixture(scope="module")
def excel_forms(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("xlsxwriter")
    book = write_workbook(CAT, folder / "iki.xlsx")
    return rewrite(book, folder / "dengan_ekstensi.xlsx", JABATAN, "R5:R40")


def sheet_features(path: Path) -> dict[str, dict[str, int]]:
    with zipfile.ZipFile(path) as zf:
        return {name: features(zf, part) for name, part in sheet_parts(zf).items()}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_both(source: Path, folder: Path) -> list[Path]:
    """summary -o and validate --write-sheet -o on ``source``; both results."""
    summary, checked = folder / "rekap.xlsx", folder / "validasi.xlsx"
    before = digest(source)
    assert main(["summary", str(source), "-o", str(summary)]) == 0
    assert main(["validate", str(source), "--write-sheet", "-o", str(checked)]) in (0, 1)
    assert digest(source) == before  # the input is only read
    return [summary, checked]


def assert_kept(source: Path, results: list[Path]) -> None:
    expected = {name: f for name, f in sheet_features(source).items() if name not in REBUILT}
    assert expected[JABATAN]["cfRule/extLst"] and expected[USER_SHEET]["x14:sparkline"]
    rebuilt = sheet_features(results[0])["Rekap"]  # summary wrote the Rekap anew, without it
    assert rebuilt["x14:cfRule"] == rebuilt["cfRule/extLst"] == 0
    for result in results:
        got = sheet_features(result)
        assert {n: got[n] for n in expected} == expected, result.name
        assert package_problems(result) == [], result.name


def test_the_fixture_has_excels_forms_and_passes_the_schema_check(excel_forms):
    got = sheet_features(excel_forms)
    assert got[JABATAN]["x14:cfRule"] == got[JABATAN]["cfRule/extLst"] == 1
    assert got["Rekap"]["x14:cfRule"] == 1  # the rebuilt Rekap must not keep it half
    assert got[USER_SHEET] == {"x14:cfRule": 2, "x14:sparklineGroup": 5, "x14:sparkline": 5,
                               "x14:dataValidation": 0, "dataBar": 2, "cfRule/extLst": 2,
                               "dataValidation": 1}
    assert package_problems(excel_forms) == []


def test_the_schema_check_can_fail():
    assert order_problems(["sheetData", "extLst", "pageMargins"], CT_WORKSHEET, "s") == \
        ["s: <pageMargins> setelah <extLst>"]
    assert order_problems(["sheetData", "dataValidations", "dataValidations"], CT_WORKSHEET,
                          "s") == ["s: <dataValidations> lebih dari sekali"]


def test_data_bars_sparklines_and_lists_survive_summary_and_validate(excel_forms, tmp_path):
    """Why 1: with a data bar, the rebuilt sheet used to be malformed XML."""
    assert_kept(excel_forms, run_both(excel_forms, tmp_path))


def test_in_place_summary_keeps_them_too(excel_forms, tmp_path):
    book = tmp_path / "iki.xlsx"
    book.write_bytes(excel_forms.read_bytes())
    assert main(["summary", str(book)]) == 0
    assert_kept(excel_forms, [book])
    backups = list(tmp_path.glob("iki.cadangan-*.xlsx"))
    assert [digest(b) for b in backups] == [digest(excel_forms)]


def test_consolidate_takes_every_indicator_of_the_xlsxwriter_book(excel_forms, tmp_path,
                                                                   capsys):
    """The consolidation reader (row 1 of each sheet read from its XML) on XlsxWriter's file
    with data bars, sparklines, x14 lists and a user's sheet: same rows as the full reader."""
    import csv

    from xl_iki.export import indicator_rows
    from xl_iki.reader import read_workbook

    before, data = digest(excel_forms), tmp_path / "data.csv"
    # exit 1: XlsxWriter stores 0 as every formula's value, reported as hitungan-berbeda
    assert main(["consolidate", str(excel_forms), "-o", str(tmp_path / "gabungan.xlsx"),
                 "--csv", str(data), "--csv-locale", "en"]) == 1
    assert "hitungan-berbeda" in capsys.readouterr().err
    assert digest(excel_forms) == before
    with data.open(encoding="utf-8-sig", newline="") as handle:
        taken = [row["indikator"] for row in csv.DictReader(handle)]
    expected = [r["indikator"] for r in indicator_rows(read_workbook(excel_forms))
                if r["jabatan_id"] != "iku"]
    assert taken == expected and len(taken) > 5


@pytest.mark.office
def test_libreoffice_saved_copy_keeps_its_features(excel_forms, tmp_path):
    saved = libreoffice_convert([excel_forms], tmp_path / "lo")[0]
    got = sheet_features(saved)
    assert got[USER_SHEET]["x14:sparkline"] == 5 and got[USER_SHEET]["x14:cfRule"] == 2
    assert got[JABATAN]["dataBar"] == 1
    results = run_both(saved, tmp_path)
    assert_kept(saved, results)
    # and LibreOffice opens what we wrote, with the sparklines and data bars in it
    again = sheet_features(libreoffice_convert(results[:1], tmp_path / "lagi")[0])
    assert again[USER_SHEET]["x14:sparkline"] == 5 and again[USER_SHEET]["dataBar"] == 2


def test_a_rule_extension_stays_inside_its_rule(excel_forms, tmp_path):
    """The <extLst> inside a data bar's <cfRule> is not the worksheet's and is not moved."""
    import xml.etree.ElementTree as ET

    [summary, _] = run_both(excel_forms, tmp_path)
    with zipfile.ZipFile(summary) as zf:
        root = ET.fromstring(zf.read(sheet_parts(zf)[JABATAN]))
    top = [e for e in root if e.tag == q("extLst")]
    assert len(top) == 1 and root[-1] is top[0]
    assert [e.get("uri") for e in top[0]] == ["{78C0D931-6437-407d-A8EE-F0AAD7539E65}"]
    rule_ext = root.find(f"{q('conditionalFormatting')}/{q('cfRule')}/{q('extLst')}")
    ids = [e.text for e in rule_ext.iter(q("id", X14))]
    assert ids and ids[0] in ET.tostring(top[0], encoding="unicode")


SLICER = (b'<extLst><ext uri="{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}" '
          b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
          b'<x14:slicerList><x14:slicer r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/'
          b'officeDocument/2006/relationships"/></x14:slicerList></ext></extLst>')


def test_an_extension_tied_to_other_parts_is_refused_not_broken(excel_forms, tmp_path):
    source = tmp_path / "slicer.xlsx"
    with zipfile.ZipFile(excel_forms) as zf, zipfile.ZipFile(source, "w") as out:
        part = sheet_parts(zf)["Daftar"]
        for info in zf.infolist():
            data = zf.read(info.filename)
            out.writestr(info, data.replace(b"</worksheet>", SLICER + b"</worksheet>")
                         if info.filename == part else data)
    before = digest(source)
    assert main(["summary", str(source)]) == 2
    assert digest(source) == before and sorted(p.name for p in tmp_path.iterdir()) == \
        ["slicer.xlsx"]


def test_a_result_that_fails_its_check_replaces_nothing(excel_forms, tmp_path, monkeypatch,
                                                        capsys):
    import xl_iki.edit as edit

    book = tmp_path / "iki.xlsx"
    book.write_bytes(excel_forms.read_bytes())
    monkeypatch.setattr(edit, "restore", lambda saved, lost: 0)  # an extension gets lost
    assert main(["summary", str(book)]) == 1
    assert digest(book) == digest(excel_forms)
    err = capsys.readouterr().err
    assert f"Gagal: {book}: hasil penulisan tidak utuh, berkas tidak diganti" in err
    assert "tidak terbawa" in err
    assert not list(tmp_path.glob(".~*"))


def test_every_file_the_commands_write_passes_the_schema_check(tmp_path):
    made = tmp_path / "baru.xlsx"
    assert main(["new", "-o", str(made)]) == 0
    summary, checked = run_both(made, tmp_path)
    consolidated = tmp_path / "gabungan.xlsx"
    assert main(["consolidate", str(made), "-o", str(consolidated)]) == 0
    sheet = tmp_path / "daftar.xlsx"
    assert main(["authoring-sheet", "-o", str(sheet)]) == 0
    for path in (made, summary, checked, consolidated, sheet):
        assert package_problems(path) == [], path.name


def test_new_checks_its_sheets_were_written(tmp_path, monkeypatch, capsys):
    """A sink whose cells did not reach its sheet fails the write; nothing is left behind."""
    from xl_iki.workbook import sinks

    splice = sinks._SplicingZip.__init__

    def forgetful(self, path, parts):  # one sheet's cells never get spliced in
        splice(self, path, dict(list(parts.items())[1:]))

    monkeypatch.setattr(sinks._SplicingZip, "__init__", forgetful)
    assert main(["new", "-o", str(tmp_path / "baru.xlsx")]) == 1
    assert "tidak tertulis" in capsys.readouterr().err and not list(tmp_path.iterdir())
