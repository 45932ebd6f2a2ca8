"""The atasan's verdicts counted per jabatan, defined once: the Rekap's Verifikasi columns and
consolidation's Verifikasi sheet both follow :func:`count_verdicts`.

Counted over the year: every (indicator, triwulan) pair of a jabatan is one entry, as on the
Verifikasi sheet. *Disetujui* and *Perlu Perbaikan* count the verdicts given; *Belum
diverifikasi* counts the triwulan that show a realisasi and have no verdict yet. A triwulan
shows a realisasi when its TW cell on the jabatan sheet is not blank (Excel's ``<>""``): for
an input row whatever was typed (text too), for a computed row (komponen) its value, for a
``salin`` row its source's. Verdicts compare like Excel's ``=``: case-insensitively, a blank
cell equal to ``""``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .catalogue import QUARTERS, Catalogue, Entry
from .numbers import Value

DISETUJUI, PERBAIKAN = "Disetujui", "Perlu Perbaikan"
#: the headings of the three counts, wherever they are shown (Verifikasi, Rekap, consolidation)
COUNT_LABELS = (DISETUJUI, PERBAIKAN, "Belum Diverifikasi")

Key = tuple[str, str]  # (jabatan id, indikator id)


@dataclass(frozen=True)
class Verdicts:
    """One jabatan's counts over the year."""

    disetujui: int = 0
    perbaikan: int = 0
    belum: int = 0


def _blank(value: object) -> bool:
    return value is None or value == ""


def _is(value: object, label: str) -> bool:
    return isinstance(value, str) and value.casefold() == label.casefold()


def shows_realisasi(cat: Catalogue, quarters: Mapping[Key, Sequence[Value]]
                    ) -> dict[Key, tuple[bool, ...]]:
    """Per indicator and triwulan whether its TW cell is not blank; ``quarters`` are the
    model's quarter values (:attr:`~xl_iki.model.numbers.IndikatorResult.quarters`)."""
    by_ref = {f"{j.id}.{i.id}": (j.id, i) for j in cat.jabatan for i in j.indikator}

    def shown(ref: str, seen: frozenset[str] = frozenset()) -> tuple[bool, ...]:
        jab_id, ind = by_ref[ref]
        if ind.salin in by_ref and ind.salin not in seen | {ref}:
            return shown(ind.salin, seen | {ref})
        if ind.komponen:  # a computed cell: blank exactly when the model has no value
            values = quarters.get((jab_id, ind.id), (None,) * QUARTERS)
            return tuple(v is not None for v in values)
        return tuple(not _blank(e) for e in _entries(ind.realisasi))

    return {(jab_id, ind.id): shown(ref) for ref, (jab_id, ind) in by_ref.items()}


def _entries(realisasi: Sequence[Entry]) -> tuple[Entry, ...]:
    return (*realisasi, *(None,) * (QUARTERS - len(realisasi)))[:QUARTERS]


def count_verdicts(shown: Mapping[Key, Sequence[bool]],
                   verdicts: Mapping[Key, Sequence[object]]) -> dict[str, Verdicts]:
    """Per jabatan the counts over the indicators that have a Verifikasi row (``verdicts``:
    the four verdict cells of each); a jabatan without any row is left out."""
    out: dict[str, list[int]] = {}
    for key, cells in verdicts.items():
        counts = out.setdefault(key[0], [0, 0, 0])
        has = shown.get(key, (False,) * QUARTERS)
        for q in range(QUARTERS):
            cell = cells[q] if q < len(cells) else None
            counts[0] += _is(cell, DISETUJUI)
            counts[1] += _is(cell, PERBAIKAN)
            counts[2] += bool(has[q]) and _blank(cell)
    return {jab: Verdicts(*counts) for jab, counts in out.items()}
