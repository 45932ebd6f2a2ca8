"""The optional Validasi sheet: one row per problem, a link to its cell, and marked cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook import Workbook

from ..formatting import tanggal_id
from ..validation.findings import INFO, Finding
from ..validation.marks import HEADER, MARK_COLOURS, TITLE, WIDTHS
from ..workbook.printing import page_setup
from ..workbook.styles import ensure_styles

MARK = {severity: PatternFill("solid", fgColor=colour)
        for severity, colour in MARK_COLOURS.items()}


def write_validasi_sheet(wb: Workbook, findings: list[Finding], source: str | Path = "",
                         today: dt.date | None = None) -> None:
    """Add (or replace) the Validasi sheet first in the workbook and mark each cell.

    Printed, every page says what it is: the title, the file checked and the date, above the
    repeated column headers (A4 landscape, fitted to the page width).
    """
    ensure_styles(wb)
    if TITLE in wb.sheetnames:
        wb.remove(wb[TITLE])
    ws = wb.create_sheet(TITLE, 0)
    for col, (label, width) in enumerate(zip(HEADER, WIDTHS), start=1):
        ws.cell(1, col, label).style = "iki_header"
        ws.column_dimensions[chr(64 + col)].width = width
    for n, f in enumerate(findings, start=1):
        row = (n, f.sheet, f.cell, f.severity, f.code, f.message)
        for col, value in enumerate(row, start=1):
            cell = ws.cell(n + 1, col, value)
            cell.data_type = "s" if isinstance(value, str) else cell.data_type
            cell.style = "iki_text"
        if f.cell and f.sheet in wb.sheetnames:
            link = ws.cell(n + 1, 3)
            quoted = "'" + f.sheet.replace("'", "''") + "'"
            link.hyperlink = f"#{quoted}!{f.cell}"
            link.font = Font(name="Arial", size=10, color="0563C1", underline="single")
            _mark(wb[f.sheet][f.cell], f)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:F{len(findings) + 1}"
    _printable(ws, source, today or dt.date.today())


def _printable(ws, source: str | Path, today: dt.date) -> None:
    page_setup(ws)
    ws.print_title_rows = "1:1"
    ws.print_area = f"A1:F{max(ws.max_row, 2)}"
    ws.oddHeader.left.text = "&B&12Hasil Validasi IKI"
    ws.oddHeader.center.text = Path(source).name.replace("&", "&&") if source else ""
    ws.oddHeader.right.text = f"diperiksa {tanggal_id(today)}"
    ws.page_margins.top = 0.7


def _mark(cell, finding: Finding) -> None:
    if finding.severity == INFO:
        return
    cell.fill = MARK[finding.severity]
    note = f"[{finding.code}] {finding.message}"
    if cell.comment is not None:
        note = f"{cell.comment.text}\n{note}"
    cell.comment = Comment(note, "xl-iki", width=320, height=120)
