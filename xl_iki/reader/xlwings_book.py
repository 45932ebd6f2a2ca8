"""Reading a live workbook through xlwings (the add-in): whole ranges, never cell by cell."""

from __future__ import annotations

from collections.abc import Collection

import xlwings as xw

from ..workbook.formulas import Formula
from .package import MAX_ROWS
from .source import MAX_COLUMN, BookData, SheetData, read_in_full

#: a sheet with more rows in use has its row 1 read alone first: whether it is xl-iki's
#: (read in full) or the user's own (only row 1 kept); smaller sheets are read in one call
PEEK_ROWS = 1_000


def read_book(book: xw.Book, skip: Collection[str] = ()) -> BookData:
    """Columns A..AX (up to the used range) of every sheet but those titled in ``skip``, one
    range read per sheet.

    Like the file readers, only row 1 of the user's own sheets (see
    :func:`~xl_iki.reader.source.read_in_full`) and at most ``MAX_ROWS`` rows of the others:
    a used range formatted down to row 1048576 is never fetched from Excel whole.

    Formulas come from a second read of the same range where the engine gives them (Excel
    desktop); the remote engine cannot, and the book is then read like
    :func:`~xl_iki.reader.source.read_values`: formula cells hold their last computed values
    (``formulas=False``).
    """
    sheets: list[SheetData] = []
    formulas = True
    for sheet in book.sheets:
        if sheet.name in skip:
            continue
        data = SheetData(sheet.name, "visible" if sheet.visible in (True, -1) else "hidden")
        sheets.append(data)
        last = sheet.used_range.last_cell
        rows, cols = min(last.row, MAX_ROWS), min(last.column, MAX_COLUMN)
        block = sheet.range((1, 1), (rows, cols))
        values = None
        if last.row > PEEK_ROWS:
            _fill(data, sheet.range((1, 1), (1, cols)).options(ndim=2).value)
        else:
            values = block.options(ndim=2).value
            _fill(data, values[:1])
        if not read_in_full(data):
            continue
        if values is None:
            values = block.options(ndim=2).value
        sources = None
        if formulas:
            try:
                sources = block.formula
            except NotImplementedError:
                formulas = False
        _fill(data, values)
        if sources:
            _formulas(data, values, ((sources,),) if isinstance(sources, str) else sources)
    return BookData(book.fullname, sheets, formulas)


def _fill(data: SheetData, rows: list[list]) -> None:
    cells = data.cells
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None and value != "":
                cells[r, c] = value


def _formulas(data: SheetData, values: list[list], sources: tuple | list) -> None:
    """Formula cells as Formula: a text cell reads back as its own "formula", a real formula
    never equals its value."""
    for r, (row, formulas) in enumerate(zip(values, sources), start=1):
        for c, (value, source) in enumerate(zip(row, formulas), start=1):
            if isinstance(source, str) and source.startswith("=") and source != value:
                data.cells[r, c] = Formula(source)
