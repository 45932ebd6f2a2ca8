"""The real engines the tests use as oracles: LibreOffice headless, Gnumeric's ssconvert and
the formulas package."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path

import office_guard
import openpyxl
import pytest

from xl_iki.workbook import layout as L


def soffice() -> str:
    """Path of LibreOffice's soffice; the test fails (never skips) when it is missing."""
    office_guard.check("LibreOffice")
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        pytest.fail("LibreOffice (soffice) tidak ditemukan: install libreoffice-calc-nogui; "
                    "tests that need it must not be skipped")
    return path


def libreoffice_convert(paths: list[Path], outdir: Path, fmt: str = "xlsx") -> list[Path]:
    """Open each file in LibreOffice headless, recalculate and save as ``fmt``."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run(
            [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--norestore", "--convert-to", fmt, "--outdir", str(outdir), *map(str, paths)],
            check=True, capture_output=True, timeout=600,
            env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"},
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = [outdir / (p.stem + "." + fmt.split(":")[0]) for p in paths]
    missing = [p for p in out if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return out


def ssconvert() -> str:
    """Path of Gnumeric's ssconvert; the test fails (never skips) when it is missing."""
    office_guard.check("Gnumeric")
    path = shutil.which("ssconvert")
    if not path:
        pytest.fail("Gnumeric (ssconvert) tidak ditemukan: install gnumeric; "
                    "tests that need it must not be skipped")
    return path


def gnumeric_convert(paths: list[Path], outdir: Path) -> list[Path]:
    """Open each file in Gnumeric, recalculate and save as .xlsx (``ssconvert --recalc``)."""
    outdir.mkdir(parents=True, exist_ok=True)
    out = [outdir / (p.stem + ".xlsx") for p in paths]
    for src, dst in zip(paths, out):
        subprocess.run([ssconvert(), "--recalc", str(src), str(dst)], check=True,
                       capture_output=True, timeout=600)
        assert dst.exists(), f"Gnumeric did not write {dst}"
    return out


ENGINES = ("LibreOffice", "Gnumeric")


def recalculated(books: dict[str, Path], outdir: Path) -> dict[str, dict[str, Path]]:
    """engine -> name -> the book recalculated and saved by LibreOffice (one start for all
    books) and by Gnumeric."""
    names, paths = list(books), list(books.values())
    return {"LibreOffice": dict(zip(names, libreoffice_convert(paths, outdir / "lo"))),
            "Gnumeric": dict(zip(names, gnumeric_convert(paths, outdir / "gn")))}


def formulas_values(path: Path) -> dict[tuple[str, str], object]:
    """Every cell value of ``path`` as computed by the formulas package."""
    import formulas

    model = formulas.ExcelModel().loads(str(path)).finish()
    solution = model.calculate()
    out: dict[tuple[str, str], object] = {}
    for ref, value in solution.items():
        ref = str(ref)
        if "]" not in ref or ":" in ref.split("!")[-1]:
            continue  # defined names, ranges and the #REF! of unresolved references
        sheet, cell = ref.rsplit("!", 1)
        sheet = sheet.split("]", 1)[1].strip("'").replace("''", "'")
        raw = value.value[0, 0] if hasattr(value, "value") else value
        out[sheet.upper(), cell.replace("$", "")] = plain(raw)
    return out


def plain(value: object) -> object:
    """Normalize an engine's cell value: blanks and empty text -> None, numbers -> float."""
    if value is None or value == "" or type(value).__name__ in ("XlEmpty", "_Empty"):
        return None
    if str(value) == "empty":
        return None
    if isinstance(value, bool):
        return value
    try:
        import numpy as np

        if isinstance(value, np.generic):
            value = value.item()
    except ImportError:  # pragma: no cover
        pass
    if isinstance(value, (int, float)):
        return float(value)
    return value


def open_book(path: Path, data_only: bool = False) -> openpyxl.Workbook:
    """A read-only openpyxl workbook (quiet about Gnumeric's missing default cell style)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Workbook contains no default style")
        return openpyxl.load_workbook(path, data_only=data_only, read_only=True)


def indicator_rows(path: Path) -> dict[tuple[str, str], tuple[str, int]]:
    """(jabatan id, indikator id) -> (sheet title, row), found through the hidden keys."""
    wb = open_book(path)
    out = {}
    for ws in wb.worksheets:
        sheet_key = None
        for row in ws.iter_rows(min_col=1, max_col=1):
            cell = row[0]
            key = L.parse_key(cell.value)
            if not key:
                continue
            if "jabatan" in key and key.get("iki"):
                sheet_key = key["jabatan"]
            elif "ind" in key and sheet_key:
                out[sheet_key, key["ind"]] = (ws.title, cell.row)
    wb.close()
    return out


def cached_values(path: Path) -> dict[tuple[str, str], object]:
    """Cell values stored in a file (after LibreOffice or Gnumeric recalculated it)."""
    wb = open_book(path, data_only=True)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    out[ws.title.upper(), cell.coordinate] = plain(cell.value)
    wb.close()
    return out


def rekap_rows(path: Path) -> tuple[str, dict[tuple[str, str], int], dict[str, int]]:
    """The Rekap sheet title, its indicator rows and its per-jabatan summary rows."""
    from xl_iki.workbook.rekap_sheet import KEY_COL

    wb = open_book(path)
    title, rows, summary = "", {}, {}
    for ws in wb.worksheets:
        col = openpyxl.utils.column_index_from_string(KEY_COL)
        first = L.parse_key(ws.cell(1, col).value) or {}
        if not first.get("rekap"):
            continue
        title = ws.title
        for row in ws.iter_rows(min_col=col, max_col=col):
            key = L.parse_key(row[0].value) or {}
            if "ind" in key:
                rows[key["jabatan"], key["ind"]] = row[0].row
            elif key.get("ringkasan") not in (None, "judul"):
                summary[key["ringkasan"]] = row[0].row
    wb.close()
    return title, rows, summary
