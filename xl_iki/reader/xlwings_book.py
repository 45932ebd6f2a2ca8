"""Reading a live workbook through xlwings (the add-in): whole ranges, never cell by cell."""

from __future__ import annotations

from collections.abc import Collection

import xlwings as xw

from ..workbook.formulas import Formula
from .package import MAX_ROWS
from .source import MAX_COLUMN, BookData, SheetData, read_in_full


def read_book(book: xw.Book, skip: Collection[str] = ()) -> BookData:
    """Columns A..Z of every sheet but those titled in ``skip``, one range read per sheet.

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
        last = sheet.used_range.last_cell.row
        _fill(data, sheet.range((1, 1), (1, MAX_COLUMN)).options(ndim=2).value)
        if not read_in_full(data):
            sheets.append(data)
            continue
        block = sheet.range((1, 1), (min(last, MAX_ROWS), MAX_COLUMN))
        values = block.options(ndim=2).value
        sources = None
        if formulas:
            try:
                sources = block.formula
            except NotImplementedError:
                formulas = False
        for r, row in enumerate(values, start=1):
            for c, value in enumerate(row, start=1):
                source = sources[r - 1][c - 1] if sources else None
                # a text cell reads back as its own "formula"; a real formula never equals its value
                if isinstance(source, str) and source.startswith("=") and source != value:
                    value = Formula(source)
                if value is not None and value != "":
                    data.cells[r, c] = value
        sheets.append(data)
    return BookData(book.fullname, sheets, formulas)


def _fill(data: SheetData, rows: list[list]) -> None:
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None and value != "":
                data.cells[r, c] = value
