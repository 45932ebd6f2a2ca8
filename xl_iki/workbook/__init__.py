"""Writing the standardized IKI workbook (openpyxl)."""

from __future__ import annotations

from pathlib import Path

from openpyxl.workbook import Workbook

from ..fileio import atomic_write
from ..model.catalogue import Catalogue
from . import rekap_sheet
from .cover import fill_placeholders
from .jabatan_sheet import JabatanSheetWriter, Plan, plan
from .meta import TITLE as META_TITLE
from .meta import write_meta
from .rekap_sheet import RekapWriter
from .sheetnames import sheet_name
from .sinks import OpenpyxlSink, XmlSink, save_workbook
from .styles import Palette, ensure_styles
from .template import load_template


def _build(cat: Catalogue, template: str | Path | None, sink_type: type) -> tuple[Workbook, list]:
    wb = load_template(template)
    ensure_styles(wb)
    fill_placeholders(wb, cat)
    taken = set(wb.sheetnames) | {META_TITLE}
    rekap_title = sheet_name(rekap_sheet.TITLE, taken)
    plans: dict[str, Plan] = {j.id: plan(j, sheet_name(j.nama, taken)) for j in cat.jabatan}
    palette = Palette(wb)
    sinks = [sink_type(wb.create_sheet(rekap_title), palette)]
    for p in plans.values():
        sinks.append(sink_type(wb.create_sheet(p.title), palette))
        JabatanSheetWriter(sinks[-1], p, cat, plans).write()
    RekapWriter(sinks[0], cat, plans).write()
    write_meta(wb, cat)
    return wb, sinks


def build_workbook(cat: Catalogue, template: str | Path | None = None) -> Workbook:
    """The workbook for a catalogue, in memory: template sheets, Rekap, one sheet per jabatan."""
    return _build(cat, template, OpenpyxlSink)[0]


def write_workbook(cat: Catalogue, path: str | Path, template: str | Path | None = None) -> Path:
    """Write the workbook for a catalogue to ``path`` (atomically; the fast way)."""
    wb, sinks = _build(cat, template, XmlSink)
    return atomic_write(path, lambda tmp: save_workbook(wb, tmp, sinks))


__all__ = ["build_workbook", "write_workbook"]
