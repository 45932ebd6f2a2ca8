"""A sheet the add-in writes in few calls: its values from A1 in one ``.value`` assignment,
fills and number formats per rectangle of equal cells, column widths (no openpyxl)."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field

import xlwings as xw

from ..workbook.formulas import typed
from .xlcompat import hide_columns

Cell = tuple[int, int]
Block = tuple[int, int, int, int, object]  # first row, first column, last row, last column


@dataclass
class Grid:
    """What goes on a sheet: values (typed as in Excel, None for empty) by (row, column),
    fills (``#RRGGBB``) and number formats by cell, and column widths in characters (None:
    the column is hidden)."""

    values: dict[Cell, object] = field(default_factory=dict)
    fills: dict[Cell, str] = field(default_factory=dict)
    formats: dict[Cell, str] = field(default_factory=dict)
    widths: dict[str, float | None] = field(default_factory=dict)

    def put(self, row: int, col: int, value: object) -> None:
        """A value as written in a cell: a Formula as a formula, other text never one."""
        self.values[row, col] = typed(value)

    def rows(self) -> list[list[object]]:
        """Rows 1.. and columns A.. up to the last cell put, None where nothing was put."""
        cells = self.values.keys() | self.fills.keys() | self.formats.keys()
        rows, cols = max((r for r, _ in cells), default=1), max((c for _, c in cells), default=1)
        return [[self.values.get((r, c)) for c in range(1, cols + 1)] for r in range(1, rows + 1)]


def hex_of(colour: str) -> str:
    """An RRGGBB colour as xlwings takes it: ``#RRGGBB``."""
    return "#" + colour


def blocks(cells: dict[Cell, object]) -> list[Block]:
    """Cells with equal values as rectangles: runs down each column, then equal runs of
    neighbouring columns joined."""
    runs: list[list] = []
    for (row, col), value in sorted(cells.items(), key=lambda item: (item[0][1], item[0][0])):
        run = runs[-1] if runs else None
        if run and run[1] == col and run[2] == row - 1 and run[4] == value:
            run[2] = row
        else:
            runs.append([row, col, row, col, value])
    joined: list[list] = []
    for run in sorted(runs, key=lambda r: (r[0], r[2], r[1])):
        block = joined[-1] if joined else None
        if block and block[0::2] == run[0::2] and block[3] == run[1] - 1:
            block[3] = run[3]
        else:
            joined.append(run)
    return [tuple(b) for b in joined]  # type: ignore[misc]


def width(book: xw.Book, chars: float) -> float:
    """A column width for the engine: characters in Excel desktop, points elsewhere."""
    return chars if book.app.engine.type == "desktop" else round((chars * 7 + 5) * 0.75, 2)


def write_grid(book: xw.Book, sheet: xw.Sheet, grid: Grid) -> None:
    """The grid's values in one call, then fills and number formats by block, column widths."""
    sheet.range("A1").value = grid.rows()
    for r1, c1, r2, c2, color in blocks(grid.fills):
        sheet.range((r1, c1), (r2, c2)).color = color
    for r1, c1, r2, c2, fmt in blocks({c: f for c, f in grid.formats.items() if f != "General"}):
        sheet.range((r1, c1), (r2, c2)).number_format = fmt
    for letter, chars in grid.widths.items():
        columns = sheet.range(f"{letter}:{letter}")
        if chars is None:
            with suppress(NotImplementedError):  # engines without hidden columns: shown
                hide_columns(columns)
        else:
            columns.column_width = width(book, chars)
