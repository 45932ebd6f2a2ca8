"""A workbook's cells as plain data, from whatever engine holds the workbook.

The reading side works on :class:`BookData` only; adapters fill it from a file (openpyxl,
read-only, or calamine for speed) or, in the add-in, from a live ``xlwings.Book``. File
readers first check what the file really is (:mod:`.package`) and bound the work: only
columns A..Z, only the sheets the reader needs in full, at most :data:`MAX_ROWS` rows each.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..workbook import layout as L
from ..workbook.formulas import Formula
from ..workbook.layout import META as META_TITLE
from ..workbook.layout import REKAP_KEY_COL
from .package import MAX_ROWS, TRIM, WHAT_TO_DO, bad, check, require_sound, thousands

MAX_COLUMN = L.LAST_READ  # the generator's sheets use columns A..Z, and AA..BM when quarterly


@dataclass
class SheetData:
    """One sheet: its title, visibility and cell values (Formula for formula cells).

    File readers keep only row 1 of the sheets :func:`read_in_full` says are not needed
    (the user's own sheets): whether a sheet is xl-iki's is decided there.
    """

    title: str
    state: str = "visible"
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    percent: set[tuple[int, int]] = field(default_factory=set)  # numbers formatted as %

    def get(self, row: int, col: int) -> object:
        return self.cells.get((row, col))

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)


@dataclass
class BookData:
    source: str
    sheets: list[SheetData]
    formulas: bool = True  # False: formula cells hold their cached values (a fast reader)

    def sheet(self, title: str) -> SheetData | None:
        return next((s for s in self.sheets if s.title == title), None)


_LITERAL = re.compile(r'"[^"]*"|\\.')  # quoted text and escaped characters of a number format


def is_percent_format(number_format: str | None) -> bool:
    """Whether a number format shows a value times 100 with a % sign (as typing 85% sets)."""
    text = number_format or ""
    return "%" in text and "%" in _LITERAL.sub("", text)


def read_in_full(sheet: SheetData) -> bool:
    """Whether a reader needs all of a sheet, judged from its row 1: xl-iki's own sheets
    (meta, jabatan, Rekap, Verifikasi: keyed in row 1) yes, the user's own sheets no."""
    key = L.parse_key(sheet.get(1, 1)) or {}
    rekap = L.parse_key(sheet.get(1, ord(REKAP_KEY_COL) - 64)) or {}
    return (sheet.title == META_TITLE or bool(key.get("iki") and "jabatan" in key)
            or bool(rekap.get("rekap") or rekap.get("verifikasi")))


def read_values(path: str | Path,
                needed: Callable[[SheetData], bool] | None = None) -> BookData:
    """Cell values only, fast (calamine): formula cells give the value last computed.

    Sheets the screen cannot prove compact (see :func:`.package.dense_safe`) are streamed
    with openpyxl instead, so a far stray cell never makes calamine lay out a huge grid.
    With ``needed``, a worksheet of an .xlsx whose row 1 (the texts only) shows it is not
    needed keeps just those texts and is never laid out.
    """
    path = Path(path)
    package = check(path, screen=True, needed=(
        lambda title, head: needed(SheetData(title, cells={(1, c): v for c, v in head.items()}))
    ) if needed else None)
    sheets: list[SheetData] = []
    stream = None
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum

        with CalamineWorkbook.from_path(str(path)) as wb:
            for meta in wb.sheets_metadata:
                if meta.typ != SheetTypeEnum.WorkSheet:
                    continue
                visible = "visible" if str(meta.visible).endswith("Visible") else "hidden"
                if meta.name in package.left_out:
                    sheets.append(SheetData(meta.name, visible, {
                        (1, c): v for c, v in package.left_out[meta.name].items()}))
                    continue
                if package.kind == "xlsx" and not package.dense_safe.get(meta.name):
                    with _quiet():
                        stream = stream or _open(path, data_only=True)
                        sheets.append(_streamed(stream[meta.name], formulas=False))
                    continue
                rows = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
                sheets.append(_from_rows(SheetData(meta.name, visible), rows))
    except BaseException as exc:
        raise _damaged(path, exc) from None
    finally:
        if stream is not None:
            stream.close()
    return BookData(str(path), sheets, formulas=False)


def read_file(path: str | Path) -> BookData:
    """Read a workbook file (never written to), formulas as formulas; InputError when the
    file cannot be read. An .ods is read with :func:`read_values` (cached values)."""
    path = Path(path)
    if check(path).kind == "ods":
        return read_values(path)
    wb = None
    try:
        with _quiet():
            wb = _open(path, data_only=False)
            sheets = [_streamed(ws, formulas=True) for ws in wb.worksheets]
    except BaseException as exc:
        raise _damaged(path, exc) from None
    finally:
        if wb is not None:
            wb.close()
    return BookData(str(path), sheets)


def require_editable(path: str | Path) -> None:
    """Commands that write the workbook back need a sound .xlsx; InputError otherwise."""
    path = Path(path)
    if check(path).kind != "xlsx":
        raise bad(path, "berkas .ods (format LibreOffice) hanya bisa dibaca (validate, export, "
                        "consolidate); untuk perintah ini buka di LibreOffice, Simpan Sebagai "
                        "'Excel 2007-365 (.xlsx)', lalu jalankan lagi pada berkas .xlsx itu")
    require_sound(path)


def load_editable(path: str | Path, keep_vba: bool = False):
    """The whole workbook (openpyxl) for a command that writes it back; InputError when a
    part only a full load reads (a chart, a drawing, a relationship) is damaged."""
    import openpyxl

    path = Path(path)
    require_editable(path)
    try:
        with _quiet():
            return openpyxl.load_workbook(path, keep_links=True, keep_vba=keep_vba)
    except BaseException as exc:
        raise _damaged(path, exc) from None


def _open(path: Path, data_only: bool):
    import openpyxl

    return openpyxl.load_workbook(path, read_only=True, data_only=data_only, keep_links=False)


@contextmanager
def _quiet() -> Iterator[None]:
    """openpyxl's warnings ("no default style", "extension not supported") are not for users:
    what it cannot keep, the writers carry over themselves."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _from_rows(sheet: SheetData, rows: list[list]) -> SheetData:
    """A sheet from calamine's rows (their extent already bounded by the package check)."""
    cells = sheet.cells
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values[:MAX_COLUMN], start=1):
            if value != "" and value is not None:
                cells[r, c] = value
        if r == 1 and not read_in_full(sheet):
            break
    for (r, c), value in cells.items():
        if value.__class__ is float and not -_LARGEST <= value <= _LARGEST:
            raise _out_of_range(sheet, r, c)
    return sheet


def _streamed(ws, formulas: bool) -> SheetData:
    """A read-only openpyxl sheet, row by row from the real rows (never its <dimension>).

    Rows empty in A..Z far down (LibreOffice writes some at row 1048576, a stray cell may
    sit at XFD1048576) are passed over quickly: openpyxl fills a gap with one and the same
    empty row, checked once. Data in A..Z past ``MAX_ROWS`` is refused.
    """
    sheet = SheetData(ws.title, ws.sheet_state)
    ws.reset_dimensions()
    empty = None
    for r, row in enumerate(ws.iter_rows(max_col=MAX_COLUMN), start=1):
        if r == 2 and not read_in_full(sheet):  # the user's own sheet: its row 1 is enough
            break
        if row is empty:
            continue
        if all(cell.value is None for cell in row):
            empty = row
            continue
        if r > MAX_ROWS:
            raise _too_tall(sheet)
        for c, cell in enumerate(row, start=1):
            value = cell.value
            if value is None:
                continue
            if formulas and cell.data_type == "f":
                value = Formula(value)
            elif formulas and cell.data_type == "n" and is_percent_format(cell.number_format):
                sheet.percent.add((r, c))
            _put(sheet, r, c, value)
    return sheet


def _put(sheet: SheetData, row: int, col: int, value: object) -> None:
    """Keep one cell's value, refusing what no spreadsheet program could have stored."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not (
            -_LARGEST <= value <= _LARGEST):
        raise _out_of_range(sheet, row, col)
    sheet.cells[row, col] = value


_LARGEST = 1.7976931348623157e308  # the largest number a cell can hold (NaN fails too)


class _Refused(Exception):
    """A file the reader will not read further; the message says why and what to do."""


def _out_of_range(sheet: SheetData, row: int, col: int) -> _Refused:
    return _Refused(f"sel '{sheet.title}'!{chr(64 + col)}{row} berisi angka di luar jangkauan "
                    "Excel; ketik ulang angkanya, simpan, lalu coba lagi")


def _too_tall(sheet: SheetData) -> _Refused:
    return _Refused(f"lembar '{sheet.title}' berisi baris melewati baris {thousands(MAX_ROWS)} "
                    f"(batas lembar IKI); {TRIM}")


def _damaged(path: Path, exc: BaseException) -> BaseException:
    """What a reader's failure on a file means to the user (KeyboardInterrupt stays itself)."""
    if isinstance(exc, _Refused):
        return bad(path, str(exc))
    if isinstance(exc, InputError):
        return exc
    if not isinstance(exc, Exception) and type(exc).__name__ != "PanicException":
        return exc  # KeyboardInterrupt, SystemExit
    detail = str(exc).splitlines()[0][:160] if str(exc) else ""
    return bad(path, f"workbook rusak ({type(exc).__name__}{': ' + detail if detail else ''}); "
                     f"{WHAT_TO_DO}")
