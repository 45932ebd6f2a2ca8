"""Damaging filled workbooks the ways real files get damaged (test helper).

Each damage is a function ``(good, out) -> out`` that writes a damaged copy of ``good``;
``good`` is never changed. Hidden-structure damage goes through openpyxl (another program
saving the file); package damage edits the zip's bytes.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import openpyxl

from xl_iki.workbook import layout as L
from xl_iki.workbook.meta import TITLE as META

Damage = Callable[[Path, Path], Path]


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_parts(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def jabatan_titles(path: Path) -> list[str]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [ws.title for ws in wb.worksheets
                if (L.parse_key(next(ws.iter_rows(max_row=1, max_col=1, values_only=True),
                                     (None,))[0]) or {}).get("jabatan")]
    finally:
        wb.close()


def jabatan_part(path: Path) -> str:
    """The part (e.g. 'xl/worksheets/sheet4.xml') of the first jabatan sheet."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    title = jabatan_titles(path)[0]
    with zipfile.ZipFile(path) as zf:
        targets = {r.get("Id"): r.get("Target") for r in
                   ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))}
        sheet = next(s for s in ElementTree.fromstring(zf.read("xl/workbook.xml")).iter(
            f"{main}sheet") if s.get("name") == title)
    target = targets[sheet.get(rel)]
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _with_openpyxl(change: Callable[[openpyxl.Workbook], None]) -> Damage:
    def damage(good: Path, out: Path) -> Path:
        wb = openpyxl.load_workbook(good)
        change(wb)
        wb.save(out)
        return out
    return damage


def _meta_json(name: str, change: Callable[[object], object]) -> Damage:
    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb[META]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == name)
        ws.cell(row, 2).value = json.dumps(change(json.loads(ws.cell(row, 2).value)))
    return _with_openpyxl(edit)


def _first_key(kind: str, change: Callable[[dict], object]) -> Damage:
    """Change the first key of ``kind`` ('ind' or 'kmp') on the first jabatan sheet."""
    def edit(wb: openpyxl.Workbook) -> None:
        ws = next(ws for ws in wb.worksheets if (L.parse_key(ws["A1"].value) or {}).get("jabatan"))
        cell = next(c for (c,) in ws.iter_rows(min_col=1, max_col=1)
                    if kind in (L.parse_key(c.value) or {}))
        new = change(L.parse_key(cell.value))
        cell.value = new if isinstance(new, str) else json.dumps(new)
    return _with_openpyxl(edit)


def _set(key: dict, **fields) -> dict:
    return {**key, **fields}


def _far_cell(ref: str) -> Damage:
    def edit(wb: openpyxl.Workbook) -> None:
        ws = next(ws for ws in wb.worksheets
                  if (L.parse_key(ws["A1"].value) or {}).get("jabatan"))
        ws[ref] = "x"
    return _with_openpyxl(edit)


def _zip_edit(change: Callable[[dict[str, bytes], str], None]) -> Damage:
    def damage(good: Path, out: Path) -> Path:
        parts = parts_of(good)
        change(parts, jabatan_part(good))
        return write_parts(out, parts)
    return damage


def _lying_dimension(parts: dict[str, bytes], _: str) -> None:
    for name, data in parts.items():
        if name.startswith("xl/worksheets/sheet"):
            parts[name] = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', data)


def _malformed(parts: dict[str, bytes], sheet: str) -> None:
    data = parts[sheet]
    parts[sheet] = data[: len(data) // 2] + b"<c r=<<"


def _missing(parts: dict[str, bytes], sheet: str) -> None:
    del parts[sheet]


def _huge_number(good: Path, out: Path) -> Path:
    """A 400-digit integer where a quarter's realisasi is (no spreadsheet stores that)."""
    marker = 987654321

    def edit(wb: openpyxl.Workbook) -> None:
        ws = next(ws for ws in wb.worksheets
                  if (L.parse_key(ws["A1"].value) or {}).get("jabatan"))
        row = next(c.row for (c,) in ws.iter_rows(min_col=1, max_col=1)
                   if "ind" in (L.parse_key(c.value) or {}))
        ws.cell(row, 11).value = marker  # TW I
    _with_openpyxl(edit)(good, out)
    parts = parts_of(out)
    for name, data in parts.items():
        parts[name] = data.replace(b"<v>%d</v>" % marker, b"<v>" + b"9" * 400 + b"</v>")
    return write_parts(out, parts)


def _truncated(good: Path, out: Path) -> Path:
    data = good.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out


#: name -> damage; hidden structure, then the package
DAMAGES: dict[str, Damage] = {
    "tahun-bukan-angka": _meta_json("instansi", lambda v: {**v, "tahun": "dua ribu"}),
    "instansi-daftar": _meta_json("instansi", lambda v: [v]),
    "predikat-min": _meta_json("predikat", lambda v: [{**v[0], "min": "tinggi"}, *v[1:]]),
    "kunci-daftar": _first_key("ind", lambda k: ["ind", k["ind"]]),
    "jenis-asing": _first_key("ind", lambda k: _set(k, jenis="acak")),
    "komponen-n": _first_key("kmp", lambda k: _set(k, n="dua")),
    "sel-jauh": _far_cell("XFD1048576"),  # outside A..Z: nothing of IKI's, read past
    "sel-jauh-z": _far_cell("Z1048576"),  # data in A..Z past the bound: refused
    "angka-400-digit": _huge_number,
    "dimensi-bohong": _zip_edit(_lying_dimension),
    "xml-rusak": _zip_edit(_malformed),
    "bagian-hilang": _zip_edit(_missing),
    "zip-terpotong": _truncated,
}

#: damages after which the file is still read in full (nothing of IKI's is wrong)
HARMLESS = {"dimensi-bohong", "sel-jauh"}
