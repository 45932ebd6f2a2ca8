"""A real spreadsheet application edits the workbook; the reader still finds everything.

LibreOffice, driven over UNO, does what people do: unprotects, inserts rows for notes
(also inside a komponen block), renames, reorders and copies sheets, adds its own sheet,
unhides the hidden columns and types values — some of them wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from engines import cached_values, libreoffice_convert, rekap_rows
from office import edit_with_libreoffice
from test_validation import CAT, PLANS, at

from xl_iki.cli import main
from xl_iki.model import evaluate
from xl_iki.reader import read_workbook
from xl_iki.validation import validate
from xl_iki.workbook import write_workbook

pytestmark = pytest.mark.office

V, W = PLANS["v"].title, PLANS["w"].title
RENAMED = "Kasi Validasi (diubah)"


def shifted(cell: str, by: int) -> str:
    col, row = cell[0], int(cell[1:])
    return f"{col}{row + by}"


@pytest.fixture(scope="module")
def edited_book(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("uno")
    src = write_workbook(CAT, tmp / "asli.xlsx")
    jml_row = PLANS["v"].rows["jml"][0]
    pct_parts = PLANS["v"].rows["pct"][1]
    ops = [
        {"op": "unprotect_all"},
        {"op": "insert_rows", "sheet": V, "before": jml_row, "count": 2},  # a note above
        # a row between pembilang and penyebut (rows moved down by 2 already)
        {"op": "insert_rows", "sheet": V, "before": pct_parts[1] + 2, "count": 1},
        {"op": "set", "sheet": V, "cell": shifted(at("jml", "B")[1], 0), "value": "catatan"},
        {"op": "set", "sheet": V, "cell": shifted(at("jml", "M")[1], 2), "value": "12 dokumen"},
        {"op": "set", "sheet": V, "cell": shifted(at("pct", "M", 0)[1], 2), "value": 7},
        {"op": "set", "sheet": V, "cell": shifted(at("pct", "M", 1)[1], 3), "value": 8},
        {"op": "set", "sheet": V, "cell": shifted(at("skor", "I")[1], 3), "value": 4.5},
        {"op": "unhide_columns", "sheet": V, "first": "A", "last": "Z"},
        {"op": "rename_sheet", "sheet": V, "new_name": RENAMED},
        {"op": "move_sheet", "sheet": W, "position": 0},
        {"op": "copy_sheet", "sheet": RENAMED, "new_name": "Jabatan Salinan"},
        {"op": "add_sheet", "name": "Catatan Sendiri"},
        {"op": "recalculate"},
    ]
    return src, edit_with_libreoffice(src, tmp / "diedit.xlsx", ops)


def test_reader_finds_every_indicator_after_the_edits(edited_book):
    _, path = edited_book
    rec = read_workbook(path)
    titles = {s.title: s for s in rec.sheets}
    assert set(titles) == {W, RENAMED, "Jabatan Salinan"}
    assert rec.ignored == ["Catatan Sendiri"]
    original = [i.id for i in CAT.jabatan[0].indikator]
    for title in (RENAMED, "Jabatan Salinan"):
        js = titles[title]
        assert [i.id for i in js.plan.jabatan.indikator] == original
        assert js.plan.jabatan.nama == CAT.jabatan[0].nama
        assert js.indikator_rows["jml"].row == PLANS["v"].rows["jml"][0] + 2
        pct = js.indikator_rows["pct"]
        assert [p.row for p in pct.parts] == [PLANS["v"].rows["pct"][1][0] + 2,
                                              PLANS["v"].rows["pct"][1][1] + 3]
    assert titles["Jabatan Salinan"].duplicate_of == RENAMED
    jml = titles[RENAMED].plan.jabatan.indikator[0]
    assert jml.realisasi[:3] == (2, 3, "12 dokumen")


def test_validate_after_the_edits(edited_book):
    _, path = edited_book
    findings = validate(read_workbook(path))
    where = {(f.code, f.sheet, f.cell) for f in findings}
    cell = shifted(at("jml", "M")[1], 2)
    assert ("teks-di-angka", RENAMED, cell) in where
    assert ("id-ganda", "Jabatan Salinan", "A1") in where
    assert ("lembar-lain", "Catatan Sendiri", "") in where
    # LibreOffice rewrote every formula when it saved; none counts as changed
    assert not [f for f in findings if f.code == "rumus-berubah"], \
        [f.where for f in findings if f.code == "rumus-berubah"][:5]


def test_model_and_libreoffice_agree_on_the_edited_file(edited_book, tmp_path):
    _, path = edited_book
    rec = read_workbook(path)
    results = evaluate(rec.catalogue).indikator
    values = cached_values(path)  # LibreOffice recalculated before saving
    checked = 0
    for js in rec.sheets:
        for ind in js.plan.jabatan.indikator:
            row = js.indikator_rows[ind.id].row
            got = values.get((js.title.upper(), f"P{row}"))
            want = results[js.plan.jabatan.id, ind.id].capaian
            assert (got is None) == (want is None), (js.title, ind.id, got, want)
            if want is not None:
                assert got == pytest.approx(want, abs=1e-9), (js.title, ind.id)
                checked += 1
    assert checked >= 10


def test_summary_after_the_edits_covers_every_sheet(edited_book, tmp_path):
    _, path = edited_book
    out = tmp_path / "rekap.xlsx"
    assert main(["summary", str(path), "-o", str(out)]) == 0
    rec = read_workbook(out)
    results = evaluate(rec.catalogue)
    title, rows, summary = rekap_rows(out)
    assert set(rows) == set(results.indikator) and set(summary) == set(results.jabatan)
    lo = libreoffice_convert([out], tmp_path / "lo")[0]
    values = cached_values(lo)
    for key, res in results.indikator.items():
        got = values.get((title.upper(), f"I{rows[key]}"))
        assert got == (None if res.capaian is None else pytest.approx(res.capaian, abs=1e-9))
    for jab_id, summ in results.jabatan.items():
        got = values.get((title.upper(), f"E{summary[jab_id]}"))
        want = summ.rata_rata_capaian
        assert got == (None if want is None else pytest.approx(want, abs=1e-9))
