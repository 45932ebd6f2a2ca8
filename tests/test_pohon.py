"""The Pohon Kinerja sheet: every indicator once, levels by atasan, live numbers."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest
from cases import broad_catalogue
from engines import libreoffice_convert

from xl_iki.catalogue import load
from xl_iki.model.catalogue import Catalogue
from xl_iki.workbook import build_workbook, write_workbook
from xl_iki.workbook import layout as L
from xl_iki.workbook.pohon_sheet import HEADER_ROW, KEY_COL, TITLE, levels

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
ERRORS = ("#REF!", "#VALUE!", "#NAME?", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")


def depth(cat: Catalogue, jab_id: str) -> int:
    """How many atasan above a jabatan (followed from the catalogue, independently)."""
    by_id = {j.id: j for j in cat.jabatan}
    n, seen = 0, {jab_id}
    while (up := by_id[jab_id].atasan) in by_id and up not in seen:
        n, jab_id = n + 1, up
        seen.add(up)
    return n


def tree_rows(ws) -> list[tuple[int, dict]]:
    keys = []
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        key = L.parse_key(ws[f"{KEY_COL}{row}"].value)
        if key:
            keys.append((row, key))
    return keys


def three_levels() -> Catalogue:
    cat = broad_catalogue()
    a, b, c = cat.jabatan
    return dataclasses.replace(cat, jabatan=(dataclasses.replace(c, atasan="b"), a,
                                             dataclasses.replace(b, atasan="a")))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_indicator_once_at_its_atasan_level(example):
    cat = load(example)
    ws = build_workbook(cat)[TITLE]
    rows = tree_rows(ws)
    indicators = [(k["jabatan"], k["ind"]) for _, k in rows if "ind" in k]
    assert sorted(indicators) == sorted((j.id, i.id) for j in cat.jabatan for i in j.indikator)
    assert len(set(indicators)) == len(indicators)
    seen_jabatan: list[str] = []
    for row, key in rows:
        jab = key["jabatan"]
        level = depth(cat, jab) + ("ind" in key)
        assert ws.row_dimensions[row].outlineLevel == min(level, 7)
        assert ws[f"A{row}"].alignment.indent == 2 * level
        if "ind" not in key:
            atasan = next(j.atasan for j in cat.jabatan if j.id == jab)
            assert atasan is None or atasan in seen_jabatan  # the atasan's row comes first
            seen_jabatan.append(jab)
    assert sorted(seen_jabatan) == sorted(j.id for j in cat.jabatan)
    assert ws.sheet_properties.outlinePr.summaryBelow is False
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"


def test_levels_survive_an_atasan_loop():
    cat = three_levels()
    a, b, c = cat.jabatan[1], cat.jabatan[2], cat.jabatan[0]
    looped = dataclasses.replace(cat, jabatan=(dataclasses.replace(a, atasan="c"), b, c))
    assert sorted(j.id for j, _ in levels(looped)) == ["a", "b", "c"]
    assert [(j.id, d) for j, d in levels(cat)] == [("a", 0), ("b", 1), ("c", 2)]


@pytest.mark.office
def test_recalculates_in_libreoffice_without_error_values(tmp_path):
    books = {"tiga_tingkat": write_workbook(three_levels(), tmp_path / "tiga_tingkat.xlsx")}
    for example in EXAMPLES:
        books[example.stem] = write_workbook(load(example), tmp_path / f"{example.stem}.xlsx")
    done = libreoffice_convert(list(books.values()), tmp_path / "lo")
    for path in done:
        wb = openpyxl.load_workbook(path, data_only=True)
        ws = wb[TITLE]
        for row in ws.iter_rows(min_row=HEADER_ROW + 1):
            for cell in row:
                assert not (isinstance(cell.value, str) and cell.value.startswith(ERRORS)), \
                    f"{path.name} {TITLE}!{cell.coordinate}: {cell.value}"
    wb = openpyxl.load_workbook(done[0], data_only=True)
    ws, cat = wb[TITLE], three_levels()
    checked = 0
    for row, key in tree_rows(ws):
        if "ind" not in key:
            continue
        jab = next(j for j in cat.jabatan if j.id == key["jabatan"])
        sheet = next(s for s in wb.worksheets
                     if L.parse_key(s["A1"].value) == {"iki": 1, "jabatan": jab.id,
                                                       **({"atasan": jab.atasan}
                                                          if jab.atasan else {})})
        source = next(r for r in range(1, sheet.max_row + 1)
                      if (L.parse_key(sheet[f"A{r}"].value) or {}).get("ind") == key["ind"])
        for mine, theirs in (("E", L.REALISASI), ("F", L.CAPAIAN), ("G", L.PREDIKAT)):
            assert ws[f"{mine}{row}"].value == sheet[f"{theirs.letter}{source}"].value
        checked += ws[f"F{row}"].value not in (None, "")
    assert checked > 10  # numbers, not only blanks
    refs = [ws[f"H{r}"].value for r, k in tree_rows(ws) if k.get("ind") == "b_sum"]
    assert refs[0].endswith("Indikator mean_ref; " + cat.jabatan[2].nama + ": Indikator b_ref_idx")
