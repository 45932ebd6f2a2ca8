"""Rules on the Verifikasi sheet: realisasi without its required bukti dukung, and realisasi
changed after its triwulan was verified and locked (``xl-iki kunci``)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from openpyxl.utils import get_column_letter

from ..model.catalogue import QUARTERS
from ..reader.recover import COL
from ..verification import entry_cells, fingerprint, rows_of
from ..workbook.verifikasi_sheet import RECORDED, bukti
from .findings import PERINGATAN, Finding
from .rules import Context, rule


@rule("bukti-kosong", PERINGATAN, "realisasi diisi tanpa bukti dukung (bukti_wajib)")
def missing_evidence(ctx: Context) -> Iterator[Finding]:
    found = rows_of(ctx.rec)
    if found is None:
        return
    sheet, rows = found
    for item in rows:
        if not item.key.get("bukti_wajib") or item.js is None:
            continue
        for q in range(QUARTERS):
            entered = [item.js.sheet.get(r, c) for r, c in entry_cells(item.js, item.key["ind"], q)]
            if any(v not in (None, "") for v in entered) and \
                    sheet.get(item.row, COL[bukti(q)]) in (None, ""):
                yield Finding("bukti-kosong", PERINGATAN, sheet.title, f"{bukti(q)}{item.row}",
                              f"{sheet.get(item.row, 3)} (TW {q + 1}): realisasi sudah diisi "
                              "tetapi bukti dukung kosong; tulis nama dokumen atau tautannya")


@rule("berubah-setelah-verifikasi", PERINGATAN, "realisasi diubah sesudah diverifikasi")
def changed_after_verification(ctx: Context) -> Iterator[Finding]:
    found = rows_of(ctx.rec)
    if found is None:
        return
    sheet, rows = found
    for item in rows:
        for q in range(QUARTERS):
            recorded = sheet.get(item.row, COL[RECORDED[q]])
            if item.js is None or recorded in (None, ""):
                continue
            cells = entry_cells(item.js, item.key["ind"], q)
            now = fingerprint([item.js.sheet.get(r, c) for r, c in cells])
            if cells and now != recorded:
                was = ", ".join(str(v) for v in json.loads(str(recorded)) if v is not None)
                r, c = cells[0]
                yield Finding("berubah-setelah-verifikasi", PERINGATAN, item.js.title,
                              f"{get_column_letter(c)}{r}",
                              f"{sheet.get(item.row, 3)} (TW {q + 1}): realisasi diubah sesudah "
                              f"diverifikasi (yang disetujui: {was or 'kosong'}); minta atasan "
                              "memverifikasi ulang")

