"""Reading a catalogue file (YAML or JSON, format v1) into the model."""

from __future__ import annotations

from pathlib import Path

from ..errors import CatalogueError, Problem
from ..model.catalogue import Catalogue
from .checks import check_catalogue
from .fields import Problems
from .parse import build
from .source import SyntaxProblem, parse_text


def loads(text: str, source: str = "<katalog>") -> Catalogue:
    """Parse catalogue text; raise CatalogueError listing every problem found."""
    problems = Problems(source)
    try:
        data = parse_text(text)
    except SyntaxProblem as exc:
        problems.add(exc.line, "", str(exc))
        raise CatalogueError(source, problems) from None
    cat = build(data, problems)
    if cat is not None:
        check_catalogue(cat, problems)
    if problems or cat is None:
        raise CatalogueError(source, problems)
    return cat


EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls")  # read as authoring workbooks


def load(path: str | Path) -> Catalogue:
    """Read a catalogue file (.yaml, .yml or .json), or an authoring workbook (.xlsx, .ods)."""
    path = Path(path)
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return _load_authoring(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CatalogueError(str(path), [_problem(path, "berkas tidak ditemukan")]) from None
    except UnicodeDecodeError:
        raise CatalogueError(str(path), [_problem(path, "berkas bukan teks UTF-8; simpan ulang "
                                                        "sebagai UTF-8")]) from None
    except OSError as exc:
        raise CatalogueError(str(path), [_problem(path, f"tidak dapat dibaca ({exc.strerror})")]
                             ) from None
    return loads(text, str(path))


def _problem(path: Path, message: str) -> Problem:
    return Problem(str(path), message)


__all__ = ["load", "loads"]


def _load_authoring(path: Path) -> Catalogue:
    from ..authoring.load import load_authoring

    return load_authoring(path)
