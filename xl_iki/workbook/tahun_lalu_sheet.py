"""The Tahun Lalu sheet of a rolled-over workbook: last year's numbers beside this year's.

Last year's target, realisasi, capaian and predikat are values (the year is closed) in a
protected sheet; this year's target, realisasi and capaian are live links to the jabatan
sheets, row by indicator. A sheet of its own rather than a column on the jabatan sheets:
the jabatan sheet's layout stays exactly that of ``xl-iki new``.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.workbook import Workbook

from . import formulas as fx
from . import layout as L
from .cells import SheetWriter
from .jabatan_sheet import Plan
from .listing import HEADER_ROW, KEY_COL, Listing
from .pohon_sheet import target_display
from .sheetnames import sheet_name
from .sinks import OpenpyxlSink
from .styles import Palette

TITLE = "Tahun Lalu"
WIDTHS = (5, 28, 40, 10, 11, 11, 11, 14, 11, 11, 11)
COLS = "ABCDEFGHIJK"
REALISASI_COL = "F"


@dataclass(frozen=True)
class LastYearRow:
    """One indicator of last year's workbook, as the model computed it."""

    jabatan_id: str
    indikator_id: str
    jabatan: str
    indikator: str
    satuan: str
    target: str
    realisasi: object
    capaian: float | None
    predikat: str


class TahunLaluWriter:
    """Writes the sheet into a workbook being built (an ``extra`` of ``write_workbook``)."""

    def __init__(self, tahun: int, now: int, rows: list[LastYearRow]):
        self.tahun, self.now, self.rows = tahun, now, rows

    def __call__(self, wb: Workbook, palette: Palette, plans: dict[str, Plan]) -> None:
        ws = wb.create_sheet(sheet_name(TITLE, set(wb.sheetnames)))
        out = Listing(OpenpyxlSink(ws, palette), COLS, WIDTHS)
        then, now = self.tahun, self.now
        out.head(L.key(iki=1, tahun_lalu=then),
                 ((f"CAPAIAN TAHUN {then} DAN TAHUN {now}", "iki_title"),
                  (f"Nilai tahun {then} tetap (dari workbook tahun lalu); nilai tahun {now} "
                   "mengikuti lembar jabatan", "iki_note")),
                 ("No", "Jabatan", "Indikator Kinerja", "Satuan", f"Target {then}",
                  f"Realisasi {then}", f"Capaian {then} (%)", f"Predikat {then}",
                  f"Target {now}", f"Realisasi {now}", f"Capaian {now} (%)"))
        for n, item in enumerate(self.rows, start=1):
            self._row(out, HEADER_ROW + n, n, item, plans.get(item.jabatan_id))
        out.finish(HEADER_ROW + len(self.rows))
        out.sink.protect()  # last year is closed: read-only

    @staticmethod
    def _row(out: SheetWriter, r: int, n: int, item: LastYearRow, p: Plan | None) -> None:
        values = [(n, "iki_center", None), (item.jabatan, "iki_text", None),
                  (item.indikator, "iki_text", None), (item.satuan, "iki_center", None),
                  (item.target, "iki_center", None),
                  (item.realisasi, "iki_formula", "General"),
                  (item.capaian, "iki_formula", "0.00"),
                  (item.predikat, "iki_formula_text", None)]
        if p is not None and item.indikator_id in p.rows:
            source = p.rows[item.indikator_id][0]
            sheet = fx.quote_sheet(p.title)
            lo, hi = (f"{sheet}!${c.letter}${source}" for c in (L.TARGET, L.TARGET_MAX))
            values += [
                (target_display(lo, hi), "iki_center", "General"),
                (fx.Formula(f"={sheet}!${L.REALISASI.letter}${source}"), "iki_formula",
                 "General"),
                (fx.Formula(f"={sheet}!${L.CAPAIAN.letter}${source}"), "iki_formula", "0.00")]
        for col, (value, style, fmt) in zip(COLS, values):
            out.put(f"{col}{r}", value, style, fmt)
        out.put(f"{KEY_COL}{r}", L.key(jabatan=item.jabatan_id, ind=item.indikator_id))
        out.heights.need(r, item.jabatan, WIDTHS[1])
        out.heights.need(r, item.indikator, WIDTHS[2])
