"""Where the Verifikasi sheet keeps what: its title, verdicts and columns (no openpyxl, so
that validation and the add-in's buttons read the sheet without loading the writer,
:mod:`.verifikasi_sheet`)."""

from __future__ import annotations

from ..model.catalogue import QUARTERS
from ..model.verdicts import COUNT_LABELS, DISETUJUI, PERBAIKAN
from .layout import REKAP_KEY_COL as KEY_COL  # noqa: F401  (the listing sheets' key column)

TITLE = "Verifikasi"
VERDICTS = (DISETUJUI, PERBAIKAN)
# No, Jabatan, Indikator; then per triwulan: Bukti Dukung, Verifikasi, Catatan
FIXED = "ABC"
QUARTER_COLS = ("DEF", "GHI", "JKL", "MNO")
RECORDED = "PQRS"  # hidden: the entries of a verified triwulan, as JSON, written by kunci
WAITING = "TUVW"  # hidden: 1 when the triwulan has realisasi and no verdict
COLS = FIXED + "".join(QUARTER_COLS)
WIDTHS = (5, 24, 34, *((22, 14, 18) * QUARTERS))
SUMMARY = ("No", "Jabatan", "Indikator", *COUNT_LABELS)


def bukti(q: int) -> str:
    return QUARTER_COLS[q][0]


def verdict(q: int) -> str:
    return QUARTER_COLS[q][1]
