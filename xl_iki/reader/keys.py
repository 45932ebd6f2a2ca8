"""Checks of the hidden structure a reader relies on: the keys in column A and the meta sheet.

The generator wrote them, but people and programs damage them (a key typed over, a cell
reformatted, a file repaired by Excel). Each check returns what is wrong in Bahasa Indonesia,
or None; the reader turns the answers into one InputError naming every place.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ..model.catalogue import PERAN, PERIODE
from ..model.jenis import AKUMULASI, ARAH, JENIS

WHAT_TO_DO = ("struktur tersembunyi workbook rusak; jangan mengubah kolom A dan lembar "
              "tersembunyi. Pakai cadangan, atau buat ulang workbook dengan `xl-iki new` lalu "
              "salin isiannya")

Check = Callable[[object], "str | None"]


def _text(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return f"berupa {_kind(value)}, seharusnya teks"
    return None


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _number(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"berupa {_kind(value)}, seharusnya angka"
    if (isinstance(value, float) and not math.isfinite(value)) or abs(value) > 10**15:
        return f"'{_shown(value)}' bukan angka yang wajar"
    return None


def _optional_number(value: object) -> str | None:
    return None if value is None else _number(value)


def _choice(allowed) -> Check:
    def check(value: object) -> str | None:
        if value not in allowed:
            return f"'{_shown(value)}' tidak dikenal (pilihan: {', '.join(allowed)})"
        return None
    return check


def _skala(value: object) -> str | None:
    if not isinstance(value, list) or any(_text(v) for v in value):
        return f"berupa {_kind(value)}, seharusnya daftar label atau angka"
    return None


def _whole(value: object) -> str | None:
    if _number(value) or not (isinstance(value, int) or value.is_integer()):
        return f"'{_shown(value)}' bukan bilangan bulat"
    return None


def _tahun(value: object) -> str | None:
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == 4:
        return None
    if _whole(value) or not 1000 <= value <= 9999:
        return f"'{_shown(value)}' bukan tahun (empat angka)"
    return None


def _record(fields: tuple[str, ...]) -> Check:
    def check(value: object) -> str | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            return f"berupa {_kind(value)}, seharusnya objek"
        unknown = sorted(set(value) - set(fields))
        if unknown:
            return f"bagian '{unknown[0]}' tidak dikenal"
        return next((f"'{k}' {p}" for k, v in value.items() if (p := _optional_text(v))), None)
    return check


INDIKATOR = {"ind": _text, "jenis": _choice(tuple(JENIS)), "arah": _choice(ARAH),
             "akumulasi": _choice(AKUMULASI), "skala": _skala, "periode": _choice(PERIODE),
             "tw": _whole, "peran": _choice(PERAN), "salin": _text, "tujuan": _text}
KOMPONEN = {"kmp": _optional_text, "n": _whole, "peran": _text, "ref": _optional_text}
JABATAN = {"jabatan": _text, "atasan": _optional_text, "iku": _whole}
INSTANSI = {"nama": _text, "pemda": _text, "tahun": _tahun,
            "keputusan": _record(("nomor", "tanggal", "tempat")),
            "penandatangan": _record(("jabatan", "nama", "pangkat", "nip")),
            "batas_capaian": _optional_number}
BAND = {"min": _number, "label": _text}


def problem(value: object, fields: dict[str, Check], required: tuple[str, ...] = ()) -> str | None:
    """What is wrong with one key (a JSON object), or None when every known field is sound."""
    if not isinstance(value, dict):
        return f"berupa {_kind(value)}, seharusnya objek JSON"
    for name in required:
        if name not in value:
            return f"'{name}' tidak ada"
    for name, check in fields.items():
        if name in value and (wrong := check(value[name])):
            return f"'{name}' {wrong}"
    return None


NILAI_BAND = {"capaian_min": _number, "capaian_max": _number, "nilai_min": _number,
              "nilai_max": _number, "label": _text}
NILAI = {"above": _optional_number, "above_nilai": _optional_number, "name": _text}


def nilai_problem(value: object) -> str | None:
    """What is wrong with the nilai table of the meta sheet, or None."""
    if wrong := problem(value, NILAI, ("bands",)):
        return wrong
    if not isinstance(value["bands"], list) or not value["bands"]:  # type: ignore[index]
        return "'bands' seharusnya daftar pita"
    for n, band in enumerate(value["bands"], start=1):  # type: ignore[index]
        if wrong := problem(band, NILAI_BAND, tuple(NILAI_BAND)):
            return f"pita ke-{n}: {wrong}"
    if set(value) - {"bands", *NILAI}:  # type: ignore[arg-type]
        return "bagian yang tidak dikenal"
    return None


def bands_problem(value: object) -> str | None:
    """What is wrong with the predikat bands of the meta sheet, or None."""
    if not isinstance(value, list):
        return f"berupa {_kind(value)}, seharusnya daftar"
    for n, band in enumerate(value, start=1):
        if wrong := problem(band, BAND, ("min", "label")):
            return f"pita ke-{n}: {wrong}"
    return None


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _kind(value: object) -> str:
    return {dict: "objek", list: "daftar", str: "teks", bool: "benar/salah", type(None): "kosong",
            int: "angka", float: "angka"}.get(type(value), type(value).__name__)
