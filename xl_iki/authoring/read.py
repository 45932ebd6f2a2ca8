"""Reading an authoring workbook (Daftar IKI, Jabatan, Instansi) into catalogue data.

The result has the same shape as a parsed YAML catalogue, with every value's place given as
``sheet!cell``, so the catalogue parser reports problems at the cell a person must fix.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from ..catalogue.source import Mapping, Sequence
from .columns import (
    DAFTAR,
    DAFTAR_COLUMNS,
    HEADER_ROW,
    INSTANSI,
    INSTANSI_FIELDS,
    JABATAN,
    JABATAN_COLUMNS,
    Col,
)

_SPLIT = re.compile(r"\s*(?:;|\n)\s*")
_BOBOT = re.compile(r"^(.*?)\s*=\s*([-+]?\d+(?:[.,]\d+)?)$")
_SKOR = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*[-–]\s*(-?\d+(?:[.,]\d+)?)\s*$")


def mapping(where: str) -> Mapping:
    out = Mapping()
    out.line, out.key_lines, out.duplicates = where, {}, []
    return out


def sequence(where: str, items: list, places: list[str]) -> Sequence:
    out = Sequence(items)
    out.line, out.item_lines = where, places
    return out


def _plain(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _rows(ws, columns: tuple[Col, ...]) -> list[tuple[int, Mapping]]:
    """Each filled row as a mapping of field -> value, with the cell of each field."""
    header = {str(c.value).strip(): c.column for c in ws[HEADER_ROW] if c.value is not None}
    out = []
    for row in ws.iter_rows(min_row=HEADER_ROW + 1):
        item = mapping(f"{ws.title}!A{row[0].row}")
        for col in columns:
            index = header.get(col.header)
            if index is None:
                continue
            # every column's cell is known, so a missing value is reported at its cell
            item.key_lines[col.field] = f"{ws.title}!{get_column_letter(index)}{row[0].row}"
            value = _plain(row[index - 1].value) if index <= len(row) else None
            if value is not None:
                item[col.field] = value
        if item:
            out.append((row[0].row, item))
    return out


def _lines(value: object, where: str) -> object:
    if not isinstance(value, str):
        return value
    parts = [p for p in (x.strip() for x in value.split("\n")) if p]
    return sequence(where, parts, [where] * len(parts)) if len(parts) > 1 else value


def _komponen(value: object, where: str, jenis: object) -> Sequence:
    items, places = [], []
    for raw in _SPLIT.split(str(value)):
        if not raw:
            continue
        item = mapping(where)
        match = _BOBOT.match(raw)
        name, bobot = (match[1], float(match[2].replace(",", "."))) if match and \
            jenis == "indeks" else (raw, None)
        if name.startswith("@"):
            item["ref"], item.key_lines["ref"] = name[1:].strip(), where
        else:
            item["nama"], item.key_lines["nama"] = name, where
        if bobot is not None:
            item["bobot"], item.key_lines["bobot"] = bobot, where
        items.append(item)
        places.append(where)
    return sequence(where, items, places)


def _skala(value: object, where: str, jenis: object) -> object:
    text = str(value)
    match = _SKOR.match(text)
    if jenis == "skor" and match:
        items = [float(match[1].replace(",", ".")), float(match[2].replace(",", "."))]
    else:
        items = [p for p in _SPLIT.split(text) if p]
    return sequence(where, items, [where] * len(items))


def _instansi(ws) -> Mapping:
    out = mapping(f"{ws.title}!B1")
    labels = {label: field for label, field in INSTANSI_FIELDS}
    for row in ws.iter_rows(min_row=1, max_col=2):
        label, value = (str(row[0].value or "").strip(), _plain(row[1].value))
        field = labels.get(label)
        if field is None or value is None:
            continue
        where = f"{ws.title}!B{row[0].row}"
        target = out
        if "." in field:
            group, field = field.split(".")
            if group not in out:
                out[group], out.key_lines[group] = mapping(where), where
            target = out[group]
        target[field], target.key_lines[field] = value, where
    return out


def read_authoring(path: str | Path) -> Mapping:
    """The catalogue data of an authoring workbook (shape of catalogue format v1)."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        top = mapping(f"{DAFTAR}!A1")
        top["versi"] = 1
        if INSTANSI in wb.sheetnames:
            top["instansi"], top.key_lines["instansi"] = _instansi(wb[INSTANSI]), f"{INSTANSI}!B1"
        jabatan: dict[tuple[str, str], Mapping] = {}
        if JABATAN in wb.sheetnames:
            for _, item in _rows(wb[JABATAN], JABATAN_COLUMNS):
                for field in ("tugas", "fungsi"):
                    if field in item:
                        item[field] = _lines(item[field], item.key_lines[field])
                item["indikator"] = sequence(item.line, [], [])
                jabatan[str(item.get("nama", "")), str(item.get("unit_kerja", ""))] = item
        daftar = _rows(wb[DAFTAR], DAFTAR_COLUMNS) if DAFTAR in wb.sheetnames else []
        for _, row in daftar:
            name, unit = str(row.pop("jabatan", "")), str(row.pop("unit_kerja", ""))
            jab = jabatan.get((name, unit))
            if jab is None:
                jab = jabatan[name, unit] = mapping(row.line)
                jab["nama"], jab.key_lines["nama"] = name or None, row.line
                if unit:
                    jab["unit_kerja"] = unit
                jab["indikator"] = sequence(row.line, [], [])
            for field, convert in (("komponen", _komponen), ("skala", _skala)):
                if field in row:
                    row[field] = convert(row[field], row.key_lines[field], row.get("jenis"))
            jab["indikator"].append(row)
            jab["indikator"].item_lines.append(row.line)
        items = list(jabatan.values())
        top["jabatan"] = sequence(f"{JABATAN}!A1", items, [j.line for j in items])
        top.key_lines["jabatan"] = f"{DAFTAR}!A1"
        return top
    finally:
        wb.close()
