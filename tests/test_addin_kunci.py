"""The Kunci Triwulan menu through xlwings' remote engine: what it locks and records is what
``xl-iki kunci`` locks and records (the same :func:`xl_iki.verification.locks`).

The remote engine has no cell protection; the lock itself goes through the engine's entry in
``protection.LOCK`` (COM's ``Range.Locked`` in Excel desktop, checked by hand with the
checklist in docs/pasang-add-in.md), which these tests replace with a recorder.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import openpyxl
import pytest
import xlwings as xw
from test_addin_handlers import actions, payload, said
from test_verifikasi import cell_of, filled, rows

from xl_iki.addin import kunci, protection, run_button
from xl_iki.addin.actions import handler
from xl_iki.cli import main
from xl_iki.workbook.layout import letter
from xl_iki.workbook.verifikasi_sheet import QUARTER_COLS, RECORDED, TITLE

VERDICTS = {("laporan", 0): "Disetujui", ("pct", 0): "Disetujui",
            ("rapat", 0): "Perlu Perbaikan", ("pct", 1): "Disetujui"}


@pytest.fixture(autouse=True)
def remote_engine() -> Iterator[None]:
    import os

    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    if "remote" not in [e.name for e in xw.engines]:
        from xlwings.main import Engine
        from xlwings.pro import _xlremote

        xw.engines.add(Engine(impl=_xlremote.engine))
    yield


@pytest.fixture
def locked(monkeypatch) -> set[tuple[str, str]]:
    """(sheet, cell) of every cell the handler locks, through a recording lock."""
    cells: set[tuple[str, str]] = set()

    def record(rng: xw.Range) -> None:
        rows, cols = rng.shape
        cells.update((rng.sheet.name, f"{letter(rng.column + c)}{rng.row + r}")
                     for r in range(rows) for c in range(cols))

    monkeypatch.setitem(protection.LOCK, "remote", record)
    return cells


def written(book: xw.Book, sheet: str) -> dict[str, object]:
    """cell -> value of every setValues on ``sheet``."""
    out = {}
    for a in actions(book, "setValues"):
        if book.sheets[a["sheet_position"]].name != sheet:
            continue
        for r, row in enumerate(a["values"]):
            for c, value in enumerate(row):
                out[f"{letter(a['start_column'] + c + 1)}{a['start_row'] + r + 1}"] = value
    return out


def test_the_menu_runs_the_kunci_handler_with_its_triwulan() -> None:
    for n in range(1, 5):
        action = handler(f"iki_kunci_tw{n}")
        assert isinstance(action, partial) and action.func is kunci.lock_triwulan
        assert action.args == (n,)


def test_kunci_tw1_locks_and_records_what_the_command_does(tmp_path: Path, locked) -> None:
    path = filled(tmp_path, VERDICTS)
    book = xw.Book(json=payload(path))
    run_button("iki_kunci_tw1", book)
    message, mode = said(book)
    assert mode == "info", message
    assert message.startswith("TW I dikunci: 2 indikator yang Disetujui.")
    at = rows(path)
    entries = {cell_of(path, "laporan", 0), cell_of(path, "pct", 0, 0), cell_of(path, "pct", 0, 1)}
    verdict_cells = {(TITLE, f"{col}{at[ind]}") for ind in ("laporan", "pct")
                     for col in QUARTER_COLS[0]}
    assert locked == entries | verdict_cells  # rapat (Perlu Perbaikan) and TW II untouched
    # the command on the same file records the same entries in the same cells
    out = tmp_path / "kunci.xlsx"
    assert main(["kunci", str(path), "--triwulan", "1", "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)[TITLE]
    recorded = {ref: value for ref, value in written(book, TITLE).items() if value is not None}
    assert recorded == {f"{RECORDED[0]}{r}": ws[f"{RECORDED[0]}{r}"].value
                        for r in (at["laporan"], at["pct"])}
    assert all(ref.startswith(RECORDED[0]) for ref in written(book, TITLE))


def test_kunci_keeps_what_other_rows_recorded(tmp_path: Path, locked) -> None:
    path = filled(tmp_path, {("laporan", 0): "Disetujui", ("rapat", 0): "Disetujui"})
    at = rows(path)
    wb = openpyxl.load_workbook(path)
    wb[TITLE][f"{RECORDED[0]}{at['pct']}"] = "[8.0, 10.0]"  # locked in an earlier kunci
    wb.save(path)
    book = xw.Book(json=payload(path))
    run_button("iki_kunci_tw1", book)
    assert written(book, TITLE)[f"{RECORDED[0]}{at['pct']}"] == "[8.0, 10.0]"
    assert written(book, TITLE)[f"{RECORDED[0]}{at['laporan']}"] == "[3.0]"


def test_kunci_without_an_approved_verdict_changes_nothing(tmp_path: Path, locked) -> None:
    book = xw.Book(json=payload(filled(tmp_path, VERDICTS)))
    run_button("iki_kunci_tw3", book)
    assert said(book)[0].startswith("Belum ada indikator yang Disetujui untuk TW III")
    assert locked == set() and actions(book, "setValues") == []


def test_kunci_where_cells_cannot_be_locked_says_so_first(tmp_path: Path) -> None:
    book = xw.Book(json=payload(filled(tmp_path, VERDICTS)))  # no lock for the remote engine
    run_button("iki_kunci_tw1", book)
    message, mode = said(book)
    assert mode == "critical" and "hanya bisa dilakukan di Excel desktop" in message
    assert "'xl-iki kunci BERKAS.xlsx --triwulan 1'" in message
    assert actions(book, "setValues") == []


def test_kunci_without_a_verifikasi_sheet_says_what_to_do(tmp_path: Path, locked) -> None:
    data = payload(filled(tmp_path, VERDICTS))
    data["sheets"] = [s for s in data["sheets"] if s["name"] != TITLE]
    book = xw.Book(json=data)
    run_button("iki_kunci_tw1", book)
    message, mode = said(book)
    assert mode == "critical" and "tidak punya lembar Verifikasi" in message
    assert locked == set()

