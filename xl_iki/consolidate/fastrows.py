"""The rows of the big Rekap table, written as sheet XML into the file XlsxWriter made.

XlsxWriter spends about 10 microseconds on a cell (measured: 580,000 cells in 14 s of a
consolidation of 200 files); the indicator-level table is most of the workbook's cells. So
XlsxWriter writes everything else (styles, header, filters, print setup, charts) and these
rows are put into the sheet's ``<sheetData>`` afterwards, with XlsxWriter's own cell formats,
at about a microsecond a cell.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from xlsxwriter.utility import xl_col_to_name

from ..ooxml import escape_text, q

MAX_TEXT = 32767  # Excel's longest cell text
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ROWS = "xl-iki: rows"  # a comment where the rows go, taken out as the rows go in


class Styles:
    """The format index of every cell of a column: by kind, and for plain numbers by whether
    the value is whole (``#,##0``) or not (``#,##0.00``)."""

    def __init__(self, kinds: list[str], ids: dict[str, int], text: str, wrap: str,
                 fixed: dict[str, str], whole: str, fraction: str) -> None:
        self.text = [ids[wrap if kind == "wrap" else text] for kind in kinds]
        self.number = [ids[fixed[kind]] if kind in fixed else None for kind in kinds]
        self.whole, self.fraction = ids[whole], ids[fraction]


def rows_xml(rows: Sequence[tuple], first: int, styles: Styles,
             height: Callable[[tuple], float | None]) -> Iterator[str]:
    """``<row>`` elements for ``rows`` from 0-based row ``first`` (blank cells left out)."""
    letters = [xl_col_to_name(c) for c in range(max((len(r) for r in rows), default=0))]
    texts: dict[str, str] = {}  # most texts repeat (instansi, unit, jabatan, sasaran)
    for n, values in enumerate(rows, start=first + 1):
        cells = []
        for c, value in enumerate(values):
            if value is None:
                continue
            if value.__class__ is str:
                text = texts.get(value)
                if text is None:
                    text = texts[value] = _CONTROL.sub(
                        lambda m: f"_x{ord(m.group()):04X}_", escape_text(value[:MAX_TEXT]))
                cells.append(f'<c r="{letters[c]}{n}" s="{styles.text[c]}" t="inlineStr">'
                             f'<is><t xml:space="preserve">{text}</t></is></c>')
                continue
            number = float(value)
            if number != number:  # NaN: blank
                continue
            whole = number.is_integer()
            s = styles.number[c] or (styles.whole if whole else styles.fraction)
            shown = repr(int(number)) if whole and abs(number) < 1e15 else repr(number)
            cells.append(f'<c r="{letters[c]}{n}" s="{s}"><v>{shown}</v></c>')
        points = height(values)
        attrs = f' ht="{points}" customHeight="1"' if points else ""
        yield f'<row r="{n}"{attrs}>{"".join(cells)}</row>'


def splice(path: Path, parts: dict[str, tuple[Iterator[str], int, str]]) -> None:
    """Put each part's rows (from 1-based row ``first`` on) at the end of its sheet data,
    with its new dimension (in place, through a copy)."""
    copy = path.with_name(path.name + ".rows")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED,
                                                          compresslevel=1) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename not in parts:
                target.writestr(info, data)
                continue
            rows, first, dimension = parts[info.filename]
            head, tail = _open_sheet_data(info.filename, data, first, dimension)
            with target.open(info.filename, "w", force_zip64=True) as out:
                out.write(head)
                batch: list[str] = []
                for row in rows:
                    batch.append(row)
                    if len(batch) >= 2000:
                        out.write("".join(batch).encode("utf-8"))
                        batch = []
                out.write("".join(batch).encode("utf-8") + tail)
    shutil.move(copy, path)


def _open_sheet_data(name: str, xml: bytes, first: int, dimension: str) -> tuple[bytes, bytes]:
    """The sheet XML XlsxWriter wrote (small: the rows are not in it yet) with its dimension
    set, cut where the rows go: the end of ``<sheetData>``. lxml keeps every namespace
    declaration as written (``mc:Ignorable`` names prefixes no element uses)."""
    from lxml import etree  # here: imported only when a table is long (Gabungkan's click)

    root = etree.fromstring(xml)
    sheet_data, dim = root.find(q("sheetData")), root.find(q("dimension"))
    if sheet_data is None or dim is None:
        raise RuntimeError(f"{name}: no sheet data to add rows to")
    if len(sheet_data) and int(sheet_data[-1].get("r", 0)) >= first:
        raise RuntimeError(f"{name}: rows after row {first} already written")  # rows in order
    dim.set("ref", dimension)
    sheet_data.append(etree.Comment(_ROWS))
    prolog = xml[:xml.index(b"<", xml.index(b"?>"))]  # XlsxWriter's declaration, as written
    head, _, tail = etree.tostring(root, encoding="UTF-8", xml_declaration=False).partition(
        f"<!--{_ROWS}-->".encode())
    return prolog + head, tail
