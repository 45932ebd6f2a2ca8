"""The Pohon Kinerja sheet: the cascade of jabatan (by ``atasan``) and their indicators.

One row per jabatan (its mean capaian) and one per indicator, indented and grouped by level
with Excel outline levels, so a reader folds the tree open and shut (the sheet is left
unprotected for that: Excel does not fold a protected sheet). Every number is a live formula
on the jabatan sheets; a komponen ``ref`` shows as "Mendukung" on the indicator it reads.
The cells go through :class:`OpenpyxlSink` because the XML sink writes no outline levels.
"""

from __future__ import annotations

from collections.abc import Iterator
from copy import copy

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from ..model.catalogue import Catalogue, Jabatan
from ..model.jenis import JENIS
from . import formulas as fx
from . import layout as L
from .cells import locate
from .jabatan_sheet import Plan
from .listing import HEADER_ROW, KEY_COL, Listing
from .rekap_sheet import text_of
from .sinks import OpenpyxlSink
from .stylebook import BAND_COLOURS
from .styles import Palette

TITLE = "Pohon Kinerja"
HEADER = ("Jabatan / Indikator Kinerja", "Unit Kerja", "Satuan", "Target", "Realisasi",
          "Capaian (%)", "Predikat", "Mendukung Indikator Atasan")
WIDTHS = (62, 22, 10, 11, 11, 11, 14, 40)
COLS = "ABCDEFGH"
MAX_OUTLINE = 7  # Excel's deepest outline level
CAPAIAN, PREDIKAT = "F", "G"


def levels(cat: Catalogue) -> Iterator[tuple[Jabatan, int]]:
    """Every jabatan once with its depth under ``atasan``, parents before their staff
    (catalogue order among siblings; an atasan missing or in a loop makes a root)."""
    ids = {j.id for j in cat.jabatan}
    children: dict[str | None, list[Jabatan]] = {}
    for jab in cat.jabatan:
        parent = jab.atasan if jab.atasan in ids and jab.atasan != jab.id else None
        children.setdefault(parent, []).append(jab)
    seen: set[str] = set()

    def walk(jab: Jabatan, depth: int) -> Iterator[tuple[Jabatan, int]]:
        seen.add(jab.id)
        yield jab, depth
        for child in children.get(jab.id, []):
            if child.id not in seen:
                yield from walk(child, depth + 1)

    for jab in [*children.get(None, []), *cat.jabatan]:  # then those in an atasan loop
        if jab.id not in seen:
            yield from walk(jab, 0)


def supported(cat: Catalogue) -> dict[str, list[str]]:
    """``jabatan.indikator`` -> the indicators that read it through a komponen ``ref``."""
    out: dict[str, list[str]] = {}
    for jab in cat.jabatan:
        for ind in jab.indikator:
            for k in ind.komponen:
                if k.ref:
                    out.setdefault(k.ref, []).append(f"{jab.nama}: {ind.nama}")
    return out


def target_display(lo: str, hi: str) -> fx.Formula:
    """The target as the Rekap shows it: "80 - 90" for a range, else the value."""
    return fx.Formula(f'=IF(ISNUMBER({hi}),{lo}&" - "&{hi},IF({lo}="","",{lo}))')


class PohonWriter(Listing):
    def __init__(self, ws: Worksheet, palette: Palette, cat: Catalogue, plans: dict[str, Plan]):
        super().__init__(OpenpyxlSink(ws, palette), COLS, WIDTHS)
        self.cat, self.plans = cat, plans
        self.row = HEADER_ROW + 1

    def write(self) -> None:
        inst = self.cat.instansi
        self.head(L.key(iki=1, pohon=1),
                  (("POHON KINERJA", "iki_title"),
                   (f"{inst.nama} {inst.pemda}".upper(), "iki_subtitle"),
                   (f"TAHUN {inst.tahun}", "iki_subtitle")), HEADER)
        refs = supported(self.cat)
        for jab, depth in levels(self.cat):
            self._jabatan(jab, depth)
            for ind in jab.indikator:
                self._indikator(jab, ind, depth + 1, refs.get(f"{jab.id}.{ind.id}", []))
        self._colours(self.finish(self.row - 1), self.row - 1)

    def _outline(self, depth: int, ref: str, bold: bool) -> None:
        row = locate(ref)[0]
        self.ws.row_dimensions[row].outlineLevel = min(depth, MAX_OUTLINE)
        cell = self.ws[ref]
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True,
                                   indent=2 * depth)
        if bold:
            font = copy(cell.font)
            font.bold = True
            cell.font = font

    def _jabatan(self, jab: Jabatan, depth: int) -> None:
        p, r = self.plans[jab.id], self.row
        sheet = fx.quote_sheet(p.title)
        cap = (f"{sheet}!${L.CAPAIAN.letter}${p.first_row}:"
               f"${L.CAPAIAN.letter}${max(p.last_row, p.first_row)}")
        values = ((text_of(f"{sheet}!${L.INDIKATOR.letter}${L.FIELD_ROW}"), "iki_text", None),
                  (text_of(f"{sheet}!${L.INDIKATOR.letter}${L.FIELD_ROW + 1}"), "iki_text",
                   None),
                  (None, "iki_text", None), (None, "iki_text", None), (None, "iki_text", None),
                  (fx.mean_capaian(cap), "iki_formula", "0.00"),
                  (fx.predikat(self.cat.predikat, f"{CAPAIAN}{r}"), "iki_formula_text", None),
                  (None, "iki_text", None))
        for col, (value, style, fmt) in zip(COLS, values):
            self.put(f"{col}{r}", value, style, fmt)
        self.put(f"{KEY_COL}{r}", L.key(jabatan=jab.id, tingkat=depth))
        self._outline(depth, f"A{r}", bold=True)
        self.heights.need(r, jab.nama, WIDTHS[0] - 2 * depth)
        self.heights.need(r, jab.unit_kerja, WIDTHS[1])
        self.row += 1

    def _indikator(self, jab: Jabatan, ind, depth: int, readers: list[str]) -> None:
        p, r = self.plans[jab.id], self.row
        sheet, source = fx.quote_sheet(p.title), p.rows[ind.id][0]

        def at(col: L.Column) -> str:
            return f"{sheet}!${col.letter}${source}"

        values = ((text_of(at(L.INDIKATOR)), "iki_text", None), (None, "iki_text", None),
                  (text_of(at(L.SATUAN)), "iki_center", None),
                  (target_display(at(L.TARGET), at(L.TARGET_MAX)), "iki_center", "General"),
                  (fx.Formula(f"={at(L.REALISASI)}"), "iki_formula",
                   JENIS[ind.jenis].real_format),
                  (fx.Formula(f"={at(L.CAPAIAN)}"), "iki_formula", "0.00"),
                  (fx.Formula(f"={at(L.PREDIKAT)}"), "iki_formula_text", None),
                  ("; ".join(readers), "iki_text", None))
        for col, (value, style, fmt) in zip(COLS, values):
            self.put(f"{col}{r}", value, style, fmt)
        self.put(f"{KEY_COL}{r}", L.key(jabatan=jab.id, ind=ind.id, tingkat=depth))
        self._outline(depth, f"A{r}", bold=False)
        self.heights.need(r, ind.nama, WIDTHS[0] - 2 * depth)
        self.heights.need(r, "; ".join(readers), WIDTHS[-1])
        self.row += 1

    def _colours(self, ws: Worksheet, last: int) -> None:
        """Outline summaries above their rows; predikat colours as on the jabatan sheets."""
        ws.sheet_properties.outlinePr.summaryBelow = False  # a jabatan row heads its group
        if last > HEADER_ROW:
            target = f"{CAPAIAN}{HEADER_ROW + 1}:{PREDIKAT}{last}"
            for k, band in enumerate(self.cat.predikat):
                colour = BAND_COLOURS[min(k, len(BAND_COLOURS) - 1)]
                ws.conditional_formatting.add(target, FormulaRule(
                    formula=[fx.band_condition(band, f"${CAPAIAN}{HEADER_ROW + 1}")],
                    fill=PatternFill("solid", bgColor=colour, fgColor=colour), stopIfTrue=True))
