"""A workbook's cells as plain data, from whatever engine holds the workbook.

The reading side works on :class:`BookData` only; adapters fill it from a file (openpyxl,
read-only) or, in the add-in, from a live ``xlwings.Book``.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..workbook.formulas import Formula

MAX_COLUMN = 26  # the generator's sheets use columns A..Z


@dataclass
class SheetData:
    """One sheet: its title, visibility and cell values (Formula for formula cells)."""

    title: str
    state: str = "visible"
    cells: dict[tuple[int, int], object] = field(default_factory=dict)

    def get(self, row: int, col: int) -> object:
        return self.cells.get((row, col))

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)


@dataclass
class BookData:
    source: str
    sheets: list[SheetData]

    def sheet(self, title: str) -> SheetData | None:
        return next((s for s in self.sheets if s.title == title), None)


def read_file(path: str | Path) -> BookData:
    """Read a workbook file (never written to); InputError when it is not a readable .xlsx."""
    import openpyxl

    path = Path(path)
    if not path.exists():
        raise InputError(str(path), [Problem(str(path), "berkas tidak ditemukan")])
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(str(path), [Problem(
            str(path), "bukan workbook Excel (.xlsx) yang bisa dibaca; mungkin rusak, "
                       f"dilindungi kata sandi, atau berformat lain ({type(exc).__name__})")]
        ) from None
    try:
        sheets = []
        for ws in wb.worksheets:
            sheet = SheetData(ws.title, ws.sheet_state)
            for row in ws.iter_rows(max_col=MAX_COLUMN):
                for cell in row:
                    value = getattr(cell, "value", None)
                    if value is None:
                        continue
                    if cell.data_type == "f":
                        value = Formula(value)
                    sheet.cells[cell.row, cell.column] = value
            sheets.append(sheet)
    finally:
        wb.close()
    return BookData(str(path), sheets)
