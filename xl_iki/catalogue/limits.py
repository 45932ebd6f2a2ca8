"""Excel's limits a catalogue can reach through the formulas its labels end up in.

Skala labels of a kualitatif indicator and predikat labels become text constants inside
formulas (``IF(K12="WTP",4,...)``, ``CHOOSE``); Excel refuses a file whose formulas hold a text
constant over 255 characters, are longer than 8,192 characters or nest more than 64 levels.
The formulas are built here exactly as the workbook builds them and measured.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model.catalogue import Indikator, PredikatBand
from ..workbook import formulas as fx

MAX_LITERAL = 255
MAX_FORMULA = 8192
MAX_LABELS = 60  # nested IF per label, inside at most two more levels (Excel: 64)
_WIDEST_CELL, _LAST_ROW = "XFD1048576", 1_048_576


def label_problem(label: str) -> str | None:
    if len(label) > MAX_LITERAL:
        return (f"label '{label[:40]}…' terlalu panjang ({len(label)} karakter); label dipakai "
                f"di dalam rumus Excel, yang menampung teks paling banyak {MAX_LITERAL} karakter")
    return None


def _formulas_problem(count: int, formulas: Sequence[str], what: str) -> str | None:
    if count > MAX_LABELS:
        return f"terlalu banyak {what} ({count}); paling banyak {MAX_LABELS}"
    longest = max(len(f) for f in formulas)
    if longest > MAX_FORMULA:
        return (f"{what} terlalu panjang bersama-sama: rumus Excel yang memuatnya menjadi "
                f"{longest} karakter (paling banyak {MAX_FORMULA}); persingkat labelnya")
    return None


def skala_problem(labels: Sequence[str]) -> str | None:
    """Why the labels of a kualitatif skala do not fit Excel's formulas, or None."""
    ind = Indikator("", "", "kualitatif", skala=tuple(labels))
    return _formulas_problem(len(labels), (fx.number_or_blank(ind, _WIDEST_CELL),
                                           fx.realisasi_display(ind, _LAST_ROW)), "label skala")


def predikat_problem(bands: Sequence[PredikatBand]) -> str | None:
    """Why the predikat bands do not fit Excel's formulas, or None."""
    return _formulas_problem(len(bands), (fx.predikat(bands, _WIDEST_CELL),), "pita predikat")
