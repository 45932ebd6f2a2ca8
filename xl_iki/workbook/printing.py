"""Print settings shared by every sheet."""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet


def page_setup(ws: Worksheet) -> None:
    """A4 landscape, fit to width, centred, numbered pages."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "Halaman &P dari &N"
    ws.oddFooter.left.text = "&A"
