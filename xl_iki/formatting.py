"""Values as people read them: dates the Indonesian way, as the decrees print them (7 Mei
2021), and numbers as the shortest text that reads back exactly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember")


def tanggal_id(value: dt.date | str | None) -> str:
    """A date the Indonesian way: 7 Mei 2021 (text is kept as it is)."""
    if isinstance(value, dt.date):
        return f"{value.day} {BULAN[value.month - 1]} {value.year}"
    return value or ""


def number_text(value: float | int) -> str:
    """The shortest text that reads back as exactly this number, never in exponent form.

    ``12345.678`` stays ``12345.678`` and ``1500000.0`` is ``1500000.0`` (``:g`` would
    write ``12345.7`` and ``1.5e+06``); ``1e-07`` is ``0.0000001``.
    """
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text
