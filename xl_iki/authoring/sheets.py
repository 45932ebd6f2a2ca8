"""The cells of an authoring workbook as plain values: the only part that opens the file.

Whatever program saved the file (Excel, LibreOffice, Gnumeric, a script), only the cells that
hold a value count: the declared ``<dimension>`` is ignored, styled empty cells and blank rows
are skipped, and a file the spreadsheet parser rejects is one clear problem, not a traceback.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from ..errors import CatalogueError, Problem
from .columns import DAFTAR, IKU, INSTANSI, JABATAN
from .ods import TooLarge, read_ods

SHEETS = (INSTANSI, JABATAN, DAFTAR)
OPTIONAL = (IKU,)  # read when present (authoring workbooks made before it have none)
MAX_COLUMNS = 64  # the authoring sheets use 15; anything further right is not read
MAX_ROWS = 100_000  # filled rows per sheet; an authoring workbook has a few hundred
MAX_UNPACKED = 256 * 2**20  # bytes of all parts together; a real one has a few megabytes


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


Rows = Callable[[str], Iterable[tuple[int, Sequence[object]]]]  # (row number, values) by title


def _open_xlsx(path: Path) -> tuple[list[str], Rows, Callable[[], None]]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)

    def rows(title: str) -> Iterable[tuple[int, Sequence[object]]]:
        ws = wb[title]
        ws.reset_dimensions()  # other programs write a <dimension> smaller than the data
        return enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1)
    return wb.sheetnames, rows, wb.close


def _open_ods(path: Path) -> tuple[list[str], Rows, Callable[[], None]]:
    sheets = read_ods(path, (*SHEETS, *OPTIONAL), MAX_COLUMNS, MAX_ROWS)
    return list(sheets), sheets.__getitem__, lambda: None


# suffix -> (what the file should be, in the user's words; how to open it)
FORMATS = {".ods": ("lembar kerja OpenDocument (.ods)", _open_ods)}
XLSX = ("workbook Excel (.xlsx)", _open_xlsx)
OLD_FORMATS = {".xls": "format Excel lama (.xls)"}
OLE = b"\xd0\xcf\x11\xe0"  # an OLE container: Excel 97-2003, or a password-protected .xlsx


def _table(title: str, rows: Iterable[tuple[int, Sequence[object]]]) -> Table:
    out = []
    blank: Sequence[object] | None = None
    for number, values in rows:
        if values is blank:  # openpyxl yields one shared tuple for every row missing in a gap
            continue
        cells = tuple(plain(v) for v in values)
        if any(v is not None for v in cells):
            if len(out) == MAX_ROWS:
                raise TooLarge(f"lembar '{title}' berisi lebih dari {MAX_ROWS} baris terisi")
            out.append((number, cells))
        else:
            blank = values
    return Table(title, tuple(out))


def _unpacked_size(path: Path) -> int:
    """The declared size of all parts of a zip-based file (reads stop there), 0 if no zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return 0  # not a zip: the spreadsheet reader says what it is not


def _unreadable(path: Path, why: str) -> CatalogueError:
    return CatalogueError(str(path), [Problem(str(path), why)])


def read_tables(path: Path) -> dict[str, Table]:
    """The Instansi, Jabatan and Daftar IKI sheets (and IKU when there is one);
    CatalogueError when they cannot be read."""
    if not path.is_file():
        raise _unreadable(path, "berkas tidak ditemukan")
    suffix = path.suffix.lower()
    if suffix in OLD_FORMATS:
        raise _unreadable(path, f"{OLD_FORMATS[suffix]}: buka lalu simpan sebagai .xlsx")
    with path.open("rb") as handle:
        if handle.read(len(OLE)) == OLE:
            raise _unreadable(path, "berkas dilindungi kata sandi atau berformat Excel lama "
                                    "(.xls); buka di Excel, hapus kata sandinya bila ada, lalu "
                                    "simpan sebagai .xlsx")
    kind, open_book = FORMATS.get(suffix, XLSX)
    save_again = "buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx"
    if (size := _unpacked_size(path)) > MAX_UNPACKED:
        raise _unreadable(path, f"berkas terlalu besar untuk lembar penyusunan ({size // 2**20} "
                                f"MB setelah dibuka, paling banyak {MAX_UNPACKED // 2**20} MB); "
                                "hapus isi yang tidak perlu lalu simpan ulang")
    close = None
    try:
        names, rows, close = open_book(path)
        missing = [name for name in SHEETS if name not in names]
        if missing:
            raise CatalogueError(str(path), [
                Problem(str(path), f"lembar '{name}' tidak ada; ini bukan lembar penyusunan "
                                   "daftar IKI, atau namanya diubah. Buat yang baru dengan "
                                   "'xl-iki authoring-sheet' atau kembalikan nama lembarnya")
                for name in missing])
        return {name: _table(name, rows(name)) for name in (*SHEETS, *OPTIONAL)
                if name in names}
    except CatalogueError:
        raise
    except TooLarge as exc:
        raise _unreadable(path, f"{exc}; hapus baris yang tidak perlu lalu simpan ulang") from None
    except Exception as exc:  # any parser failure on a foreign or damaged file is one answer
        what = f"bukan {kind} yang bisa dibaca" if close is None else \
            "isi lembar rusak atau tidak bisa dibaca"
        raise _unreadable(path, f"{what}; {save_again} ({type(exc).__name__})") from None
    finally:
        if close is not None:
            close()
