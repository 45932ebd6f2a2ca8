"""The cells of an authoring workbook as plain values: the only part that opens the file.

Whatever program saved the file (Excel, LibreOffice, Gnumeric, a script), only the cells that
hold a value count: the declared ``<dimension>`` is ignored, styled empty cells and blank rows
are skipped, and a file the spreadsheet parser rejects is one clear problem, not a traceback.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from ..errors import CatalogueError, Problem
from .columns import DAFTAR, INSTANSI, JABATAN

SHEETS = (INSTANSI, JABATAN, DAFTAR)
MAX_COLUMNS = 64  # the authoring sheets use 15; anything further right is not read


@dataclass(frozen=True)
class Table:
    """The filled rows of one sheet: (row number, values from column A) in sheet order."""

    title: str
    rows: tuple[tuple[int, tuple[object, ...]], ...]


def plain(value: object) -> object:
    """A cell value as the catalogue expects it: whole floats as int, no blank text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _table(ws) -> Table:
    ws.reset_dimensions()  # other programs write a <dimension> smaller (or larger) than the data
    rows = []
    blank: tuple | None = None
    for number, values in enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
        if values is blank:  # openpyxl yields one shared tuple for every row missing in a gap
            continue
        cells = tuple(plain(v) for v in values)
        if any(v is not None for v in cells):
            rows.append((number, cells))
        else:
            blank = values
    return Table(ws.title, tuple(rows))


def _unreadable(path: Path, why: str) -> CatalogueError:
    return CatalogueError(str(path), [Problem(str(path), why)])


def read_tables(path: Path) -> dict[str, Table]:
    """The Instansi, Jabatan and Daftar IKI sheets; CatalogueError when they cannot be read."""
    if not path.is_file():
        raise _unreadable(path, "berkas tidak ditemukan")
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # any parser failure on a foreign file is the same answer
        raise _unreadable(path, "bukan workbook Excel (.xlsx) yang bisa dibaca; buka di Excel "
                                "atau LibreOffice lalu simpan ulang sebagai .xlsx "
                                f"({type(exc).__name__})") from None
    try:
        missing = [name for name in SHEETS if name not in wb.sheetnames]
        if missing:
            raise CatalogueError(str(path), [
                Problem(str(path), f"lembar '{name}' tidak ada; ini bukan lembar penyusunan "
                                   "daftar IKI, atau namanya diubah. Buat yang baru dengan "
                                   "'xl-iki authoring-sheet' atau kembalikan nama lembarnya")
                for name in missing])
        try:
            return {name: _table(wb[name]) for name in SHEETS}
        except Exception as exc:  # a damaged sheet part, seen only while reading it
            raise _unreadable(path, "isi workbook rusak dan tidak bisa dibaca; buka di Excel "
                                    "atau LibreOffice lalu simpan ulang sebagai .xlsx "
                                    f"({type(exc).__name__})") from None
    finally:
        wb.close()
