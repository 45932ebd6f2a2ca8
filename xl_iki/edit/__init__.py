"""Changing an existing (filled, edited) workbook without losing what its users put in it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl.workbook import Workbook

from ..errors import InputError, Problem
from ..fileio import atomic_write, keep_backup
from ..ooxml import q, require_whole
from ..outputs import check_outputs, same_file
from ..reader import Recovered, load_editable, read_workbook
from .extensions import carried, extensions, restore

VBA_PART = "xl/vbaProject.bin"
MACRO_SUFFIXES = (".xlsm", ".xltm")
MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def edit_workbook(source: str | Path, output: str | Path | None,
                  change: Callable[[Workbook, Recovered], None],
                  timpa: bool = False) -> tuple[Path, Path | None]:
    """Apply ``change`` to a copy of the workbook and save it atomically.

    Writing in place (no ``output``, or a name of the same file) first keeps a backup next
    to the file; another existing ``output`` is only replaced with ``timpa``. Sheet extensions
    openpyxl cannot keep (Excel's newer data validation, data bars, sparklines) and a macro
    workbook's VBA project are carried over, and the result is checked before it replaces
    anything. Returns (the written file, the backup or None).
    """
    source = Path(source)
    target = Path(output) if output else source
    in_place = same_file(target, source)
    if not in_place:
        check_outputs([target], [source], timpa)
    rec = read_workbook(source)
    macros = _has_macros(source)
    if macros and target.suffix.lower() not in MACRO_SUFFIXES:
        raise InputError(str(source), [Problem(str(target), "workbook ini berisi makro (VBA); "
                                               "simpan hasilnya dengan akhiran .xlsm agar "
                                               "makronya tetap ada")])
    wb = load_editable(source, keep_vba=macros)
    before = {ws.title: ws for ws in wb.worksheets}
    change(wb, rec)
    # the extensions of the sheets that stay; a sheet the change wrote anew has none
    lost = {name: ext for name, ext in extensions(source).items()
            if name in wb.sheetnames and wb[name] is before.get(name)}
    backup = keep_backup(source) if in_place else None

    def save(tmp: Path) -> None:
        wb.save(tmp)
        restore(tmp, lost)
        require_whole(tmp, target, carried(lost), *([_macros_kept] if macros else []))

    atomic_write(target, save)
    return target, backup


def _has_macros(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        return VBA_PART in zf.namelist()


def _macros_kept(zf: zipfile.ZipFile) -> list[str]:
    types = ET.fromstring(zf.read("[Content_Types].xml"))
    main = next((o.get("ContentType", "") for o in types.iter(q("Override", TYPES))
                 if o.get("PartName") == "/xl/workbook.xml"), "")
    kept = VBA_PART in zf.namelist() and main == MACRO_MAIN
    return [] if kept else [f"{VBA_PART}: proyek VBA tidak terbawa"]
