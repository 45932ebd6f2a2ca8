"""A workbook's cells as plain data, from whatever engine holds the workbook.

The reading side works on :class:`BookData` only; adapters fill it from a file (openpyxl,
read-only) or, in the add-in, from a live ``xlwings.Book``.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..workbook.formulas import Formula
from ..workbook.layout import LAST_READ

MAX_COLUMN = LAST_READ  # the generator's sheets use columns A..Z, and AA..AX when quarterly


@dataclass
class SheetData:
    """One sheet: its title, visibility and cell values (Formula for formula cells)."""

    title: str
    state: str = "visible"
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    percent: set[tuple[int, int]] = field(default_factory=set)  # numbers formatted as %

    def get(self, row: int, col: int) -> object:
        return self.cells.get((row, col))

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)


@dataclass
class BookData:
    source: str
    sheets: list[SheetData]
    formulas: bool = True  # False: formula cells hold their cached values (a fast reader)

    def sheet(self, title: str) -> SheetData | None:
        return next((s for s in self.sheets if s.title == title), None)


_LITERAL = re.compile(r'"[^"]*"|\\.')  # quoted text and escaped characters of a number format


def is_percent_format(number_format: str | None) -> bool:
    """Whether a number format shows a value times 100 with a % sign (as typing 85% sets)."""
    text = number_format or ""
    return "%" in text and "%" in _LITERAL.sub("", text)


ENCRYPTED = b"\xd0\xcf\x11\xe0"  # an OLE container: Excel's password-protected .xlsx


def _unreadable(path: Path) -> InputError | None:
    if not path.exists():
        return InputError(str(path), [Problem(str(path), "berkas tidak ditemukan")])
    with path.open("rb") as handle:
        head = handle.read(4)
    if head == ENCRYPTED:
        return InputError(str(path), [Problem(str(path), "berkas dilindungi kata sandi; buka "
                                              "di Excel, hapus kata sandinya, simpan, lalu "
                                              "coba lagi")])
    if not zipfile.is_zipfile(path):
        return InputError(str(path), [Problem(str(path), "bukan workbook Excel (.xlsx) yang "
                                              "bisa dibaca; mungkin rusak atau berformat lain")])
    return None


def read_values(path: str | Path) -> BookData:
    """Cell values only, fast (calamine): formula cells give the value last computed."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    if (problem := _unreadable(path)) is not None:
        raise problem
    wb = None
    try:
        wb = CalamineWorkbook.from_path(str(path))
        sheets = []
        for meta in wb.sheets_metadata:
            sheet = SheetData(meta.name, "visible" if str(meta.visible).endswith("Visible")
                              else "hidden")
            rows = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            for r, values in enumerate(rows, start=1):
                for c, value in enumerate(values[:MAX_COLUMN], start=1):
                    if value != "" and value is not None:
                        sheet.cells[r, c] = value
            sheets.append(sheet)
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise InputError(str(path), [Problem(str(path), "workbook rusak atau tidak bisa dibaca "
                                             f"({type(exc).__name__})")]) from None
    finally:
        if wb is not None:
            wb.close()
    return BookData(str(path), sheets, formulas=False)


def read_file(path: str | Path) -> BookData:
    """Read a workbook file (never written to); InputError when it is not a readable .xlsx."""
    import openpyxl

    path = Path(path)
    if (problem := _unreadable(path)) is not None:
        raise problem
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
                    elif cell.data_type == "n" and is_percent_format(cell.number_format):
                        sheet.percent.add((cell.row, cell.column))
                    sheet.cells[cell.row, cell.column] = value
            sheets.append(sheet)
    finally:
        wb.close()
    return BookData(str(path), sheets)
