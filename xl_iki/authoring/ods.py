"""Streaming the cell values of an OpenDocument spreadsheet (.ods), LibreOffice's own format.

Only the wanted sheets and their first columns are kept; repeated empty rows and cells (how
LibreOffice writes styled empty areas) cost nothing, so a stray cell far away is no allocation.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.etree import ElementTree

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_NUMBER = ("float", "percentage", "currency")


class TooLarge(ValueError):
    """A sheet with more filled rows than the reader takes (the message says which)."""


def _text(node: ElementTree.Element) -> str:
    """The text of a paragraph: spans, links, runs of spaces, tabs and line breaks."""
    parts = [node.text or ""]
    for child in node:
        tag = child.tag
        if tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c", "1")))
        elif tag == f"{TEXT}tab":
            parts.append("\t")
        elif tag == f"{TEXT}line-break":
            parts.append("\n")
        elif tag != f"{OFFICE}annotation":
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _value(cell: ElementTree.Element) -> object:
    kind = cell.get(f"{OFFICE}value-type")
    if kind is None:
        return None
    if kind in _NUMBER:
        return float(cell.get(f"{OFFICE}value", "nan"))
    if kind == "boolean":
        return cell.get(f"{OFFICE}boolean-value") == "true"
    if kind == "date":
        stamp = cell.get(f"{OFFICE}date-value", "")
        return dt.date.fromisoformat(stamp) if len(stamp) <= 10 else \
            dt.datetime.fromisoformat(stamp)
    return "\n".join(_text(p) for p in cell.findall(f"{TEXT}p"))


def _row(row: ElementTree.Element, width: int) -> list[object]:
    values: list[object] = []
    for cell in row:
        if cell.tag not in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
            continue
        repeat = int(cell.get(f"{TABLE}number-columns-repeated", "1"))
        values.extend([_value(cell)] * min(repeat, width - len(values)))
        if len(values) >= width:
            break
    return values + [None] * (width - len(values))


def read_ods(path: Path, titles: tuple[str, ...], width: int, limit: int) -> dict[str, list]:
    """For each sheet named in ``titles`` that exists: its filled rows as (row number, values
    of the first ``width`` columns). Raises TooLarge past ``limit`` filled rows in a sheet, and
    zipfile/XML errors on damaged files."""
    out: dict[str, list] = {}
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        stack: list[ElementTree.Element] = []
        rows: list | None = None
        number = 0
        for event, node in ElementTree.iterparse(content, events=("start", "end")):
            if event == "start":
                stack.append(node)
                if node.tag == f"{TABLE}table":
                    name = node.get(f"{TABLE}name", "")
                    rows = out.setdefault(name, []) if name in titles else None
                    number = 0
                continue
            stack.pop()
            if node.tag != f"{TABLE}table-row":
                continue
            repeat = int(node.get(f"{TABLE}number-rows-repeated", "1"))
            values = _row(node, width) if rows is not None else []
            if any(v is not None for v in values):
                if len(rows) + repeat > limit:
                    raise TooLarge(f"lembar '{name}' berisi lebih dari {limit} baris terisi")
                rows.extend((number + k + 1, values) for k in range(repeat))
            number += repeat
            stack[-1].remove(node)  # keep memory flat however many rows the sheet has
    return out

