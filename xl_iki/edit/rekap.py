"""Rebuilding the Rekap from the jabatan sheets really present, and repairing formulas."""

from __future__ import annotations

from openpyxl.workbook import Workbook

from ..reader import Recovered
from ..validation.expected import changed_formulas
from ..validation.findings import INFO, Finding
from ..validation.rules import structure_findings
from ..workbook import rekap_verifikasi
from ..workbook.rekap_sheet import TITLE, RekapWriter
from ..workbook.sinks import OpenpyxlSink
from ..workbook.styles import Palette, ensure_styles


def rebuild_rekap(wb: Workbook, rec: Recovered) -> None:
    """Replace the Rekap sheet (or add one) so it covers every jabatan sheet present; its
    Verifikasi counts follow the Verifikasi sheet as it is in ``wb`` (rebuild that first)."""
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
    RekapWriter(OpenpyxlSink(ws, Palette(wb)), rec.catalogue, plans,
                rekap_verifikasi.find(wb)).write()


def repair_formulas(wb: Workbook, rec: Recovered) -> list[Finding]:
    """Write the generator's formula back wherever one was overwritten or deleted.

    Only where an indicator's komponen rows are those it was generated with. An indicator
    with a komponen row missing is left as it is (formulas rewritten over the remaining rows
    would silently redefine it) and comes back as an error saying what to do.
    """
    repaired = []
    for js, ref, formula, _ in changed_formulas(rec):
        wb[js.title][ref].value = formula
        repaired.append(Finding("rumus-diperbaiki", INFO, js.title, ref,
                                "rumus bawaan ditulis ulang"))
    return repaired + list(structure_findings(rec))
