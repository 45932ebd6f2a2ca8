"""Row 1 of a worksheet, read from its XML without reading the sheet.

Row 1 says whose a sheet is (xl-iki keys its own sheets there), so a reader that needs only
some of xl-iki's sheets can leave the others out without laying them out. Anything that
cannot be told for sure (a cell without a position, phonetic runs, another namespace, XML
that does not parse) makes the answer None: the caller then reads the sheet as usual.
"""

from __future__ import annotations

import io
from xml.etree import ElementTree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SHARED_STRINGS = "xl/sharedStrings.xml"
#: the text cells of row 1: column number -> ("text", the text) or ("s", shared text index)
Row1 = dict[int, tuple[str, str]]
CHUNK = 8192  # bytes fed to the parser at a time: row 1 comes after a few kB of settings


def first_row(xml: bytes) -> Row1 | None:
    """The text cells of a worksheet part's row 1; None when that cannot be told for sure."""
    parser = ElementTree.XMLPullParser(("start", "end"))
    open_tags: list[str] = []
    end = xml.find(b"</row>")  # the parser needs no more than the first row's end
    chunks = [xml[:end + 6]] if end >= 0 else (
        xml[start:start + CHUNK] for start in range(0, len(xml), CHUNK))
    try:
        for chunk in chunks:
            parser.feed(chunk)
            for event, elem in parser.read_events():
                if event == "start":
                    open_tags.append(elem.tag)
                    continue
                open_tags.pop()
                if elem.tag == f"{MAIN}row":
                    if open_tags[-1:] != [f"{MAIN}sheetData"]:
                        return None  # a row out of its place
                    return _cells(elem) if elem.get("r", "1") == "1" else {}
                if elem.tag == f"{MAIN}sheetData":
                    return {}  # no rows at all
    except ElementTree.ParseError:
        return None
    return None


def _cells(row: ElementTree.Element) -> Row1 | None:
    out: Row1 = {}
    for cell in row:
        ref = cell.get("r", "")
        letters = ref.rstrip("0123456789")
        if cell.tag != f"{MAIN}c" or ref[len(letters):] != "1" or not letters.isalpha():
            return None
        kind = cell.get("t")
        if kind == "inlineStr":
            text = _text(cell.find(f"{MAIN}is"))
            if text is None:
                return None
            out[_column(letters)] = ("text", text)
        elif kind in ("s", "str"):
            value = cell.findtext(f"{MAIN}v")
            if value is None or (kind == "s" and not value.isdigit()):
                return None
            out[_column(letters)] = ("s" if kind == "s" else "text", value)
    return out


def _text(item: ElementTree.Element | None) -> str | None:
    """The text of a rich or plain string item (<is> or <si>); None with phonetic runs."""
    if item is None or item.find(f"{MAIN}rPh") is not None:
        return None
    return "".join(t.text or "" for t in item.iter(f"{MAIN}t"))


def _column(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def shared_texts(xml: bytes, last: int) -> list[str | None]:
    """The shared texts up to index ``last`` (None for one that cannot be told for sure)."""
    out: list[str | None] = []
    try:
        for _, elem in ElementTree.iterparse(io.BytesIO(xml), ("end",)):
            if elem.tag == f"{MAIN}si":
                out.append(_text(elem))
                elem.clear()
                if len(out) > last:
                    break
    except ElementTree.ParseError:
        return out
    return out


def told(row: Row1 | None, texts: list[str | None]) -> dict[int, str] | None:
    """Row 1's texts by column, shared ones looked up; None when any cannot be told."""
    if row is None:
        return None
    out = {}
    for column, (kind, value) in row.items():
        text = value if kind == "text" else (
            texts[int(value)] if int(value) < len(texts) else None)
        if text is None:
            return None
        out[column] = text
    return out
