"""Building the Excel add-in (``xl_iki.xlam``) on any OS, without Excel.

The package is assembled in four steps:

1. openpyxl writes a workbook whose only sheet, ``xl_iki.conf``, is xlwings' config sheet
   (which Python module holds the UDFs, and ``Use UDF Server``: the buttons run in xlwings'
   COM server, which stays warm after the first click);
2. pyopenvba gives it a VBA project (``ThisWorkbook`` and ``Sheet1`` document modules, as
   Excel makes them) and adds every ``macros/*.bas`` module and xlwings' own VBA module
   from the installed xlwings version;
3. the VBA project is rewritten to MS-OVBA's rules for a writer (:func:`to_spec`): every
   module stream holds its compressed source only (MODULEOFFSET 0), and ``_VBA_PROJECT`` is
   the 7 bytes of Version 0xFFFF with no performance cache, so Excel compiles from source;
4. the package is rewritten with the add-in content type for the workbook and, added last,
   the ribbon part ``customUI/customUI14.xml`` with its relationship.

``build_addin(..., xlsm=True)`` writes the same VBA project as a macro-enabled workbook,
which LibreOffice can open (it cannot open any ``.xlam``) to check the modules.
"""

from __future__ import annotations

import locale
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

import openpyxl
import xlwings
from pyopenvba import ExcelFile
from pyopenvba.cfb import CFB
from pyopenvba.vba import (
    VBAProject,
    compress,
    parse_vba_project,
    serialize_dir_stream,
    write_back_modules,
)

from .. import __version__, resources
from ..fileio import atomic_write
from .actions import UDF_MODULE
from .names import ADDIN_FILE, CONFIG_SHEET, PROJECT_NAME, XLSM_FILE

#: xlwings' VBA module for custom add-ins, shipped with xlwings, and the line we change in it
XLWINGS_SOURCE = "xlwings_custom_addin.bas"
XLWINGS_PROJECT_LINE = 'Public Const PROJECT_NAME As String = "{}"'
XLWINGS_TEMPLATE_PROJECT = "myaddin"
#: the line of macros/IKI.bas that carries the xl-iki version the add-in is built with
IKI_MODULE = "IKI"
IKI_VERSION_LINE = 'Private Const XL_IKI_VERSION As String = "{}"'
IKI_SOURCE_VERSION = "dev"
#: MS-OVBA 2.3.4.1 as a writer writes it (3.1.1): Reserved1 0x61CC, Version 0xFFFF,
#: Reserved2 0x00, Reserved3 0x0001 and no PerformanceCache
VBA_PROJECT_STREAM = bytes.fromhex("CC61FFFF000100")
DIR_TERMINATOR = 0x0010
WRITE_COOKIE = 0xFFFF  # PROJECTCOOKIE and MODULECOOKIE on write (2.3.4.2.3.1, 2.3.4.2.3.2.7)

ADDIN_CONTENT_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
XLSM_CONTENT_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
RIBBON_FILE = "customUI14.xml"
RIBBON_PART = f"customUI/{RIBBON_FILE}"
RIBBON_RELATIONSHIP = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"

CONTENT_TYPES_PART = "[Content_Types].xml"
VBA_PART = "xl/vbaProject.bin"
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


def _set_line(text: str, line: str, old: str, new: str, source: str) -> str:
    """``text`` with its one ``line.format(old)`` made ``line.format(new)``."""
    template = line.format(old)
    if text.count(template) != 1:
        raise AddinError(f"{source} tidak lagi memuat {template!r}; sesuaikan "
                         "xl_iki/addin/build.py")
    return text.replace(template, line.format(new))


def xlwings_module() -> str:
    """xlwings' VBA module for custom add-ins, from the installed xlwings, set to xl_iki."""
    text = Path(xlwings.__file__).with_name(XLWINGS_SOURCE).read_text(encoding="ascii")
    return _set_line(text, XLWINGS_PROJECT_LINE, XLWINGS_TEMPLATE_PROJECT, PROJECT_NAME,
                     f"xlwings {xlwings.__version__}: {XLWINGS_SOURCE}")


def vba_modules() -> dict[str, str]:
    """Module name -> source text (LF line ends): ``macros/*.bas`` (IKI with this xl-iki's
    version), then xlwings' module."""
    sources = [p.read_text(encoding="ascii") for p in sorted(macros_dir().glob("*.bas"))]
    modules = {module_name(text): text for text in [*sources, xlwings_module()]}
    if len(modules) != len(sources) + 1:
        raise AddinError("dua modul VBA memakai nama yang sama")
    modules[IKI_MODULE] = _set_line(modules[IKI_MODULE], IKI_VERSION_LINE, IKI_SOURCE_VERSION,
                                    __version__, f"macros/{IKI_MODULE}.bas")
    return modules


def ribbon_xml() -> bytes:
    """The ribbon (customUI 2009 schema) as stored in ``macros/``."""
    return (macros_dir() / RIBBON_FILE).read_bytes()


def config_rows() -> list[tuple[str, str]]:
    """Rows of the xlwings config sheet: key, value (the interpreter comes from the user's
    config file, written by :func:`install_addin`, or from PATH). ``Use UDF Server`` runs the
    buttons in xlwings' COM server (the process of the UDFs), warm after the first click,
    instead of a new ``python -c`` per click."""
    return [("UDF Modules", UDF_MODULE), ("Use UDF Server", "True")]


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
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts[VBA_PART] = to_spec(parts[VBA_PART])
    return parts


def _dir_stream(project: VBAProject) -> bytes:
    """The decompressed dir stream, ending as 2.3.4.2 says: Terminator 0x0010 and Reserved
    (4 bytes), where pyopenvba writes a Size field of 0 between them."""
    raw = serialize_dir_stream(project)
    written = struct.pack("<HII", DIR_TERMINATOR, 0, 0)
    if not raw.endswith(written):
        raise AddinError("pyopenvba menulis akhir aliran dir yang tidak dikenal; sesuaikan "
                         "xl_iki/addin/build.py")
    return raw[:-len(written)] + struct.pack("<HI", DIR_TERMINATOR, 0)


def to_spec(vba_project: bytes) -> bytes:
    """A ``vbaProject.bin`` as MS-OVBA asks a writer to write it: the module streams of the
    template's document modules (which carry its compiled code before their source) rewritten
    from source at MODULEOFFSET 0, the dir stream with those offsets, the cookies 0xFFFF
    and the spec's ending,
    ``_VBA_PROJECT`` as
    Version 0xFFFF without a cache (2.3.4.1) and no SRP cache streams (2.2.6)."""
    cfb = CFB.from_bytes(vba_project)
    project = parse_vba_project(cfb)
    for module in project.modules:
        if module.text_offset:
            module.source = module.source  # loaded from after the cache
            module.dirty = True
        module.cookie = WRITE_COOKIE
    project.project_cookie = WRITE_COOKIE
    write_back_modules(cfb, project)
    cfb.write_stream_in_storage("VBA", "dir", compress(_dir_stream(project)))
    for name in cfb.list_streams_in_storage("VBA"):
        if name.startswith("__SRP_"):
            cfb.remove_stream_in_storage("VBA", name)
    cfb.write_stream_in_storage("VBA", "_VBA_PROJECT", VBA_PROJECT_STREAM)
    return cfb.to_bytes()


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


CLOSE_EXCEL = ("Excel sedang terbuka{detail}, sehingga add-in tidak bisa diganti. Simpan "
               "pekerjaan Anda, tutup semua jendela Excel (periksa juga ikon Excel di taskbar), "
               "lalu jalankan perintah ini lagi.")
#: where the add-in is built before it is moved into XLSTART: beside it, on the same drive
#: (so the move is a rename), but not inside it, since Excel opens every file in XLSTART
STAGING = "xl-iki-baru"


def excel_running() -> bool:
    """Whether an Excel process runs for this user (Windows' tasklist)."""
    done = subprocess.run(["tasklist", "/FI", "IMAGENAME eq EXCEL.EXE", "/NH"],
                          capture_output=True, text=True, check=False)
    return "excel.exe" in done.stdout.casefold()


def _place(built: Path, target: Path) -> None:
    """Move the built add-in over the installed one; refused while Excel holds it."""
    try:
        os.replace(built, target)
    except PermissionError as exc:
        raise AddinError(CLOSE_EXCEL.format(detail=f" dan memakai {target}")) from exc


def install_addin() -> Path:
    """Build the add-in into the user's Excel XLSTART folder (Windows only, Excel closed) and
    point it at this Python; returns the path of the installed ``.xlam``."""
    appdata, profile = os.environ.get("APPDATA"), os.environ.get("USERPROFILE")
    if sys.platform != "win32" or not appdata or not profile:
        raise AddinError(
            "Pemasangan add-in hanya bisa dilakukan di Windows dengan Microsoft Excel. "
            "Di komputer ini, buat berkasnya dengan 'xl-iki addin build -o dist', lalu salin "
            f"dist\\{ADDIN_FILE} ke folder XLSTART Excel di komputer Windows "
            "(lihat docs/pasang-add-in.md).")
    if excel_running():
        raise AddinError(CLOSE_EXCEL.format(detail=""))
    excel = Path(appdata) / "Microsoft" / "Excel"
    xlstart, staging = excel / "XLSTART", excel / STAGING
    try:
        built = build_addin(staging)
        xlstart.mkdir(parents=True, exist_ok=True)
        _place(built, xlstart / ADDIN_FILE)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    config = Path(profile) / f".{PROJECT_NAME}" / f"{PROJECT_NAME}.conf"
    config.parent.mkdir(parents=True, exist_ok=True)
    ansi = locale.getpreferredencoding(False)  # what VBA's Input # reads
    existing = config.read_text(encoding=ansi) if config.exists() else ""
    config.write_text(user_config(existing, _interpreter()), encoding=ansi, newline="")
    return xlstart / ADDIN_FILE
