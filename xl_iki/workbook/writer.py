"""Writing the standardized IKI workbook (openpyxl): the package's ``build_workbook`` and
``write_workbook``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from zipfile import ZipFile

from openpyxl.workbook import Workbook

from ..fileio import atomic_write
from ..model.catalogue import Catalogue
from ..ooxml import require_whole, sheet_parts
from . import layout as L
from . import pohon_sheet, rekap_sheet, rekap_verifikasi
from .cover import fill_placeholders
from .jabatan_sheet import JabatanSheetWriter
from .meta import TITLE as META_TITLE
from .meta import write_meta
from .plan import Plan, plan
from .pohon_sheet import PohonWriter
from .rekap_sheet import RekapWriter
from .sheetnames import sheet_name
from .sinks import OpenpyxlSink, XmlSink, save_workbook
from .styles import Palette, ensure_styles
from .template import load_template
from .verifikasi_sheet import VerifikasiWriter

#: a sheet written after the standard ones (e.g. rollover's Tahun Lalu), given the plans
ExtraSheet = Callable[[Workbook, Palette, dict[str, Plan]], None]


def _build(cat: Catalogue, template: str | Path | None, sink_type: type,
           extra: Sequence[ExtraSheet] = ()) -> tuple[Workbook, list]:
    wb = load_template(template)
    ensure_styles(wb)
    fill_placeholders(wb, cat)
    taken = set(wb.sheetnames) | {META_TITLE}
    rekap_title = sheet_name(rekap_sheet.TITLE, taken)
    pohon_title = sheet_name(pohon_sheet.TITLE, taken)
    plans: dict[str, Plan] = {j.id: plan(j, sheet_name(L.IKU if j.iku else j.nama, taken))
                              for j in cat.jabatan}
    palette = Palette(wb)
    sinks = [sink_type(wb.create_sheet(rekap_title), palette)]
    for p in plans.values():
        sinks.append(sink_type(wb.create_sheet(p.title), palette))
        JabatanSheetWriter(sinks[-1], p, cat, plans).write()
    verifikasi = rekap_verifikasi.planned(cat, sheet_name(rekap_verifikasi.TITLE,
                                                          set(wb.sheetnames)))
    RekapWriter(sinks[0], cat, plans, verifikasi).write()
    PohonWriter(wb.create_sheet(pohon_title, wb.index(sinks[0].ws) + 1), palette, cat,
                plans).write()
    for write_sheet in (VerifikasiWriter(cat), *extra):
        write_sheet(wb, palette, plans)
    write_meta(wb, cat)
    return wb, sinks


def build_workbook(cat: Catalogue, template: str | Path | None = None) -> Workbook:
    """The workbook for a catalogue, in memory: template sheets, Rekap, one sheet per jabatan."""
    return _build(cat, template, OpenpyxlSink)[0]


def write_workbook(cat: Catalogue, path: str | Path, template: str | Path | None = None,
                   extra: Sequence[ExtraSheet] = ()) -> Path:
    """Write the workbook for a catalogue to ``path`` (atomically; the fast way), checked
    before it replaces anything: every part well-formed, every sink's cells in its sheet."""
    wb, sinks = _build(cat, template, XmlSink, extra)

    def save(tmp: Path) -> None:
        save_workbook(wb, tmp, sinks)
        require_whole(tmp, Path(path), lambda zf: _sinks_written(zf, sinks))

    return atomic_write(path, save)


def _sinks_written(zf: ZipFile, sinks: list[XmlSink]) -> list[str]:
    parts = sheet_parts(zf)
    wrong = []
    for sink in sinks:
        part = parts.get(sink.ws.title, "")
        cells = sink.sheet_data().encode("utf-8")
        if part not in zf.namelist() or cells not in zf.read(part):
            wrong.append(f"{part or sink.ws.title}: sel lembar {sink.ws.title!r} tidak tertulis")
    return wrong


__all__ = ["build_workbook", "write_workbook"]
