"""Rules on the Verifikasi sheet: realisasi without its required bukti dukung, and realisasi
changed after its triwulan was verified and locked (``xl-iki kunci``)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..model.catalogue import QUARTERS
from ..reader.recover import COL
from ..reader.source import SheetData
from ..verification import Row, entry_cells, fingerprint
from ..workbook.layout import letter
from ..workbook.verifikasi_cols import RECORDED, bukti
from .findings import PERINGATAN, Finding
from .rules import Context, rule


def _quarters(ctx: Context) -> Iterator[tuple[SheetData, Row, int, list[tuple[int, int]]]]:
    """Each indicator row of the Verifikasi sheet and triwulan, with its entry cells."""
    found = ctx.verifikasi
    sheet, rows = found if found else (None, [])
    for item in rows:
        for q in range(QUARTERS):
            if item.js is not None:
                yield sheet, item, q, entry_cells(item.js, item.key["ind"], q)


@rule("bukti-kosong", PERINGATAN, "realisasi diisi tanpa bukti dukung (bukti_wajib)")
def missing_evidence(ctx: Context) -> Iterator[Finding]:
    for sheet, item, q, cells in _quarters(ctx):
        entered = any(item.js.sheet.get(r, c) not in (None, "") for r, c in cells)
        if item.key.get("bukti_wajib") and entered and \
                sheet.get(item.row, COL[bukti(q)]) in (None, ""):
            yield Finding("bukti-kosong", PERINGATAN, sheet.title, f"{bukti(q)}{item.row}",
                          f"{sheet.get(item.row, 3)} (TW {q + 1}): realisasi sudah diisi "
                          "tetapi bukti dukung kosong; tulis nama dokumen atau tautannya")


@rule("berubah-setelah-verifikasi", PERINGATAN, "realisasi diubah sesudah diverifikasi")
def changed_after_verification(ctx: Context) -> Iterator[Finding]:
    for sheet, item, q, cells in _quarters(ctx):
        recorded = sheet.get(item.row, COL[RECORDED[q]])
        if recorded in (None, "") or not cells:
            continue
        now = json.loads(fingerprint([item.js.sheet.get(r, c) for r, c in cells]))
        try:
            then = json.loads(str(recorded))
        except ValueError:
            then = None
        if now != then:
            was = ", ".join(str(v) for v in then or () if v is not None)
            differs = [k for k, v in enumerate(now) if not then or k >= len(then) or then[k] != v]
            r, c = cells[differs[0] if differs else 0]
            yield Finding("berubah-setelah-verifikasi", PERINGATAN, item.js.title,
                          f"{letter(c)}{r}",
                          f"{sheet.get(item.row, 3)} (TW {q + 1}): realisasi diubah sesudah "
                          f"diverifikasi (yang disetujui: {was or 'kosong'}); minta atasan "
                          "memverifikasi ulang")
