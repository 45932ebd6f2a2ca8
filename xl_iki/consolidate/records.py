"""One indicator row of a consolidation, kept compact: a tuple that reads like the dict."""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import ClassVar

from ..export import COLUMNS


class Row(tuple):
    """One indicator row as a tuple (a quarter of a dict's memory) that reads like the dict."""

    __slots__ = ()
    FIELDS = (*COLUMNS, "berkas")
    INDEX: ClassVar[dict[str, int]] = {name: n for n, name in enumerate(FIELDS)}

    @classmethod
    def of(cls, row: dict) -> Row:
        return cls(row.get(name) for name in cls.FIELDS)

    def __getitem__(self, key):
        return tuple.__getitem__(self, self.INDEX[key] if isinstance(key, str) else key)

    def get(self, key: str, default: object = None) -> object:
        return self[key] if key in self.INDEX else default

    @classmethod
    def picker(cls, *names: str) -> Callable[[Row], tuple]:
        """A fast getter of several fields: positions read from a plain copy of the tuple
        (an itemgetter on the Row itself would go through the by-name ``__getitem__``)."""
        get = itemgetter(*(cls.INDEX[n] for n in names))
        return lambda row: get(tuple(row))


def picker(rows: list, *names: str) -> Callable[[object], tuple]:
    """A getter of ``names`` for these rows, whether Rows or dicts."""
    return Row.picker(*names) if rows and isinstance(rows[0], Row) else itemgetter(*names)
