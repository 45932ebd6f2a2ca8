"""An authoring workbook as a catalogue, with every problem at its sheet!cell."""

from __future__ import annotations

from pathlib import Path

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from ..catalogue.checks import Place, check_catalogue
from ..catalogue.fields import Problems
from ..catalogue.parse import build
from ..catalogue.source import Mapping
from ..errors import CatalogueError, Problem
from ..model.catalogue import Catalogue
from .read import mapping, read_authoring
from .sheets import OPTIONAL, SHEETS

ORDER = (*SHEETS, *OPTIONAL)  # the sheets in the workbook's order


def _places(data: Mapping) -> Place:
    """The cell of a jabatan's or an indicator's field, for the checks across the catalogue.

    ``build`` keeps the order of the data, so the n-th jabatan (indicator) of the model is the
    n-th one read from the sheets.
    """
    groups = list(data["jabatan"])
    if "iku" in data:  # build puts the office's IKU first, as a jabatan
        iku = mapping(data.key_lines["iku"])
        iku["indikator"] = data["iku"]
        groups.insert(0, iku)

    def place(jab: int, ind: int | None, field: str) -> str:
        item = groups[jab]
        item = item if ind is None else item["indikator"][ind]
        return item.key_lines.get(field, item.line)
    return place


def _reading_order(problem: Problem) -> tuple[int, int, int]:
    """Sheet by sheet as in the workbook, then row by row: the order a person fixes them."""
    sheet, _, cell = problem.where.rpartition("!")
    if sheet not in ORDER:
        return (-1, 0, 0)
    column, row = coordinate_from_string(cell)
    return (ORDER.index(sheet), row, column_index_from_string(column))


def load_authoring(path: str | Path) -> Catalogue:
    """The catalogue of an authoring workbook; CatalogueError listing every problem."""
    problems = Problems(str(path))
    data = read_authoring(path, problems)
    cat = build(data, problems)
    if cat is not None:
        check_catalogue(cat, problems, _places(data))
    if problems or cat is None:
        raise CatalogueError(str(path), sorted(problems, key=_reading_order))
    return cat
