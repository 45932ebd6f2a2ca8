"""Building the Excel add-in (``xl_iki.xlam``) on any OS, without Excel.

The package is assembled in three steps:

1. openpyxl writes a workbook whose only sheet, ``xl_iki.conf``, is xlwings' config sheet
   (which Python module holds the UDFs), as xlwings' ``quickstart --addin`` template has it;
2. pyopenvba gives it a VBA project (``ThisWorkbook`` and ``Sheet1`` document modules, as
   Excel makes them) and adds every ``macros/*.bas`` module and xlwings' own VBA module
   from the installed xlwings version;
3. the package is rewritten with the add-in content type for the workbook and, added last,
   the ribbon part ``customUI/customUI14.xml`` with its relationship.

``build_addin(..., xlsm=True)`` writes the same VBA project as a macro-enabled workbook,
which LibreOffice can open (it cannot open any ``.xlam``) to check the modules.
"""

from __future__ import annotations

import locale
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

import openpyxl
import xlwings
from pyopenvba import ExcelFile

from .. import resources, udfs
from ..fileio import atomic_write

ADDIN_FILE = "xl_iki.xlam"
XLSM_FILE = "xl_iki_addin.xlsm"
#: xlwings' PROJECT_NAME: names the config sheet ("xl_iki.conf") and the per-user config
#: file (%USERPROFILE%\.xl_iki\xl_iki.conf)
PROJECT_NAME = "xl_iki"
CONFIG_SHEET = f"{PROJECT_NAME}.conf"
#: xlwings' VBA module for custom add-ins, shipped with xlwings, and the line we change in it
XLWINGS_SOURCE = "xlwings_custom_addin.bas"
XLWINGS_PROJECT_LINE = 'Public Const PROJECT_NAME As String = "{}"'
XLWINGS_TEMPLATE_PROJECT = "myaddin"

ADDIN_CONTENT_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
XLSM_CONTENT_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
RIBBON_FILE = "customUI14.xml"
RIBBON_PART = f"customUI/{RIBBON_FILE}"
RIBBON_RELATIONSHIP = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"

CONTENT_TYPES_PART = "[Content_Types].xml"
PACKAGE_RELS_PART = "_rels/.rels"
WORKBOOK_PART = "/xl/workbook.xml"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_VB_NAME = re.compile(r'^Attribute VB_Name = "(\w+)"')


class AddinError(Exception):
    """The add-in cannot be built or installed here; the message is for the user."""


# --- the sources ------------------------------------------------------------------------


def macros_dir() -> Path:
    """The folder holding the add-in's VBA modules and ribbon XML."""
    return resources.macros_path()


def module_name(source: str) -> str:
    """The VBA module name a ``.bas`` source declares on its first line."""
    match = _VB_NAME.match(source)
    if not match:
        raise AddinError(f'modul VBA tanpa baris pertama Attribute VB_Name = "...": '
                         f"{source[:40]!r}")
    return match[1]


def xlwings_module() -> str:
    """xlwings' VBA module for custom add-ins, from the installed xlwings, set to xl_iki."""
    text = Path(xlwings.__file__).with_name(XLWINGS_SOURCE).read_text(encoding="ascii")
    template = XLWINGS_PROJECT_LINE.format(XLWINGS_TEMPLATE_PROJECT)
    if text.count(template) != 1:
        raise AddinError(f"xlwings {xlwings.__version__}: {XLWINGS_SOURCE} tidak lagi memuat "
                         f"{template!r}; sesuaikan xl_iki/addin/build.py")
    return text.replace(template, XLWINGS_PROJECT_LINE.format(PROJECT_NAME))


def vba_modules() -> dict[str, str]:
    """Module name -> source text (LF line ends): ``macros/*.bas``, then xlwings' module."""
    sources = [p.read_text(encoding="ascii") for p in sorted(macros_dir().glob("*.bas"))]
    modules = {module_name(text): text for text in [*sources, xlwings_module()]}
    if len(modules) != len(sources) + 1:
        raise AddinError("dua modul VBA memakai nama yang sama")
    return modules


def ribbon_xml() -> bytes:
    """The ribbon (customUI 2009 schema) as stored in ``macros/``."""
    return (macros_dir() / RIBBON_FILE).read_bytes()


def config_rows() -> list[tuple[str, str]]:
    """Rows of the xlwings config sheet: key, value (the interpreter comes from the user's
    config file, written by :func:`install_addin`, or from PATH)."""
    return [("UDF Modules", udfs.__name__)]


# --- the package ------------------------------------------------------------------------


def _flat_xml(root: ET.Element) -> bytes:
    """A part whose root only holds empty elements of its own namespace (content types,
    relationships), written with that namespace as the default one, as Office writes it."""
    namespace, _, tag = root.tag[1:].partition("}")

    def start(element: ET.Element, name: str) -> str:
        return name + "".join(f" {k}={quoteattr(v)}" for k, v in element.attrib.items())

    children = "".join(f"<{start(child, child.tag.partition('}')[2])}/>" for child in root)
    text = f"<{start(root, tag)} xmlns={quoteattr(namespace)}>{children}</{tag}>"
    return _XML_DECLARATION + text.encode("utf-8")


def with_main_content_type(types_xml: bytes, content_type: str) -> bytes:
    """``[Content_Types].xml`` with the workbook part declared as ``content_type``."""
    root = ET.fromstring(types_xml)
    overrides = [e for e in root.iter(f"{{{TYPES_NS}}}Override")
                 if e.get("PartName") == WORKBOOK_PART]
    if len(overrides) != 1:
        raise AddinError(f"{CONTENT_TYPES_PART}: bagian {WORKBOOK_PART} tidak ditemukan")
    overrides[0].set("ContentType", content_type)
    return _flat_xml(root)


def with_relationship(rels_xml: bytes, rel_type: str, target: str) -> bytes:
    """A relationships part with one more relationship, under the next free ``rIdN``."""
    root = ET.fromstring(rels_xml)
    taken = {e.get("Id") for e in root}
    rel_id = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
    ET.SubElement(root, f"{{{RELS_NS}}}Relationship", Id=rel_id, Type=rel_type, Target=target)
    return _flat_xml(root)


def package(parts: dict[str, bytes], main_content_type: str, ribbon: bytes) -> dict[str, bytes]:
    """The final parts, in zip order: content types first, the ribbon part last."""
    out = {CONTENT_TYPES_PART: with_main_content_type(parts[CONTENT_TYPES_PART],
                                                      main_content_type)}
    out.update((name, data) for name, data in parts.items() if name not in out)
    out[PACKAGE_RELS_PART] = with_relationship(parts[PACKAGE_RELS_PART], RIBBON_RELATIONSHIP,
                                               RIBBON_PART)
    out[RIBBON_PART] = ribbon
    return out


def _write_zip(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def _vba_workbook(path: Path) -> dict[str, bytes]:
    """Parts of a macro-enabled workbook: the config sheet and the VBA project."""
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = CONFIG_SHEET
    for row in config_rows():
        sheet.append(row)
    wb.save(path)
    with ExcelFile(path) as book:
        project = book.add_vba_project()
        for name, source in vba_modules().items():
            project.add_module(name, source.replace("\n", "\r\n"))
        book.save()
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def build_addin(out_dir: Path, xlsm: bool = False) -> Path:
    """Write ``xl_iki.xlam`` (or, with ``xlsm``, ``xl_iki_addin.xlsm``) into ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xl-iki-addin-") as tmp:
        parts = _vba_workbook(Path(tmp) / "addin.xlsm")
    content_type = XLSM_CONTENT_TYPE if xlsm else ADDIN_CONTENT_TYPE
    final = package(parts, content_type, ribbon_xml())
    target = out_dir / (XLSM_FILE if xlsm else ADDIN_FILE)
    return atomic_write(target, lambda path: _write_zip(path, final))


# --- installing on Windows ----------------------------------------------------------------


def user_config(existing: str, interpreter: Path) -> str:
    """The user's xlwings config file for the add-in (``"KEY","value"`` lines, as VBA's
    ``Write #`` writes them) with INTERPRETER_WIN set and every other line kept."""
    kept = [line for line in existing.splitlines()
            if line.strip() and not line.upper().startswith('"INTERPRETER_WIN"')]
    return "\r\n".join([*kept, f'"INTERPRETER_WIN","{interpreter}"']) + "\r\n"


def _interpreter() -> Path:
    """pythonw.exe beside this Python (no console window), else this Python itself."""
    windowless = Path(sys.executable).with_name("pythonw.exe")
    return windowless if windowless.exists() else Path(sys.executable)


def install_addin() -> Path:
    """Build the add-in into the user's Excel XLSTART folder (Windows only) and point it at
    this Python; returns the path of the installed ``.xlam``."""
    appdata, profile = os.environ.get("APPDATA"), os.environ.get("USERPROFILE")
    if sys.platform != "win32" or not appdata or not profile:
        raise AddinError(
            "Pemasangan add-in hanya bisa dilakukan di Windows dengan Microsoft Excel. "
            "Di komputer ini, buat berkasnya dengan 'xl-iki addin build -o dist/', lalu salin "
            f"dist/{ADDIN_FILE} ke folder XLSTART Excel di komputer Windows "
            "(lihat docs/pasang-add-in.md).")
    installed = build_addin(Path(appdata) / "Microsoft" / "Excel" / "XLSTART")
    config = Path(profile) / f".{PROJECT_NAME}" / f"{PROJECT_NAME}.conf"
    config.parent.mkdir(parents=True, exist_ok=True)
    ansi = locale.getpreferredencoding(False)  # what VBA's Input # reads
    existing = config.read_text(encoding=ansi) if config.exists() else ""
    config.write_text(user_config(existing, _interpreter()), encoding=ansi, newline="")
    return installed
