"""The decree (Keputusan) and its Lampiran as a Word document, and as PDF through LibreOffice."""

from __future__ import annotations

from pathlib import Path

from ..catalogue import EXCEL_SUFFIXES, load
from ..fileio import atomic_write
from ..model.catalogue import Catalogue
from ..ooxml import require_whole
from .docx_writer import build_document


def source_catalogue(path: Path) -> Catalogue:
    """The catalogue of a catalogue file, of an authoring workbook, or of a (filled) IKI
    workbook: then the document shows the workbook's jabatan, indicators and targets."""
    if path.suffix.lower() in EXCEL_SUFFIXES:
        from ..reader import read_workbook

        rec = read_workbook(path)
        if rec.sheets:
            return rec.catalogue
    return load(path)


def write_document(cat: Catalogue, path: str | Path, template: str | Path | None = None
                   ) -> Path:
    """Write the decree for ``cat`` to ``path`` (.docx, atomically, checked whole)."""
    doc = build_document(cat, template)

    def save(tmp: Path) -> None:
        doc.save(str(tmp))
        require_whole(tmp, Path(path))

    return atomic_write(path, save)


__all__ = ["build_document", "source_catalogue", "write_document"]
