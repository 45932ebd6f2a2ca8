"""The generator's named cell styles as plain data, without openpyxl.

:mod:`.styles` builds the template's openpyxl ``NamedStyle`` objects from these; the add-in's
Perbarui Rekap reads the fills and number formats here, so its first click loads no openpyxl.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.jenis import THOUSANDS
from . import colours

FONT = "Arial"
BORDER = "808080"  # the thin grid around a table's cells

#: display formats (the stored values stay exact): two decimals for capaian and indices, and
#: thousands separators from 1,000 on, so a Rupiah amount never shows as 4.5E+10
DECIMALS = "0.00"
READABLE = THOUSANDS
READABLE_DECIMALS = THOUSANDS.replace("General", "0.00")

#: the colours of the predikat bands, best first (used by conditional formatting)
BAND_COLOURS = ("63BE7B", "B5D99C", "FFEB84", "F8B26A", "F8696B")


@dataclass(frozen=True)
class Align:
    """A cell's alignment; ``wrap``: long text wraps inside the column."""

    horizontal: str
    vertical: str
    wrap: bool = True


TOP_LEFT = Align("left", "top")
TOP_CENTER = Align("center", "top")
CENTER = Align("center", "center")


@dataclass(frozen=True)
class CellStyle:
    """One named style: font (Arial), fill (RRGGBB, none when None), the thin grid border,
    alignment, number format and whether the cell is locked when the sheet is protected."""

    name: str
    size: float = 10
    bold: bool = False
    italic: bool = False
    color: str = "000000"
    fill: str | None = None
    border: bool = True
    align: Align = TOP_LEFT
    number_format: str = "General"
    locked: bool = True


STYLES: tuple[CellStyle, ...] = (
    CellStyle("iki_title", size=14, bold=True, border=False, align=CENTER),
    CellStyle("iki_subtitle", size=11, bold=True, border=False, align=CENTER),
    CellStyle("iki_label", bold=True, border=False),
    CellStyle("iki_plain", border=False),
    CellStyle("iki_plain_right", border=False, align=Align("right", "top", wrap=False)),
    CellStyle("iki_header", bold=True, fill=colours.HEADER, align=CENTER),
    CellStyle("iki_text", align=TOP_LEFT),
    CellStyle("iki_center", align=TOP_CENTER),
    CellStyle("iki_part", italic=True, color="404040", fill=colours.PART),
    CellStyle("iki_part_center", italic=True, color="404040", fill=colours.PART,
              align=TOP_CENTER),
    CellStyle("iki_input", fill=colours.INPUT, align=TOP_CENTER, locked=False),
    CellStyle("iki_input_text", fill=colours.INPUT, align=TOP_LEFT, locked=False),
    CellStyle("iki_formula", fill=colours.FORMULA, align=TOP_CENTER, number_format=DECIMALS),
    CellStyle("iki_formula_text", bold=True, fill=colours.FORMULA, align=TOP_CENTER),
    CellStyle("iki_helper", size=8, color="808080", border=False, align=TOP_CENTER),
    CellStyle("iki_note", italic=True, color="404040", border=False),
    CellStyle("iki_sign", border=False, align=CENTER),
    CellStyle("iki_sign_name", bold=True, border=False, align=CENTER),
    CellStyle("iki_heading", size=14, bold=True, border=False,
              align=Align("left", "center", wrap=False)),
)

BY_NAME = {s.name: s for s in STYLES}
