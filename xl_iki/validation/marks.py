"""The Validasi sheet's columns and the colours that mark problem cells, shared by
``validate --write-sheet`` (:mod:`xl_iki.edit.validasi`) and the add-in's Validasi button
(:mod:`xl_iki.addin.handlers`, which does not load openpyxl)."""

from __future__ import annotations

from ..workbook.layout import VALIDASI as TITLE
from .findings import GALAT, PERINGATAN

HEADER = ("No", "Lembar", "Sel", "Tingkat", "Kode", "Pesan")
WIDTHS = (5, 28, 8, 12, 24, 100)
#: the fill of a marked cell (RRGGBB), by the worst severity found in it
MARK_COLOURS = {GALAT: "F8696B", PERINGATAN: "FFEB84"}

__all__ = ["HEADER", "MARK_COLOURS", "TITLE", "WIDTHS"]
