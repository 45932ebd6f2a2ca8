"""Writing text safely and sizing rows for wrapped text."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .layout import letter
from .refs import column, locate

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

    from .plainsink import Sink

LINE_HEIGHT = 12.6  # points per line of 10 pt text
CHARS_PER_WIDTH = 1.15  # characters of 10 pt Arial per unit of column width
MAX_HEIGHT = 409.0  # Excel's tallest row, in points


def put_text(cell: Cell, text: str) -> None:  # for cells openpyxl owns (template sheets)
    """Write catalogue text as text: never as a formula, an error code or a number."""
    cell.value = text or None
    if text:
        cell.data_type = "s"


class SheetWriter:
    """Base of the sheet writers: cells and layout go to a sink, wrapped text sizes the rows."""

    def __init__(self, sink: Sink) -> None:
        self.sink = sink
        self.heights = RowHeights()

    @property
    def ws(self) -> Worksheet:
        """The worksheet of an openpyxl sink (the Rekap's writer does without it)."""
        return self.sink.ws  # type: ignore[attr-defined]

    def put(self, ref: str, value: object, style: str | None = None,
            number_format: str | None = None) -> None:
        """Write one cell: a Formula as a formula, any other text as text (never a formula)."""
        self.sink.put(*locate(ref), value, style, number_format)

    def text(self, ref: str, value: str, style: str, width: float) -> None:
        self.put(ref, value, style)
        self.heights.need(locate(ref)[0], value, width)

    def set_heights(self) -> None:
        for row, points in self.heights.points().items():
            self.sink.height(row, points)


def compact(refs: list[str]) -> str:
    """Cell references as a space-separated list with runs along a row joined (K5:N5)."""
    cells = sorted(locate(r) for r in refs)
    runs: list[list[int]] = []
    for row, col in cells:
        if runs and runs[-1][0] == row and runs[-1][2] == col - 1:
            runs[-1][2] = col
        else:
            runs.append([row, col, col])
    return " ".join(
        f"{letter(a)}{row}" + (f":{letter(b)}{row}" if b > a else "")
        for row, a, b in runs)


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` takes, wrapped at word boundaries in a column ``width`` wide."""
    per_line = max(1.0, width * CHARS_PER_WIDTH)
    total = 0
    for part in str(text).split("\n"):
        # capitals are wider than the average character; wrapping at words wastes ~10 %
        size = (len(part) + 0.3 * sum(c.isupper() for c in part)) * 1.1
        total += max(1, math.ceil(size / per_line))
    return total


def span(widths: dict[str, float], first: str, last: str) -> list[float]:
    """The widths of columns ``first``..``last`` (Excel's default where none is set)."""
    return [widths.get(letter(i), 8.43) for i in range(column(first), column(last) + 1)]


def span_width(widths: dict[str, float], first: str, last: str) -> float:
    return sum(span(widths, first, last))


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

    def points(self) -> dict[int, float]:
        return {row: min(MAX_HEIGHT, round(n * LINE_HEIGHT + 3, 1))
                for row, n in self.lines.items()}
