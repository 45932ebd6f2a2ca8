"""Typed access to the fields of one catalogue mapping, collecting problems with their line."""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..errors import Problem
from .source import Mapping, Sequence, number_problem

MAX_TEXT = 32_700  # Excel holds 32,767 characters in a cell; room for "Pembilang: ", "12. "
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class Problems(list):
    """The problems of one catalogue file."""

    def __init__(self, source: str):
        super().__init__()
        self.source = source

    def add(self, line: int | str, context: str, message: str) -> None:
        """A problem at a YAML/JSON line, or at a sheet!cell of an authoring workbook."""
        if isinstance(line, str) and line:
            where = line
        else:
            where = f"{self.source}:{line}" if line else self.source
        self.append(Problem(where, f"{context}: {message}" if context else message))


class Fields:
    """One mapping of the catalogue: read its fields, report what is wrong with them."""

    def __init__(self, data: Any, problems: Problems, context: str, known: tuple[str, ...],
                 line: int = 0):
        self.problems = problems
        self.context = context
        if isinstance(data, Mapping):
            self.data, self.line = data, data.line
            for key, key_line in data.duplicates:
                self.error(f"kolom '{key}' ditulis dua kali; hapus salah satunya", key_line)
            for key in data:
                if key not in known:
                    self.error(_unknown_key(key, known), data.key_lines[key])
        else:
            self.data, self.line = Mapping(), line
            self.data.key_lines, self.data.duplicates = {}, []
            if data is not None:
                self.error(f"harus berupa pasangan kolom: nilai, bukan {describe(data)}")

    def line_of(self, key: str) -> int:
        return self.data.key_lines.get(key, self.line)

    def error(self, message: str, line: int | None = None) -> None:
        self.problems.add(self.line if line is None else line, self.context, message)

    def has(self, key: str) -> bool:
        return self.data.get(key) not in (None, "")

    def raw(self, key: str) -> Any:
        return self.data.get(key)

    def text(self, key: str, required: bool = False) -> str:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.error(f"kolom '{key}' wajib diisi", self.line_of(key))
            return ""
        if isinstance(value, (Mapping, Sequence)):
            self.error(f"'{key}' harus berupa teks, bukan {describe(value)}", self.line_of(key))
            return ""
        return self.clean(key, str(value))

    def clean(self, key: str, text: str, line: int | None = None) -> str:
        text = _CONTROL.sub("", text).strip()
        if len(text) > MAX_TEXT:
            self.error(f"'{key}' terlalu panjang ({len(text)} karakter); paling banyak "
                       f"{MAX_TEXT} karakter (satu sel Excel menampung 32767)",
                       line or self.line_of(key))
            return text[:MAX_TEXT]
        return text

    def texts(self, key: str) -> tuple[str, ...]:
        """A string or a list of strings."""
        value = self.data.get(key)
        if value is None or value == "":
            return ()
        if isinstance(value, Sequence):
            out = []
            for item, line in zip(value, value.item_lines):
                if isinstance(item, (Mapping, Sequence)) or item is None:
                    self.error(f"setiap butir '{key}' harus berupa teks", line)
                else:
                    out.append(self.clean(key, str(item), line))
            return tuple(out)
        return (self.text(key),)

    def number(self, key: str, minimum: float | None = None) -> float | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(f"'{key}' harus berupa angka, bukan {describe(value)}", self.line_of(key))
            return None
        if not self.usable(value, self.line_of(key), key):
            return None
        if minimum is not None and value < minimum:
            self.error(f"'{key}' tidak boleh kurang dari {minimum:g}", self.line_of(key))
        return float(value)

    def usable(self, value: float, line: int, what: str) -> bool:
        """Whether Excel can hold this number; a problem at ``line`` when it cannot."""
        why = number_problem(value)
        if why:
            self.error(f"{what} {value!r}: {why}; tulis angka biasa", line)
        return why is None

    def choice(self, key: str, choices: tuple[str, ...], default: str | None) -> str | None:
        value = self.data.get(key)
        if value is None or value == "":
            return default
        if value not in choices:
            self.error(f"{key} '{value}' tidak dikenal; pilih salah satu: {', '.join(choices)}",
                       self.line_of(key))
            return default
        return str(value)

    def items(self, key: str) -> list[tuple[Any, int]]:
        """The items of a list field, each with its line."""
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, Sequence):
            self.error(f"'{key}' harus berupa daftar (list), bukan {describe(value)}",
                       self.line_of(key))
            return []
        return list(zip(value, value.item_lines))


def describe(value: Any) -> str:
    if isinstance(value, Mapping):
        return "pasangan kolom"
    if isinstance(value, Sequence):
        return "daftar"
    if isinstance(value, bool):
        return f"nilai ya/tidak ({value})"
    return f"'{value}'"


def _unknown_key(key: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"; maksud Anda '{close[0]}'?" if close else f"; kolom yang dikenal: {', '.join(known)}"
    return f"kolom '{key}' tidak dikenal{hint}"
