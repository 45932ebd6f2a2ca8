"""Writing the standardized IKI workbook (openpyxl)."""

from __future__ import annotations

from pathlib import Path

from openpyxl.workbook import Workbook

from ..fileio import atomic_save
from ..model.catalogue import Catalogue
from . import rekap_sheet
from .cover import fill_placeholders
from .jabatan_sheet import JabatanSheetWriter, Plan, plan
from .meta import TITLE as META_TITLE
from .meta import write_meta
from .rekap_sheet import RekapWriter
from .sheetnames import sheet_name
from .styles import Palette, ensure_styles
from .template import load_template


def build_workbook(cat: Catalogue, template: str | Path | None = None) -> Workbook:
    """The workbook for a catalogue: template sheets, Rekap, one sheet per jabatan."""
    wb = load_template(template)
    ensure_styles(wb)
    fill_placeholders(wb, cat)
    taken = set(wb.sheetnames) | {META_TITLE}
    rekap_title = sheet_name(rekap_sheet.TITLE, taken)
    plans: dict[str, Plan] = {j.id: plan(j, sheet_name(j.nama, taken)) for j in cat.jabatan}
    palette = Palette()
    rekap = wb.create_sheet(rekap_title)
    for p in plans.values():
        JabatanSheetWriter(wb.create_sheet(p.title), p, cat, plans, palette).write()
    RekapWriter(rekap, cat, plans, palette).write()
    write_meta(wb, cat)
    return wb


def write_workbook(cat: Catalogue, path: str | Path, template: str | Path | None = None) -> Path:
    """Build the workbook and save it atomically to ``path``."""
    return atomic_save(build_workbook(cat, template), path)


__all__ = ["build_workbook", "write_workbook"]
