"""Percentages stored as fractions: ``85%`` typed into a cell is stored as 0.85.

The sheets' formulas take percentages on the 0-100 scale (target 90, realisasi 85), so a
typed ``85%`` gives a capaian of about 1 % and the worst predikat. Excel and LibreOffice
store 0.85 whatever the cell's number format (a format changes what is shown, never what a
typed ``%`` means), so the workbook cannot accept the natural way of typing; validation
finds it instead, with the value times 100 as the suggestion.

Evidence, strongest first:

- ``format``: the cell is formatted as a percentage (typing ``85%`` gives it that format);
  its value is a hundredth of what the formulas expect, whatever the value;
- ``range``: the upper bound of a range target is at most 1, below the lower bound, and
  times 100 it is not (Nilai 80, s.d. 0.95);
- ``others``: a value in (0, 1] while the median of the indicator's other percentages above
  1 is more than 10 times larger, so the value times 100 is nearer to them than the value
  (on a log scale). A genuine value below 1 % among values ten times larger is possible
  (a small share that fell), which is why this evidence alone is only a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from statistics import median

from ..model.jenis import JENIS
from ..model.numbers import Results
from ..reader.recover import COL
from .inputs import Input, number

SIGNIFICANT = 10.0  # others' median above this many times the value: it looks like a fraction


@dataclass(frozen=True)
class Fraction:
    """An input that looks like a percentage stored as a fraction."""

    input: Input
    evidence: str  # "format", "range" or "others"
    reference: float | None  # the other value it was compared with

    @property
    def value(self) -> float:
        return float(self.input.value)  # type: ignore[arg-type]

    @property
    def meant(self) -> float:
        """The percentage that was most likely meant."""
        return round(self.value * 100, 9)


def fractions(entered: Iterable[Input], results: Results) -> Iterator[Fraction]:
    """Every percentage input (of a workbook's ``entered``) that looks stored as a fraction."""
    by_indicator: dict[tuple[str, str], list[Input]] = {}
    for i in entered:
        if i.percent and number(i.value) is not None:
            by_indicator.setdefault((i.js.title, i.ind.id), []).append(i)
    for group in by_indicator.values():
        first = group[0]
        computed: list[float] = []
        if JENIS[first.ind.jenis].is_ratio and JENIS[first.ind.jenis].percent:
            res = results.indikator[first.js.plan.jabatan.id, first.ind.id]
            computed = [v for v in res.quarters if v is not None]
        bounds = {i.what: number(i.value) for i in group if i.what.startswith("target")}
        for i in group:
            value = number(i.value)
            if value is None or value == 0:
                continue
            if (i.row, COL[i.col]) in i.js.sheet.percent:
                yield Fraction(i, "format", None)
                continue
            if not 0 < value <= 1:
                continue
            low = bounds.get("target")
            if i.what == "target s.d." and low is not None and value < low <= value * 100:
                yield Fraction(i, "range", low)
                continue
            others = [v for o in group if o is not i and (v := number(o.value)) is not None
                      and v > 1] + [v for v in computed if v > 1]
            if others and median(others) > SIGNIFICANT * value:
                yield Fraction(i, "others", median(others))
