"""The Rekap sheet: every indicator, a summary per jabatan and a chart, all live formulas."""

from __future__ import annotations

from ..model.catalogue import Catalogue
from ..model.jenis import JENIS
from . import formulas as fx
from . import layout as L
from . import rekap_verifikasi as verif
from .cells import SheetWriter
from .plainsink import BarChart, Sink
from .plan import Plan
from .printing import paginate_rekap
from .stylebook import READABLE

TITLE = L.REKAP
HEADER = ("No", "Jabatan", "Unit Kerja", "Sasaran", "Indikator Kinerja", "Satuan", "Target",
          "Realisasi", "Capaian (%)", "Predikat",
          *(f"Capaian TW {r} (%)" for r in L.ROMAN))
WIDTHS = (5, 28, 22, 30, 34, 10, 10, 11, 11, 14, 9, 9, 9, 9, 8)
SUMMARY_HEADER = ("No", "Jabatan", "Unit Kerja", "Jumlah Indikator", "Rata-rata Capaian (%)",
                  "Predikat")
KEY_COL = L.REKAP_KEY_COL
HEADER_ROW = 5
COLS = "ABCDEFGHIJKLMNOPQRSTUVWXY"


def text_of(ref: str) -> fx.Formula:
    return fx.Formula(f"=T({ref})")


class RekapWriter(SheetWriter):
    """The Rekap of ``plans``; ``verifikasi`` says where the Verifikasi sheet's rows are
    (default: where a new workbook's Verifikasi sheet puts them, under its usual title).

    Everything goes through the sink's calls: with a :class:`~.plainsink.GridSink` the
    writer loads no openpyxl."""

    def __init__(self, sink: Sink, cat: Catalogue, plans: dict[str, Plan],
                 verifikasi: verif.VerdictRows | None = None):
        super().__init__(sink)
        self.cat, self.plans = cat, plans
        self.verifikasi = verifikasi or verif.planned(cat)

    def write(self) -> None:
        sink, inst = self.sink, self.cat.instansi
        self.put(f"{KEY_COL}1", L.key(iki=1, rekap=1))
        for row, (text, style) in enumerate(
            (("REKAP INDIKATOR KINERJA INDIVIDU", "iki_title"),
             (f"{inst.nama} {inst.pemda}".upper(), "iki_subtitle"),
             (f"TAHUN {inst.tahun}", "iki_subtitle")), start=1):
            self.put(f"A{row}", text, style)
            sink.merge(f"A{row}:{COLS[len(HEADER) - 1]}{row}")
        last = self._table()
        sink.row_break(last + 2)  # the summary starts on a new page
        summary_end = self._summary(last + 3)
        chart = self._chart(last + 3, summary_end)
        if chart is not None:
            sink.bar_chart(chart)
        for col, width in zip(COLS, WIDTHS):
            sink.width(col, width)
        sink.hide(KEY_COL)
        self.set_heights()
        sink.freeze(f"A{HEADER_ROW + 1}")
        sink.page_setup()
        paginate_rekap(self, HEADER_ROW, last, dict(zip(COLS, WIDTHS)), "A",
                       COLS[len(HEADER) - 1], chart)
        sink.protect()

    def _header(self, row: int, labels: tuple[str, ...]) -> None:
        for col, label in zip(COLS, labels):
            self.put(f"{col}{row}", label, "iki_header")
        self.heights.lines[row] = 2

    def _jabatan(self) -> list:
        """The jabatan of the Rekap: the office's IKU have their own sheet, never a row here."""
        return [j for j in self.cat.jabatan if not j.iku]

    def _table(self) -> int:
        self._header(HEADER_ROW, (*HEADER, *(("Nilai",) if self.cat.nilai else ())))
        row, number = HEADER_ROW + 1, 0
        for jab in self._jabatan():
            p = self.plans[jab.id]
            sheet = fx.quote_sheet(p.title)
            for ind in jab.indikator:
                number += 1
                r = p.rows[ind.id][0]

                def at(col: L.Column, r: int = r, sheet: str = sheet) -> str:
                    return f"{sheet}!${col.letter}${r}"

                lo, hi = at(L.TARGET), at(L.TARGET_MAX)
                values = (
                    (number, "iki_center", None),
                    (text_of(f"{sheet}!${L.INDIKATOR.letter}${L.FIELD_ROW}"), "iki_text", None),
                    (text_of(f"{sheet}!${L.INDIKATOR.letter}${L.FIELD_ROW + 1}"), "iki_text",
                     None),
                    (text_of(at(L.SASARAN, p.sasaran_rows[ind.id])), "iki_text", None),
                    (text_of(at(L.INDIKATOR)), "iki_text", None),
                    (text_of(at(L.SATUAN)), "iki_center", None),
                    (fx.Formula(f'=IF(ISNUMBER({hi}),{lo}&" - "&{hi},IF({lo}="","",{lo}))'),
                     "iki_center", READABLE),
                    (fx.Formula(f"={at(L.REALISASI)}"), "iki_formula",
                     JENIS[ind.jenis].real_format),
                    (fx.Formula(f"={at(L.CAPAIAN)}"), "iki_formula", "0.00"),
                    (fx.Formula(f"={at(L.PREDIKAT)}"), "iki_formula_text", None),
                    *((fx.Formula(f"={at(col)}") if ind.quarterly else None, "iki_formula",
                       "0.00") for col in L.CAPAIAN_TW),
                    *(((fx.Formula(f"={at(L.NILAI)}"), "iki_formula", "0"),) if self.cat.nilai
                      else ()),
                )
                for col, (value, style, fmt) in zip(COLS, values):
                    self.put(f"{col}{row}", value, style, fmt)
                self.put(f"{KEY_COL}{row}", L.key(jabatan=jab.id, ind=ind.id))
                for k, text in ((1, jab.nama), (2, jab.unit_kerja), (3, ind.sasaran),
                                (4, ind.nama)):
                    self.heights.need(row, text, WIDTHS[k])
                row += 1
        return row - 1

    def _summary(self, top: int) -> int:
        bands = self.cat.predikat
        self.put(f"A{top}", "RINGKASAN PER JABATAN", "iki_label")
        self.sink.merge(f"A{top}:{COLS[len(HEADER) - 1]}{top}")
        self.put(f"{KEY_COL}{top}", L.key(ringkasan="judul"))
        labels = (*SUMMARY_HEADER, *(b.label for b in bands), *verif.HEADER)
        self._header(top + 1, labels)
        row = top + 2
        for n, jab in enumerate(self._jabatan(), start=1):
            p = self.plans[jab.id]
            sheet = fx.quote_sheet(p.title)
            cap_col, pred_col = (L.COUNTED if jab.has_pendukung else (L.CAPAIAN, L.PREDIKAT))
            cap = (f"{sheet}!${cap_col.letter}${p.first_row}:"
                   f"${cap_col.letter}${max(p.last_row, p.first_row)}")
            pred = cap.replace(f"${cap_col.letter}$", f"${pred_col.letter}$")
            mean = f"E{row}"
            values = [
                (n, "iki_center", None),
                (text_of(f"{sheet}!${L.INDIKATOR.letter}${L.FIELD_ROW}"), "iki_text", None),
                (text_of(f"{sheet}!${L.INDIKATOR.letter}${L.FIELD_ROW + 1}"), "iki_text", None),
                (sum(i.counted for i in jab.indikator), "iki_center", None),
                (fx.mean_capaian(cap), "iki_formula", "0.00"),
                (fx.predikat(bands, mean), "iki_formula_text", None),
                *((fx.Formula(f"=SUMPRODUCT(1*({pred}={fx.text_literal(b.label)}))"),
                   "iki_formula", "0")
                  for b in bands),
                *((f, "iki_formula", "0") for f in verif.formulas(self.verifikasi, jab.id)),
            ]
            for col, (value, style, fmt) in zip(COLS, values):
                self.put(f"{col}{row}", value, style, fmt)
            self.put(f"{KEY_COL}{row}", L.key(ringkasan=jab.id))
            self.heights.need(row, jab.nama, WIDTHS[1])
            self.heights.need(row, jab.unit_kerja, WIDTHS[2])
            row += 1
        return row - 1

    @staticmethod
    def _chart(top: int, bottom: int) -> BarChart | None:
        """The summary's mean capaian per jabatan, under the summary (none without jabatan)."""
        first = top + 2
        if bottom < first:
            return None
        return BarChart("Rata-rata Capaian per Jabatan (%)", "Capaian (%)", values=5, labels=2,
                        first=first, last=bottom, anchor=f"B{bottom + 3}", width=24,
                        height=max(7.5, 0.55 * (bottom - first + 1) + 3))
