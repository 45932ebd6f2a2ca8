"""CSV text that spreadsheets open safely (OWASP's CSV-injection advice) and in columns.

Every text field is quoted, and any part of it a spreadsheet could take for a formula gets a
leading apostrophe: the start of the field and the start of every piece after a character a
spreadsheet might split on (``,`` ``;`` tab, line breaks), so ``Jumlah dokumen;=1+1;`` cannot
become a formula cell even when opened with the other separator. Numbers are not text: they
stay unquoted numbers (negative ones too), in the shortest form that reads back exactly.

The Indonesian locale writes ``;`` separators, decimal commas and a UTF-8 byte order mark,
which is what Excel with Indonesian regional settings needs to open the file in columns.
"""

from __future__ import annotations

import locale
import math
import numbers
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .formatting import number_text


@dataclass(frozen=True)
class CsvLocale:
    separator: str
    decimal: str
    bom: bool


LOCALES = {"en": CsvLocale(",", ".", bom=False), "id": CsvLocale(";", ",", bom=True)}

# where a spreadsheet could start a cell: the field's start, or after a character it might split
# on; dangerous when (after blanks or quotes) = + - @ tab or carriage return follow
_CELL_START = re.compile(r"(?:^|(?<=[,;\t\r\n]))(?=[ \"]*[=+\-@\t\r])")


# id_ID.UTF-8, id-ID, in_ID (an old code), Windows' "Indonesian_Indonesia"
_INDONESIAN = re.compile(r"(id|in)([_.\-]|$)|indonesian", re.IGNORECASE)


def system_locale() -> str:
    """``id`` when this computer's regional settings are Indonesian, else ``en``."""
    name = next((os.environ[v] for v in ("LC_ALL", "LC_NUMERIC", "LANG") if os.environ.get(v)),
                None) or locale.getlocale()[0] or ""
    return "id" if _INDONESIAN.match(name) else "en"


def neutralise(text: str) -> str:
    """Text with an apostrophe before every part a spreadsheet could run as a formula."""
    return _CELL_START.sub("'", text)


def field(value: object, loc: CsvLocale) -> str:
    """One CSV field: a number as a bare number, anything else as quoted, neutralised text."""
    if value is None:
        return ""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        number = int(value) if isinstance(value, numbers.Integral) else float(value)
        if not math.isfinite(number):  # a missing value (NaN from a table)
            return ""
        return number_text(number).replace(".", loc.decimal)
    return '"' + neutralise(str(value)).replace('"', '""') + '"'


def to_csv(header: Iterable[str], rows: Iterable[Iterable[object]],
           locale_name: str | None = None) -> str:
    """The whole CSV text (with the byte order mark the locale asks for)."""
    loc = LOCALES[locale_name or system_locale()]
    lines = [loc.separator.join(field(v, loc) for v in row) for row in (header, *rows)]
    # "\n" ends a line: text-mode writers turn it into the platform's line break
    return ("\ufeff" if loc.bom else "") + "".join(line + "\n" for line in lines)
