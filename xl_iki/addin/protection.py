"""Sheet protection and locked cells in the open workbook: only Excel desktop (COM) exposes
them to xlwings; the remote engine and xlwings Lite do not."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import xlwings as xw

from .grid import Cell, blocks

# what a protected sheet allows, read before lifting the protection and given back after
ALLOW = ("AllowFormattingCells", "AllowFormattingColumns", "AllowFormattingRows",
         "AllowInsertingColumns", "AllowInsertingRows", "AllowInsertingHyperlinks",
         "AllowDeletingColumns", "AllowDeletingRows", "AllowSorting", "AllowFiltering",
         "AllowUsingPivotTables")
#: what a generated sheet allows when protected (xl_iki.workbook: formatColumns/Rows off)
GENERATED = {"AllowFormattingColumns": True, "AllowFormattingRows": True}

#: engine type -> how a range's cells are locked (Locked = True); an engine without an
#: entry cannot lock cells, and the Kunci buttons say so before changing anything
LOCK: dict[str, Callable[[xw.Range], None]] = {
    "desktop": lambda cells: setattr(cells.api, "Locked", True),
}


@contextmanager
def unprotected(sheet: xw.Sheet, protect: bool = False) -> Iterator[None]:
    """Lift a sheet's protection (generated sheets have no password) while the block runs,
    then protect it as it was; with ``protect``, a sheet that was not protected is protected
    afterwards the way generated sheets are. Only Excel desktop exposes protection."""
    api = sheet.api
    if not getattr(api, "ProtectContents", False):
        yield
        if protect and hasattr(api, "Protect"):
            api.Protect(DrawingObjects=True, Contents=True, Scenarios=True, **GENERATED)
        return
    allowed = {name: getattr(api.Protection, name) for name in ALLOW}
    drawings, scenarios = api.ProtectDrawingObjects, api.ProtectScenarios
    try:
        api.Unprotect()
    except Exception as exc:  # a password: COM's error says only that it is wrong
        raise RuntimeError(f"Lembar '{sheet.name}' dikunci dengan kata sandi. Buka kuncinya "
                           "(Review > Unprotect Sheet), lalu tekan tombol ini lagi.") from exc
    try:
        yield
    finally:
        api.Protect(DrawingObjects=drawings, Contents=True, Scenarios=scenarios, **allowed)


def lock_cells(sheet: xw.Sheet, cells: list[Cell]) -> None:
    """Lock the cells (by rectangles of neighbours) of a sheet whose protection is lifted."""
    lock = LOCK[sheet.book.app.engine.type]
    for r1, c1, r2, c2, _ in blocks(dict.fromkeys(cells, True)):
        lock(sheet.range((r1, c1), (r2, c2)))
