"""The Kunci Triwulan menu: ``xl-iki kunci --triwulan N`` on the open workbook.

The person picks the triwulan from the menu (one button per triwulan): locking is the
atasan's decision for one quarter at a time, like the command line, and a button per
quarter needs no dialog that Excel's Python could lack. What is locked and recorded comes
from :func:`xl_iki.verification.locks`, the same as the command's.
"""

from __future__ import annotations

import xlwings as xw

from ..reader import SheetData
from ..reader.recover import COL
from ..verification import Lock, locks
from ..workbook.layout import ROMAN
from ..workbook.verifikasi_cols import QUARTER_COLS, RECORDED
from .actions import tell
from .grid import Cell
from .handlers import read_iki
from .protection import LOCK, lock_cells, unprotected

DESKTOP_ONLY = ("Mengunci sel hanya bisa dilakukan di Excel desktop (Windows). Gunakan Excel "
                "desktop, atau perintah 'xl-iki kunci BERKAS.xlsx --triwulan {n}'.")


def lock_triwulan(triwulan: int, book: xw.Book) -> None:
    """Lock triwulan ``triwulan`` (1-4; first, for the menu's entry in ACTIONS to bind):
    each indicator whose verdict is Disetujui gets its entry cells locked, its entries
    recorded on the Verifikasi sheet (validation compares them later) and its verdict,
    bukti and note locked; the sheets stay protected."""
    if book.app.engine.type not in LOCK:
        tell(book, DESKTOP_ONLY.format(n=triwulan), problem=True)
        return
    rec = read_iki(book)
    if rec is None:
        return
    q = triwulan - 1
    title, found = locks(rec, q, book.name)
    tw = f"TW {ROMAN[q]}"
    if not found:
        tell(book, f"Belum ada indikator yang Disetujui untuk {tw} di lembar {title}: tidak "
                   f"ada yang dikunci. Atasan memilih Disetujui di kolom Verifikasi {tw} lebih "
                   "dulu, lalu tekan tombol ini lagi.")
        return
    verifikasi = book.sheets[title]
    with unprotected(verifikasi, protect=True):
        _record(verifikasi, rec.book.sheet(title), q, found)
        lock_cells(verifikasi, [(lock.row, COL[c]) for lock in found for c in QUARTER_COLS[q]])
    entries: dict[str, list[Cell]] = {}
    for lock in found:
        entries.setdefault(lock.title, []).extend(lock.cells)
    for sheet_title, cells in entries.items():
        sheet = book.sheets[sheet_title]
        with unprotected(sheet, protect=True):
            lock_cells(sheet, cells)
    names = "\n".join(f"- {lock.name}" for lock in found[:10])
    more = f"\n... dan {len(found) - 10} lagi" if len(found) > 10 else ""
    tell(book, f"{tw} dikunci: {len(found)} indikator yang Disetujui.\n{names}{more}\n\n"
               f"Nilai yang disetujui dicatat di lembar {title}; Validasi memberi peringatan "
               "bila nilainya diubah kemudian.")


def _record(sheet: xw.Sheet, read: SheetData | None, q: int, found: list[Lock]) -> None:
    """The entries as verified, in the triwulan's hidden column in one write (the rows in
    between keep what they hold)."""
    col = COL[RECORDED[q]]
    records = {lock.row: lock.record for lock in found}
    first, last = min(records), max(records)
    sheet.range((first, col), (last, col)).value = [
        [records.get(row, read.get(row, col) if read else None)]
        for row in range(first, last + 1)]
