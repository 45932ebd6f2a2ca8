"""An IKI workbook written by an independent writer (XlsxWriter) with Excel's extension forms.

XlsxWriter writes data bars the way Excel 2010+ does (a ``<cfRule>`` carrying an ``<extLst>``
with its ``x14:id``, and the ``x14:conditionalFormattings`` in the worksheet's ``<extLst>``),
sparklines (``x14:sparklineGroups``) and lists pointing into another sheet.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import xlsxwriter
from ooxml_check import MAIN, X14, q

SPARK = "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}"
X14_CF = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}"
RULE_EXT = "{B025F937-C7B1-47D3-B67F-A62EFF666E3E}"
USER_SHEET = "Grafik Kecil"


def rewrite(source: Path, out: Path, jabatan_title: str, capaian_range: str) -> Path:
    """``source`` (a generated IKI workbook) cell by cell through XlsxWriter, plus extensions."""
    wb = openpyxl.load_workbook(source)
    book = xlsxwriter.Workbook(str(out))
    for ws in wb.worksheets:
        sheet = book.add_worksheet(ws.title)
        if ws.sheet_state == "veryHidden":
            sheet.very_hidden()
        elif ws.sheet_state == "hidden":
            sheet.hide()
        for row in ws.iter_rows():
            for cell in row:
                _copy(sheet, cell)
        if ws.title in (jabatan_title, "Rekap"):  # the Rekap's is dropped with the Rekap
            sheet.conditional_format(capaian_range, {"type": "data_bar", "bar_color": "#63BE7B",
                                                     "data_bar_2010": True})
    lists = book.add_worksheet("Daftar")
    lists.write_column("A1", ["Ya", "Tidak", "Sebagian"])
    user = book.add_worksheet(USER_SHEET)
    for r in range(5):
        user.write_row(r, 0, [r + 1, (r * 7) % 5, r * r, 10 - r, 3])
        user.add_sparkline(r, 6, {"range": f"'{USER_SHEET}'!A{r + 1}:E{r + 1}",
                                  "markers": True})
    user.conditional_format("A1:A5", {"type": "data_bar", "data_bar_2010": True})
    user.conditional_format("C1:C5", {"type": "data_bar", "bar_solid": True,
                                      "bar_negative_color": "#FF0000"})
    user.data_validation("H1:H20", {"validate": "list", "source": "=Daftar!$A$1:$A$3"})
    user.write("H1", "Ya")
    book.close()
    return out


def _copy(sheet, cell) -> None:
    value = cell.value
    if value is None:
        return
    if cell.data_type == "f":
        sheet.write_formula(cell.row - 1, cell.column - 1, str(value))
    elif isinstance(value, str):
        sheet.write_string(cell.row - 1, cell.column - 1, value)
    else:
        sheet.write(cell.row - 1, cell.column - 1, value)


def features(zf, part: str) -> dict[str, int]:
    """What Excel's extension forms a sheet part holds, counted."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(zf.read(part))
    return {
        "x14:cfRule": sum(1 for _ in root.iter(q("cfRule", X14))),
        "x14:sparklineGroup": sum(1 for _ in root.iter(q("sparklineGroup", X14))),
        "x14:sparkline": sum(1 for _ in root.iter(q("sparkline", X14))),
        "x14:dataValidation": sum(1 for _ in root.iter(q("dataValidation", X14))),
        "dataBar": sum(1 for _ in root.iter(q("dataBar", MAIN))),
        "cfRule/extLst": sum(1 for r in root.iter(q("cfRule", MAIN))
                             if r.find(q("extLst", MAIN)) is not None),
        "dataValidation": sum(1 for _ in root.iter(q("dataValidation", MAIN))),
    }
