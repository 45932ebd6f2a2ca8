"""Where the inputs of a recovered workbook are: every cell a person fills, with its meaning."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model.catalogue import Indikator
from ..model.jenis import JENIS
from ..model.numbers import as_number
from ..reader.recover import COL, JabatanSheet, Recovered
from ..workbook import layout as L


@dataclass(frozen=True)
class Input:
    """One cell a person fills, with what it should hold."""

    js: JabatanSheet
    ind: Indikator
    col: str
    row: int
    value: object
    what: str  # "TW I", "target", "pembilang TW II", ...
    count: bool  # a count or ratio part: must not be negative
    labels: bool  # takes a label (Ada/Tidak Ada, a skala label)

    @property
    def cell(self) -> str:
        return f"{self.col}{self.row}"

    @property
    def percent(self) -> bool:
        """Whether the cell holds a percentage on the 0-100 scale the formulas use."""
        if self.labels or self.what.startswith(("pembilang", "penyebut")):
            return False
        if self.what.startswith("target"):
            return self.ind.satuan.strip() == "%" or JENIS[self.ind.jenis].percent
        return self.ind.satuan.strip() == "%"


def inputs(rec: Recovered) -> Iterator[Input]:
    for js in rec.sheets:
        for ind in js.plan.jabatan.indikator:
            if ind.salin:
                continue  # entered at its source
            place = js.indikator_rows[ind.id]
            spec = JENIS[ind.jenis]
            count = spec.count
            for col in (L.TARGET, *([] if spec.labels else [L.TARGET_MAX])):
                what = "target" if col is L.TARGET else "target s.d."
                yield Input(js, ind, col.letter, place.row,
                            js.sheet.get(place.row, COL[col.letter]), what, count, spec.labels)
            for q in range(len(L.TW)) if ind.quarterly else ():
                for col, what in ((L.TARGET_TW[q], ""), (L.TARGET_TW_MAX[q], " s.d.")):
                    if what and spec.labels:
                        continue
                    yield Input(js, ind, col.letter, place.row,
                                js.sheet.get(place.row, COL[col.letter]),
                                f"target {L.TW[q].sub}{what}", count, spec.labels)
            if not place.parts and spec.komponen in ("none", "optional"):
                for tw in (L.TW[q] for q in ind.input_quarters):
                    yield Input(js, ind, tw.letter, place.row,
                                js.sheet.get(place.row, COL[tw.letter]), tw.sub, count,
                                spec.labels)
            for part in place.parts:
                if part.ref:
                    continue
                for tw in (L.TW[q] for q in ind.input_quarters):
                    name = part.peran if part.peran in ("pembilang", "penyebut") else \
                        f"komponen {part.n}"
                    yield Input(js, ind, tw.letter, part.row,
                                js.sheet.get(part.row, COL[tw.letter]), f"{name} {tw.sub}",
                                count, False)


def number(value: object) -> float | None:
    """The number in an input cell; None for text, labels, booleans and blanks."""
    return None if isinstance(value, (str, bool)) else as_number(value)  # type: ignore[arg-type]
