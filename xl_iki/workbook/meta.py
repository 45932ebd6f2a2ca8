"""A very hidden sheet with the catalogue-level facts a reader needs to rebuild the catalogue."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict

from openpyxl.workbook import Workbook

from .. import __version__
from ..model.catalogue import Catalogue
from .layout import META as TITLE


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def write_meta(wb: Workbook, cat: Catalogue) -> None:
    ws = wb.create_sheet(TITLE)
    ws.sheet_state = "veryHidden"
    instansi = {k: v for k, v in asdict(cat.instansi).items() if v is not None}
    if cat.instansi.keputusan:
        instansi["keputusan"]["tanggal"] = _plain(cat.instansi.keputusan.tanggal)
    rows = (
        ("format", "xl-iki"),
        ("generator", __version__),
        ("versi", cat.versi),
        ("instansi", json.dumps(instansi, ensure_ascii=False)),
        ("predikat", json.dumps([asdict(b) for b in cat.predikat], ensure_ascii=False)),
        *((("nilai", json.dumps(asdict(cat.nilai), ensure_ascii=False)),) if cat.nilai else ()),
    )
    for row in rows:
        ws.append(row)
    ws.protection.sheet = True
