"""One indicator row of a consolidation, kept compact: a plain tuple in :attr:`Row.FIELDS` order.

A plain tuple takes a quarter of a dict's memory, pickles between processes without its
field names, and is read at C speed by pandas, ``itemgetter`` and ``zip`` (a tuple subclass
with a by-name ``__getitem__`` made every one of those go through Python).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import ClassVar

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


def picker(rows: list, *names: str) -> Callable[[object], tuple]:
    """A getter of ``names`` for these rows, whether tuples or dicts."""
    return itemgetter(*names) if rows and isinstance(rows[0], dict) else Row.picker(*names)


def shared(rows: list[tuple]) -> list[tuple]:
    """The rows with one object for equal texts and equal numbers, as a file's rows repeat
    them (its instansi, a jabatan on each of its rows, a quarter's value in ``tw1`` and
    ``tw1_nilai``): pickling sends each once, and memory keeps each once. Zeros are left
    alone (``0.0 == -0.0``), and texts and numbers are kept apart (``1 == 1.0 == True``)."""
    texts: dict[str, str] = {}
    numbers: dict[float, float] = {}

    def one(value: object) -> object:
        if value.__class__ is str:
            return texts.setdefault(value, value)
        if value.__class__ is float and value:
            return numbers.setdefault(value, value)
        return value

    return [tuple(map(one, row)) for row in rows]
