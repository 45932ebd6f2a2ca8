"""Locking verified triwulan (``xl-iki kunci``) and what the checks of verification read.

When the atasan has set a triwulan's verdict to Disetujui on the Verifikasi sheet, ``kunci``
locks that triwulan's entries (the indicator's realisasi cell, or its komponen cells) and the
verdict row, and records the entries in the sheet's hidden columns; validation later warns
when an entry no longer matches what was verified.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import InputError, Problem
from .reader import JabatanSheet, Recovered, SheetData
from .reader.recover import COL
from .workbook import layout as L
from .workbook.verifikasi_cols import DISETUJUI, KEY_COL, QUARTER_COLS, RECORDED, TITLE, verdict

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook

NO_SHEET = (f"workbook ini tidak punya lembar {TITLE} (dibuat xl-iki versi lama); buat "
            "workbook tahun ini dengan versi sekarang (xl-iki new) lalu salin isiannya")


@dataclass(frozen=True)
class Row:
    """One indicator row of the Verifikasi sheet, with the jabatan sheet it verifies."""

    row: int
    key: dict
    js: JabatanSheet | None


def entry_cells(js: JabatanSheet, ind_id: str, q: int) -> list[tuple[int, int]]:
    """(row, column) of the cells a person enters for triwulan ``q`` of an indicator."""
    place = js.indikator_rows.get(ind_id)
    if place is None:
        return []
    col = COL[L.TW[q].letter]
    rows = [p.row for p in place.parts if not p.ref] if place.parts else [place.row]
    return [(r, col) for r in rows]


def fingerprint(values: list[object]) -> str:
    """The entries as recorded: numbers as floats (5 and 5.0 alike), text as typed."""
    plain = [float(v) if isinstance(v, (int, float)) and not isinstance(v, bool)
             else None if v in (None, "") else str(v) for v in values]
    return json.dumps(plain, ensure_ascii=False)


def rows_of(rec: Recovered) -> tuple[SheetData, list[Row]] | None:
    """The Verifikasi sheet read back (None without one) and its indicator rows."""
    sheet = next((s for s in rec.book.sheets
                  if (L.parse_key(s.get(1, COL[KEY_COL])) or {}).get("verifikasi")), None)
    if sheet is None:
        return None
    out = []
    for r in range(1, sheet.max_row + 1):
        key = L.parse_key(sheet.get(r, COL[KEY_COL])) or {}
        if "ind" in key:
            out.append(Row(r, key, rec.sheet_of(str(key.get("jabatan")))))
    return sheet, out


@dataclass(frozen=True)
class Lock:
    """Locking one verified indicator's triwulan: its entry cells, and what is recorded."""

    title: str  # the jabatan sheet
    cells: list[tuple[int, int]]  # (row, column) of its entry cells
    row: int  # its row on the Verifikasi sheet
    record: str  # the entries as verified (RECORDED), see :func:`fingerprint`
    name: str  # "jabatan sheet: indikator", for the report


def locks(rec: Recovered, q: int, source: str) -> tuple[str, list[Lock]]:
    """The Verifikasi sheet's title and what locking triwulan ``q`` (0-based) does: one
    :class:`Lock` per indicator whose verdict is Disetujui. The same for ``xl-iki kunci``
    (:func:`lock_quarter`) and the add-in's Kunci button."""
    found = rows_of(rec)
    if found is None:
        raise InputError(source, [Problem(source, NO_SHEET)])
    sheet, rows = found
    out = []
    for item in rows:
        status = sheet.get(item.row, COL[verdict(q)])
        if item.js is None or str(status or "").strip().casefold() != DISETUJUI.casefold():
            continue
        cells = entry_cells(item.js, item.key["ind"], q)
        out.append(Lock(item.js.title, cells, item.row,
                        fingerprint([item.js.sheet.get(r, c) for r, c in cells]),
                        f"{item.js.title}: {sheet.get(item.row, COL['C'])}"))
    return sheet.title, out


def lock_quarter(wb: Workbook, rec: Recovered, q: int, source: str) -> list[str]:
    """Lock the verified indicators of triwulan ``q`` (0-based) in an openpyxl workbook read
    as ``rec``; their names."""
    from openpyxl.styles import Protection  # here: validation imports this module

    title, found = locks(rec, q, source)
    ws = wb[title]
    for lock in found:
        sheet = wb[lock.title]
        for r, c in lock.cells:
            sheet.cell(r, c).protection = Protection(locked=True)
        sheet.protection.sheet = True
        ws[f"{RECORDED[q]}{lock.row}"] = lock.record
        for col in QUARTER_COLS[q]:
            ws[f"{col}{lock.row}"].protection = Protection(locked=True)
    ws.protection.sheet = True
    return [lock.name for lock in found]
