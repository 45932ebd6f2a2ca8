"""Locking verified triwulan (``xl-iki kunci``) and what the checks of verification read.

When the atasan has set a triwulan's verdict to Disetujui on the Verifikasi sheet, ``kunci``
locks that triwulan's entries (the indicator's realisasi cell, or its komponen cells) and the
verdict row, and records the entries in the sheet's hidden columns; validation later warns
when an entry no longer matches what was verified.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from openpyxl.styles import Protection
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from .errors import InputError, Problem
from .reader import JabatanSheet, Recovered
from .reader.recover import COL
from .workbook import layout as L
from .workbook.listing import KEY_COL
from .workbook.verifikasi_sheet import DISETUJUI, QUARTER_COLS, RECORDED, TITLE, verdict

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


def rows_of(rec: Recovered) -> tuple[object, list[Row]] | None:
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


def _sheet(wb: Workbook) -> Worksheet | None:
    return next((ws for ws in wb.worksheets
                 if (L.parse_key(ws[f"{KEY_COL}1"].value) or {}).get("verifikasi")), None)


def lock_quarter(wb: Workbook, rec: Recovered, q: int, source: str) -> list[str]:
    """Lock the verified indicators of triwulan ``q`` (0-based); their names."""
    ws, found = _sheet(wb), rows_of(rec)
    if ws is None or found is None:
        raise InputError(source, [Problem(source, NO_SHEET)])
    locked = []
    for item in _verified(found[1], ws, q):
        sheet = wb[item.js.title]
        cells = [sheet.cell(r, c) for r, c in entry_cells(item.js, item.key["ind"], q)]
        for cell in cells:
            cell.protection = Protection(locked=True)
        sheet.protection.sheet = True
        ws[f"{RECORDED[q]}{item.row}"] = fingerprint([c.value for c in cells])
        for col in QUARTER_COLS[q]:
            ws[f"{col}{item.row}"].protection = Protection(locked=True)
        locked.append(f"{item.js.title}: {ws[f'C{item.row}'].value}")
    ws.protection.sheet = True
    return locked


def _verified(rows: list[Row], ws: Worksheet, q: int) -> Iterator[Row]:
    for item in rows:
        status = ws[f"{verdict(q)}{item.row}"].value
        if item.js is not None and str(status or "").strip().casefold() == DISETUJUI.casefold():
            yield item
