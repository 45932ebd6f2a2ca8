"""The Excel add-in package: zip, content types, relationships, ribbon, VBA read back by
olevba and by LibreOffice, the ribbon buttons' Python side, and installing."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import xlwings
from office import SYSTEM_PYTHON, require_uno
from oletools.olevba import VBA_Parser

import xl_iki
from xl_iki.addin import ACTIONS, actions, build, run_button
from xl_iki.addin.build import AddinError, build_addin, install_addin

ROOT = Path(__file__).resolve().parent.parent
MACROS = ROOT / "macros"
RIBBON = MACROS / "customUI14.xml"
UNO_READER = Path(__file__).resolve().with_name("addin_uno_read.py")

#: The xlwings whose VBA module the add-in carries. A new version must be checked in Excel
#: on Windows (docs/pasang-add-in.md, manual checklist) before this pin moves.
XLWINGS_PINNED = "0.37.8" if sys.version_info >= (3, 11) else "0.37.0"  # the last for 3.10

CUSTOMUI_NS = "http://schemas.microsoft.com/office/2009/07/customui"
TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
RIBBON_REL = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
ADDIN_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"

BUTTONS = {"iki_validasi", "iki_hapus_tanda", "iki_perbarui_rekap", "iki_gabungkan",
           "iki_tahun_baru", "iki_impor_fungsi", "iki_bantuan",
           *(f"iki_kunci_tw{n}" for n in range(1, 5))}
DOCUMENT_MODULES = {"ThisWorkbook", "Sheet1"}

#: (element or None for any, callback attribute) -> VBA parameter types, as Office calls them
CALLBACKS = {
    ("button", "onAction"): ["IRibbonControl"],
    ("toggleButton", "onAction"): ["IRibbonControl", "Boolean"],
    ("checkBox", "onAction"): ["IRibbonControl", "Boolean"],
    ("customUI", "onLoad"): ["IRibbonUI"],
    **{(None, name): ["IRibbonControl", "Variant"] for name in (
        "getLabel", "getScreentip", "getSupertip", "getKeytip", "getDescription", "getEnabled",
        "getVisible", "getShowLabel", "getShowImage", "getPressed", "getSize", "getImage")},
}

#: element -> attributes it may carry (a subset of the customUI 2009 schema: what a typo in
#: an attribute name would otherwise silently drop)
RIBBON_ATTRIBUTES = {
    "customUI": {"onLoad", "loadImage"},
    "ribbon": {"startFromScratch"},
    "tabs": set(),
    "tab": {"id", "label", "keytip", "insertAfterMso", "insertBeforeMso", "visible"},
    "group": {"id", "label", "keytip", "imageMso", "screentip", "supertip", "visible"},
    "button": {"id", "label", "size", "imageMso", "onAction", "screentip", "supertip",
               "keytip", "description", "enabled", "visible", "showLabel", "showImage",
               *(name for _, name in CALLBACKS)},
    "menu": {"id", "label", "size", "imageMso", "screentip", "supertip", "keytip",
             "itemSize", "enabled", "visible", "showLabel", "showImage"},
}
TEXT_LIMIT = 1024  # label, screentip, supertip: ST_String of at most 1024 characters

_SUB = re.compile(r"^\s*(Public\s+|Private\s+)?Sub\s+(\w+)\s*\(([^)]*)\)", re.I | re.M)
_PARAM = re.compile(r"^(?:Optional\s+)?(?:ByRef\s+|ByVal\s+|ParamArray\s+)?(\w+)(?:\(\))?"
                    r"(?:\s+As\s+(\w+))?(?:\s*=.*)?$", re.I)


# --- expected sources ----------------------------------------------------------------------


def expected_modules() -> dict[str, str]:
    """Module name -> source: every macros/*.bas (named by its file) and xlwings' module,
    read straight from the sources, not through xl_iki.addin.build."""
    modules = {p.stem: p.read_text(encoding="ascii") for p in sorted(MACROS.glob("*.bas"))}
    xlwings_bas = Path(xlwings.__file__).with_name("xlwings_custom_addin.bas")
    modules["xlwings"] = xlwings_bas.read_text(encoding="ascii").replace(
        'Public Const PROJECT_NAME As String = "myaddin"',
        'Public Const PROJECT_NAME As String = "xl_iki"')
    modules["IKI"] = modules["IKI"].replace(
        'Private Const XL_IKI_VERSION As String = "dev"',
        f'Private Const XL_IKI_VERSION As String = "{xl_iki.__version__}"')
    return modules


def without_attributes(source: str) -> str:
    return "\n".join(line for line in source.splitlines()
                     if not line.startswith("Attribute ")).rstrip()


# --- the built files -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def xlam(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The add-in, built by the maintenance script as a person would run it."""
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_addin.py"),
                           "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    path = out / "xl_iki.xlam"
    assert f"Add-in ditulis: {path}" in done.stdout
    return path


@pytest.fixture(scope="module")
def xlsm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_addin(tmp_path_factory.mktemp("dist-xlsm"), xlsm=True)


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def content_types(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    root = ET.fromstring(parts(path)["[Content_Types].xml"])
    defaults = {e.get("Extension"): e.get("ContentType") for e in root.iter(f"{TYPES_NS}Default")}
    overrides = {e.get("PartName"): e.get("ContentType")
                 for e in root.iter(f"{TYPES_NS}Override")}
    return defaults, overrides


def relationships(data: bytes) -> list[dict[str, str]]:
    return [dict(e.attrib) for e in ET.fromstring(data).iter(f"{RELS_NS}Relationship")]


def olevba_modules(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {Path(name).stem: code.replace("\r\n", "\n")
                for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


# --- package -------------------------------------------------------------------------------


def test_xlam_is_a_valid_zip_with_ribbon_last(xlam: Path) -> None:
    assert zipfile.is_zipfile(xlam)
    with zipfile.ZipFile(xlam) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
    assert len(names) == len(set(names))
    assert names[0] == "[Content_Types].xml"
    assert names[-1] == "customUI/customUI14.xml"
    assert {"xl/workbook.xml", "xl/vbaProject.bin", "_rels/.rels"} <= set(names)
    assert parts(xlam)["customUI/customUI14.xml"] == RIBBON.read_bytes()


@pytest.mark.parametrize("variant, main_type", [("xlam", ADDIN_TYPE), ("xlsm", XLSM_TYPE)])
def test_content_types(variant: str, main_type: str, request: pytest.FixtureRequest) -> None:
    path = request.getfixturevalue(variant)
    defaults, overrides = content_types(path)
    assert overrides["/xl/workbook.xml"] == main_type
    assert defaults["bin"] == "application/vnd.ms-office.vbaProject"
    assert defaults["xml"] == "application/xml"  # the ribbon part's type
    names = set(parts(path))
    assert {p.lstrip("/") for p in overrides} <= names, "an Override names a missing part"
    for name in names - {"[Content_Types].xml"}:
        assert f"/{name}" in overrides or name.rsplit(".", 1)[-1] in defaults, name


def test_relationships(xlam: Path) -> None:
    package = parts(xlam)
    rels = relationships(package["_rels/.rels"])
    assert len({r["Id"] for r in rels}) == len(rels)
    ribbon = [r for r in rels if r["Type"] == RIBBON_REL]
    assert [r["Target"] for r in ribbon] == ["customUI/customUI14.xml"]
    book_rels = relationships(package["xl/_rels/workbook.xml.rels"])
    assert [r["Target"] for r in book_rels if r["Type"] == VBA_REL] == ["vbaProject.bin"]


def test_config_sheet_points_xlwings_at_xl_iki(xlam: Path) -> None:
    package = parts(xlam)
    book = ET.fromstring(package["xl/workbook.xml"])
    assert book.find(f"{MAIN_NS}workbookPr").get("codeName") == "ThisWorkbook"
    sheets = book.findall(f"{MAIN_NS}sheets/{MAIN_NS}sheet")
    # xlwings reads the sheet PROJECT_NAME & ".conf" of the add-in (ThisWorkbook)
    assert [s.get("name") for s in sheets] == ["xl_iki.conf"]
    assert 'PROJECT_NAME As String = "xl_iki"' in olevba_modules(xlam)["xlwings"]
    targets = {r["Id"]: r["Target"] for r in relationships(package["xl/_rels/workbook.xml.rels"])}
    target = targets[sheets[0].get(OFFICE_REL)].lstrip("/")
    sheet = ET.fromstring(package[target if target.startswith("xl/") else f"xl/{target}"])
    assert sheet.find(f"{MAIN_NS}sheetPr").get("codeName") == "Sheet1"
    rows = [[c.findtext(f"{MAIN_NS}is/{MAIN_NS}t") for c in row.iter(f"{MAIN_NS}c")]
            for row in sheet.iter(f"{MAIN_NS}row")]
    # the buttons run in xlwings' COM server, warm after the first click
    assert rows == [["UDF Modules", "xl_iki.udfs"], ["Use UDF Server", "True"]]


# --- VBA read back ---------------------------------------------------------------------------


def test_xlwings_module_is_the_pinned_version() -> None:
    assert xlwings.__version__ == XLWINGS_PINNED, (
        f"xlwings {xlwings.__version__} is installed, the add-in was checked with "
        f"{XLWINGS_PINNED}: run the manual checklist of docs/pasang-add-in.md, then move the pin")
    source = expected_modules()["xlwings"]
    assert f"'Version: {XLWINGS_PINNED}" in source
    assert f'XLWINGS_VERSION As String = "{XLWINGS_PINNED}"' in source
    assert 'PROJECT_NAME As String = "xl_iki"' in source


@pytest.mark.parametrize("variant", ["xlam", "xlsm"])
def test_olevba_extracts_every_module_as_its_source(variant: str,
                                                    request: pytest.FixtureRequest) -> None:
    got = olevba_modules(request.getfixturevalue(variant))
    expected = expected_modules()
    assert set(got) == set(expected) | DOCUMENT_MODULES
    for name, source in expected.items():
        assert got[name] == source, f"module {name} differs from its source"
    for name in DOCUMENT_MODULES:
        assert not without_attributes(got[name]), f"{name} should hold no code"


@pytest.mark.office
def test_libreoffice_lists_every_module_with_its_source(xlsm: Path) -> None:
    """A second, independent reader: LibreOffice's Basic IDE library of the VBA project."""
    require_uno()
    done = subprocess.run([SYSTEM_PYTHON, str(UNO_READER), str(xlsm)], capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    expected = expected_modules()
    assert set(got) == set(expected) | DOCUMENT_MODULES
    for name, source in expected.items():
        # LibreOffice heads a module with its type and VBA mode and keeps no Attribute lines
        head, mode, *body = got[name].split("\n")
        assert (head, mode) == ("Rem Attribute VBA_ModuleType=VBAModule", "Option VBASupport 1")
        assert "\n".join(body).rstrip() == without_attributes(source), name


# --- ribbon ----------------------------------------------------------------------------------


def ribbon() -> ET.Element:
    return ET.fromstring(RIBBON.read_bytes())  # raises when not well-formed


def local(tag: str) -> str:
    namespace, _, name = tag[1:].partition("}")
    assert namespace == CUSTOMUI_NS, tag
    return name


def vba_subs() -> dict[str, tuple[bool, list[str]]]:
    """Sub name -> (public, parameter types) over every module of the add-in."""
    subs: dict[str, tuple[bool, list[str]]] = {}
    for name, source in expected_modules().items():
        for match in _SUB.finditer(source.replace(" _\n", " ")):
            assert match[2] not in subs, f"Sub {match[2]} is defined twice (again in {name})"
            params = [p.strip() for p in match[3].split(",") if p.strip()]
            types = []
            for param in params:
                parsed = _PARAM.match(param)
                assert parsed, f"cannot read parameter {param!r} of {match[2]}"
                types.append(parsed[2] or "Variant")
            subs[match[2]] = ((match[1] or "").strip().lower() != "private", types)
    return subs


def test_ribbon_is_one_iki_tab_with_unique_ids() -> None:
    root = ribbon()
    assert local(root.tag) == "customUI"
    tabs = [e for e in root.iter() if local(e.tag) == "tab"]
    assert [t.get("label") for t in tabs] == ["IKI"]
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert all(re.fullmatch(r"[A-Za-z_][\w.-]*", i) for i in ids), "ids must be NCNames"
    for element in root.iter():
        tag = local(element.tag)
        assert tag in RIBBON_ATTRIBUTES, f"unexpected element {tag}"
        assert set(element.attrib) <= RIBBON_ATTRIBUTES[tag], (tag, element.attrib)
        for attribute in ("label", "screentip", "supertip"):
            assert len(element.get(attribute, "")) <= TEXT_LIMIT, (element.get("id"), attribute)
        assert element.get("size", "large") in ("normal", "large")
    buttons = [e for e in root.iter() if local(e.tag) == "button"]
    assert {b.get("id") for b in buttons} == BUTTONS
    for button in buttons:
        for attribute in ("label", "imageMso", "screentip", "supertip"):
            assert button.get(attribute), f"{button.get('id')}: no {attribute}"


def test_every_button_has_a_python_action() -> None:
    assert set(ACTIONS) == BUTTONS
    assert all(callable(actions.handler(button)) for button in BUTTONS)


def test_ribbon_callbacks_exist_as_subs_with_the_right_signature() -> None:
    subs = vba_subs()
    named = 0
    for element in ribbon().iter():
        tag = local(element.tag)
        for attribute, sub in element.attrib.items():
            if not (attribute.startswith(("on", "get")) or attribute == "loadImage"):
                continue
            signature = CALLBACKS.get((tag, attribute), CALLBACKS.get((None, attribute)))
            assert signature, f"no known signature for {tag} {attribute}: add it to CALLBACKS"
            assert sub in subs, f"{tag} {element.get('id')}: {attribute}={sub!r} has no Sub"
            public, types = subs[sub]
            assert public, f"Sub {sub} must be public for the ribbon"
            assert [t.casefold() for t in types] == [t.casefold() for t in signature], sub
            named += 1
    assert named >= len(BUTTONS)


def test_the_callback_runs_an_existing_python_function() -> None:
    source = expected_modules()["IKI"]
    match = re.search(r"RunPython \"import ([\w.]+) as (\w+); \2\.(\w+)\('\" & control\.Id & _"
                      r"\n\s+\"', addin_version='\" & XL_IKI_VERSION & \"'\)\"", source)
    assert match, "IKI_OnAction must hand control.Id and the add-in's version to Python"
    assert f'XL_IKI_VERSION As String = "{xl_iki.__version__}"' in source
    module = __import__(match[1], fromlist=[match[3]])
    assert module.run_button is run_button and match[3] == "run_button"
    assert "Public Function RunPython(PythonCommand As String)" in expected_modules()["xlwings"]


# --- the buttons' Python side ----------------------------------------------------------------


class FakeSheet:
    def __init__(self, book: FakeBook, name: str):
        self.book, self.name = book, name

    def activate(self) -> None:
        self.book.active = self.name


class FakeSheets(list):
    def __getitem__(self, key):
        if isinstance(key, str):  # by name, as xlwings' Sheets
            return next(sheet for sheet in self if sheet.name == key)
        return super().__getitem__(key)


class FakeAddin:
    saved = 0

    def Save(self) -> None:  # the COM method's name
        self.saved += 1


class FakeApi:
    def __init__(self):
        self.addin = FakeAddin()
        self.asked: list[str] = []

    def Workbooks(self, name: str) -> FakeAddin:  # the COM method's name
        self.asked.append(name)
        return self.addin


class FakeApp:
    def __init__(self):
        self.alerts: list[dict] = []
        self.api = FakeApi()

    def alert(self, prompt: str, title: str | None = None, buttons: str = "ok",
              mode: str | None = None) -> str:
        self.alerts.append({"prompt": prompt, "title": title, "mode": mode})
        return "ok"


class FakeBook:
    """What a handler uses of ``xlwings.Book``."""

    def __init__(self, *sheets: str):
        self.app = FakeApp()
        self.sheets = FakeSheets(FakeSheet(self, name) for name in sheets)
        self.active: str | None = None

    @property
    def said(self) -> str:
        return "\n".join(a["prompt"] for a in self.app.alerts)


def test_bantuan_opens_the_guide_sheet() -> None:
    book = FakeBook("Sampul", "Petunjuk", "Rekap")
    run_button("iki_bantuan", book)
    assert book.active == "Petunjuk"
    assert "lembar Petunjuk (sudah dibuka)" in book.said and "pasang-add-in" in book.said
    other = FakeBook("Sheet1")
    run_button("iki_bantuan", other)
    assert other.active is None and "Petunjuk" in other.said


def test_impor_fungsi_registers_the_udfs_in_the_addin(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(xlwings, "import_udfs", lambda *args: calls.append(args), raising=False)
    book = FakeBook()
    run_button("iki_impor_fungsi", book)
    assert book.app.api.asked == ["xl_iki.xlam"]
    assert calls == [("xl_iki.udfs", book.app.api.addin)]
    assert book.app.api.addin.saved == 1
    assert "IKI_CAPAIAN" in book.said and book.app.alerts[0]["mode"] == "info"


def test_impor_fungsi_refused_points_to_the_trust_center(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args):
        raise OSError("Programmatic access to Visual Basic Project is not trusted")

    monkeypatch.setattr(xlwings, "import_udfs", refuse, raising=False)
    book = FakeBook()
    run_button("iki_impor_fungsi", book)
    assert "Trust access to the VBA project object model" in book.said
    assert "not trusted" in book.said and book.app.alerts[0]["mode"] == "critical"
    assert book.app.api.addin.saved == 0


def test_run_button_turns_failures_into_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(book):
        raise ValueError("sel K12 kosong")

    monkeypatch.setattr(actions, "broken", broken, raising=False)
    monkeypatch.setitem(ACTIONS, "iki_validasi", "actions:broken")
    book = FakeBook()
    run_button("iki_validasi", book)  # must not raise
    assert "Perintah tidak dapat diselesaikan" in book.said and "sel K12 kosong" in book.said
    assert "ValueError" in book.said and book.app.alerts[0]["mode"] == "critical"


def test_run_button_with_an_unknown_id_asks_for_an_update() -> None:
    book = FakeBook()
    run_button("iki_tidak_ada", book)
    assert "tidak dikenal" in book.said and "xl-iki addin install" in book.said


# --- installing -----------------------------------------------------------------------------


def test_install_elsewhere_than_windows_says_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(AddinError, match=r"hanya bisa dilakukan di Windows.*XLSTART"):
        install_addin()


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A Windows user's folders under tmp_path, with Excel closed (the OS calls isolated)."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "AppData" / "Roaming"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "profil"))
    monkeypatch.setattr(build, "excel_running", lambda: False)
    return tmp_path / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART"


def test_install_builds_into_xlstart_and_sets_the_interpreter(
        windows: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "profil" / ".xl_iki" / "xl_iki.conf"
    config.parent.mkdir(parents=True)
    config.write_text('"INTERPRETER_WIN","C:\\lama\\pythonw.exe"\r\n"SHOW CONSOLE","True"\r\n')
    built_in: list[Path] = []
    real_build = build.build_addin
    monkeypatch.setattr(build, "build_addin",
                        lambda out, **kw: built_in.append(Path(out)) or real_build(out, **kw))
    installed = install_addin()
    assert installed == windows / "xl_iki.xlam"
    assert olevba_modules(installed).keys() == set(expected_modules()) | DOCUMENT_MODULES
    lines = config.read_text().splitlines()
    assert lines == ['"SHOW CONSOLE","True"', f'"INTERPRETER_WIN","{sys.executable}"']
    # built (and its temporary file written) outside XLSTART, where Excel opens every file
    assert built_in and all(windows not in [p, *p.parents] for p in built_in)
    assert [p.name for p in windows.iterdir()] == ["xl_iki.xlam"]
    assert not built_in[0].exists(), "the staging folder is removed"


def test_install_refuses_while_excel_runs(windows: Path, monkeypatch) -> None:
    monkeypatch.setattr(build, "excel_running", lambda: True)
    with pytest.raises(AddinError, match=r"Excel sedang terbuka.*tutup semua jendela Excel"):
        install_addin()
    assert not windows.exists()


def test_install_over_an_addin_excel_holds_says_to_close_excel(windows: Path,
                                                                 monkeypatch) -> None:
    windows.mkdir(parents=True)
    (windows / "xl_iki.xlam").write_bytes(b"lama")

    real_replace = os.replace

    def held(src, dst):  # what Windows answers while Excel has the add-in open
        if Path(dst).parent == windows:
            raise PermissionError(13, "The process cannot access the file", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(build.os, "replace", held)
    with pytest.raises(AddinError, match=r"Excel sedang terbuka dan memakai .*xl_iki\.xlam"):
        install_addin()
    assert (windows / "xl_iki.xlam").read_bytes() == b"lama"
    assert [p.name for p in windows.parent.iterdir()] == ["XLSTART"], "no staging left over"


@pytest.mark.parametrize("listing, running", [
    ("\r\nEXCEL.EXE                    4242 Console                    1    123.456 K\r\n", True),
    ("INFO: No tasks are running which match the specified criteria.\r\n", False)])
def test_excel_running_reads_tasklist(monkeypatch, listing: str, running: bool) -> None:
    calls = []

    def tasklist(args, **kw):
        calls.append(args)
        return subprocess.CompletedProcess(args, 0, stdout=listing, stderr="")

    monkeypatch.setattr(build.subprocess, "run", tasklist)
    assert build.excel_running() is running
    assert calls == [["tasklist", "/FI", "IMAGENAME eq EXCEL.EXE", "/NH"]]


def test_package_assembly_parts() -> None:
    types = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
             b'2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="x"/>'
             b"</Types>")
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'relationships"><Relationship Id="rId1" Type="t" Target="xl/workbook.xml"/>'
            b'<Relationship Id="rId3" Type="t" Target="docProps/app.xml"/></Relationships>')
    out = build.package({"_rels/.rels": rels, "[Content_Types].xml": types, "a.xml": b"<a/>"},
                        ADDIN_TYPE, b"<customUI/>")
    assert list(out) == ["[Content_Types].xml", "_rels/.rels", "a.xml",
                         "customUI/customUI14.xml"]
    assert ET.fromstring(out["[Content_Types].xml"])[0].get("ContentType") == ADDIN_TYPE
    added = relationships(out["_rels/.rels"])[-1]
    assert added == {"Id": "rId2", "Type": RIBBON_REL, "Target": "customUI/customUI14.xml"}
    with pytest.raises(AddinError):
        build.with_main_content_type(types.replace(b"/xl/workbook.xml", b"/x.xml"), ADDIN_TYPE)
