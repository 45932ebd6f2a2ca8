"""The Verifikasi sheet: per indicator and triwulan the bukti dukung (text or a link), the
atasan's verdict (Disetujui / Perlu Perbaikan / blank) and a note; per jabatan how many are
verified, to be fixed, and waiting (realisasi entered, no verdict yet).

A sheet of its own, so the jabatan sheets keep their layout. ``xl-iki kunci`` records the
entries of a verified triwulan in the hidden columns (what the change-after-verification
check compares with) and locks them.
"""

from __future__ import annotations

from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from ..model.catalogue import QUARTERS, Catalogue
from . import formulas as fx
from . import layout as L
from .jabatan_sheet import Plan
from .listing import HEADER_ROW, KEY_COL, Listing
from .sheetnames import sheet_name
from .sinks import OpenpyxlSink
from .styles import Palette
from .verifikasi_cols import (  # noqa: F401  (TITLE, bukti: re-exported)
    COLS,
    DISETUJUI,
    PERBAIKAN,
    QUARTER_COLS,
    RECORDED,
    SUMMARY,
    TITLE,
    VERDICTS,
    WAITING,
    WIDTHS,
    bukti,
    verdict,
)


class VerifikasiWriter:
    """Writes the sheet into a workbook being built (registered in ``write_workbook``)."""

    def __init__(self, cat: Catalogue):
        self.cat = cat

    def __call__(self, wb: Workbook, palette: Palette, plans: dict[str, Plan]) -> None:
        ws = wb.create_sheet(sheet_name(TITLE, set(wb.sheetnames)))
        out = Listing(OpenpyxlSink(ws, palette), COLS, WIDTHS)
        inst = self.cat.instansi
        labels = [f"{name} TW {q + 1}" for q in range(QUARTERS)
                  for name in ("Bukti Dukung", "Verifikasi", "Catatan")]
        out.head(L.key(iki=1, verifikasi=1),
                 (("BUKTI DUKUNG DAN VERIFIKASI", "iki_title"),
                  (f"{inst.nama} {inst.pemda}".upper(), "iki_subtitle"),
                  (f"TAHUN {inst.tahun}", "iki_subtitle")),
                 ("No", "Jabatan", "Indikator Kinerja", *labels))
        row, groups, choices = HEADER_ROW + 1, [], []
        for jab in self.cat.jabatan:
            p, first = plans[jab.id], row
            for ind in jab.indikator:
                self._row(out, row, row - HEADER_ROW, jab.nama, ind, p)
                choices += [f"{verdict(q)}{row}" for q in range(QUARTERS)]
                row += 1
            if row > first:
                groups.append((jab.nama, first, row - 1))
        self._summary(out, row + 1, groups)
        if choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(VERDICTS) + '"',
                                allow_blank=True, showErrorMessage=True,
                                errorTitle="Isian tidak valid",
                                error=f"Pilih {DISETUJUI} atau {PERBAIKAN}, atau kosongkan.")
            dv.sqref = " ".join(choices)
            ws.add_data_validation(dv)
        out.finish(row + 1 + len(groups) + 1)
        for col in RECORDED + WAITING:
            ws.column_dimensions[col].hidden = True
        out.sink.protect()  # recorded values and counts are locked
        ws.protection.insertHyperlinks = False  # a link as bukti dukung

    @staticmethod
    def _row(out: Listing, r: int, n: int, jabatan: str, ind, p: Plan) -> None:
        out.put(f"A{r}", n, "iki_center")
        out.put(f"B{r}", jabatan, "iki_text")
        out.put(f"C{r}", ind.nama, "iki_text")
        source = p.rows[ind.id][0]
        for q in range(QUARTERS):
            for col in QUARTER_COLS[q]:
                out.put(f"{col}{r}", None, "iki_input_text")
            tw = f"{fx.quote_sheet(p.title)}!${L.TW[q].letter}${source}"
            out.put(f"{WAITING[q]}{r}", fx.Formula(
                f'=IF(AND({tw}<>"",{verdict(q)}{r}=""),1,0)'), "iki_helper")
        out.put(f"{KEY_COL}{r}", L.key(jabatan=p.jabatan.id, ind=ind.id,
                                       **({"bukti_wajib": True} if ind.bukti_wajib else {})))
        out.heights.need(r, jabatan, WIDTHS[1])
        out.heights.need(r, ind.nama, WIDTHS[2])

    @staticmethod
    def _summary(out: Listing, top: int, groups: list[tuple[str, int, int]]) -> None:
        out.put(f"A{top}", "RINGKASAN VERIFIKASI PER JABATAN", "iki_label")
        out.put(f"{KEY_COL}{top}", L.key(ringkasan="verifikasi"))
        for col, label in zip(COLS, SUMMARY):
            out.put(f"{col}{top + 1}", label, "iki_header")
        for n, (jabatan, first, last) in enumerate(groups, start=1):
            r = top + 1 + n

            def count(label: str, first: int = first, last: int = last) -> fx.Formula:
                terms = "+".join(f"SUMPRODUCT(1*({verdict(q)}{first}:{verdict(q)}{last}="
                                 f"{fx.text_literal(label)}))" for q in range(QUARTERS))
                return fx.Formula("=" + terms)

            values = ((n, "iki_center", None), (jabatan, "iki_text", None),
                      (last - first + 1, "iki_center", None),
                      (count(DISETUJUI), "iki_formula", "0"),
                      (count(PERBAIKAN), "iki_formula", "0"),
                      (fx.Formula(f"=SUM({WAITING[0]}{first}:{WAITING[-1]}{last})"),
                       "iki_formula", "0"))
            for col, (value, style, fmt) in zip(COLS, values):
                out.put(f"{col}{r}", value, style, fmt)
            out.put(f"{KEY_COL}{r}", L.key(ringkasan="verifikasi", baris=[first, last]))
            out.heights.need(r, jabatan, WIDTHS[1])
