"""An authoring workbook as a catalogue, with every problem at its sheet!cell."""

from __future__ import annotations

from pathlib import Path

from ..catalogue.checks import Place, check_catalogue
from ..catalogue.fields import Problems
from ..catalogue.parse import build
from ..catalogue.source import Mapping
from ..errors import CatalogueError
from ..model.catalogue import Catalogue
from .read import read_authoring


def _places(cat: Catalogue, data: Mapping) -> Place:
    """The cell of a jabatan's or an indicator's field, for the checks across the catalogue.

    ``build`` keeps the order of the data, so the n-th jabatan (indicator) of the model is the
    n-th row read from the sheet.
    """
    cells: dict[tuple[str, str | None, str], str] = {}
    for jab, item in zip(cat.jabatan, data["jabatan"]):
        for field in ("nama", "atasan"):
            cells.setdefault((jab.id, None, field), item.key_lines.get(field, item.line))
        for ind, row in zip(jab.indikator, item["indikator"]):
            cells.setdefault((jab.id, ind.id, "komponen"), row.key_lines.get("komponen", row.line))
    return lambda jab, ind, field: cells.get((jab, ind, field), 0)


def load_authoring(path: str | Path) -> Catalogue:
    """The catalogue of an authoring workbook; CatalogueError listing every problem."""
    problems = Problems(str(path))
    data = read_authoring(path, problems)
    cat = build(data, problems)
    if cat is not None:
        check_catalogue(cat, problems, _places(cat, data))
    if problems or cat is None:
        raise CatalogueError(str(path), problems)
    return cat
