"""Where a jabatan's sheet puts everything, computed before any cell is written.

A module of its own, without openpyxl: the readers (and the add-in's buttons) recover a
workbook's plan without loading the writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.catalogue import Jabatan
from . import formulas as fx
from . import layout as L


@dataclass
class Plan:
    """Where a jabatan's sheet puts everything (computed before any cell is written)."""

    jabatan: Jabatan
    title: str
    header_row: int = 0
    rows: dict[str, tuple[int, tuple[int, ...]]] = field(default_factory=dict)
    sasaran_rows: dict[str, int] = field(default_factory=dict)  # indikator id -> group row

    @property
    def quarterly(self) -> bool:
        """Whether the sheet has the quarterly columns (an indicator with quarterly targets)."""
        return any(ind.quarterly for ind in self.jabatan.indikator)

    @property
    def first_row(self) -> int:
        return self.header_row + 2

    @property
    def last_row(self) -> int:
        row, parts = list(self.rows.values())[-1] if self.rows else (self.first_row, ())
        return parts[-1] if parts else row

    def cell(self, col: L.Column, ind_id: str) -> str:
        return f"{fx.quote_sheet(self.title)}!${col.letter}${self.rows[ind_id][0]}"


def _items(values: tuple[str, ...]) -> int:
    return max(1, len(values))


def plan(jab: Jabatan, title: str) -> Plan:
    p = Plan(jab, title)
    row = L.FIELD_ROW + 2 + _items(jab.tugas) + _items(jab.fungsi) + 1
    p.header_row = row
    row += 2
    group_row, last_sasaran = row, None
    for ind in jab.indikator:
        if ind.sasaran != last_sasaran:
            group_row, last_sasaran = row, ind.sasaran
        parts = tuple(range(row + 1, row + 1 + len(ind.komponen)))
        p.rows[ind.id] = (row, parts)
        p.sasaran_rows[ind.id] = group_row
        row += 1 + len(ind.komponen)
    return p
