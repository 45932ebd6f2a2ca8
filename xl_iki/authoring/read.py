"""Interpreting an authoring workbook (Instansi, Jabatan, Daftar IKI, IKU) as catalogue data.

The result has the same shape as a parsed YAML catalogue, with every value's place given as
``sheet!cell``, so the catalogue parser reports problems at the cell a person must fix.
Problems only this layout can have (a Daftar IKI row naming a jabatan that is not on the
Jabatan sheet, a missing header) are recorded here, at their cells.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from openpyxl.utils import get_column_letter

from ..catalogue.fields import Problems
from ..catalogue.source import Mapping, Sequence
from ..model.jenis import JENIS, JenisSpec
from .columns import (
    DAFTAR,
    DAFTAR_COLUMNS,
    HEADER_ROW,
    IKU,
    IKU_COLUMNS,
    INSTANSI,
    INSTANSI_FIELDS,
    JABATAN,
    JABATAN_COLUMNS,
    TOP,
    Col,
)
from .sheets import Table, read_tables

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


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _header(table: Table, columns: tuple[Col, ...], problems: Problems) -> dict[str, int] | None:
    """field -> column index (0-based), found by the header texts (any case) of row 1.

    None (with the problem recorded) when a required column is missing.
    """
    first = table.rows[0][1] if table.rows and table.rows[0][0] == HEADER_ROW else ()
    texts = {str(v).casefold(): i for i, v in enumerate(first) if v is not None}
    found = {c.field: texts[c.header.casefold()] for c in columns
             if c.header.casefold() in texts}
    missing = [f"'{c.header}'" for c in columns if c.required and c.field not in found]
    if missing:
        problems.add(f"{table.title}!A{HEADER_ROW}", "",
                     f"baris judul tidak memuat kolom {', '.join(missing)}; kembalikan judul "
                     "kolomnya (lihat 'xl-iki authoring-sheet')")
        return None
    return found


def _rows(table: Table, columns: tuple[Col, ...], problems: Problems) -> list[Mapping] | None:
    """Each filled row as a mapping of field -> value, with the cell of each field.

    None when the header is unusable (the problem is recorded).
    """
    header = _header(table, columns, problems)
    if header is None:
        return None
    out = []
    for number, values in table.rows:
        if number <= HEADER_ROW:
            continue
        item = mapping(f"{table.title}!A{number}")
        for field, index in header.items():
            # every column's cell is known, so a missing value is reported at its cell
            item.key_lines[field] = f"{table.title}!{get_column_letter(index + 1)}{number}"
            if values[index] is not None:
                item[field] = values[index]
        if item:
            out.append(item)
    return out


def _lines(value: object, where: str) -> object:
    if not isinstance(value, str):
        return value
    parts = [p for p in (x.strip() for x in value.split("\n")) if p]
    return sequence(where, parts, [where] * len(parts)) if len(parts) > 1 else value


def _spec(jenis: object) -> JenisSpec:
    """The jenis of a row (jumlah when unknown: the catalogue check reports it)."""
    return JENIS.get(str(jenis), JENIS["jumlah"])


def _komponen(value: object, where: str, jenis: object) -> Sequence:
    items, places = [], []
    for raw in _SPLIT.split(str(value)):
        if not raw:
            continue
        item = mapping(where)
        match = _BOBOT.match(raw)
        name, bobot = (match[1], float(match[2].replace(",", "."))) if match and \
            _spec(jenis).bobot else (raw, None)
        if name.startswith("@"):
            item["ref"], item.key_lines["ref"] = name[1:].strip(), where
        else:
            item["nama"], item.key_lines["nama"] = name, where
        if bobot is not None:
            item["bobot"], item.key_lines["bobot"] = bobot, where
        items.append(item)
        places.append(where)
    return sequence(where, items, places)


def _four(parts: list[str], where: str, convert) -> object:
    """Four per-triwulan values as a list (the catalogue check reports a wrong count)."""
    items = [None if p in ("", "-") else convert(p) for p in (x.strip() for x in parts)]
    return sequence(where, items, [where] * len(items))


def _number_or_text(text: str) -> object:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text


def _target_triwulan(value: object, where: str, jenis: object) -> object:
    if isinstance(value, (int, float)):
        return sequence(where, [value], [where])
    return _four(str(value).split(";"), where, _number_or_text)


def _rencana_aksi(value: object, where: str, jenis: object) -> object:
    return _four(str(value).split("\n"), where, str)


def _skala(value: object, where: str, jenis: object) -> object:
    text = str(value)
    match = _SKOR.match(text)
    if _spec(jenis).skala == "range" and match:
        items = [float(match[1].replace(",", ".")), float(match[2].replace(",", "."))]
    else:
        items = [p for p in _SPLIT.split(text) if p]
    return sequence(where, items, [where] * len(items))


def _instansi(table: Table) -> Mapping:
    out = mapping(f"{INSTANSI}!B1")
    labels = {label.casefold(): field for label, field in INSTANSI_FIELDS}
    for number, values in table.rows:
        field = labels.get(str(values[0] or "").casefold())
        if field is None:
            continue
        where = f"{INSTANSI}!B{number}"
        target = out
        if "." in field:
            group, field = field.split(".")
            if values[1] is None:
                continue
            if group not in out:
                out[group], out.key_lines[group] = mapping(where), where
            target = out[group]
        target.key_lines[field] = where  # a required value left blank is reported here
        if values[1] is not None:
            target[field] = values[1]
    return out


def _suggestion(name: str, choices: list[str]) -> str:
    """'; maksud Anda ...?' with the nearest choice (any case), or nothing."""
    folded = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(name.casefold(), list(folded), n=1)
    if not close:
        return ""
    case_only = " (huruf besar/kecil harus sama)" if close[0] == name.casefold() else ""
    return f"; maksud Anda '{folded[close[0]]}'?{case_only}"


class _Roster:
    """The Jabatan sheet's rows, found by the name and unit kerja a Daftar IKI row gives.

    Names must match exactly (after trimming spaces): a different case or spelling is an
    error with the nearest name suggested, never silently another jabatan.
    """

    def __init__(self, items: list[Mapping], problems: Problems):
        self.problems = problems
        self.by_name: dict[str, list[Mapping]] = {}
        for item in items:
            self.by_name.setdefault(_text(item.get("nama")) or "", []).append(item)

    def find(self, name: str, unit: str | None, row: Mapping) -> Mapping | None:
        same = self.by_name.get(name)
        if not same:
            hint = _suggestion(name, list(self.by_name)) or (
                "; pilih nama dari daftar di sel ini, atau tambahkan jabatan itu di lembar Jabatan")
            self.problems.add(row.key_lines["jabatan"], "",
                              f"jabatan '{name}' tidak ada di lembar Jabatan{hint}")
            return None
        units = [_text(j.get("unit_kerja")) for j in same]
        if unit in units:
            return same[units.index(unit)]
        if unit is None and len(same) == 1:
            return same[0]
        known = [u or "(kosong)" for u in units]
        where = row.key_lines.get("unit_kerja", row.key_lines["jabatan"])
        if unit is None:
            self.problems.add(where, "", f"jabatan '{name}' ada di beberapa unit kerja "
                              f"({', '.join(known)}); isi kolom Unit Kerja")
        else:
            self.problems.add(where, "", f"unit kerja '{unit}' tidak cocok dengan jabatan "
                              f"'{name}' di lembar Jabatan (unit kerjanya: {', '.join(known)})"
                              f"{_suggestion(unit, [u for u in units if u])}")
        return None


def _place_indicators(daftar: list[Mapping], roster: _Roster, problems: Problems) -> None:
    """Append each Daftar IKI row to its jabatan; a blank Jabatan cell = the row above's."""
    above: Mapping | None = None
    first = True
    for row in daftar:
        name, unit = _text(row.pop("jabatan", None)), _text(row.pop("unit_kerja", None))
        if name is None and first:
            problems.add(row.key_lines["jabatan"], "", "kolom Jabatan kosong di baris indikator "
                         "pertama; pilih jabatannya (baris berikutnya yang kosong berarti sama "
                         "dengan baris di atasnya)")
        first = False
        if name is None:
            if above is None:  # the row above was not placed; its problem is reported already
                continue
            name = _text(above.get("nama")) or ""
            unit = _text(above.get("unit_kerja")) if unit is None else unit
        jab = above = roster.find(name, unit, row)
        if jab is None:
            continue
        jab["indikator"].append(_indikator(row))
        jab["indikator"].item_lines.append(row.line)


def _indikator(row: Mapping) -> Mapping:
    """An indicator row with its list-valued cells turned into lists."""
    for field, convert in (("komponen", _komponen), ("skala", _skala),
                           ("target_triwulan", _target_triwulan),
                           ("rencana_aksi", _rencana_aksi)):
        if field in row:
            row[field] = convert(row[field], row.key_lines[field], row.get("jenis"))
    return row


def read_authoring(path: str | Path, problems: Problems) -> Mapping:
    """The catalogue data of an authoring workbook (shape of catalogue format v1).

    Raises CatalogueError when the file or its sheets cannot be read; problems of the content
    are added to ``problems`` (with the rest found later by the catalogue parser).
    """
    tables = read_tables(Path(path))
    top = mapping(f"{JABATAN}!B2")
    top["versi"] = 1
    top["instansi"], top.key_lines["instansi"] = _instansi(tables[INSTANSI]), f"{INSTANSI}!B1"
    for field in [f for f in top["instansi"].key_lines if f.startswith(TOP)]:
        where = top["instansi"].key_lines.pop(field)
        if field in top["instansi"]:
            top[field[1:]], top.key_lines[field[1:]] = top["instansi"].pop(field), where
    jabatan = _rows(tables[JABATAN], JABATAN_COLUMNS, problems)
    for item in jabatan or []:
        for field in ("tugas", "fungsi"):
            if field in item:
                item[field] = _lines(item[field], item.key_lines[field])
        item["indikator"] = sequence(item.line, [], [])
    daftar = _rows(tables[DAFTAR], DAFTAR_COLUMNS, problems)
    if jabatan is None or daftar is None:
        jabatan = jabatan or []  # a header problem is recorded; the rows cannot be matched
    elif not jabatan:
        problems.add(f"{JABATAN}!B2", "", "lembar Jabatan masih kosong; tulis satu baris per "
                     "jabatan (nama, unit kerja, tugas, fungsi), lalu pilih jabatan itu di kolom "
                     f"Jabatan lembar {DAFTAR}")
    elif not daftar:
        problems.add(f"{DAFTAR}!A2", "", f"lembar '{DAFTAR}' belum berisi indikator")
    else:
        _place_indicators(daftar, _Roster(jabatan, problems), problems)
    top["jabatan"] = sequence(f"{JABATAN}!A2", jabatan, [j.line for j in jabatan])
    top.key_lines["jabatan"] = f"{JABATAN}!A2"
    iku = _rows(tables[IKU], IKU_COLUMNS, problems) if IKU in tables else None
    if iku:
        top["iku"] = sequence(f"{IKU}!A2", [_indikator(row) for row in iku],
                              [row.line for row in iku])
        top.key_lines["iku"] = f"{IKU}!A2"
    return top
