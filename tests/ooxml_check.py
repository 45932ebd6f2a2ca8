"""Checks of a written .xlsx package against ECMA-376 (transitional), done in code.

Every XML part must parse; the children of ``<worksheet>`` must follow the sequence of
``CT_Worksheet`` (each at most once, except the repeatable ones), and the children of each
``<cfRule>`` the sequence of ``CT_CfRule``. Excel "repairs" a sheet whose elements are out of
order, so the order is what matters for opening the file without a complaint.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from xl_iki.edit.extensions import sheet_parts

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"


def q(name: str, ns: str = MAIN) -> str:
    """An element name in a namespace, as ElementTree spells it."""
    return f"{{{ns}}}{name}"

# ECMA-376 Part 1, 18.3.1.99 worksheet (CT_Worksheet), in schema order; True = may repeat
CT_WORKSHEET = (
    ("sheetPr", False), ("dimension", False), ("sheetViews", False),
    ("sheetFormatPr", False), ("cols", True), ("sheetData", False), ("sheetCalcPr", False),
    ("sheetProtection", False), ("protectedRanges", False), ("scenarios", False),
    ("autoFilter", False), ("sortState", False), ("dataConsolidate", False),
    ("customSheetViews", False), ("mergeCells", False), ("phoneticPr", False),
    ("conditionalFormatting", True), ("dataValidations", False), ("hyperlinks", False),
    ("printOptions", False), ("pageMargins", False), ("pageSetup", False),
    ("headerFooter", False), ("rowBreaks", False), ("colBreaks", False),
    ("customProperties", False), ("cellWatches", False), ("ignoredErrors", False),
    ("smartTags", False), ("drawing", False), ("legacyDrawing", False),
    ("legacyDrawingHF", False), ("drawingHF", False), ("picture", False),
    ("oleObjects", False), ("controls", False), ("webPublishItems", False),
    ("tableParts", False), ("extLst", False),
)
# 18.3.1.10 cfRule (CT_CfRule)
CT_CFRULE = (("formula", True), ("colorScale", False), ("dataBar", False),
             ("iconSet", False), ("extLst", False))
REQUIRED = ("sheetData",)


def order_problems(children: list[str], sequence: tuple[tuple[str, bool], ...],
                   where: str) -> list[str]:
    """How a list of child names breaks a schema sequence (empty: it follows it)."""
    rank = {name: n for n, (name, _) in enumerate(sequence)}
    repeat = dict(sequence)
    problems, last, seen = [], -1, set()
    for name in children:
        if name not in rank:
            problems.append(f"{where}: <{name}> tidak dikenal di sini")
            continue
        if rank[name] < last:
            problems.append(f"{where}: <{name}> setelah <{sequence[last][0]}>")
        if name in seen and not repeat[name]:
            problems.append(f"{where}: <{name}> lebih dari sekali")
        seen.add(name)
        last = max(last, rank[name])
    return problems


def _local(element: ET.Element) -> str:
    tag = element.tag
    if not tag.startswith(f"{{{MAIN}}}"):
        return tag
    return tag.split("}", 1)[1]


def package_problems(path: Path) -> list[str]:
    """Every XML part parses; every sheet part follows CT_Worksheet and CT_CfRule."""
    problems = []
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        roots = {}
        for name in zf.namelist():
            if name.endswith((".xml", ".rels", ".vml")):
                try:
                    roots[name] = ET.fromstring(zf.read(name))
                except ET.ParseError as exc:
                    problems.append(f"{name}: {exc}")
        for part in sheet_parts(zf).values():
            root = roots.get(part)
            if root is None or _local(root) != "worksheet":  # chart sheets follow CT_Chartsheet
                continue
            children = [_local(c) for c in root]
            problems += order_problems(children, CT_WORKSHEET, part)
            problems += [f"{part}: <{r}> tidak ada" for r in REQUIRED if r not in children]
            for rule in root.iter(f"{{{MAIN}}}cfRule"):
                problems += order_problems([_local(c) for c in rule], CT_CFRULE,
                                           f"{part} cfRule")
    return problems
