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
from .cells import SheetWriter, merge
from .jabatan_sheet import Plan
from .pohon_sheet import target_display
from .printing import page_setup
from .sheetnames import sheet_name
from .sinks import OpenpyxlSink
from .styles import Palette

TITLE = "Tahun Lalu"
KEY_COL = "Z"  # like the Rekap: a reader knows the sheet by its key in Z1
HEADER_ROW = 5
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
        out = SheetWriter(OpenpyxlSink(ws, palette))
        now = self.now
        out.put(f"{KEY_COL}1", L.key(iki=1, tahun_lalu=self.tahun))
        for row, (text, style) in enumerate(
                ((f"CAPAIAN TAHUN {self.tahun} DAN TAHUN {now}", "iki_title"),
                 (f"Nilai tahun {self.tahun} tetap (dari workbook tahun lalu); nilai tahun "
                  f"{now} mengikuti lembar jabatan", "iki_note")), start=1):
            out.put(f"A{row}", text, style)
            merge(ws, f"A{row}:{COLS[-1]}{row}")
        header = ("No", "Jabatan", "Indikator Kinerja", "Satuan", f"Target {self.tahun}",
                  f"Realisasi {self.tahun}", f"Capaian {self.tahun} (%)",
                  f"Predikat {self.tahun}", f"Target {now}", f"Realisasi {now}",
                  f"Capaian {now} (%)")
        for col, label in zip(COLS, header):
            out.put(f"{col}{HEADER_ROW}", label, "iki_header")
        out.heights.lines[HEADER_ROW] = 2
        for n, item in enumerate(self.rows, start=1):
            self._row(out, HEADER_ROW + n, n, item, plans.get(item.jabatan_id))
        for col, width in zip(COLS, WIDTHS):
            ws.column_dimensions[col].width = width
        ws.column_dimensions[KEY_COL].hidden = True
        out.set_heights()
        ws.freeze_panes = f"A{HEADER_ROW + 1}"
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        page_setup(ws)
        ws.protection.sheet = True  # last year is closed: read-only, no password
        ws.protection.formatColumns = False
        ws.protection.formatRows = False

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
