"""What consolidation takes from a folder, and the compact rows its readers send back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from lxml import etree
from test_validation import CAT

from xl_iki.consolidate import collect, consolidate
from xl_iki.consolidate.records import Row, Sharing
from xl_iki.fileio import keep_backup
from xl_iki.model import Instansi
from xl_iki.ooxml import q
from xl_iki.workbook import write_workbook


@pytest.fixture
def folder(tmp_path) -> Path:
    masuk = tmp_path / "masuk"
    masuk.mkdir()
    for n in range(2):
        cat = dataclasses.replace(CAT, instansi=Instansi(f"Dinas {n}", "Kota Uji", 2025))
        write_workbook(cat, masuk / f"d{n}.xlsx")
    return masuk


def test_our_backups_are_not_an_offices_submission(folder):
    backups = [keep_backup(folder / "d0.xlsx"),
               keep_backup(folder / "d0.xlsx", dt.datetime(2025, 3, 1, 8, 0, 0)),
               keep_backup(folder / "d1.xlsx", dt.datetime(2025, 3, 1, 8, 0, 0))]
    assert {b.name for b in backups} >= {"d0.cadangan-20250301-080000.xlsx",
                                         "d1.cadangan-20250301-080000.xlsx"}
    names = {"d0.xlsx", "d1.xlsx", "d0.cadangan.xlsx", "cadangan-20250301-080000.xlsx"}
    for name in names - {"d0.xlsx", "d1.xlsx"}:  # look alike, are not ours: taken
        (folder / name).write_bytes((folder / "d0.xlsx").read_bytes())
    assert {p.name for p in collect.expand([str(folder)])} == names
    assert {p.name for p in collect.expand([str(folder / "*.xlsx")])} == names
    assert collect.expand([str(backups[0])]) == [backups[0]]  # named on its own: taken
    hasil = consolidate([str(folder / "d0.xlsx"), str(folder / "d1.xlsx"), str(folder)],
                        folder.parent / "rekap.xlsx", timpa=True)
    assert hasil.files_read == len(names)


def test_rows_are_plain_tuples_sharing_equal_values(folder):
    d0, d1 = collect.read_all([folder / "d0.xlsx", folder / "d1.xlsx"], workers=1)
    assert d0.rows and all(type(r) is tuple and len(r) == len(Row.FIELDS) for r in d0.rows)
    assert {r[Row.INDEX["berkas"]] for r in d0.rows} == {str(folder / "d0.xlsx")}
    for name in ("pemda", "jenis", "satuan", "indikator"):  # texts: across files
        n = Row.INDEX[name]
        assert d0.rows[0][n] is d1.rows[0][n]
    quarter, value = Row.INDEX["tw1"], Row.INDEX["tw1_nilai"]
    numbers = [r for r in d0.rows if isinstance(r[quarter], float) and r[quarter]]
    assert numbers and all(r[quarter] is r[value] for r in numbers)  # numbers: within a file
    tahun = Row.INDEX["tahun"]
    assert len({id(r[tahun]) for r in d0.rows}) == 1


def test_sharing_never_makes_two_different_values_one():
    rows = [(1, 1.0, True, -0.0, "Ada", None, 2.5), (1.0, 1, 1, 0.0, 1.0, 2.5, 2.5),
            (True, 1.0, 1.0, 0.0, "Ada", 2.5, 2.5)]
    kept = Sharing().rows(list(rows))
    assert [[(type(v), repr(v)) for v in r] for r in kept] == [
        [(type(v), repr(v)) for v in r] for r in rows]
    assert kept[1][6] is kept[2][6] and kept[1][5] is kept[2][5]


def test_long_tables_written_as_sheet_xml_read_the_same(folder, monkeypatch):
    """Tables longer than SPLICE_FROM rows skip XlsxWriter's cell calls: same cells, same
    formats, same row heights."""
    from xl_iki.consolidate import output

    def cells(path: Path) -> dict:
        wb = openpyxl.load_workbook(path)
        return {(ws.title, c.coordinate): (c.value, c.number_format, c.alignment.wrap_text,
                                           ws.row_dimensions[c.row].height)
                for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if c.value is not None}

    hasil = consolidate([str(folder)], folder.parent / "a.xlsx")
    monkeypatch.setattr(output, "SPLICE_FROM", 0)
    consolidate([str(folder)], folder.parent / "b.xlsx")
    a, b = cells(hasil.output), cells(folder.parent / "b.xlsx")
    assert a == b and len(a) > 100
    assert sheet_heads(hasil.output) == sheet_heads(folder.parent / "b.xlsx")


def sheet_heads(path: Path) -> dict[str, tuple]:
    """Each sheet part's namespace declarations, dimension and XML declaration."""
    heads = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/sheet"):
                data = zf.read(name)
                root = etree.fromstring(data)
                heads[name] = (data[:data.index(b"?>")], root.nsmap,
                               root.find(q("dimension")).get("ref"))
    return heads


def test_spliced_rows_never_land_before_rows_already_written(tmp_path):
    from xl_iki.consolidate.fastrows import splice

    path = tmp_path / "x.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    wb.add_worksheet().write_string(9, 0, "baris 10")
    wb.close()
    with pytest.raises(RuntimeError, match="already written"):
        splice(path, {"xl/worksheets/sheet1.xml": (iter(['<row r="5"/>']), 5, "A1:A10")})


def _collector_state(path: str) -> collect.FileResult:
    return collect.FileResult(path, tahun=int(gc.isenabled()))


def test_workers_collect_their_garbage_while_the_parent_pauses(monkeypatch, tmp_path):
    """consolidate pauses the collector while rows arrive; forked workers must not inherit
    that (their readers' cycles would pile up over thousands of files)."""
    monkeypatch.setattr(collect, "read_one", _collector_state)
    monkeypatch.setattr(collect, "PARALLEL_FROM", 2)
    gc.disable()
    try:
        results = collect.read_all([tmp_path / f"{n}.xlsx" for n in range(4)], workers=2)
    finally:
        gc.enable()
    assert [r.tahun for r in results] == [1] * 4


def test_consolidate_leaves_the_collector_as_it_found_it(folder):
    consolidate([str(folder)], folder.parent / "a.xlsx")
    assert gc.isenabled() and not gc.get_freeze_count()
    gc.disable()
    try:
        consolidate([str(folder)], folder.parent / "b.xlsx")
        assert not gc.isenabled() and not gc.get_freeze_count()
    finally:
        gc.enable()
