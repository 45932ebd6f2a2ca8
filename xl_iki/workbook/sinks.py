"""Where the generator's cells go: openpyxl cell objects, or XML written straight into the file.

Both sinks receive the same calls from the sheet writers, so a workbook built in memory
(:func:`xl_iki.workbook.build_workbook`) and one written to disk
(:func:`xl_iki.workbook.write_workbook`) hold the same cells; a test compares them. The XML
sink exists for speed: openpyxl spends most of its time creating and serializing one object
per cell, and a generated workbook has about a hundred thousand cells.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..ooxml import escape_text
from .formulas import Formula
from .styles import Palette
from .worksheet_layout import WorksheetLayout

_LETTERS = {i: get_column_letter(i) for i in range(1, 703)}
_DIMENSION = re.compile(r"<dimension ref=\"[^\"]*\"\s*/>")
_EMPTY_DATA = re.compile(r"<sheetData\s*/>|<sheetData>\s*</sheetData>")


class OpenpyxlSink(WorksheetLayout):
    """Cells as openpyxl objects (a workbook to keep working on in memory)."""

    def __init__(self, ws: Worksheet, palette: Palette):
        self.ws, self.palette = ws, palette

    def put(self, row: int, col: int, value: object, style: str | None, fmt: str | None
            ) -> None:
        array = self.palette.array(style, fmt) if style else None
        cell = Cell(self.ws, row, col, style_array=array)
        self.ws._add_cell(cell)  # how openpyxl's own reader adds a cell it built
        if isinstance(value, Formula):
            cell._value, cell.data_type = str(value), "f"
        elif isinstance(value, str):
            if value:
                cell._value, cell.data_type = value, "s"
        elif value is not None:
            cell._value, cell.data_type = value, "n"

    def height(self, row: int, points: float) -> None:
        self.ws.row_dimensions[row].height = points


class XmlSink(WorksheetLayout):
    """Cells as ``<c>`` elements, spliced into the sheet part when the workbook is saved."""

    def __init__(self, ws: Worksheet, palette: Palette):
        self.ws, self.palette = ws, palette
        self.rows: dict[int, dict[int, str]] = {}
        self.heights: dict[int, float] = {}

    def put(self, row: int, col: int, value: object, style: str | None, fmt: str | None
            ) -> None:
        head = f'<c r="{_LETTERS[col]}{row}"'
        if style:
            head += f' s="{self.palette.style_id(style, fmt)}"'
        if isinstance(value, Formula):
            xml = f"{head}><f>{escape_text(value[1:])}</f></c>"
        elif isinstance(value, str) and value:
            text = escape_text(value)
            xml = f'{head} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            xml = f"{head}><v>{value!r}</v></c>"
        else:
            xml = f"{head}/>"
        self.rows.setdefault(row, {})[col] = xml

    def height(self, row: int, points: float) -> None:
        self.heights[row] = points

    def sheet_data(self) -> str:
        out = ["<sheetData>"]
        for row in sorted(self.rows.keys() | self.heights.keys()):
            height = self.heights.get(row)
            attrs = f' ht="{height}" customHeight="1"' if height else ""
            cells = self.rows.get(row, {})
            out.append(f'<row r="{row}"{attrs}>' + "".join(cells[c] for c in sorted(cells))
                       + "</row>")
        out.append("</sheetData>")
        return "".join(out)

    def dimension(self) -> str:
        if not self.rows:
            return "A1"
        last_col = max(max(cols) for cols in self.rows.values())
        return f"A1:{_LETTERS[last_col]}{max(self.rows)}"


class _SplicingZip(ZipFile):
    """A zip archive that puts the XML sinks' cells into their sheet parts as openpyxl writes."""

    def __init__(self, path: Path, parts: dict[str, XmlSink]):
        super().__init__(path, "w", ZIP_DEFLATED, allowZip64=True)
        self.parts = parts

    def write(self, filename, arcname=None, *args, **kwargs):
        sink = self.parts.get(arcname)
        if sink is None:
            return super().write(filename, arcname, *args, **kwargs)
        xml = Path(filename).read_text(encoding="utf-8")
        xml = _DIMENSION.sub(f'<dimension ref="{sink.dimension()}"/>', xml, count=1)
        xml, n = _EMPTY_DATA.subn(sink.sheet_data().replace("\\", "\\\\"), xml, count=1)
        if n != 1:
            raise RuntimeError(f"{arcname}: openpyxl wrote cells into a sheet xl-iki writes")
        return self.writestr(arcname, xml.encode("utf-8"))


def save_workbook(wb: Workbook, path: Path, sinks: list[XmlSink]) -> None:
    """Save like openpyxl's ``Workbook.save``, with the XML sinks' cells in their sheets."""
    order = {id(ws): n for n, ws in enumerate(wb.worksheets, start=1)}
    # ExcelWriter numbers the sheet parts in workbook order
    parts = {f"xl/worksheets/sheet{order[id(s.ws)]}.xml": s for s in sinks}
    wb.properties.modified = dt.datetime.now(tz=dt.timezone.utc).replace(tzinfo=None)
    ExcelWriter(wb, _SplicingZip(path, parts)).save()
