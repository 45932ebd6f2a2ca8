"""The frame of a listing sheet (Pohon Kinerja, Tahun Lalu): title lines, one header row,
column widths, a hidden key column, frozen header, print setup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .cells import SheetWriter
from .layout import REKAP_KEY_COL
from .printing import page_setup

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

HEADER_ROW = 5
KEY_COL = REKAP_KEY_COL  # like the Rekap: a reader knows xl-iki's own sheets by their key in Z1


class Listing(SheetWriter):
    """A sheet writer for a table under a few title lines."""

    def __init__(self, sink, cols: str, widths: Sequence[float]):
        super().__init__(sink)
        self.cols, self.widths = cols, widths

    def head(self, key: str, titles: Sequence[tuple[str, str]], header: Sequence[str]) -> None:
        """The sheet key, the title lines (text, style) and the header row."""
        self.put(f"{KEY_COL}1", key)
        for row, (text, style) in enumerate(titles, start=1):
            self.put(f"A{row}", text, style)
            self.sink.merge(f"A{row}:{self.cols[-1]}{row}")
        for col, label in zip(self.cols, header):
            self.put(f"{col}{HEADER_ROW}", label, "iki_header")
        self.heights.lines[HEADER_ROW] = 2

    def finish(self, last: int) -> Worksheet:
        ws = self.ws
        for col, width in zip(self.cols, self.widths):
            ws.column_dimensions[col].width = width
        ws.column_dimensions[KEY_COL].hidden = True
        self.set_heights()
        ws.freeze_panes = f"A{HEADER_ROW + 1}"
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.print_area = f"A1:{self.cols[-1]}{max(last, HEADER_ROW)}"
        page_setup(ws)
        return ws
