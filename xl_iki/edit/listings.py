"""Rebuilding the Pohon Kinerja and Verifikasi sheets from the jabatan sheets really present
(``xl-iki summary``), after sheets were copied or deleted; the Verifikasi entries are kept,
and the Verifikasi sheet is left alone when its rows are still those of the jabatan sheets."""

from __future__ import annotations

from copy import copy

from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..reader import Recovered
from ..workbook import layout as L
from ..workbook.listing import KEY_COL
from ..workbook.pohon_sheet import TITLE as POHON
from ..workbook.pohon_sheet import PohonWriter
from ..workbook.styles import Palette, ensure_styles
from ..workbook.verifikasi_sheet import QUARTER_COLS, RECORDED, VerifikasiWriter

KEPT = "".join(QUARTER_COLS) + RECORDED  # the person's entries and what kunci recorded


def _own(wb: Workbook, kind: str) -> Worksheet | None:
    return next((ws for ws in wb.worksheets
                 if (L.parse_key(ws[f"{KEY_COL}1"].value) or {}).get(kind)), None)


def _rows(ws: Worksheet) -> dict[tuple[str, str], int]:
    out = {}
    for r in range(1, ws.max_row + 1):
        key = L.parse_key(ws[f"{KEY_COL}{r}"].value) or {}
        if "ind" in key:
            out[str(key["jabatan"]), str(key["ind"])] = r
    return out


def rebuild_listings(wb: Workbook, rec: Recovered) -> None:
    """Pohon Kinerja and Verifikasi anew, in their places, over the jabatan sheets present."""
    ensure_styles(wb)
    palette = Palette(wb)
    plans = {s.plan.jabatan.id: s.plan for s in rec.sheets}
    old = _own(wb, "pohon")
    index = wb.index(old) if old else len(wb.sheetnames)
    title = old.title if old else POHON
    if old:
        wb.remove(old)
    PohonWriter(wb.create_sheet(title, index), palette, rec.catalogue, plans).write()
    old = _own(wb, "verifikasi")
    present = {(s.plan.jabatan.id, i.id) for s in rec.sheets for i in s.plan.jabatan.indikator}
    if old is None or set(_rows(old)) == present:  # nothing copied or deleted: kept as it is
        return
    index, kept, rows = wb.index(old), old, _rows(old)
    wb.remove(old)
    VerifikasiWriter(rec.catalogue)(wb, palette, plans)
    new = wb.worksheets[-1]
    wb.move_sheet(new, index - wb.index(new))
    for key, r in _rows(new).items():
        if key in rows:
            _carry(kept, rows[key], new, r)


def _carry(old: Worksheet, old_row: int, new: Worksheet, row: int) -> None:
    """The entries, their lock (kunci) and the row's key (bukti_wajib) onto the new sheet."""
    for col in KEPT:
        source, target = old[f"{col}{old_row}"], new[f"{col}{row}"]
        target.value = source.value
        target.protection = copy(source.protection)
    new[f"{KEY_COL}{row}"].value = old[f"{KEY_COL}{old_row}"].value
