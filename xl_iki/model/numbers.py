"""The numbers of an IKI, defined once: quarter values, realisasi, capaian, predikat.

The Excel formulas written by :mod:`xl_iki.workbook.formulas` mirror these functions
operation by operation (same operands, same order), so the Python model, the ``formulas``
package, LibreOffice and Gnumeric agree to the last bits in practice and within 1e-9 by test.

Capaian is rounded to 2 decimals, half away from zero, before its predikat is decided
(:func:`round_capaian`), so the predikat always follows the capaian as it is shown, also on a
band's edge (target 5, realisasi 4.55: 4.55/5*100 is 90.99999999999999 in binary, capaian 91).

Conventions shared with the formulas: an entry counts as a number only when it is a
number (Excel's ISNUMBER): text such as ``"12"`` or ``"12 dokumen"`` is not a value;
labels compare case-insensitively (Excel's ``=``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from functools import cache

from .catalogue import QUARTERS, Catalogue, Entry, Indikator, Jabatan, PredikatBand
from .jenis import JENIS, label_values
from .nilai import NilaiBand, NilaiTable

Value = float | None


def as_number(entry: Entry) -> Value:
    """The numeric value of an entered cell, None when it holds no number."""
    if isinstance(entry, bool) or not isinstance(entry, (int, float)):
        return None
    return float(entry)


def label_number(ind: Indikator, entry: Entry) -> Value:
    """The number a label stands for (Ada = 1, rank in skala), None if it is not a label."""
    if not isinstance(entry, str):
        return None
    folded = entry.casefold()
    for label, number in label_values(ind.jenis, ind.skala).items():
        if label.casefold() == folded:
            return float(number)
    return None


def entry_number(ind: Indikator, entry: Entry) -> Value:
    """The value of one entered quarter (or target) cell of an indicator."""
    return label_number(ind, entry) if JENIS[ind.jenis].labels else as_number(entry)


# --- quarter values --------------------------------------------------------------------

PartValues = Sequence[Value]  # the komponen values of one quarter, in catalogue order


def _sum_of_parts(ind: Indikator, own: Value, parts: PartValues) -> Value:
    if not ind.komponen:
        return own
    filled = [v for v in parts if v is not None]
    return sum_left(filled) if filled else None


def _ratio(ind: Indikator, own: Value, parts: PartValues) -> Value:
    if len(parts) != 2:  # a workbook whose komponen row was deleted
        return None
    num, den = parts
    if num is None or den is None or den == 0:
        return None
    return num / den * JENIS[ind.jenis].factor


def _weighted(ind: Indikator, own: Value, parts: PartValues) -> Value:
    if not parts or any(v is None for v in parts):
        return None
    weights = [float(k.bobot or 0) for k in ind.komponen]
    return sum_left([v * w for v, w in zip(parts, weights)]) / sum_left(weights)


def _mean_of_parts(ind: Indikator, own: Value, parts: PartValues) -> Value:
    if not ind.komponen:
        return own
    filled = [v for v in parts if v is not None]
    return sum_left(filled) / len(filled) if filled else None


def _entered(ind: Indikator, own: Value, parts: PartValues) -> Value:
    return own


#: quarter rule (JenisSpec.quarter) -> f(indikator, own entered value, komponen values)
QUARTER_VALUE: dict[str, Callable[[Indikator, Value, PartValues], Value]] = {
    "sum_of_parts": _sum_of_parts,
    "ratio": _ratio,
    "weighted": _weighted,
    "mean_of_parts": _mean_of_parts,
    "entered": _entered,
}


def sum_left(values: Sequence[float]) -> float:
    """Left-to-right sum, the order a spreadsheet adds a range in."""
    total = 0.0
    for v in values:
        total += v
    return total


# --- annual realisasi, capaian, predikat ----------------------------------------------


def realisasi(ind: Indikator, quarters: Sequence[Value], parts: Sequence[PartValues]) -> Value:
    """Annual realisasi from the quarter values (and, for ratios, the komponen values)."""
    filled = [q for q, v in enumerate(quarters) if v is not None]
    if not filled:
        return None
    if ind.akumulasi == "terakhir":
        return quarters[filled[-1]]
    if ind.akumulasi == "rata_rata":
        return sum_left([quarters[q] for q in filled]) / len(filled)
    if JENIS[ind.jenis].is_ratio:  # a ratio of sums, never a sum of ratios
        num = sum_left([parts[q][0] for q in filled])
        den = sum_left([parts[q][1] for q in filled])
        return None if den == 0 else num / den * JENIS[ind.jenis].factor
    return sum_left([quarters[q] for q in filled])


def target_bounds(ind: Indikator, quarter: int | None = None) -> tuple[Value, Value]:
    """(lo, hi) of the target as numbers (of triwulan ``quarter`` when given); lo == hi for a
    single target."""
    target, target_max = (ind.target_tw_bounds(quarter) if quarter is not None
                          else (ind.target, ind.target_max))
    lo = entry_number(ind, target)
    hi = as_number(target_max) if target_max is not None else lo
    return lo, hi


#: capaian is counted in hundredths; residue below a millionth of a hundredth is binary noise
WHOLE, NOISE = Decimal(1), Decimal("1e-6")
WIDE = Context(prec=400)  # room for every finite float's digits


def round_nilai(value: float) -> float:
    """``value`` rounded to a whole number, half away from zero, residue dropped like
    :func:`round_capaian` (formula ``ROUND(ROUND(x,6),0)``)."""
    if not math.isfinite(value):
        return value
    whole = Decimal(repr(value)).quantize(NOISE, ROUND_HALF_UP, context=WIDE)
    return float(whole.quantize(WHOLE, ROUND_HALF_UP, context=WIDE))


def nilai_band(table: NilaiTable, value: float) -> NilaiBand | None:
    """The band a capaian falls in; None above the highest band or below the lowest."""
    if value > table.bands[0].capaian_max:
        return None
    return next((b for b in table.bands if value >= b.capaian_min), None)


def nilai(table: NilaiTable | None, value: Value) -> Value:
    """Nilai capaian of a capaian (PermenPANRB 8/2021), rounded to a whole number."""
    if table is None or value is None:
        return None
    if table.above is not None and value > table.above:
        return table.above_nilai
    band = nilai_band(table, value)
    if band is None:
        return None
    b = band
    if b.capaian_max == b.capaian_min:  # a point band: one nilai
        return round_nilai(b.nilai_min)
    return round_nilai(b.nilai_min + (b.nilai_max - b.nilai_min) / (b.capaian_max - b.capaian_min)
                       * (value - b.capaian_min))


def round_capaian(value: float) -> float:
    """``value`` rounded to 2 decimals, half away from zero, as the decimal number it stands for.

    The formula is ``ROUND(ROUND(x*100,6),0)/100``: the inner ROUND drops the binary residue
    (4.55/5*100 = 90.99999999999999 -> 91; 6.97/8*100 = 87.12499999999999 -> 87.125), so the
    outer one meets an exact half and every engine rounds it away from zero (87.13). A plain
    ``ROUND(x,2)`` gives 87.12 in Gnumeric and the ``formulas`` package, 87.13 in LibreOffice.
    """
    scaled = value * 100
    if not math.isfinite(scaled):
        return value
    hundredths = Decimal(repr(scaled)).quantize(NOISE, ROUND_HALF_UP, context=WIDE)
    return float(hundredths.quantize(WHOLE, ROUND_HALF_UP, context=WIDE)) / 100


def capaian(ind: Indikator, real: Value, cap: float | None) -> Value:
    """Capaian (%) of a realisasi against the indicator's target (PermenPANRB 8/2021),
    capped at ``cap`` and rounded by :func:`round_capaian`."""
    return capaian_against(ind, real, *target_bounds(ind), cap)


def capaian_against(ind: Indikator, real: Value, lo: Value, hi: Value, cap: float | None
                    ) -> Value:
    """Capaian (%) of a realisasi against the target bounds ``lo``..``hi``."""
    if real is None or lo is None or hi is None:
        return None
    if JENIS[ind.jenis].capaian == "match":
        value = 100.0 if real == lo else 0.0
    elif lo < hi and lo <= real <= hi:
        value = 100.0
    else:
        t = hi if real > hi else lo
        if t == 0:
            return None
        if ind.arah == "turun":
            value = max(0.0, (2 * t - real) / t * 100)
        else:
            value = real / t * 100
    return round_capaian(value if cap is None else min(cap, value))


def predikat(bands: Sequence[PredikatBand], value: Value) -> str:
    """Label of the first band (highest min first) the capaian reaches; '' when none."""
    if value is None:
        return ""
    return next((b.label for b in bands if value >= b.min), "")


# --- whole catalogue ------------------------------------------------------------------


def quarterly_capaian(ind: Indikator, quarters: Sequence[Value], parts: Sequence[PartValues],
                      cap: float | None) -> tuple[Value, ...]:
    """Capaian of each triwulan: realisasi to date (s.d. TW) against the target to date;
    None for a triwulan without a value, and for every triwulan without quarterly targets."""
    if not ind.quarterly:
        return (None,) * QUARTERS
    out = []
    for q in range(QUARTERS):
        if quarters[q] is None:
            out.append(None)
            continue
        to_date = realisasi(ind, (*quarters[:q + 1], *(None,) * (QUARTERS - 1 - q)), parts)
        out.append(capaian_against(ind, to_date, *target_bounds(ind, quarter=q), cap))
    return tuple(out)


@dataclass(frozen=True)
class IndikatorResult:
    quarters: tuple[Value, ...]
    realisasi: Value
    capaian: Value
    predikat: str
    capaian_tw: tuple[Value, ...] = (None,) * QUARTERS
    predikat_tw: tuple[str, ...] = ("",) * QUARTERS
    nilai: Value = None


@dataclass(frozen=True)
class JabatanSummary:
    rata_rata_capaian: Value
    predikat: str  # predikat of the mean capaian
    jumlah_per_predikat: dict[str, int]


@dataclass(frozen=True)
class Results:
    indikator: dict[tuple[str, str], IndikatorResult]
    jabatan: dict[str, JabatanSummary]


def evaluate(cat: Catalogue) -> Results:
    """Every number of the catalogue, from its entered targets and realisasi (a salin
    indicator, resolved by :func:`~xl_iki.model.catalogue.resolve_salin`, has its source's).

    A komponen whose reference no longer exists (a workbook whose sheet was deleted) has no
    value, as the spreadsheet's #REF! is not a number.
    """
    by_ref = {f"{j.id}.{i.id}": i for j in cat.jabatan for i in j.indikator}

    @cache
    def quarter_values(ref: str) -> tuple[tuple[Value, ...], tuple[PartValues, ...]]:
        ind = by_ref[ref]
        if ind.salin in by_ref and ind.salin != ref:  # the source's own values, shown here
            return quarter_values(ind.salin)
        parts = tuple(
            tuple(
                (quarter_values(k.ref)[0][q] if k.ref in by_ref else None) if k.ref
                else as_number(k.realisasi[q])
                for k in ind.komponen
            )
            for q in range(QUARTERS)
        )
        rule = QUARTER_VALUE[JENIS[ind.jenis].quarter]
        values = tuple(
            rule(ind, entry_number(ind, ind.realisasi[q]), parts[q]) for q in range(QUARTERS)
        )
        return values, parts

    cap = cat.instansi.batas_capaian
    results: dict[tuple[str, str], IndikatorResult] = {}
    for jab in cat.jabatan:
        for ind in jab.indikator:
            values, parts = quarter_values(f"{jab.id}.{ind.id}")
            real = realisasi(ind, values, parts)
            cap_value = capaian(ind, real, cap)
            per_tw = quarterly_capaian(ind, values, parts, cap)
            results[jab.id, ind.id] = IndikatorResult(
                values, real, cap_value, predikat(cat.predikat, cap_value), per_tw,
                tuple(predikat(cat.predikat, v) for v in per_tw), nilai(cat.nilai, cap_value),
            )
    summaries = {jab.id: summarize(cat.predikat, jab, results) for jab in cat.jabatan}
    return Results(results, summaries)


def summarize(
    bands: Sequence[PredikatBand], jab: Jabatan, results: dict[tuple[str, str], IndikatorResult]
) -> JabatanSummary:
    """Mean capaian over the counted indicators (not pendukung) that have one (rounded like a
    capaian), and a count per predikat."""
    counted = [i for i in jab.indikator if i.counted]
    values = [results[jab.id, i.id].capaian for i in counted]
    filled = [v for v in values if v is not None]
    mean = round_capaian(sum_left(filled) / len(filled)) if filled else None
    labels = [results[jab.id, i.id].predikat for i in counted]
    counts = {b.label: labels.count(b.label) for b in bands}
    return JabatanSummary(mean, predikat(bands, mean), counts)


def realisasi_display(ind: Indikator, value: Value) -> Entry:
    """What the Realisasi column shows: the label for kualitatif, else the number."""
    if value is None or not JENIS[ind.jenis].show_label:
        return value
    labels = list(label_values(ind.jenis, ind.skala))
    return labels[int(value) - 1]
