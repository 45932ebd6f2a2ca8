"""Recovering the catalogue and the entries of a generated workbook from its hidden keys.

Works after people edited the file: inserted or deleted rows, renamed, reordered or copied
sheets, added sheets of their own. Positions come from the keys in column A, never from
where the generator first put things.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from ..errors import InputError, Problem
from ..model.catalogue import (
    DEFAULT_PREDIKAT,
    QUARTERS,
    Catalogue,
    Entry,
    Indikator,
    Instansi,
    Jabatan,
    Keputusan,
    Komponen,
    Penandatangan,
    PredikatBand,
    resolve_salin,
)
from ..model.nilai import NilaiBand, NilaiTable
from ..workbook import layout as L
from ..workbook.formulas import Formula
from ..workbook.layout import META as META_TITLE
from ..workbook.layout import REKAP_KEY_COL
from ..workbook.plan import Plan
from . import keys as K
from .source import BookData, SheetData

COL = {L.letter(n): n for n in range(1, L.LAST_READ + 1)}
KNOWN_SHEETS = {"Sampul", "Petunjuk", META_TITLE}
_NUMBERED = re.compile(r"^\d+\.\s+")
_PART_PREFIX = re.compile(r"^(Pembilang: |Penyebut: |\d+\) )")


def _unique(name: str, taken: set[str]) -> str:
    """:func:`xl_iki.catalogue.parse.unique`, imported for the first copied sheet or row: the
    catalogue package loads PyYAML, which reading a workbook (the add-in's buttons) does not
    need."""
    from ..catalogue.parse import unique

    return unique(name, taken)


@dataclass
class KomponenRow:
    row: int
    n: int
    peran: str
    ref: str | None


@dataclass
class IndikatorRows:
    """Where one indicator and its komponen are on its sheet, and its key."""

    row: int
    key: dict
    parts: list[KomponenRow] = field(default_factory=list)


@dataclass
class JabatanSheet:
    """A recovered jabatan sheet: the sheet, its key, the recovered jabatan and its rows."""

    sheet: SheetData
    key_id: str  # the id in the sheet key (a copied sheet repeats its original's)
    plan: Plan
    indikator_rows: dict[str, IndikatorRows]
    field_rows: dict[str, int]
    duplicate_of: str | None = None  # title of the sheet whose id this copy repeats
    duplicate_indikator: list[tuple[str, int]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.sheet.title


@dataclass
class Recovered:
    """Everything read back from a workbook."""

    book: BookData
    catalogue: Catalogue
    sheets: list[JabatanSheet]
    ignored: list[str]  # sheets that are not IKI sheets (the user's own)
    rekap_title: str | None
    has_meta: bool

    def sheet_of(self, jabatan_id: str) -> JabatanSheet | None:
        return next((s for s in self.sheets if s.plan.jabatan.id == jabatan_id), None)


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def recover(book: BookData) -> Recovered:
    """The catalogue and entries of a workbook; InputError naming every damaged hidden key."""
    problems: list[Problem] = []
    instansi, predikat, has_meta = _meta(book.sheet(META_TITLE), problems)
    sheets: list[JabatanSheet] = []
    ignored: list[str] = []
    rekap_title = None
    taken: dict[str, str] = {}
    for sheet in book.sheets:
        key = L.parse_key(sheet.get(1, COL[L.KEY_COL])) or {}
        if key.get("iki") and "jabatan" in key:
            if _wrong(key, K.JABATAN, f"{sheet.title}!A1", problems):
                continue
            sheets.append(_jabatan_sheet(sheet, text(key["jabatan"]), taken, problems))
        elif (own := L.parse_key(sheet.get(1, COL[REKAP_KEY_COL])) or {}).get("rekap"):
            rekap_title = sheet.title
        elif sheet.title not in KNOWN_SHEETS and not own.get("iki"):  # Pohon Kinerja etc.
            ignored.append(sheet.title)
    nilai = _nilai(book.sheet(META_TITLE), problems)
    if problems:
        raise InputError(book.source, problems)
    cat = resolve_salin(Catalogue(instansi, tuple(s.plan.jabatan for s in sheets), predikat,
                                  nilai=nilai))
    for s, jab in zip(sheets, cat.jabatan):  # a salin indicator carries its source's fields
        s.plan.jabatan = jab
    return Recovered(book, cat, sheets, ignored, rekap_title, has_meta)


def _nilai(sheet: SheetData | None, problems: list[Problem]) -> NilaiTable | None:
    """The nilai table recorded in the meta sheet; None without one."""
    data = _meta_json(sheet, "nilai", problems, K.nilai_problem) if sheet else None
    if not isinstance(data, dict):
        return None
    return NilaiTable(tuple(NilaiBand(**b) for b in data["bands"]),
                      **{k: v for k, v in data.items() if k != "bands"})


def _wrong(value: object, fields: dict, where: str, problems: list[Problem],
           required: tuple[str, ...] = ()) -> bool:
    """Record what is wrong with a hidden key at ``where``; whether anything was."""
    wrong = K.problem(value, fields, required)
    if wrong:
        problems.append(Problem(where, f"kunci {wrong}; {K.WHAT_TO_DO}"))
    return bool(wrong)


def _meta(sheet: SheetData | None, problems: list[Problem]
          ) -> tuple[Instansi, tuple[PredikatBand, ...], bool]:
    if sheet is None:
        return Instansi("", "", 0), DEFAULT_PREDIKAT, False
    found = len(problems)
    inst = _meta_json(sheet, "instansi", problems, lambda v: K.problem(v, K.INSTANSI)) or {}
    bands = _meta_json(sheet, "predikat", problems, K.bands_problem) or []
    if len(problems) > found:
        return Instansi("", "", 0), DEFAULT_PREDIKAT, True
    kep, sign = inst.get("keputusan"), inst.get("penandatangan")
    instansi = Instansi(
        inst.get("nama", ""), inst.get("pemda", ""), int(inst.get("tahun") or 0),
        Keputusan(**kep) if kep else None, Penandatangan(**sign) if sign else None,
        inst.get("batas_capaian"))
    predikat = tuple(PredikatBand(float(b["min"]), str(b["label"])) for b in bands)
    return instansi, predikat or DEFAULT_PREDIKAT, True


def _meta_json(sheet: SheetData, name: str, problems: list[Problem], check) -> object:
    """The JSON value in column B of the meta row named ``name``, checked; None if damaged."""
    row = next((r for r in range(1, sheet.max_row + 1) if text(sheet.get(r, 1)) == name), 0)
    if not sheet.get(row, 2):
        return None
    try:
        wrong = check(value := json.loads(str(sheet.get(row, 2))))
    except ValueError:
        wrong = "bukan JSON yang utuh"
    if wrong:
        problems.append(Problem(f"{META_TITLE}!B{row}", f"data {name}: {wrong}; {K.WHAT_TO_DO}"))
        return None
    return value


def _jabatan_sheet(sheet: SheetData, key_id: str, taken: dict[str, str],
                   problems: list[Problem]) -> JabatanSheet:
    keys = _keys(sheet, problems)
    fields: dict[str, list[int]] = {}
    header_row = 0
    rows: dict[str, IndikatorRows] = {}
    order: list[str] = []
    duplicates: list[tuple[str, int]] = []
    current: IndikatorRows | None = None
    for row, key in keys.items():
        if "hdr" in key:
            fields.setdefault(str(key["hdr"]), []).append(row)
        elif key.get("tabel") == "header":
            header_row = row
        elif "ind" in key:
            current = None
            if _wrong(key, K.INDIKATOR, f"{sheet.title}!A{row}", problems):
                continue
            ind_id = text(key["ind"])
            if ind_id in rows:
                duplicates.append((ind_id, row))
                ind_id = _unique(ind_id, set(rows))
            current = rows[ind_id] = IndikatorRows(row, key)
            order.append(ind_id)
        elif "kmp" in key and current is not None:
            if _wrong(key, K.KOMPONEN, f"{sheet.title}!A{row}", problems):
                continue
            current.parts.append(KomponenRow(row, int(key.get("n", 0)), str(key.get("peran", "")),
                                             key.get("ref")))
    field_rows = {name: rs[0] for name, rs in fields.items()}
    jab_id = key_id
    duplicate_of = None
    if key_id in taken:
        duplicate_of = taken[key_id]
        jab_id = _unique(key_id, set(taken))
    taken[jab_id] = sheet.title
    indikator, sasaran_rows = [], {}
    group_row, sasaran = 0, ""
    for ind_id in order:
        place = rows[ind_id]
        own = text(sheet.get(place.row, COL[L.SASARAN.letter]))
        if own or not group_row:
            group_row, sasaran = place.row, own or sasaran
        sasaran_rows[ind_id] = group_row
        indikator.append(_indikator(sheet, ind_id, place, sasaran))
    jabatan = Jabatan(
        id=jab_id,
        nama=_field(sheet, fields.get("jabatan")),
        unit_kerja=_field(sheet, fields.get("unit_kerja")),
        tugas=_items(sheet, fields.get("tugas")),
        fungsi=_items(sheet, fields.get("fungsi")),
        atasan=str(keys.get(1, {}).get("atasan") or "") or None,
        indikator=tuple(indikator), iku=bool(keys.get(1, {}).get("iku")),
    )
    plan = Plan(jabatan, sheet.title, header_row,
                {i: (rows[i].row, tuple(p.row for p in rows[i].parts)) for i in order},
                sasaran_rows)
    return JabatanSheet(sheet, key_id, plan, rows, field_rows, duplicate_of, duplicates)


def _keys(sheet: SheetData, problems: list[Problem]) -> dict[int, dict]:
    """The keys of column A by row; text there that looks like a key but is none is damage."""
    out = {}
    key_col = COL[L.KEY_COL]
    column = sorted((r, v) for (r, c), v in sheet.cells.items() if c == key_col)
    for r, value in column:
        key = L.parse_key(value)
        if key:
            out[r] = key
        elif isinstance(value, str) and value.lstrip().startswith(("{", "[")):
            problems.append(Problem(f"{sheet.title}!A{r}", "kunci bukan objek JSON yang utuh; "
                                    f"{K.WHAT_TO_DO}"))
    return out


def _field(sheet: SheetData, rows: list[int] | None) -> str:
    """A one-line header field; the dash printed for an empty one reads as empty."""
    value = text(sheet.get(rows[0], COL[L.INDIKATOR.letter])) if rows else ""
    return "" if value == L.BLANK_FIELD else value


def _items(sheet: SheetData, rows: list[int] | None) -> tuple[str, ...]:
    if not rows:
        return ()
    lines = [text(sheet.get(r, COL[L.INDIKATOR.letter])) for r in rows]
    if len(lines) > 1:
        lines = [_NUMBERED.sub("", line) for line in lines]
    return tuple(line for line in lines if line and line != L.BLANK_FIELD)


def _entries(sheet: SheetData, row: int) -> tuple[Entry, ...]:
    return tuple(_entry(sheet.get(row, COL[c.letter])) for c in L.TW)


def _entry(value: object) -> Entry:
    """What a person entered: numbers and text as they are; formulas are not entries."""
    if isinstance(value, (bool, Formula)) or value is None:
        return None
    if isinstance(value, (int, float, str)):
        return value
    return str(value)


def _indikator(sheet: SheetData, ind_id: str, place: IndikatorRows, sasaran: str) -> Indikator:
    key, row = place.key, place.row

    def cell(col: L.Column, r: int = row) -> object:
        return sheet.get(r, COL[col.letter])

    komponen = []
    for part in place.parts:
        nama = _PART_PREFIX.sub("", text(cell(L.INDIKATOR, part.row)))
        bobot = cell(L.SATUAN, part.row)
        komponen.append(Komponen(
            nama=nama, bobot=float(bobot) if isinstance(bobot, (int, float)) else None,
            ref=part.ref, realisasi=(None,) * QUARTERS if part.ref else _entries(sheet, part.row)))
    return Indikator(
        id=ind_id, nama=text(cell(L.INDIKATOR)), jenis=str(key.get("jenis", "jumlah")),
        sasaran=sasaran, satuan=text(cell(L.SATUAN)), arah=str(key.get("arah", "naik")),
        akumulasi=str(key.get("akumulasi", "terakhir")), target=_entry(cell(L.TARGET)),
        target_max=_number(cell(L.TARGET_MAX)),
        penjelasan=text(cell(L.PENJELASAN)), sumber_data=text(cell(L.SUMBER)),
        penanggung_jawab=text(cell(L.PJ)), skala=tuple(key.get("skala") or ()),
        komponen=tuple(komponen),
        realisasi=(None,) * QUARTERS if place.parts else _entries(sheet, row),
        keterangan=text(cell(L.KETERANGAN)), periode=str(key.get("periode", "triwulanan")),
        **(_quarterly(sheet, row) if key.get("tw") else {}),
        peran=str(key.get("peran", "utama")),
        salin=str(key["salin"]) if key.get("salin") else None,
        tujuan=str(key.get("tujuan") or ""),
    )


def _quarterly(sheet: SheetData, row: int) -> dict:
    """The quarterly targets and rencana aksi of an indicator row (key field "tw")."""
    targets = tuple(_entry(sheet.get(row, COL[c.letter])) for c in L.TARGET_TW)
    highs = tuple(_number(sheet.get(row, COL[c.letter])) for c in L.TARGET_TW_MAX)
    plans = tuple(text(sheet.get(row, COL[c.letter])) for c in L.RENCANA)
    return {"target_triwulan": targets if any(t is not None for t in targets) else (),
            "target_triwulan_max": highs if any(h is not None for h in highs) else (),
            "rencana_aksi": plans if any(plans) else ()}


def _number(value: object) -> float | None:
    """A number cell as a float; anything else (text, a formula, blank) is None."""
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else None
