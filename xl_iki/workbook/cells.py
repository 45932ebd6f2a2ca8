"""Writing text safely and sizing rows for wrapped text."""

from __future__ import annotations

import math

from openpyxl.cell.cell import Cell
from openpyxl.utils import column_index_from_string, get_column_letter

LINE_HEIGHT = 12.6  # points per line of 10 pt text
CHARS_PER_WIDTH = 1.15  # characters of 10 pt Arial per unit of column width


def put_text(cell: Cell, text: str) -> None:
    """Write catalogue text as text: never as a formula, an error code or a number."""
    cell.value = text or None
    if text:
        cell.data_type = "s"


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` takes, wrapped in a column ``width`` wide."""
    per_line = max(1, int(width * CHARS_PER_WIDTH))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def span_width(widths: dict[str, float], first: str, last: str) -> float:
    a, b = column_index_from_string(first), column_index_from_string(last)
    return sum(widths.get(get_column_letter(i), 8.43) for i in range(a, b + 1))


class RowHeights:
    """Collects, per row, the tallest wrapped text; then sets the row heights."""

    def __init__(self) -> None:
        self.lines: dict[int, int] = {}

    def need(self, row: int, text: str | None, width: float) -> None:
        if text:
            n = lines_needed(text, width)
            if n > self.lines.get(row, 1):
                self.lines[row] = n

    def spread(self, rows: range, text: str | None, width: float) -> None:
        """A merged cell over several rows: the rows together must fit the text."""
        if not text:
            return
        per_row = math.ceil(lines_needed(text, width) / len(rows))
        for row in rows:
            if per_row > self.lines.get(row, 1):
                self.lines[row] = per_row

    def apply(self, ws) -> None:
        for row, n in self.lines.items():
            ws.row_dimensions[row].height = round(n * LINE_HEIGHT + 3, 1)
