"""Office Open XML packages read with an XML parser, and checked before they replace a file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path
from posixpath import dirname, join, normpath
from urllib.parse import unquote
from xml.parsers import expat

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_PARTS = (".xml", ".rels")  # not .vml: Excel's legacy VML is not always well-formed XML

Check = Callable[[zipfile.ZipFile], list[str]]


class WriteError(OSError):
    """A written file failed its checks; nothing was replaced."""



def escape_text(text: str) -> str:
    """Text as XML character data: ``&``, ``<`` and ``>`` escaped, as
    ``xml.sax.saxutils.escape`` does (which imports urllib and http with it)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def q(name: str, ns: str = MAIN) -> str:
    """An element or attribute name in a namespace, as ElementTree spells it."""
    return f"{{{ns}}}{name}"


def _part(base: str, target: str) -> str:
    target = unquote(target)
    return normpath(target.lstrip("/") if target.startswith("/") else join(base, target))


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name -> its part in the package (e.g. 'xl/worksheets/sheet3.xml').

    Chart sheets and relationships that point nowhere are left out.
    """
    targets = {rel.get("Id"): rel.get("Target", "")
               for rel in ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))}
    parts = {}
    for sheet in ET.fromstring(zf.read("xl/workbook.xml")).iter(q("sheet")):
        target = targets.get(sheet.get(q("id", REL)), "")
        if target.endswith(".xml") and "worksheets/" in target:
            parts[sheet.get("name", "")] = _part("xl", target)
    return parts


def package_problems(zf: zipfile.ZipFile) -> list[str]:
    """A damaged archive, XML parts that do not parse, relationships to missing parts."""
    wrong = []
    names = set(zf.namelist())
    for name in sorted(names):
        try:
            data = zf.read(name)  # checks the part's CRC
        except (zipfile.BadZipFile, OSError) as exc:
            wrong.append(f"{name}: arsip rusak ({exc})")
            continue
        if not name.endswith(XML_PARTS):
            continue
        try:
            expat.ParserCreate().Parse(data, True)  # well-formed, without building a tree
        except expat.ExpatError as exc:
            wrong.append(f"{name}: XML rusak ({exc})")
            continue
        if not name.endswith(".rels"):
            continue
        base = dirname(dirname(name))
        for rel in ET.fromstring(data).iter(q("Relationship", PKG_REL)):
            target = rel.get("Target", "")
            if rel.get("TargetMode") != "External" and target and _part(base, target) not in names:
                wrong.append(f"{name}: menunjuk {target} yang tidak ada")
    return wrong


def require_whole(path: Path, target: Path, *checks: Check) -> None:
    """Raise WriteError (naming ``target``) unless the package at ``path`` is whole and
    passes ``checks``."""
    with zipfile.ZipFile(path) as zf:
        wrong = package_problems(zf)
        if not wrong:
            for check in checks:
                wrong += check(zf)
    if wrong:
        raise WriteError(0, "hasil penulisan tidak utuh, berkas tidak diganti: "
                         + "; ".join(wrong), str(target))
