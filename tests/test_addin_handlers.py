"""The ribbon buttons' handlers, run through xlwings' remote engine on real workbooks.

The remote engine takes a workbook as JSON (what an Excel client would send) and records
every write as an action; the payloads here come from generated, filled workbooks whose
values LibreOffice recalculated, and the tests assert on the recorded actions.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import xlwings as xw
from engines import libreoffice_convert
from test_validation import CAT, PLANS, at, edited

from xl_iki.addin import handlers, run_button
from xl_iki.addin.actions import handler
from xl_iki.addin.grid import hex_of
from xl_iki.addin.handlers import COLUMNS, CONSOLIDATED
from xl_iki.addin.rekap_grid import grid_of
from xl_iki.reader import read_workbook, recover
from xl_iki.reader.source import read_file, read_values
from xl_iki.reader.xlwings_book import read_book
from xl_iki.validation import GALAT, INFO, PERINGATAN, validate
from xl_iki.validation.marks import MARK_COLOURS
from xl_iki.workbook import colours, write_workbook
from xl_iki.workbook import layout as L
from xl_iki.workbook.jabatan_sheet import plan
from xl_iki.workbook.plainsink import GridSink
from xl_iki.workbook.rekap_sheet import HEADER as REKAP_HEADER
from xl_iki.workbook.rekap_sheet import HEADER_ROW, RekapWriter
from xl_iki.workbook.sheetnames import sheet_name
from xl_iki.workbook.sinks import OpenpyxlSink
from xl_iki.workbook.styles import Palette, ensure_styles

pytestmark = pytest.mark.office

EDITS = [
    (at("jml", "K"), "12 dokumen"),  # teks-di-angka (galat) on an input
    (at("pct", "K", 0), 9),  # pembilang 9 > penyebut 5 (peringatan) on a komponen input
    (at("langsung", "L"), 250),  # persen-di-atas-100 on L, capaian-tidak-wajar on P
    (at("skor", "P"), 75),  # a formula overwritten: only visible when formulas are read
    lambda wb: wb.create_sheet("Catatan Saya").append(["catatan rapat"]),  # lembar-lain (info)
]
VISIBILITY = {"visible": "Visible", "hidden": "Hidden", "veryHidden": "VeryHidden"}
LINK = re.compile(r'^=HYPERLINK\("#(.+)!([A-Z]+[0-9]+)","([A-Z]+[0-9]+)"\)$')


@pytest.fixture(scope="module", autouse=True)
def remote_engine() -> Iterator[None]:
    """xlwings' remote engine needs a key; the noncommercial one is for these tests only."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
        if "remote" not in [e.name for e in xw.engines]:  # xlwings was imported without it
            from xlwings.main import Engine
            from xlwings.pro import _xlremote

            xw.engines.add(Engine(impl=_xlremote.engine))
        yield


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """The clean and the filled workbook, recalculated by LibreOffice (one conversion)."""
    tmp = tmp_path_factory.mktemp("handlers")
    clean = write_workbook(CAT, tmp / "bersih.xlsx")
    filled = edited(clean, tmp, EDITS)
    out = libreoffice_convert([clean, filled], tmp / "lo")
    return {"clean": out[0], "filled": out[1]}


def _json(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


def payload(path: Path, name: str | None = None, first: list[dict] = ()) -> dict:
    """What an Excel client sends for the workbook at ``path``: its sheets' values."""
    wb = openpyxl.load_workbook(path, data_only=True)
    sheets = [{"name": ws.title, "visibility": VISIBILITY[ws.sheet_state], "pictures": [],
               "tables": [], "values": [[_json(v) for v in row]
                                        for row in ws.iter_rows(values_only=True)] or [[]]}
              for ws in wb.worksheets]
    return {"version": xw.__version__, "client": "VBA", "names": [],
            "book": {"name": name or path.name, "active_sheet_index": 0, "selection": "A1"},
            "sheets": [*first, *sheets]}


def book_of(path: Path, **kw) -> xw.Book:
    return xw.Book(json=payload(path, **kw))


def actions(book: xw.Book, func: str) -> list[dict]:
    return [a for a in book.json()["actions"] if a["func"] == func]


def said(book: xw.Book) -> tuple[str, str]:
    """(message, mode) of the one message box the handler showed."""
    (alert,) = actions(book, "alert")
    assert alert["args"][1] == "xl-iki"
    return alert["args"][0], alert["args"][3]


def painted(book: xw.Book, titles: list[str]) -> dict[tuple[str, str], str | None]:
    """(sheet, cell) -> colour of every setRangeColor, sheets named by final position."""
    out = {}
    for a in actions(book, "setRangeColor"):
        for r in range(a["row_count"]):
            for c in range(a["column_count"]):
                ref = openpyxl.utils.get_column_letter(a["start_column"] + c + 1)
                out[titles[a["sheet_position"]], f"{ref}{a['start_row'] + r + 1}"] = a["args"][0]
    return out


def titles_of(path: Path) -> list[str]:
    return openpyxl.load_workbook(path, read_only=True).sheetnames


def expected(path: Path) -> list:
    """What validation finds in the file read like the remote engine reads it (values)."""
    return validate(recover(read_values(path)))


# --- Validasi --------------------------------------------------------------------------------


def validasi_rows(book: xw.Book) -> list[list]:
    (write,) = [a for a in actions(book, "setValues") if a["sheet_position"] == 0]
    assert (write["start_row"], write["start_column"]) == (0, 0)
    return write["values"]


def test_validasi_lists_every_finding_first_and_marks_the_cells(files) -> None:
    book = book_of(files["filled"])
    run_button("iki_validasi", book)
    findings = expected(files["filled"])
    codes = {f.code for f in findings}
    assert {"teks-di-angka", "pembilang-melebihi-penyebut", "persen-di-atas-100",
            "capaian-tidak-wajar", "lembar-lain"} <= codes
    assert "rumus-berubah" not in codes  # values only: an overwrite cannot be told apart
    assert "rumus-berubah" in {f.code for f in validate(read_workbook(files["filled"]))}

    assert [a["args"] for a in actions(book, "addSheet")] == [[0, "Validasi"]]
    rows = validasi_rows(book)
    assert rows[0] == list(COLUMNS)
    assert len(rows) == len(findings) + 1
    for n, (row, f) in enumerate(zip(rows[1:], findings), start=1):
        assert row[:2] == [n, f.sheet] and row[3:6] == [f.severity, f.code, f.message]
        if f.cell:
            assert row[2] == f"=HYPERLINK(\"#'{f.sheet}'!{f.cell}\",\"{f.cell}\")"
        else:
            assert row[2] == "" and f.severity == INFO  # xlwings sends an empty cell as ""
    original = {(r[1], LINK.match(r[2])[2] if r[2] else ""): r[6] for r in rows[1:]}
    assert original[at("jml", "K")] == original[at("pct", "K", 0)] == hex_of(colours.INPUT)
    assert original[at("langsung", "P")] == hex_of(colours.FORMULA)
    assert original["Catatan Saya", ""] == ""  # info: not marked, nothing to restore

    titles = ["Validasi", *titles_of(files["filled"])]
    marks = {(f.sheet, f.cell): hex_of(MARK_COLOURS[f.severity]) for f in findings
             if f.severity == PERINGATAN}
    marks |= {(f.sheet, f.cell): hex_of(MARK_COLOURS[GALAT]) for f in findings
              if f.severity == GALAT}
    colors = painted(book, titles)
    header = {k: v for k, v in colors.items() if k[0] == "Validasi"}
    assert header == {("Validasi", f"{c}1"): hex_of(colours.HEADER) for c in "ABCDEFG"}
    assert {k: v for k, v in colors.items() if k[0] != "Validasi"} == marks
    message, mode = said(book)
    errors = sum(f.severity == GALAT for f in findings)
    warnings = sum(f.severity == PERINGATAN for f in findings)
    assert errors and warnings
    assert message.startswith(f"{errors} galat, {warnings} peringatan; lihat lembar Validasi.")
    assert "Rumus tidak diperiksa" in message and mode == "info"


def test_validasi_adds_a_note_per_marked_cell_where_the_client_has_notes(files) -> None:
    data = payload(files["filled"])
    data["client"] = "Office.js"  # the only client the remote engine adds notes for
    for sheet in data["sheets"]:
        sheet["notes"] = []
    book = xw.Book(json=data)
    run_button("iki_validasi", book)
    marked: dict[tuple[str, str], list[str]] = {}
    for f in expected(files["filled"]):
        if f.severity != INFO:
            marked.setdefault((f.sheet, f"${f.cell[0]}${f.cell[1:]}"), []).append(
                f"[{f.code}] {f.message}")
    titles = ["Validasi", *titles_of(files["filled"])]
    notes = {(titles[a["sheet_position"]], a["args"][0]): a["args"][1]
             for a in actions(book, "addNote")}
    assert notes == {cell: "\n".join(lines) for cell, lines in marked.items()}


def test_validasi_of_a_clean_workbook_says_there_is_no_problem(files) -> None:
    book = book_of(files["clean"])
    run_button("iki_validasi", book)
    assert expected(files["clean"]) == []
    assert actions(book, "addSheet") == [] and actions(book, "setRangeColor") == []
    assert said(book)[0].startswith("Tidak ada masalah.\n\nDiperiksa: 2 lembar jabatan.")


def shown(value: object) -> object:
    """What Excel shows (and sends) for a value the handler wrote: a link's text."""
    if isinstance(value, str) and (link := LINK.match(value)):
        return link[3]
    return "" if value is None else value


@pytest.fixture(scope="module")
def validasi_sheet(files) -> dict:
    """The Validasi sheet as Excel sends it back after the Validasi button wrote it."""
    book = book_of(files["filled"])
    run_button("iki_validasi", book)
    return {"name": "Validasi", "visibility": "Visible", "pictures": [], "tables": [],
            "values": [[shown(v) for v in row] for row in validasi_rows(book)]}


def test_hapus_tanda_restores_the_original_fills_and_deletes_the_sheet(files, validasi_sheet):
    book = book_of(files["filled"], first=[validasi_sheet])
    run_button("iki_hapus_tanda", book)
    titles = ["Validasi", *titles_of(files["filled"])]
    restored = painted(book, titles)
    findings = [f for f in expected(files["filled"]) if f.severity != INFO]
    assert set(restored) == {(f.sheet, f.cell) for f in findings}
    assert restored[at("jml", "K")] == restored[at("pct", "K", 0)] == hex_of(colours.INPUT)
    assert restored[at("langsung", "L")] == hex_of(colours.INPUT)
    assert restored[at("langsung", "P")] == hex_of(colours.FORMULA)
    deletes = actions(book, "sheetDelete")
    assert [a["sheet_position"] for a in deletes] == [0]
    assert book.json()["actions"][-2] == deletes[0]  # after every colour, before the message
    assert actions(book, "addSheet") == []
    assert said(book) == (f"Tanda pada {len(restored)} sel sudah dihapus dan lembar Validasi "
                          "ditutup.", "info")


def test_validasi_again_first_undoes_the_old_marks(files, validasi_sheet) -> None:
    book = book_of(files["filled"], first=[validasi_sheet])
    run_button("iki_validasi", book)
    funcs = [a["func"] for a in book.json()["actions"]]
    assert funcs.index("sheetDelete") < funcs.index("addSheet")
    restores = funcs[:funcs.index("sheetDelete")]
    assert restores and set(restores) == {"setRangeColor"}
    assert actions(book, "sheetDelete")[0]["sheet_position"] == 0
    assert [a["args"] for a in actions(book, "addSheet")] == [[0, "Validasi"]]


def test_a_validasi_sheet_of_the_user_is_never_deleted(files) -> None:
    own = {"name": "Validasi", "visibility": "Visible", "pictures": [], "tables": [],
           "values": [["Catatan validasi saya", "penting"]]}
    for button in ("iki_hapus_tanda", "iki_validasi"):
        book = book_of(files["filled"], first=[own])
        run_button(button, book)
        message, mode = said(book)
        assert "tidak dibuat oleh tombol Validasi" in message and mode == "critical"
        assert [a["func"] for a in book.json()["actions"]] == ["alert"]


def test_hapus_tanda_without_a_validasi_sheet_says_so(files) -> None:
    book = book_of(files["filled"])
    run_button("iki_hapus_tanda", book)
    assert said(book) == ("Tidak ada lembar Validasi di workbook ini, jadi tidak ada tanda yang "
                          "perlu dihapus.", "info")
    assert [a["func"] for a in book.json()["actions"]] == ["alert"]


def test_original_fill_follows_the_role_of_the_cell(files) -> None:
    rec = read_workbook(files["clean"])
    entry, formula, part = colours.INPUT, colours.FORMULA, colours.PART
    cells = {
        at("jml", "K"): entry, at("jml", "I"): entry, at("jml", "R"): entry,
        at("pct", "K", 1): entry, at("pct", "K"): formula, at("pct", "P"): formula,
        at("jml", "Q"): formula, at("idx", "L", 0): formula,  # komponen from a ref
        at("pct", "D", 0): part, at("idx", "F", 1): part, at("ada", "J"): part,
        at("pct", "J"): entry, at("jml", "D"): None, at("jml", "S"): None,
        at("pct", "C", 1): None, (PLANS["v"].title, "A1"): None, ("Rekap", "H6"): None,
    }
    assert handlers.original_fills(rec, cells) == {
        cell: hex_of(fill) if fill else "" for cell, fill in cells.items()}


# --- Perbarui Rekap ----------------------------------------------------------------------------


def test_perbarui_rekap_rebuilds_it_in_place_in_one_write(files) -> None:
    book = book_of(files["filled"])
    run_button("iki_perbarui_rekap", book)
    position = titles_of(files["filled"]).index("Rekap")
    assert [a["sheet_position"] for a in actions(book, "sheetDelete")] == [position]
    assert [a["args"] for a in actions(book, "addSheet")] == [[position, "Rekap"]]
    (write,) = actions(book, "setValues")
    assert (write["sheet_position"], write["start_row"], write["start_column"]) == (position, 0,
                                                                                       0)
    grid = write["values"]
    assert grid[HEADER_ROW - 1][:len(REKAP_HEADER)] == list(REKAP_HEADER)
    row = HEADER_ROW
    for jab in CAT.jabatan:
        p = PLANS[jab.id]
        for ind in jab.indikator:
            r = p.rows[ind.id][0]
            values = grid[row]
            assert values[0] == row - HEADER_ROW + 1
            assert values[4] == f"=T('{p.title}'!${L.INDIKATOR.letter}${r})"
            assert values[7:10] == [f"='{p.title}'!${c.letter}${r}"
                                    for c in (L.REALISASI, L.CAPAIAN, L.PREDIKAT)]
            assert json.loads(values[25]) == {"jabatan": jab.id, "ind": ind.id}
            row += 1
    assert grid[row][0] == ""  # the table ends with the catalogue
    colors = painted(book, titles_of(files["filled"]))
    assert all(colors["Rekap", f"{c}{HEADER_ROW}"] == hex_of(colours.HEADER) for c in "ABCDEFGHIJ")
    assert colors["Rekap", f"I{HEADER_ROW + 1}"] == hex_of(colours.FORMULA)
    assert [a["args"] for a in actions(book, "setColumnHidden")] == [[True]]
    assert said(book) == ("Lembar Rekap sudah diperbarui: 2 lembar jabatan, 8 indikator.", "info")


def test_perbarui_rekap_adds_one_before_the_jabatan_sheets_when_there_is_none(files) -> None:
    data = payload(files["clean"])
    data["sheets"] = [s for s in data["sheets"] if s["name"] != "Rekap"]
    data["sheets"].insert(0, {"name": "Rekap", "visibility": "Visible", "pictures": [],
                              "tables": [], "values": [["rekap buatan saya"]]})
    names = [s["name"] for s in data["sheets"]]
    book = xw.Book(json=data)
    run_button("iki_perbarui_rekap", book)
    assert actions(book, "sheetDelete") == []
    assert [a["args"] for a in actions(book, "addSheet")] == [
        [names.index(PLANS["v"].title), "Rekap (2)"]]
    assert "Lembar Rekap (2) sudah diperbarui" in said(book)[0]


def test_grid_sink_holds_what_the_openpyxl_sink_holds() -> None:
    """Values, fills, number formats and column widths of the Rekap written through the
    GridSink (plain style data, no openpyxl) equal the openpyxl sheet's."""
    taken = {"Rekap"}
    plans = {j.id: plan(j, sheet_name(j.nama, taken)) for j in CAT.jabatan}
    grid_sink = GridSink()
    RekapWriter(grid_sink, CAT, plans).write()
    wb = openpyxl.Workbook()
    ensure_styles(wb)
    ws = wb.active
    RekapWriter(OpenpyxlSink(ws, Palette(wb)), CAT, plans).write()
    cells = {(c.row, c.column): c for row in ws.iter_rows() for c in row}
    grid = grid_of(grid_sink)
    rows = grid.rows()
    assert len(rows) == ws.max_row and len(rows[0]) == ws.max_column
    assert {(r, c): v for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1)
            if v is not None} == {ref: c.value for ref, c in cells.items()
                                  if c.value not in (None, "")}
    assert grid.fills == {ref: hex_of(c.fill.fgColor.rgb[-6:]) for ref, c in cells.items()
                          if c.fill.fill_type == "solid"}
    assert grid.formats == {ref: cells[ref].number_format for ref in grid_sink.styles}
    assert grid.widths == {k: None if d.hidden else d.width
                           for k, d in ws.column_dimensions.items()}
    assert grid.widths["Z"] is None


def test_grid_sink_keeps_text_that_looks_like_a_formula_text() -> None:
    sink = GridSink()
    sink.put(1, 1, "=SUM(A1)", None, None)
    sink.put(1, 2, "-", None, None)
    sink.put(2, 3, None, "iki_header", None)
    assert grid_of(sink).rows() == [["'=SUM(A1)", "'-", None], [None, None, None]]


# --- reading, failures ---------------------------------------------------------------------


def test_read_book_reads_values_like_the_fast_reader(files) -> None:
    data = read_book(book_of(files["filled"]))
    assert not data.formulas and data.source == "diisi.xlsx"
    fast = read_values(files["filled"])
    assert [s.title for s in data.sheets] == [s.title for s in fast.sheets]
    for ours, theirs in zip(data.sheets, fast.sheets):
        assert ours.cells == theirs.cells, ours.title
    assert [s.title for s in read_book(book_of(files["filled"]), skip={"Rekap"}).sheets] == [
        s.title for s in fast.sheets if s.title != "Rekap"]


def test_read_book_takes_formulas_where_the_engine_gives_them(files, monkeypatch) -> None:
    """Excel desktop answers ``Range.formula``: "=..." for formulas, the entry otherwise."""
    wb = openpyxl.load_workbook(files["filled"])
    entries = {ws.title: [["" if v is None else str(v) for v in row] for row in
                          ws.iter_rows(values_only=True)] for ws in wb.worksheets}

    def formula(rng):
        rows = entries[rng.sheet.name]
        (r1, c1), (r2, c2) = rng.arg1, rng.arg2
        return tuple(tuple(rows[r][c] if r < len(rows) and c < len(rows[r]) else ""
                           for c in range(c1 - 1, c2)) for r in range(r1 - 1, r2))

    from xlwings.pro import _xlremote

    monkeypatch.setattr(_xlremote.Range, "formula", property(formula))
    data = read_book(book_of(files["filled"]))
    assert data.formulas
    for ours, theirs in zip(data.sheets, read_file(files["filled"]).sheets):
        assert ours.cells == theirs.cells, ours.title
    findings = validate(recover(data))
    assert [(f.code, f.sheet, f.cell) for f in findings if f.code == "rumus-berubah"] == [
        ("rumus-berubah", *at("skor", "P"))]


def test_a_failure_inside_a_handler_becomes_a_message_box(files, monkeypatch) -> None:
    def broken(rec):
        raise ValueError("sel K12 rusak")

    monkeypatch.setattr(handlers, "validate", broken)
    book = book_of(files["filled"])
    run_button("iki_validasi", book)  # must not raise
    message, mode = said(book)
    assert "Perintah tidak dapat diselesaikan" in message and "sel K12 rusak" in message
    assert "ValueError" in message and mode == "critical"


def test_a_problem_in_the_users_file_is_shown_with_every_place(files, monkeypatch) -> None:
    from xl_iki.errors import InputError, Problem

    def refused(rec):
        raise InputError("IKI.xlsx", [Problem("Kadis!A9", "kunci rusak; salin dari cadangan"),
                                      Problem("Kadis!A12", "jenis 'persen' tidak dikenal")])

    monkeypatch.setattr(handlers, "validate", refused)
    book = book_of(files["filled"])
    run_button("iki_validasi", book)
    message, mode = said(book)
    assert "Kadis!A9: kunci rusak" in message and "Kadis!A12: jenis" in message
    assert "2 masalah" in message and mode == "critical"


@pytest.mark.parametrize("button", ["iki_validasi", "iki_perbarui_rekap"])
def test_a_workbook_without_iki_sheets_is_refused_clearly(button: str) -> None:
    book = xw.Book(json={
        "version": xw.__version__, "client": "VBA", "names": [],
        "book": {"name": "Buku1.xlsx", "active_sheet_index": 0, "selection": "A1"},
        "sheets": [{"name": "Sheet1", "visibility": "Visible", "pictures": [], "tables": [],
                    "values": [["halo", 1.0]]}]})
    run_button(button, book)
    message, mode = said(book)
    assert "tidak berisi lembar IKI" in message and mode == "critical"
    assert [a["func"] for a in book.json()["actions"]] == ["alert"]


# --- Gabungkan Berkas ------------------------------------------------------------------------


def test_gabungkan_consolidates_the_picked_folder(files, tmp_path, monkeypatch) -> None:
    folder = tmp_path / "masuk"
    folder.mkdir()
    (folder / "IKI_bidang.xlsx").write_bytes(files["filled"].read_bytes())
    other = openpyxl.Workbook()
    other.active.append(["bukan IKI"])
    other.save(folder / "catatan.xlsx")
    (folder / CONSOLIDATED).write_bytes(b"hasil lama")  # an earlier result is not an input
    monkeypatch.setattr(handlers, "pick_folder", lambda: str(folder))
    book = book_of(files["filled"])  # a book without a folder: the result goes to the picked one
    run_button("iki_gabungkan", book)
    message, mode = said(book)
    output = folder / CONSOLIDATED
    assert "Rekap" in openpyxl.load_workbook(output, read_only=True).sheetnames
    assert message == (f"1 dari 2 berkas digabungkan: 8 indikator.\n\nHasil: {output}\n"
                       "1 masalah dicatat di lembar Masalah.") and mode == "info"


def test_gabungkan_writes_next_to_the_calling_workbook(files, tmp_path, monkeypatch) -> None:
    folder, home = tmp_path / "masuk", tmp_path / "kantor"
    folder.mkdir()
    home.mkdir()
    (folder / "a.xlsx").write_bytes(files["filled"].read_bytes())
    monkeypatch.setattr(handlers, "pick_folder", lambda: str(folder))
    book = book_of(files["filled"], name=str(home / "IKI_2025.xlsx"))
    run_button("iki_gabungkan", book)
    assert (home / CONSOLIDATED).exists() and not (folder / CONSOLIDATED).exists()
    assert said(book)[0].startswith("1 dari 1 berkas digabungkan: 8 indikator.")


@pytest.mark.parametrize("picked, says", [(None, "dibatalkan"), ("", "dibatalkan"),
                                          ("kosong", "Tidak ada workbook")])
def test_gabungkan_cancelled_or_empty(files, tmp_path, monkeypatch, picked, says) -> None:
    if picked:
        picked = str(tmp_path)
    monkeypatch.setattr(handlers, "pick_folder", lambda: picked)
    book = book_of(files["filled"])
    run_button("iki_gabungkan", book)
    assert says in said(book)[0]
    assert not list(tmp_path.iterdir())


def test_every_button_of_the_ribbon_runs_a_handler() -> None:
    assert {handler(b) for b in ("iki_validasi", "iki_hapus_tanda", "iki_perbarui_rekap",
                                 "iki_gabungkan")} == {
        handlers.validate_book, handlers.clear_marks, handlers.refresh_rekap,
        handlers.consolidate_folder}
