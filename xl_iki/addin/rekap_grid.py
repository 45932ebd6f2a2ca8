"""The Rekap sheet of Perbarui Rekap as a :class:`~.grid.Grid`, written by the generator's
own :class:`~xl_iki.workbook.rekap_sheet.RekapWriter` (so it equals a new workbook's Rekap).

Imported on the button's first click: the writer and its styles load openpyxl, which the
other buttons do not need.
"""

from __future__ import annotations

from ..edit.rekap import recorded
from ..reader import Recovered
from ..workbook.rekap_sheet import RekapWriter
from ..workbook.sinks import GridSink
from ..workbook.styles import named_styles
from .grid import Grid, hex_of

_STYLES = named_styles()
STYLE_FILL = {s.name: hex_of(s.fill.fgColor.rgb[-6:]) for s in _STYLES
              if s.fill.fill_type == "solid"}
STYLE_FORMAT = {s.name: s.number_format for s in _STYLES}


def rekap_grid(rec: Recovered) -> Grid:
    """The Rekap of the jabatan sheets present; its Verifikasi counts follow the Verifikasi
    sheet's rows as they are (the Verifikasi sheet is not rebuilt)."""
    sink = GridSink()
    RekapWriter(sink, rec.catalogue, {s.plan.jabatan.id: s.plan for s in rec.sheets},
                recorded(rec)).write()
    return grid_of(sink)


def grid_of(sink: GridSink) -> Grid:
    """A writer's cells with their styles' fills and number formats, and its column widths."""
    grid = Grid(dict(sink.values))
    for cell, (style, fmt) in sink.styles.items():
        if style in STYLE_FILL:
            grid.fills[cell] = STYLE_FILL[style]
        grid.formats[cell] = fmt or STYLE_FORMAT.get(style or "", "General")
    for letter, dim in sink.ws.column_dimensions.items():
        if dim.hidden:
            grid.widths[letter] = None
        elif dim.width:
            grid.widths[letter] = dim.width
    return grid
