"""Reading a catalogue file (YAML or JSON, format v1) into the model."""

from __future__ import annotations

from pathlib import Path

from ..errors import CatalogueError, Problem
from ..model.catalogue import Catalogue
from .checks import check_catalogue
from .fields import Problems
from .parse import build
from .source import MAX_CHARS, TOO_BIG, SyntaxProblem, parse_text


def loads(text: str, source: str = "<katalog>") -> Catalogue:
    """Parse catalogue text; raise CatalogueError listing every problem found."""
    problems = Problems(source)
    try:
        data, unusable = parse_text(text)
    except SyntaxProblem as exc:
        problems.add(exc.line, "", str(exc))
        raise CatalogueError(source, problems) from None
    for line, message in unusable:
        problems.add(line, "", message)
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
        text = _read_text(path)
    except FileNotFoundError:
        raise CatalogueError(str(path), [_problem(path, "berkas tidak ditemukan")]) from None
    except UnicodeDecodeError:
        raise CatalogueError(str(path), [_problem(path, "berkas bukan teks UTF-8; simpan ulang "
                                                        "sebagai UTF-8")]) from None
    except OSError as exc:
        raise CatalogueError(str(path), [_problem(path, f"tidak dapat dibaca ({exc.strerror})")]
                             ) from None
    return loads(text, str(path))


def _read_text(path: Path) -> str:
    """The file's text, read no further than a catalogue can be long (/dev/zero never ends)."""
    with path.open("rb") as stream:
        data = stream.read(4 * MAX_CHARS + 1)  # UTF-8 takes up to four bytes a character
    if len(data) > 4 * MAX_CHARS or len(text := data.decode("utf-8-sig")) > MAX_CHARS:
        raise CatalogueError(str(path), [_problem(path, TOO_BIG)])
    return text


def _problem(path: Path, message: str) -> Problem:
    return Problem(str(path), message)


__all__ = ["load", "loads"]


def _load_authoring(path: Path) -> Catalogue:
    from ..authoring.load import load_authoring

    return load_authoring(path)
