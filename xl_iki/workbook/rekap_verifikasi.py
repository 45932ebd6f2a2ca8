"""The Rekap's Verifikasi columns: per jabatan the count of Disetujui, Perlu Perbaikan and
Belum diverifikasi entries over the year, live formulas on the Verifikasi sheet's rows
(model: :func:`xl_iki.model.verdicts.count_verdicts`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model.catalogue import QUARTERS, Catalogue
from ..model.verdicts import COUNT_LABELS, DISETUJUI, PERBAIKAN
from . import formulas as fx
from . import layout as L
from .listing import HEADER_ROW, KEY_COL
from .verifikasi_cols import TITLE, WAITING, verdict

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

HEADER = COUNT_LABELS


@dataclass(frozen=True)
class VerdictRows:
    """The Verifikasi sheet's title and, per jabatan id, the rows of its indicators."""

    title: str = TITLE
    rows: dict[str, list[int]] = field(default_factory=dict)


def planned(cat: Catalogue, title: str = TITLE) -> VerdictRows:
    """The rows the Verifikasi sheet of a new workbook gives each jabatan: one row per
    indicator, in catalogue order, under its header."""
    rows: dict[str, list[int]] = {}
    row = HEADER_ROW + 1
    for jab in cat.jabatan:
        rows[jab.id] = list(range(row, row + len(jab.indikator)))
        row += len(jab.indikator)
    return VerdictRows(title, rows)


def present(ws: Worksheet) -> VerdictRows:
    """The rows of each jabatan on a Verifikasi sheet, found through its hidden keys."""
    rows: dict[str, list[int]] = {}
    for (cell,) in ws.iter_rows(min_col=ord(KEY_COL) - 64, max_col=ord(KEY_COL) - 64):
        key = L.parse_key(cell.value) or {}
        if "ind" in key:
            rows.setdefault(str(key.get("jabatan")), []).append(cell.row)
    return VerdictRows(ws.title, rows)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive rows as (first, last) runs."""
    runs: list[list[int]] = []
    for r in sorted(rows):
        if runs and runs[-1][1] == r - 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    return [(a, b) for a, b in runs]


def formulas(where: VerdictRows, jabatan_id: str) -> tuple[fx.Formula | None, ...]:
    """Disetujui, Perlu Perbaikan and Belum diverifikasi of a jabatan; blank cells for a
    jabatan without rows on the Verifikasi sheet (or a workbook without one)."""
    runs = _runs(where.rows.get(jabatan_id, []))
    if not runs:
        return (None,) * len(HEADER)
    sheet = fx.quote_sheet(where.title)

    def given(label: str) -> fx.Formula:
        terms = [f"SUMPRODUCT(1*({sheet}!${verdict(q)}${a}:${verdict(q)}${b}="
                 f"{fx.text_literal(label)}))" for a, b in runs for q in range(QUARTERS)]
        return fx.Formula("=" + "+".join(terms))

    waiting = ",".join(f"{sheet}!${WAITING[0]}${a}:${WAITING[-1]}${b}" for a, b in runs)
    return given(DISETUJUI), given(PERBAIKAN), fx.Formula(f"=SUM({waiting})")


def find(wb: Workbook) -> VerdictRows:
    """Where the Verifikasi sheet of an existing workbook has each jabatan's rows (none
    without a Verifikasi sheet)."""
    ws = next((ws for ws in wb.worksheets
               if (L.parse_key(ws[f"{KEY_COL}1"].value) or {}).get("verifikasi")), None)
    return present(ws) if ws is not None else VerdictRows()
