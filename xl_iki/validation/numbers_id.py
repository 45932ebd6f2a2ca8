"""Reading a number out of what a person typed: "1.234,5", "12 dokumen", "85%", "Rp 1.000"."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"[-+]?\d[\d.,]*")


def parse_number(text: str) -> float | None:
    """The number a text most likely means (Indonesian conventions first), or None."""
    found = _NUMBER.findall(text.replace("\u00a0", " "))
    if len(found) != 1:
        return None
    raw = found[0].rstrip(".,")
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:  # both: the last one is the decimal separator
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        raw = raw.replace(thousands, "").replace(decimal, ".")
    elif commas:
        raw = raw.replace(",", "") if _grouped(raw, ",") else raw.replace(",", ".")
    elif dots and _grouped(raw, "."):
        raw = raw.replace(".", "")
    try:
        return float(raw)
    except ValueError:
        return None


def _grouped(raw: str, sep: str) -> bool:
    """True when ``sep`` separates groups of three digits (1.234.567), i.e. thousands.

    A single comma group (1,234) is read as a decimal comma, the Indonesian way.
    """
    head, *groups = raw.lstrip("+-").split(sep)
    return (bool(groups) and 1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)
            and (len(groups) > 1 or sep == "."))
