"""Reading filled workbooks back: plain cell data, then the recovered catalogue and entries."""

from __future__ import annotations

from pathlib import Path

from .recover import JabatanSheet, Recovered, recover
from .source import BookData, SheetData, load_editable, read_file, require_editable


def read_workbook(path: str | Path) -> Recovered:
    """Read a generated (and possibly filled and edited) workbook file (.xlsx or .ods),
    read-only; InputError when it cannot be read or its hidden structure is damaged."""
    return recover(read_file(path))


__all__ = ["BookData", "JabatanSheet", "Recovered", "SheetData", "load_editable",
           "read_workbook", "recover", "require_editable"]
