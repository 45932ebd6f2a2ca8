"""Named cell styles (they live in the template, so an agency can restyle its copy)."""

from __future__ import annotations

from copy import copy

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook import Workbook

from ..model.jenis import THOUSANDS
from . import colours

FONT = "Arial"
_thin = Side(style="thin", color="808080")
GRID = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
TOP_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
UNLOCKED = Protection(locked=False)
INPUT_FILL = PatternFill("solid", fgColor=colours.INPUT)
FORMULA_FILL = PatternFill("solid", fgColor=colours.FORMULA)
HEADER_FILL = PatternFill("solid", fgColor=colours.HEADER)
PART_FILL = PatternFill("solid", fgColor=colours.PART)

#: display formats (the stored values stay exact): two decimals for capaian and indices, and
#: thousands separators from 1,000 on, so a Rupiah amount never shows as 4.5E+10
DECIMALS = "0.00"
READABLE = THOUSANDS
READABLE_DECIMALS = THOUSANDS.replace("General", "0.00")

#: the colours of the predikat bands, best first (used by conditional formatting)
BAND_COLOURS = ("63BE7B", "B5D99C", "FFEB84", "F8B26A", "F8696B")


def _style(name: str, *, size: float = 10, bold: bool = False, italic: bool = False,
           color: str = "000000", fill: PatternFill | None = None, border: Border | None = GRID,
           align: Alignment = TOP_LEFT, number_format: str = "General",
           locked: bool = True) -> NamedStyle:
    style = NamedStyle(name=name)
    style.font = Font(name=FONT, size=size, bold=bold, italic=italic, color=color)
    if fill is not None:
        style.fill = fill
    if border is not None:
        style.border = border
    style.alignment = align
    style.number_format = number_format
    style.protection = Protection(locked=locked)
    return style


def named_styles() -> list[NamedStyle]:
    """Every style the generator uses, by name."""
    return [
        _style("iki_title", size=14, bold=True, border=None, align=CENTER),
        _style("iki_subtitle", size=11, bold=True, border=None, align=CENTER),
        _style("iki_label", bold=True, border=None),
        _style("iki_plain", border=None),
        _style("iki_plain_right", border=None,
               align=Alignment(horizontal="right", vertical="top")),
        _style("iki_header", bold=True, fill=HEADER_FILL, align=CENTER),
        _style("iki_text", align=TOP_LEFT),
        _style("iki_center", align=TOP_CENTER),
        _style("iki_part", italic=True, color="404040", fill=PART_FILL),
        _style("iki_part_center", italic=True, color="404040", fill=PART_FILL, align=TOP_CENTER),
        _style("iki_input", fill=INPUT_FILL, align=TOP_CENTER, locked=False),
        _style("iki_input_text", fill=INPUT_FILL, align=TOP_LEFT, locked=False),
        _style("iki_formula", fill=FORMULA_FILL, align=TOP_CENTER, number_format="0.00"),
        _style("iki_formula_text", bold=True, fill=FORMULA_FILL, align=TOP_CENTER),
        _style("iki_helper", size=8, color="808080", border=None, align=TOP_CENTER),
        _style("iki_note", italic=True, color="404040", border=None),
        _style("iki_sign", border=None, align=CENTER),
        _style("iki_sign_name", bold=True, border=None, align=CENTER),
        _style("iki_heading", size=14, bold=True, border=None,
               align=Alignment(horizontal="left", vertical="center")),
    ]


STYLE_NAMES = tuple(s.name for s in named_styles())


def ensure_styles(wb: Workbook) -> None:
    """Add the named styles a (customised) template lacks."""
    present = set(wb.named_styles)
    for style in named_styles():
        if style.name not in present:
            wb.add_named_style(style)


class Palette:
    """The style record of each (named style, number format), computed once per workbook."""

    def __init__(self, wb: Workbook) -> None:
        self._wb = wb
        self._scratch = Cell(wb.active)
        self._cache: dict[tuple[str, str | None], StyleArray] = {}
        self._ids: dict[tuple[str, str | None], int] = {}

    def array(self, name: str, number_format: str | None = None) -> StyleArray:
        key = (name, number_format)
        cached = self._cache.get(key)
        if cached is None:
            cell = self._scratch
            cell._style = None
            cell.style = name
            if number_format:
                cell.number_format = number_format
            cached = self._cache[key] = copy(cell._style)
        return cached

    def style_id(self, name: str, number_format: str | None = None) -> int:
        """The cell-format index the saved file uses for this style (registered once)."""
        key = (name, number_format)
        if key not in self._ids:
            self._ids[key] = self._wb._cell_styles.add(copy(self.array(name, number_format)))
        return self._ids[key]
