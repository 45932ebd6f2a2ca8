"""Validation results for people (grouped by sheet) and for programs (JSON)."""

from __future__ import annotations

import json
from itertools import groupby

from .findings import GALAT, INFO, PERINGATAN, Finding

LABEL = {GALAT: "GALAT", PERINGATAN: "PERINGATAN", INFO: "INFO"}


def as_text(source: str, findings: list[Finding]) -> str:
    problems = [f for f in findings if f.severity != INFO]
    errors = sum(f.severity == GALAT for f in findings)
    lines = [f"{source}: {errors} galat, {len(problems) - errors} peringatan"]
    for sheet, group in groupby(findings, key=lambda f: f.sheet):
        lines.append(f"\nLembar '{sheet}':")
        for f in group:
            where = f"{f.cell:>6}" if f.cell else "      "
            lines.append(f"  {where}  {LABEL[f.severity]:<10} [{f.code}] {f.message}")
    if not problems:
        lines.append("Tidak ada masalah ditemukan.")
    return "\n".join(lines)


def as_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1)
