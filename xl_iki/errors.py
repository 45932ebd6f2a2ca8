"""Problems found in user input, reported all at once and in Bahasa Indonesia."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem: where it is (file:line, sheet!cell, ...) and what to do about it."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class InputError(Exception):
    """A user's file cannot be used; carries every problem found in it."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: {len(problems)} masalah")

    def report(self) -> str:
        head = f"{self.source}: ditemukan {len(self.problems)} masalah, perbaiki lalu coba lagi:"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


class CatalogueError(InputError):
    """The catalogue (YAML/JSON) is not valid."""
