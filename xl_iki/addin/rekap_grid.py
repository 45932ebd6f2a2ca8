"""The Rekap sheet of Perbarui Rekap as a :class:`~.grid.Grid`, written by the generator's
own :class:`~xl_iki.workbook.rekap_sheet.RekapWriter` (so it equals a new workbook's Rekap).

The writer hands its cells and layout to a :class:`~xl_iki.workbook.plainsink.GridSink`,
and the fills and number formats come from the styles' plain definitions
(:mod:`xl_iki.workbook.stylebook`): the button's first click loads no openpyxl.
"""

from __future__ import annotations

from ..reader import Recovered
from ..verification import rows_of
from ..workbook import rekap_verifikasi
from ..workbook.plainsink import GridSink
from ..workbook.rekap_sheet import RekapWriter
from ..workbook.stylebook import BY_NAME
from .grid import Grid, hex_of


def rekap_grid(rec: Recovered) -> Grid:
    """The Rekap of the jabatan sheets present; its Verifikasi counts follow the Verifikasi
    sheet's rows as they are (the Verifikasi sheet is not rebuilt)."""
    sink = GridSink()
    RekapWriter(sink, rec.catalogue, {s.plan.jabatan.id: s.plan for s in rec.sheets},
                recorded(rec)).write()
    return grid_of(sink)


def recorded(rec: Recovered) -> rekap_verifikasi.VerdictRows:
    """Where the Verifikasi sheet read in ``rec`` has each jabatan's rows (for a Rekap
    rebuilt without rebuilding the Verifikasi sheet)."""
    found = rows_of(rec)
    if found is None:
        return rekap_verifikasi.VerdictRows()
    sheet, items = found
    rows: dict[str, list[int]] = {}
    for item in items:
        rows.setdefault(str(item.key.get("jabatan")), []).append(item.row)
    return rekap_verifikasi.VerdictRows(sheet.title, rows)


def grid_of(sink: GridSink) -> Grid:
    """A writer's cells with their styles' fills and number formats, and its column widths."""
    grid = Grid(dict(sink.values))
    for cell, (name, fmt) in sink.styles.items():
        style = BY_NAME.get(name or "")
        if style is not None and style.fill is not None:
            grid.fills[cell] = hex_of(style.fill)
        grid.formats[cell] = fmt or (style.number_format if style else "General")
    grid.widths = dict(sink.widths)
    return grid
