"""The add-in's ``vbaProject.bin`` read against MS-OVBA with olefile and oletools' decompressor,
not with pyopenvba (which writes it): the compound file's streams, the ``_VBA_PROJECT`` header,
the dir stream's records, the PROJECT stream, and every module's source at its MODULEOFFSET."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import olefile
import pytest
from oletools.olevba import decompress_stream
from test_addin_build import DOCUMENT_MODULES, expected_modules

from xl_iki.addin import build
from xl_iki.addin.build import build_addin, to_spec

# dir stream record ids (MS-OVBA 2.3.4.2)
SYSKIND, LCID, LCIDINVOKE, CODEPAGE, NAME = 0x0001, 0x0002, 0x0014, 0x0003, 0x0004
VERSION, CONSTANTS, MODULES, COOKIE = 0x0009, 0x000C, 0x000F, 0x0013
MODULENAME, MODULENAMEUNICODE, STREAMNAME, STREAMNAMEUNICODE = 0x0019, 0x0047, 0x001A, 0x0032
DOCSTRING, DOCSTRINGUNICODE, OFFSET, HELPCONTEXT = 0x001C, 0x0048, 0x0031, 0x001E
MODULECOOKIE, PROCEDURAL, DOCUMENT, MODULE_END, DIR_END = 0x002C, 0x0021, 0x0022, 0x002B, 0x0010
#: the records every module carries, in this order (2.3.4.2.3.2); READONLY, PRIVATE may follow
MODULE_RECORDS = [MODULENAME, MODULENAMEUNICODE, STREAMNAME, STREAMNAMEUNICODE, DOCSTRING,
                  DOCSTRINGUNICODE, OFFSET, HELPCONTEXT, MODULECOOKIE]
INFORMATION = [SYSKIND, LCID, LCIDINVOKE, CODEPAGE, NAME]  # first records, in order (2.3.4.2.1)
COMPATVERSION = 0x004A  # PROJECTCOMPATVERSION, optional, right after SYSKIND


@dataclass
class Module:
    name: str = ""
    stream: str = ""
    offset: int = -1
    kind: int = 0
    records: list[int] = field(default_factory=list)


@dataclass
class Dir:
    records: list[tuple[int, bytes]]
    code_page: int
    count: int
    modules: list[Module]


def records(data: bytes) -> list[tuple[int, bytes]]:
    """(id, data) of every record: Id (2 bytes), Size (4 bytes), Size bytes of data, except
    PROJECTVERSION, whose 4 bytes are Reserved (= 4) and which holds 6 bytes (2.3.4.2.1.11)."""
    out, pos = [], 0
    while pos < len(data):
        rid, size = struct.unpack_from("<HI", data, pos)
        pos += 6
        if rid == VERSION:
            assert size == 4, "PROJECTVERSION Reserved must be 4"
            size = 6
        out.append((rid, data[pos:pos + size]))
        pos += size
        assert pos <= len(data), f"record 0x{rid:04X} runs past the end of the dir stream"
    return out


def parse_dir(data: bytes) -> Dir:
    recs = records(data)
    ids = [rid for rid, _ in recs]
    head = [rid for rid in ids if rid != COMPATVERSION][:len(INFORMATION)]
    assert head == INFORMATION, "PROJECTINFORMATION starts out of order"
    assert COMPATVERSION not in ids or ids.index(COMPATVERSION) == 1
    assert struct.unpack("<I", recs[0][1])[0] in (1, 3), "SYSKIND: 32- or 64-bit Windows"
    code_page = struct.unpack("<H", dict(recs)[CODEPAGE])[0]
    assert dict(recs)[LCID] == dict(recs)[LCIDINVOKE] == struct.pack("<I", 0x409)
    assert ids.count(MODULES) == 1
    start = ids.index(MODULES)
    count = struct.unpack("<H", recs[start][1])[0]
    assert recs[start + 1] == (COOKIE, b"\xff\xff"), "PROJECTCOOKIE is 0xFFFF on write"
    assert recs[-1] == (DIR_END, b""), "the dir stream ends with Terminator and Reserved"
    modules: list[Module] = []
    current: Module | None = None
    for rid, body in recs[start + 2:-1]:
        if rid == MODULENAME:
            current = Module(name=body.decode(f"cp{code_page}"))
        assert current is not None, f"record 0x{rid:04X} outside a module"
        current.records.append(rid)
        if rid == STREAMNAME:
            current.stream = body.decode(f"cp{code_page}")
        elif rid == OFFSET:
            (current.offset,) = struct.unpack("<I", body)
        elif rid == MODULECOOKIE:
            assert body == b"\xff\xff", f"{current.name}: MODULECOOKIE is 0xFFFF on write"
        elif rid in (PROCEDURAL, DOCUMENT):
            current.kind = rid
        elif rid == MODULE_END:
            modules.append(current)
            current = None
    assert current is None, "a module without its Terminator"
    return Dir(recs, code_page, count, modules)


def project_lines(data: bytes, code_page: int) -> list[str]:
    text = data.decode(f"cp{code_page}")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", ""), "PROJECT lines end CRLF"
    return text.split("\r\n")


@pytest.fixture(scope="module")
def vba_bin(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = build_addin(tmp_path_factory.mktemp("vba"))
    with zipfile.ZipFile(path) as zf:
        return zf.read("xl/vbaProject.bin")


@pytest.fixture(scope="module")
def ole(vba_bin: bytes) -> olefile.OleFileIO:
    assert olefile.isOleFile(io.BytesIO(vba_bin))
    return olefile.OleFileIO(io.BytesIO(vba_bin))


def stream(ole: olefile.OleFileIO, name: str) -> bytes:
    return ole.openstream(name).read()


def test_vba_project_stream_is_version_ffff_without_a_cache(ole) -> None:
    """2.3.4.1: Reserved1 0x61CC, Version 0xFFFF on write, Reserved2 0x00, Reserved3 (2
    bytes), and the PerformanceCache MUST NOT be present on write: 7 bytes in all."""
    data = stream(ole, "VBA/_VBA_PROJECT")
    assert len(data) == 7
    assert data[:5] == bytes.fromhex("CC61FFFF00")


def test_storages_and_streams(ole) -> None:
    """2.2.1: PROJECT, PROJECTwm and the VBA storage (dir, _VBA_PROJECT, one stream per
    module); no SRP performance-cache streams (2.2.6)."""
    names = {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}
    modules = {f"VBA/{name}" for name in {*expected_modules(), *DOCUMENT_MODULES}}
    assert names == {"PROJECT", "PROJECTwm", "VBA/dir", "VBA/_VBA_PROJECT", *modules}


def test_dir_stream_records_and_modules(ole) -> None:
    info = parse_dir(decompress_stream(bytearray(stream(ole, "VBA/dir"))))
    assert info.code_page == 1252
    names = [m.name for m in info.modules]
    assert info.count == len(names) == len(set(names))
    assert set(names) == set(expected_modules()) | DOCUMENT_MODULES
    for module in info.modules:
        assert module.records[:len(MODULE_RECORDS)] == MODULE_RECORDS, module.name
        assert module.records[-1] == MODULE_END, module.name
        assert module.stream == module.name
        kind = DOCUMENT if module.name in DOCUMENT_MODULES else PROCEDURAL
        assert module.kind == kind, module.name


def test_every_module_is_its_source_from_offset_zero(ole) -> None:
    """2.3.4.3: the CompressedSourceCode starts at MODULEOFFSET; here that is 0, so no module
    stream carries compiled code (another Office's, or the template's) before its source."""
    info = parse_dir(decompress_stream(bytearray(stream(ole, "VBA/dir"))))
    expected = expected_modules()
    for module in info.modules:
        assert module.offset == 0, f"{module.name}: MODULEOFFSET {module.offset}"
        raw = stream(ole, f"VBA/{module.stream}")
        source = decompress_stream(bytearray(raw[module.offset:])).decode("cp1252")
        assert source.startswith(f'Attribute VB_Name = "{module.name}"'), module.name
        if module.name in expected:
            assert source == expected[module.name].replace("\n", "\r\n"), module.name
        else:
            body = [line for line in source.splitlines() if not line.startswith("Attribute ")]
            assert not "".join(body).strip(), f"{module.name} should hold no code"


def test_project_stream_names_the_same_modules(ole) -> None:
    """2.3.1: ID, a Document= or Module= line per module, matching the dir stream, and the
    Host Extender Info section."""
    info = parse_dir(decompress_stream(bytearray(stream(ole, "VBA/dir"))))
    lines = project_lines(stream(ole, "PROJECT"), info.code_page)
    assert re.fullmatch(r'ID="\{[0-9A-F-]{36}\}"', lines[0])
    documents = {line[9:].split("/")[0] for line in lines if line.startswith("Document=")}
    procedural = {line[7:] for line in lines if line.startswith("Module=")}
    assert documents == {m.name for m in info.modules if m.kind == DOCUMENT}
    assert procedural == {m.name for m in info.modules if m.kind == PROCEDURAL}
    assert "[Host Extender Info]" in lines
    assert any(line.startswith('Name="VBAProject"') for line in lines)


def test_to_spec_keeps_a_project_already_to_spec(vba_bin: bytes) -> None:
    again = olefile.OleFileIO(io.BytesIO(to_spec(vba_bin)))
    assert again.openstream("VBA/_VBA_PROJECT").read() == stream(
        olefile.OleFileIO(io.BytesIO(vba_bin)), "VBA/_VBA_PROJECT")
    ours = olefile.OleFileIO(io.BytesIO(vba_bin))
    for name in ("VBA/IKI", "VBA/ThisWorkbook", "VBA/dir", "PROJECT"):
        assert again.openstream(name).read() == ours.openstream(name).read(), name


def test_pyopenvba_alone_leaves_what_the_build_fixes(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Why :func:`to_spec` exists: pyopenvba's own output keeps the Excel template's compiled
    document modules (MODULEOFFSET > 0), a zeroed 2.5 KB ``_VBA_PROJECT``, the template's
    cookies and 4 bytes too many at the end of the dir stream."""
    monkeypatch.setattr(build, "to_spec", lambda data: data)
    raw = build._vba_workbook(tmp_path / "roh.xlsm")["xl/vbaProject.bin"]
    ole = olefile.OleFileIO(io.BytesIO(raw))
    dir_data = decompress_stream(bytearray(stream(ole, "VBA/dir")))
    assert dir_data.endswith(bytes(4) + bytes.fromhex("1000") + bytes(8))
    recs = records(dir_data[:-4])
    names = [body.decode("cp1252") for rid, body in recs if rid == MODULENAME]
    offsets = dict(zip(names, (struct.unpack("<I", b)[0] for rid, b in recs if rid == OFFSET)))
    assert offsets["ThisWorkbook"] and offsets["Sheet1"]
    assert {body for rid, body in recs if rid == MODULECOOKIE} != {b"\xff\xff"}
    assert len(stream(ole, "VBA/_VBA_PROJECT")) > 7
