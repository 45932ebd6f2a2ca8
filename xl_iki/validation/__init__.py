"""Checking a filled workbook: every problem with its code, severity and sheet!cell."""

from __future__ import annotations

from ..model.numbers import evaluate
from ..reader.recover import Recovered
from ..workbook.refs import locate
from . import verifikasi  # noqa: F401  (registers the verification rules)
from .findings import GALAT, INFO, PERINGATAN, Finding, Options
from .rules import RULES, Context


def validate(rec: Recovered, options: Options | None = None) -> list[Finding]:
    """Run every rule of the registry; findings ordered by sheet, then row."""
    ctx = Context(rec, evaluate(rec.catalogue), options or Options())
    found = [f for r in RULES.values() for f in r.check(ctx)]
    order = {title: n for n, title in enumerate(s.title for s in rec.book.sheets)}
    return sorted(found, key=lambda f: (order.get(f.sheet, 0),
                                        locate(f.cell)[0] if f.cell else 0, f.cell))


__all__ = ["GALAT", "INFO", "PERINGATAN", "RULES", "Finding", "Options", "validate"]
