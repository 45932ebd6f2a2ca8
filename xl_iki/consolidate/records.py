"""One indicator row of a consolidation, kept compact: a plain tuple in :attr:`Row.FIELDS` order.

A plain tuple takes a quarter of a dict's memory, pickles between processes without its
field names, and is read at C speed by pandas, ``itemgetter`` and ``zip`` (a tuple subclass
with a by-name ``__getitem__`` made every one of those go through Python).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import ClassVar

import numpy as np

from ..export import COLUMNS


class Row:
    """The layout of an indicator row: the export's columns, then the file it came from."""

    FIELDS = (*COLUMNS, "berkas")
    INDEX: ClassVar[dict[str, int]] = {name: n for n, name in enumerate(FIELDS)}

    @classmethod
    def of(cls, row: dict) -> tuple:
        """The row of an export dict (fields it lacks are blank)."""
        return tuple(map(row.get, cls.FIELDS))

    @classmethod
    def picker(cls, *names: str) -> Callable[[tuple], tuple]:
        """A getter of several fields of a row."""
        return itemgetter(*(cls.INDEX[n] for n in names))


class Sharing:
    """One object for equal values, in the process that keeps every file's rows.

    Texts are shared across files (jenis, satuan, ids, units and names repeat from office to
    office); numbers only within a file (a quarter's value in ``tw1`` and ``tw1_nilai``, the
    year on every row): pickling between processes sends each number anew. Columns are
    shared whole, at C speed, where it is safe: never a zero (``0.0 == -0.0``) nor a column
    mixing integers, floats or booleans (``1 == 1.0 == True``).
    """

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}

    def rows(self, rows: list[tuple]) -> list[tuple]:
        if not rows:
            return rows
        own: dict[object, object] = {}  # this file's numbers (and texts of mixed columns)
        columns = []
        for column in zip(*rows):
            kinds = set(map(type, column))
            if kinds == {str}:
                column = map(self._texts.setdefault, column, column)
            elif len(kinds & _NUMBERS) <= 1 and kinds <= _SAFE and 0 not in column:
                column = map(own.setdefault, column, column)
            columns.append(column)
        return list(zip(*columns))


_NUMBERS = {int, float}
_SAFE = {int, float, str, type(None)}


CHUNK = 50_000  # rows turned into columns at a time: a small transient, never the whole table


def columns(rows: list[tuple], names: Sequence[str]) -> dict[str, np.ndarray]:
    """The ``names`` columns of ``rows`` as object arrays holding the rows' own values.

    Made chunk by chunk: building the whole table at once (``pandas.DataFrame(rows)``) held
    every field of every row twice more for a moment, 0.4 GB at 750,000 rows.
    """
    places = [Row.INDEX[name] for name in names]
    out = {name: np.empty(len(rows), dtype=object) for name in names}
    for start in range(0, len(rows), CHUNK):
        block = np.empty((len(rows[start:start + CHUNK]), len(Row.FIELDS)), dtype=object)
        block[:] = rows[start:start + CHUNK]
        for name, place in zip(names, places):
            out[name][start:start + len(block)] = block[:, place]
    return out
