"""Named cell styles (they live in the template, so an agency can restyle its copy): the
openpyxl side of :mod:`.stylebook`, where each style is defined."""

from __future__ import annotations

from copy import copy

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.workbook import Workbook

from .stylebook import BORDER, FONT, STYLES, CellStyle

_THIN = Side(style="thin", color=BORDER)
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _named(spec: CellStyle) -> NamedStyle:
    """The openpyxl style of a style's plain definition."""
    style = NamedStyle(name=spec.name)
    style.font = Font(name=FONT, size=spec.size, bold=spec.bold, italic=spec.italic,
                      color=spec.color)
    if spec.fill is not None:
        style.fill = PatternFill("solid", fgColor=spec.fill)
    if spec.border:
        style.border = _GRID
    align = spec.align
    style.alignment = Alignment(horizontal=align.horizontal, vertical=align.vertical,
                                wrap_text=True if align.wrap else None)
    style.number_format = spec.number_format
    style.protection = Protection(locked=spec.locked)
    return style


def named_styles() -> list[NamedStyle]:
    """Every style the generator uses, by name."""
    return [_named(spec) for spec in STYLES]


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
