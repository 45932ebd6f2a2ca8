"""The layout calls of :class:`~.plainsink.Sink` carried out on an openpyxl worksheet (the
openpyxl sinks of :mod:`.sinks` inherit them)."""

from __future__ import annotations

from openpyxl.chart import BarChart as OpenpyxlBarChart
from openpyxl.chart import Reference
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from . import printing
from .plainsink import BarChart


class _Merge(MergedCellRange):
    def _get_borders(self) -> None:
        """The generator styles every cell of a merged range itself."""


class WorksheetLayout:
    """Merges, widths, page breaks and setup, protection and charts on ``self.ws``."""

    ws: Worksheet

    def width(self, col: str, chars: float) -> None:
        self.ws.column_dimensions[col].width = chars

    def hide(self, col: str) -> None:
        self.ws.column_dimensions[col].hidden = True

    def merge(self, ref: str) -> None:
        """Merge a range whose cells the caller styles itself.

        openpyxl's ``merge_cells`` restyles the border of every cell in the range, which
        costs more than writing the whole sheet.
        """
        self.ws.merged_cells.add(_Merge(self.ws, ref))

    def row_break(self, row: int) -> None:
        self.ws.row_breaks.append(Break(id=row))

    def freeze(self, ref: str) -> None:
        self.ws.freeze_panes = ref

    def page_setup(self) -> None:
        printing.page_setup(self.ws)

    def print_titles(self, rows: str) -> None:
        self.ws.print_title_rows = rows

    def protect(self) -> None:
        self.ws.protection.sheet = True
        self.ws.protection.formatColumns = False
        self.ws.protection.formatRows = False

    def bar_chart(self, spec: BarChart) -> None:
        chart = OpenpyxlBarChart()
        chart.type = "bar"
        chart.style = 10
        chart.title = spec.title
        chart.legend = None
        chart.y_axis.title = spec.axis_title
        chart.x_axis.scaling.orientation = "maxMin"  # first category on top
        chart.x_axis.delete = False
        chart.x_axis.tickLblSkip = 1  # a label for every category
        chart.y_axis.delete = False
        chart.add_data(Reference(self.ws, min_col=spec.values, min_row=spec.first,
                                 max_row=spec.last), titles_from_data=False)
        chart.set_categories(Reference(self.ws, min_col=spec.labels, min_row=spec.first,
                                       max_row=spec.last))
        chart.width, chart.height = spec.width, spec.height
        self.ws.add_chart(chart, spec.anchor)
