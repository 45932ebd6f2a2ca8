"""Rebuilding the Rekap from the jabatan sheets really present, and repairing formulas."""

from __future__ import annotations

from openpyxl.workbook import Workbook

from ..reader import Recovered
from ..validation.expected import expected_formulas, normalize
from ..validation.findings import Finding
from ..workbook.formulas import Formula
from ..workbook.rekap_sheet import TITLE, RekapWriter
from ..workbook.sinks import OpenpyxlSink
from ..workbook.styles import Palette, ensure_styles


def rebuild_rekap(wb: Workbook, rec: Recovered) -> None:
    """Replace the Rekap sheet (or add one) so it covers every jabatan sheet present."""
    ensure_styles(wb)
    if rec.rekap_title and rec.rekap_title in wb.sheetnames:
        index = wb.sheetnames.index(rec.rekap_title)
        title = rec.rekap_title
        wb.remove(wb[title])
    else:
        first = next((wb.sheetnames.index(s.title) for s in rec.sheets), len(wb.sheetnames))
        index, title = first, TITLE
    ws = wb.create_sheet(title, index)
    plans = {s.plan.jabatan.id: s.plan for s in rec.sheets}
    RekapWriter(OpenpyxlSink(ws, Palette(wb)), rec.catalogue, plans).write()


def repair_formulas(wb: Workbook, rec: Recovered) -> list[Finding]:
    """Write the generator's formula back wherever one was overwritten or deleted."""
    repaired = []
    for js in rec.sheets:
        ws = wb[js.title]
        for ref, formula in expected_formulas(rec, js):
            cell = ws[ref]
            current = cell.value if cell.data_type == "f" else None
            if current is not None and normalize(current) == normalize(formula):
                continue
            cell.value = Formula(formula)
            repaired.append(Finding("rumus-diperbaiki", "info", js.title, ref,
                                    "rumus bawaan ditulis ulang"))
    return repaired
