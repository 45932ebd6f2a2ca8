"""Worksheet extensions openpyxl drops on load/save, carried over from the original file.

Excel stores newer features of a sheet in ``<extLst>`` at its end: data validation lists that
point into another sheet (``x14:dataValidations``), data bars and icon sets of conditional
formatting, sparklines, slicers. openpyxl reads none of them and writes no ``<extLst>``, so a
load/save would silently remove a user's dropdowns. These functions put them back.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from posixpath import join, normpath

_SHEET = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
_REL_ALT = re.compile(rb'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')
_EXT_LIST = re.compile(rb"<extLst>.*</extLst>", re.S)
_ROOT = re.compile(rb"<worksheet\b[^>]*>")
_NS = re.compile(rb'xmlns:(\w+)="([^"]*)"')


def _unescape(name: bytes) -> str:
    text = name.decode("utf-8")
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"),
                         ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the package (e.g. 'xl/worksheets/sheet3.xml')."""
    rels_xml = zf.read("xl/_rels/workbook.xml.rels")
    targets = {rid: target for rid, target in _REL.findall(rels_xml)}
    targets.update({rid: target for target, rid in _REL_ALT.findall(rels_xml)})
    parts = {}
    for name, rid in _SHEET.findall(zf.read("xl/workbook.xml")):
        target = targets.get(rid, b"").decode()
        if target:
            parts[_unescape(name)] = normpath(target.lstrip("/") if target.startswith("/")
                                              else join("xl", target))
    return parts


def extensions(path: Path) -> dict[str, tuple[bytes, dict[bytes, bytes]]]:
    """Sheet name -> (its <extLst>, the namespace declarations of its root) in a file."""
    out = {}
    with zipfile.ZipFile(path) as zf:
        for name, part in sheet_parts(zf).items():
            xml = zf.read(part)
            found = _EXT_LIST.search(xml)
            root = _ROOT.search(xml)
            if found and root:
                out[name] = (found.group(0), dict(_NS.findall(root.group(0))))
    return out


def restore(saved: Path, lost: dict[str, tuple[bytes, dict[bytes, bytes]]]) -> int:
    """Put the extensions back into the sheets of ``saved`` that lack them; how many."""
    if not lost:
        return 0
    with zipfile.ZipFile(saved) as zf:
        parts = sheet_parts(zf)
        items = [(info, zf.read(info.filename)) for info in zf.infolist()]
    targets = {parts[name]: ext for name, ext in lost.items() if name in parts}
    restored = 0
    rewritten = []
    for info, data in items:
        ext = targets.get(info.filename)
        if ext is not None and b"<extLst>" not in data:
            data = _with_extension(data, *ext)
            restored += 1
        rewritten.append((info, data))
    if restored:
        with zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as zf:
            for info, data in rewritten:
                zf.writestr(info, data)
    return restored


def _with_extension(xml: bytes, ext_list: bytes, namespaces: dict[bytes, bytes]) -> bytes:
    root = _ROOT.search(xml)
    declared = dict(_NS.findall(root.group(0)))
    missing = b"".join(b' xmlns:%s="%s"' % (prefix, uri) for prefix, uri in namespaces.items()
                       if prefix not in declared)
    new_root = root.group(0)[:-1].rstrip(b"/") + missing + b">"
    xml = xml[:root.start()] + new_root + xml[root.end():]
    return xml.replace(b"</worksheet>", ext_list + b"</worksheet>", 1)
