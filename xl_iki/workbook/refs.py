"""A1 cell references, without openpyxl (the readers and the add-in's buttons use them)."""

from __future__ import annotations

from .layout import letter

_COLUMNS = {letter(i): i for i in range(1, 703)}


def column(letters: str) -> int:
    """The 1-based index of a column's letters (AA -> 27)."""
    return _COLUMNS[letters]


def locate(ref: str) -> tuple[int, int]:
    """(row, column) of an A1 reference."""
    split = 1 if ref[1].isdigit() else 2 if ref[2].isdigit() else 3
    return int(ref[split:]), _COLUMNS[ref[:split]]
