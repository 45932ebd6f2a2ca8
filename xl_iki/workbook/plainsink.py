"""What a sheet writer hands its sink, as plain data, and the sink that keeps it as plain data.

The writers (:mod:`.rekap_sheet` and the others) call a :class:`Sink` for every cell and for
the sheet's layout: merges, column widths, page breaks and setup, protection, a chart. The
openpyxl sinks (:mod:`.sinks`) carry the calls out on a worksheet; :class:`GridSink` keeps
what the add-in's Perbarui Rekap writes through xlwings (values, styles, widths), so that
button's first click loads no openpyxl.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .formulas import typed


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one per row ``first``..``last`` (the first on top): the values in
    column ``values``, their labels in column ``labels`` (1-based columns); anchored at cell
    ``anchor``, ``width`` x ``height`` centimetres."""

    title: str
    axis_title: str
    values: int
    labels: int
    first: int
    last: int
    anchor: str
    width: float
    height: float


class Sink(Protocol):
    """Where a sheet writer's cells and layout go."""

    def put(self, row: int, col: int, value: object, style: str | None, fmt: str | None
            ) -> None: ...
    def height(self, row: int, points: float) -> None: ...
    def width(self, col: str, chars: float) -> None: ...
    def hide(self, col: str) -> None: ...
    def merge(self, ref: str) -> None: ...
    def row_break(self, row: int) -> None:
        """A page break after ``row``."""
    def freeze(self, ref: str) -> None: ...
    def page_setup(self) -> None: ...
    def print_titles(self, rows: str) -> None: ...
    def protect(self) -> None:
        """Protect the sheet (no password); rows and columns may still be resized."""
    def bar_chart(self, chart: BarChart) -> None: ...


class GridSink:
    """Cells as a grid of plain values, for writing a whole sheet in one call (xlwings).

    Formulas become ``"=..."`` text, which Excel and xlwings write as formulas; other text
    that Excel would take for a formula gets the apostrophe that keeps it text. ``styles``
    keeps each cell's (style, number format) for whoever formats the sheet, ``widths`` each
    column's width in characters (None: hidden).
    """

    def __init__(self) -> None:
        self.values: dict[tuple[int, int], object] = {}
        self.styles: dict[tuple[int, int], tuple[str | None, str | None]] = {}
        self.heights: dict[int, float] = {}
        self.widths: dict[str, float | None] = {}

    def put(self, row: int, col: int, value: object, style: str | None, fmt: str | None
            ) -> None:
        value = typed(value)
        if value is not None and value != "":
            self.values[row, col] = value
        self.styles[row, col] = (style, fmt)

    def height(self, row: int, points: float) -> None:
        self.heights[row] = points

    def width(self, col: str, chars: float) -> None:
        self.widths[col] = chars

    def hide(self, col: str) -> None:
        self.widths[col] = None

    def _unkept(self, *args: object) -> None:
        """Layout the grid does not keep: the add-in writes values, fills, number formats
        and widths only."""

    merge = row_break = freeze = page_setup = print_titles = protect = bar_chart = _unkept
