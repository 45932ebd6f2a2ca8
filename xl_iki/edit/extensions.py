"""Worksheet extensions openpyxl drops on load/save, carried over from the original file.

Excel stores newer features of a sheet in the ``<extLst>`` at the end of ``<worksheet>``: data
validation lists that point into another sheet (``x14:dataValidations``), data bars and icon
sets of conditional formatting (``x14:conditionalFormattings``, tied to the ordinary rule by an
``<extLst>`` inside its ``<cfRule>``), sparklines. openpyxl reads none of them, so a load/save
would silently remove them. These functions read them with an XML parser, put them back into
the saved file and check that the result is whole.
"""

from __future__ import annotations

import copy
import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Problem
from ..ooxml import MAIN, REL, Check, q, sheet_parts

PREFIXES = {  # how Excel spells them; ElementTree would otherwise write ns0, ns1, ...
    "": MAIN,  # the sheet's own elements without a prefix
    "r": REL,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "x14": "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main",
    "x14ac": "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac",
    "xm": "http://schemas.microsoft.com/office/excel/2006/main",
    "x12ac": "http://schemas.microsoft.com/office/spreadsheetml/2011/1/ac",
    "x15": "http://schemas.microsoft.com/office/spreadsheetml/2010/11/main",
    "x15ac": "http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac",
    "xr": "http://schemas.microsoft.com/office/spreadsheetml/2014/revision",
    "xr2": "http://schemas.microsoft.com/office/spreadsheetml/2015/revision2",
    "xr3": "http://schemas.microsoft.com/office/spreadsheetml/2016/revision3",
}
for _prefix, _uri in PREFIXES.items():
    ET.register_namespace(_prefix, _uri)

@dataclass
class SheetExtensions:
    """What one sheet holds that openpyxl does not write back."""

    ext_list: ET.Element | None = None  # the worksheet's own <extLst>
    rule_exts: dict[tuple, ET.Element] = field(default_factory=dict)  # rule key -> its <extLst>

    @property
    def uris(self) -> list[str]:
        return [] if self.ext_list is None else [e.get("uri", "") for e in self.ext_list]


def _rule_key(sqref: str | None, rule: ET.Element) -> tuple:
    return tuple(sorted((sqref or "").split())), rule.get("priority"), rule.get("type")


def _read_sheet(data: bytes) -> SheetExtensions:
    """The worksheet-level <extLst> and each rule's own <extLst>, read without the cells."""
    found = SheetExtensions()
    depth = 0
    for event, element in ET.iterparse(io.BytesIO(data), events=("start", "end")):
        if event == "start":
            depth += 1
            continue
        depth -= 1
        if depth == 2 and element.tag == q("row"):
            element.clear()  # the cells are not needed: keep memory small on big sheets
        if depth != 1:
            continue
        if element.tag == q("extLst"):
            found.ext_list = element
        elif element.tag == q("conditionalFormatting"):
            for rule in element.iter(q("cfRule")):
                inner = rule.find(q("extLst"))
                if inner is not None:
                    found.rule_exts[_rule_key(element.get("sqref"), rule)] = inner
        else:
            element.clear()
    return found


def extensions(path: Path) -> dict[str, SheetExtensions]:
    """Sheet name -> the extensions it holds, for the sheets of ``path`` that have any."""
    out, problems = {}, []
    with zipfile.ZipFile(path) as zf:
        for name, part in sheet_parts(zf).items():
            if part not in zf.namelist():
                continue
            found = _read_sheet(zf.read(part))
            if found.ext_list is None and not found.rule_exts:
                continue
            if found.ext_list is not None and any(q("id", REL) in e.attrib
                                                  for e in found.ext_list.iter()):
                problems.append(Problem(f"{path}: lembar {name!r}", "memuat fitur Excel yang "
                                        "terikat ke bagian lain berkas (mis. slicer) dan belum "
                                        "bisa dipertahankan xl-iki; hapus fitur itu atau "
                                        "kerjakan di salinan tanpa fitur itu"))
            out[name] = found
    if problems:
        raise InputError(str(path), problems)
    return out


def restore(saved: Path, lost: dict[str, SheetExtensions]) -> int:
    """Put the extensions back into the sheets of ``saved``; how many sheets were changed."""
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
        if ext is not None:
            data = _with_extensions(data, ext)
            restored += 1
        rewritten.append((info, data))
    if restored:
        with zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED) as zf:
            for info, data in rewritten:
                zf.writestr(info, data)
    return restored


def _with_extensions(xml: bytes, ext: SheetExtensions) -> bytes:
    root = ET.fromstring(xml)
    for formatting in root.iter(q("conditionalFormatting")):
        for rule in formatting.iter(q("cfRule")):
            inner = ext.rule_exts.get(_rule_key(formatting.get("sqref"), rule))
            if inner is not None and rule.find(q("extLst")) is None:
                rule.append(copy.deepcopy(inner))  # <extLst> is the last child of a rule
    if ext.ext_list is not None:
        old = root.find(q("extLst"))
        if old is not None:
            root.remove(old)
        root.append(copy.deepcopy(ext.ext_list))  # and the last child of the worksheet
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def carried(lost: dict[str, SheetExtensions]) -> Check:
    """A check of a written package: every extension of ``lost`` is in its sheet."""

    def check(zf: zipfile.ZipFile) -> list[str]:
        parts = sheet_parts(zf)
        wrong = []
        for sheet, ext in lost.items():
            if sheet not in parts:
                continue
            now = _read_sheet(zf.read(parts[sheet]))
            if now.uris != ext.uris or set(now.rule_exts) != set(ext.rule_exts):
                wrong.append(f"{parts[sheet]}: fitur Excel lembar {sheet!r} tidak terbawa")
        return wrong

    return check
