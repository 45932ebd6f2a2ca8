"""Leaving out sheets a reader does not need, judged from row 1 without laying the sheet out."""

from __future__ import annotations

import openpyxl
import pytest
from test_validation import CAT

from xl_iki.consolidate import collect
from xl_iki.reader import recover
from xl_iki.reader.heads import first_row, shared_texts, told
from xl_iki.reader.source import read_values
from xl_iki.workbook import write_workbook

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def sheet(row1: str, ns: str = NS) -> bytes:
    return (f'<?xml version="1.0"?><worksheet {ns}><cols><col min="1" max="1"/></cols>'
            f'<sheetData>{row1}<row r="2"><c r="A2" t="inlineStr"><is><t>dua</t></is></c></row>'
            "</sheetData></worksheet>").encode()


@pytest.mark.parametrize(("row1", "expected"), [
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>{"iki":1}</t></is></c>'
     '<c r="Z1" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c></row>',
     {1: ("text", '{"iki":1}'), 26: ("text", "ab")}),
    ('<row r="1"><c r="A1" t="s"><v>3</v></c><c r="B1"><v>5</v></c>'
     '<c r="C1" t="str"><f>X</f><v>hasil</v></c></row>', {1: ("s", "3"), 3: ("text", "hasil")}),
    ('<row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c></row>', {}),  # row 1 is empty
    ('<row><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>', {1: ("text", "x")}),
    ("", {}),
    # what cannot be told for sure: the sheet is read as usual
    ('<row r="1"><c t="inlineStr"><is><t>x</t></is></c></row>', None),  # no position
    ('<row r="1"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>', None),
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t><rPh><t>y</t></rPh></is></c></row>', None),
    ('<row r="1"><c r="A1" t="s"><v>x</v></c></row>', None),
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>', None),  # broken XML
])
def test_first_row(row1, expected):
    assert first_row(sheet(row1)) == expected


def test_another_namespace_cannot_be_told():
    strict = 'xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"'
    assert first_row(sheet('<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>',
                           strict)) is None


def test_shared_texts_and_their_lookup():
    sst = (f'<sst {NS}><si><t>nol</t></si><si><r><t>sa</t></r><r><t>tu</t></r></si>'
           "<si><t>x</t><rPh><t>y</t></rPh></si><si><t>tiga</t></si></sst>").encode()
    texts = shared_texts(sst, 1)
    assert texts == ["nol", "satu"]
    assert told({1: ("s", "1"), 2: ("text", "b")}, texts) == {1: "satu", 2: "b"}
    assert told({1: ("s", "9")}, texts) is None  # beyond the table
    assert told({1: ("s", "2")}, shared_texts(sst, 3)) is None  # phonetic runs
    assert shared_texts(b"<rusak", 3) == []


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("heads")
    ours = write_workbook(CAT, tmp / "xl-iki.xlsx")  # inline texts
    wb = openpyxl.load_workbook(ours)
    wb.create_sheet("Catatan Saya")["A1"] = "catatan"
    wb.save(tmp / "disimpan-ulang.xlsx")  # shared texts, and a sheet of the user's
    return [ours, tmp / "disimpan-ulang.xlsx"]


@pytest.mark.parametrize("n", [0, 1])
def test_consolidation_leaves_out_the_rekap_and_the_users_sheets_only(books, n):
    path = books[n]
    full, lean = read_values(path), read_values(path, needed=collect._needed)
    assert [s.title for s in lean.sheets] == [s.title for s in full.sheets]
    for a, b in zip(full.sheets, lean.sheets):
        if collect._needed(a):
            assert b.cells == a.cells and b.state == a.state, a.title
        else:
            assert b.cells == {k: v for k, v in a.cells.items()
                               if k[0] == 1 and isinstance(v, str)}, a.title
    left = {s.title for s in lean.sheets if not collect._needed(s)}
    assert "Rekap" in left and (n == 0 or "Catatan Saya" in left)
    assert recover(lean).catalogue == recover(full).catalogue
    assert recover(lean).rekap_title == "Rekap"
