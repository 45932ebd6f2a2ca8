"""Excel formulas that mirror :mod:`xl_iki.model.numbers`, one builder per rule.

Only functions that Excel 2010+, LibreOffice, Gnumeric and WPS all have (:data:`FUNCTIONS`),
bounded ranges, ``1*(...)`` instead of ``--(...)``, and no array evaluation where a plain
form exists (a sum over the quarters is written out term by term). Text is compared with
``=`` (case-insensitive, like the model).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model.catalogue import Indikator, PredikatBand
from ..model.jenis import JENIS, label_values
from ..model.nilai import NilaiTable
from ..model.numbers import round_capaian
from . import layout as L

#: every function a generated workbook may call (tests scan the workbooks for any other)
FUNCTIONS = frozenset({"AND", "AVERAGE", "CHOOSE", "COUNT", "IF", "ISNUMBER", "MAX", "MIN",
                       "ROUND", "SUM", "SUMPRODUCT", "T"})


class Formula(str):
    """An Excel formula. Only these are written as formulas; any other text stays text."""


def quote_sheet(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def text_literal(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def num(value: float) -> str:
    """A number literal exactly as Python prints it (shortest round-trip form)."""
    return repr(float(value)).removesuffix(".0") if float(value).is_integer() else repr(value)


def _rng(col_a: str, row_a: int, col_b: str, row_b: int) -> str:
    return f"{col_a}{row_a}:{col_b}{row_b}"


def _values(row: int, upto: int = 4) -> str:
    return _rng(L.VALUE[0].letter, row, L.VALUE[upto - 1].letter, row)


# --- quarter value of an indicator row (visible TW cell), by jenis ----------------------

QuarterBuilder = Callable[[Indikator, str, Sequence[int]], "Formula | None"]


def _sum_of_parts(ind: Indikator, col: str, parts: Sequence[int]) -> Formula | None:
    if not parts:
        return None  # entered directly
    r = _rng(col, parts[0], col, parts[-1])
    return Formula(f'=IF(COUNT({r})=0,"",SUM({r}))')


def _ratio(ind: Indikator, col: str, parts: Sequence[int]) -> Formula:
    p, d = f"{col}{parts[0]}", f"{col}{parts[1]}"
    scale = "*100" if JENIS[ind.jenis].percent else ""
    return Formula(f'=IF(COUNT({p},{d})<2,"",IF({d}=0,"",{p}/{d}{scale}))')


def _weighted(ind: Indikator, col: str, parts: Sequence[int]) -> Formula:
    r = _rng(col, parts[0], col, parts[-1])
    w = _rng(L.SATUAN.letter, parts[0], L.SATUAN.letter, parts[-1])
    return Formula(f'=IF(COUNT({r})<{len(parts)},"",SUMPRODUCT({r},{w})/SUM({w}))')


def _mean_of_parts(ind: Indikator, col: str, parts: Sequence[int]) -> Formula | None:
    if not parts:
        return None
    r = _rng(col, parts[0], col, parts[-1])
    return Formula(f'=IF(COUNT({r})=0,"",AVERAGE({r}))')


def _entered(ind: Indikator, col: str, parts: Sequence[int]) -> None:
    return None


#: quarter rule (JenisSpec.quarter) -> builder of the visible quarter cell (None: an input)
QUARTER_FORMULA: dict[str, QuarterBuilder] = {
    "sum_of_parts": _sum_of_parts,
    "ratio": _ratio,
    "weighted": _weighted,
    "mean_of_parts": _mean_of_parts,
    "entered": _entered,
}


def quarter_value(ind: Indikator, col: str, parts: Sequence[int]) -> Formula | None:
    """The visible quarter cell's formula of an indicator row, None when it is an input."""
    return QUARTER_FORMULA[JENIS[ind.jenis].quarter](ind, col, parts)


def label_to_number(ind: Indikator, cell: str) -> str:
    """Nested IF mapping a label cell to its number (model: numbers.label_number)."""
    out = '""'
    for label, value in reversed(label_values(ind.jenis, ind.skala).items()):
        out = f"IF({cell}={text_literal(label)},{value},{out})"
    return out


def number_or_blank(ind: Indikator, cell: str) -> Formula:
    """The numeric value of an entered cell (model: numbers.entry_number)."""
    if JENIS[ind.jenis].labels:
        return Formula("=" + label_to_number(ind, cell))
    return Formula(f'=IF(ISNUMBER({cell}),{cell},"")')


def salin_columns(ind: Indikator) -> tuple[L.Column, ...]:
    """The cells of a salin indicator's row that show its source's."""
    quarterly = ((*L.QUARTERLY, *L.QUARTER_HELPERS, *L.TARGET_TW_MAX, *L.RANGE_HELPERS)
                 if ind.quarterly else ())
    return (L.TARGET, L.TARGET_MAX, *L.TW, L.REALISASI, L.CAPAIAN, L.PREDIKAT, *L.HELPERS,
            *quarterly)


def copy_of(sheet: str, row: int, col: L.Column) -> Formula:
    """The same cell of another indicator row: its value, blank when it is blank."""
    ref = f"{quote_sheet(sheet)}!${col.letter}${row}"
    return Formula(f'=IF({ref}="","",{ref})')


def ref_value(sheet: str, row: int, quarter: int) -> Formula:
    """A komponen that takes another indicator's value of the same quarter."""
    return Formula(f"={quote_sheet(sheet)}!${L.VALUE[quarter].letter}${row}")


# --- realisasi, target, capaian, predikat -------------------------------------------------


def realisasi(ind: Indikator, row: int, parts: Sequence[int]) -> Formula:
    """Numeric annual realisasi (model: numbers.realisasi)."""
    return Formula("=" + _realisasi(ind, row, parts, 4))


def realisasi_to_date(ind: Indikator, row: int, parts: Sequence[int], q: int) -> Formula:
    """Realisasi s.d. triwulan ``q`` (0-based), blank while that triwulan has no value
    (model: numbers.quarterly_capaian)."""
    v = f"{L.VALUE[q].letter}{row}"
    return Formula(f'=IF(ISNUMBER({v}),{_realisasi(ind, row, parts, q + 1)},"")')


def _realisasi(ind: Indikator, row: int, parts: Sequence[int], upto: int) -> str:
    """Realisasi over the first ``upto`` quarters, without the leading '='."""
    v = _values(row, upto)
    empty = f'IF(COUNT({v})=0,"",'
    if ind.akumulasi == "terakhir":
        out = '""'
        for col in L.VALUE[:upto]:
            out = f"IF(ISNUMBER({col.letter}{row}),{col.letter}{row},{out})"
        return out
    if ind.akumulasi == "rata_rata":
        return f"{empty}AVERAGE({v}))"
    if JENIS[ind.jenis].is_ratio:
        num_, den = (_filled_quarters_sum(row, part, upto) for part in parts[:2])
        scale = "*100" if JENIS[ind.jenis].percent else ""
        return f'{empty}IF(({den})=0,"",({num_})/({den}){scale}))'
    return f"{empty}SUM({v}))"


def _filled_quarters_sum(row: int, part: int, upto: int = 4) -> str:
    """Sum of a komponen row over the quarters whose value (S:V of ``row``) is a number,
    written term by term in quarter order (model: sum_left over the filled quarters)."""
    return "+".join(f"IF(ISNUMBER({v.letter}{row}),{tw.letter}{part},0)"
                    for v, tw in zip(L.VALUE[:upto], L.TW[:upto]))


def realisasi_display(ind: Indikator, row: int) -> Formula:
    """The visible Realisasi: the label for kualitatif, else the number."""
    y = f"{L.REAL_NUM.letter}{row}"
    if JENIS[ind.jenis].show_label:
        labels = ",".join(text_literal(x) for x in label_values(ind.jenis, ind.skala))
        return Formula(f'=IF(ISNUMBER({y}),CHOOSE({y},{labels}),"")')
    return Formula(f"={y}")


def target_low(ind: Indikator, row: int) -> Formula:
    return number_or_blank(ind, f"{L.TARGET.letter}{row}")


def target_high(ind: Indikator, row: int) -> Formula:
    hi, lo = f"{L.TARGET_MAX.letter}{row}", f"{L.TARGET_LO.letter}{row}"
    if JENIS[ind.jenis].labels:
        return Formula(f"={lo}")
    return Formula(f"=IF(ISNUMBER({hi}),{hi},{lo})")


def target_used(row: int) -> Formula:
    """The target capaian is measured against: the nearer bound outside a range."""
    return _target_used(*(f"{c.letter}{row}" for c in (L.REAL_NUM, L.TARGET_LO, L.TARGET_HI)))


def _target_used(y: str, lo: str, hi: str) -> Formula:
    return Formula(f'=IF(COUNT({y},{lo},{hi})<3,"",IF({y}>{hi},{hi},{lo}))')


def target_tw_high(ind: Indikator, row: int, q: int) -> Formula:
    """Upper bound of triwulan ``q``'s target: the s.d. cell of a range, else the target."""
    hi, lo = f"{L.TARGET_TW_MAX[q].letter}{row}", f"{L.TARGET_TW_NUM[q].letter}{row}"
    if JENIS[ind.jenis].labels:
        return Formula(f"={lo}")
    return Formula(f"=IF(ISNUMBER({hi}),{hi},{lo})")


def quarterly(ind: Indikator, row: int, parts: Sequence[int], q: int, cap: float | None,
              bands: Sequence[PredikatBand]) -> tuple[tuple[L.Column, Formula], ...]:
    """Every computed cell of triwulan ``q`` on an indicator row with quarterly targets:
    realisasi and target to date, the range bounds, capaian and predikat
    (model: numbers.quarterly_capaian)."""
    y, lo, hi = (f"{c[q].letter}{row}" for c in (L.REAL_TW, L.TARGET_TW_NUM, L.TARGET_TW_HI))
    return (
        (L.REAL_TW[q], realisasi_to_date(ind, row, parts, q)),
        (L.TARGET_TW_NUM[q], number_or_blank(ind, f"{L.TARGET_TW[q].letter}{row}")),
        (L.TARGET_TW_HI[q], target_tw_high(ind, row, q)),
        (L.TARGET_TW_EFF[q], _target_used(y, lo, hi)),
        (L.CAPAIAN_TW[q], capaian_tw(ind, row, q, cap)),
        (L.PREDIKAT_TW[q], predikat(bands, f"{L.CAPAIAN_TW[q].letter}{row}")),
    )


def rounded(expr: str) -> str:
    """``expr`` rounded to 2 decimals, half away from zero (model: numbers.round_capaian)."""
    return f"ROUND(ROUND({expr}*100,6),0)/100"


def capaian(ind: Indikator, row: int, cap: float | None) -> Formula:
    """Capaian (%) (model: numbers.capaian)."""
    y, lo, hi, t = (f"{c.letter}{row}" for c in (L.REAL_NUM, L.TARGET_LO, L.TARGET_HI,
                                                 L.TARGET_EFF))
    return capaian_against(ind, y, lo, hi, t, cap)


def capaian_tw(ind: Indikator, row: int, q: int, cap: float | None) -> Formula:
    """Capaian of triwulan ``q`` against its target to date, a number or a range
    (model: numbers.quarterly_capaian)."""
    y, lo, hi, t = (f"{c[q].letter}{row}" for c in (L.REAL_TW, L.TARGET_TW_NUM, L.TARGET_TW_HI,
                                                    L.TARGET_TW_EFF))
    return capaian_against(ind, y, lo, hi, t, cap)


def capaian_against(ind: Indikator, y: str, lo: str, hi: str, t: str, cap: float | None
                    ) -> Formula:
    """Capaian (%) of realisasi ``y`` against target bounds ``lo``..``hi`` (``t`` the bound
    used) (model: numbers.capaian_against). round(min(cap, x)) is written as
    MIN(round(cap), round(x)), the same number since rounding never changes the order."""

    def capped(expr: str) -> str:
        return expr if cap is None else f"MIN({num(round_capaian(cap))},{expr})"

    blank = f'IF(COUNT({y},{lo},{hi})<3,"",'
    if JENIS[ind.jenis].capaian == "match":
        return Formula(f"={blank}{capped(f'IF({y}={lo},100,0)')})")
    if ind.arah == "turun":
        rule = rounded(f"MAX(0,(2*{t}-{y})/{t}*100)")
    else:
        rule = rounded(f"{y}/{t}*100")
    inside = f"AND({lo}<{hi},{y}>={lo},{y}<={hi})"
    return Formula(f'={blank}IF({inside},{capped("100")},IF({t}=0,"",{capped(rule)})))')


def counted(ind: Indikator, cell: str) -> Formula | None:
    """A counted indicator's capaian or predikat, for the jabatan's mean; None for pendukung."""
    return Formula(f"={cell}") if ind.counted else None


def nilai(table: NilaiTable, cell: str) -> Formula:
    """Nilai capaian of a capaian cell (model: numbers.nilai)."""
    out = '""'
    for b in reversed(table.bands):
        rule = (num(b.nilai_min) if b.capaian_max == b.capaian_min else  # a point band
                f"{num(b.nilai_min)}+({num(b.nilai_max)}-{num(b.nilai_min)})/"
                f"({num(b.capaian_max)}-{num(b.capaian_min)})*({cell}-{num(b.capaian_min)})")
        out = f"IF({cell}>={num(b.capaian_min)},ROUND(ROUND({rule},6),0),{out})"
    out = f'IF({cell}>{num(table.bands[0].capaian_max)},"",{out})'
    if table.above is not None and table.above_nilai is not None:
        out = f"IF({cell}>{num(table.above)},{num(table.above_nilai)},{out})"
    return Formula(f'=IF(ISNUMBER({cell}),{out},"")')


def mean_capaian(cells: str) -> Formula:
    """Mean capaian of a jabatan over a range of capaian cells (model: numbers.summarize)."""
    return Formula(f'=IF(COUNT({cells})=0,"",{rounded(f"AVERAGE({cells})")})')


def predikat(bands: Sequence[PredikatBand], cell: str) -> Formula:
    """Predikat label of a capaian cell (model: numbers.predikat)."""
    out = '""'
    for band in reversed(bands):
        out = f"IF({cell}>={num(band.min)},{text_literal(band.label)},{out})"
    return Formula(f'=IF(ISNUMBER({cell}),{out},"")')


def band_condition(band: PredikatBand, cell: str) -> str:
    """Conditional-formatting condition: the capaian in ``cell`` reaches this band."""
    return f"AND(ISNUMBER({cell}),{cell}>={num(band.min)})"
