"""Worksheet functions of the xl-iki add-in (xlwings UDFs): thin wrappers over the model.

The generated workbooks never call them (they keep native formulas, so they work where the
add-in is not installed); the functions are for people's own sheets. xlwings hands a UDF a
number as float, text as str, a blank cell as None and a multi-cell range as a list (one
row or column) or a list of rows. Off Windows the xlwings decorators do nothing, so these
are plain functions. Their docstrings are what Excel's Insert Function dialog shows (xlwings
passes ``__doc__`` as is), so each is one line of Bahasa Indonesia, without line breaks or
indentation; a result the model leaves empty is returned as "" (a blank cell).
The UDFs carry no type hints on purpose: xlwings takes a parameter's or the return's
annotation as its converter, and ``Any``, ``str`` or ``float`` are not converters.
"""

from __future__ import annotations

from typing import Any

import xlwings as xw

from .catalogue.parse import RANGE
from .model.catalogue import DEFAULT_PREDIKAT, Indikator, PredikatBand
from .model.jenis import ADA, ARAH, JENIS, TIDAK_ADA, label_values
from .model.nilai import NILAI_PRESETS, PERMENPANRB_8_2021, NilaiBand, NilaiTable
from .model.numbers import as_number, capaian, entry_number, nilai, predikat, round_capaian

__all__ = ["IKI_CAPAIAN", "IKI_CEK", "IKI_NILAI", "IKI_PREDIKAT"]

CATEGORY = "IKI"
OK = "OK"


def _flat(value: Any) -> list[Any]:
    """The cells of a scalar, a row/column list or a list of rows, row by row."""
    if not isinstance(value, (list, tuple)):
        return [value]
    return [cell for item in value for cell in _flat(item)]


def _rows(value: Any) -> list[list[Any]]:
    """A range as a list of rows (a flat list is one row)."""
    if not isinstance(value, (list, tuple)):
        return [[value]]
    if not any(isinstance(item, (list, tuple)) for item in value):
        return [list(value)]
    return [list(row) for row in value]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: Any) -> str:
    """A cell value as Excel shows it, for messages."""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float):
        return f"{value:g}"
    return f'"{value}"' if isinstance(value, str) else str(value)


def _number_text(text: str) -> float:
    return float(text.strip().replace(",", "."))


def _indikator(target: Any, arah: str) -> Indikator | str:
    """An indicator holding ``target`` (a number, a range text "80-90", Ada or Tidak Ada),
    or a message saying why the text is no target."""
    if isinstance(target, str):
        label = next((lb for lb in (ADA, TIDAK_ADA) if lb.casefold() == target.strip().casefold()),
                     None)
        if label:
            return Indikator(id="", nama="", jenis="ada_tidak", target=label)
        match = RANGE.match(target)
        if match and _number_text(match[1]) < _number_text(match[2]):
            return Indikator(id="", nama="", jenis="jumlah", arah=arah,
                             target=_number_text(match[1]), target_max=_number_text(match[2]))
        if not _blank(target):
            return (f"target {_shown(target)} tidak dikenal; tulis angka, rentang seperti "
                    f'"80-90", {ADA} atau {TIDAK_ADA}')
    return Indikator(id="", nama="", jenis="jumlah", arah=arah, target=as_number(target))


@xw.func(category=CATEGORY)
@xw.arg("realisasi", doc="Realisasi: angka (atau Ada / Tidak Ada)")
@xw.arg("target", doc='Target: angka, rentang seperti "80-90", atau Ada / Tidak Ada')
@xw.arg("arah", doc='"naik" (bawaan: makin besar makin baik) atau "turun"')
@xw.arg("batas", doc="Batas atas capaian dalam persen, misalnya 120 (boleh kosong)")
def IKI_CAPAIAN(realisasi, target, arah=None, batas=None):
    """Capaian (%) realisasi terhadap target (PermenPANRB 8/2021), seperti rumus workbook IKI."""
    arah = "naik" if _blank(arah) else str(arah).strip().casefold()
    if arah not in ARAH:
        return f"arah harus {' atau '.join(ARAH)}, bukan {_shown(arah)}"
    ind = _indikator(target, arah)
    if isinstance(ind, str):
        return ind
    value = capaian(ind, entry_number(ind, realisasi), as_number(batas))
    return "" if value is None else value


def _bands(tabel: Any) -> list[PredikatBand] | str:
    """Predikat bands from rows of (batas bawah, label), highest first; a message if bad."""
    bands = []
    for row in _rows(tabel):
        if all(_blank(cell) for cell in row):
            continue
        low = as_number(row[0])
        if len(row) < 2 or low is None or _blank(row[1]):
            return "tabel predikat: tiap baris berisi batas bawah (angka) lalu label"
        bands.append(PredikatBand(low, str(row[1]).strip()))
    return sorted(bands, key=lambda band: band.min, reverse=True)


@xw.func(category=CATEGORY)
@xw.arg("capaian", doc="Capaian dalam persen, misalnya hasil IKI_CAPAIAN")
@xw.arg("tabel", ndim=2, doc="Boleh kosong: dua kolom, batas bawah dan label predikat")
def IKI_PREDIKAT(capaian, tabel=None):
    """Predikat capaian: Sangat Tinggi, Tinggi, Sedang, Rendah, Sangat Rendah, atau tabel Anda."""
    bands = DEFAULT_PREDIKAT if _blank(tabel) else _bands(tabel)
    if isinstance(bands, str):
        return bands
    value = as_number(capaian)
    return predikat(bands, None if value is None else round_capaian(value))


def _nilai_table(tabel: Any, di_atas: Any, nilai_di_atas: Any) -> NilaiTable | str:
    """The nilai table: a preset (blank or its name), or rows of capaian awal, capaian akhir,
    nilai awal, nilai akhir (a point band: one capaian, one nilai); a message if bad."""
    cells = _flat(tabel)
    if all(_blank(cell) for cell in cells):
        return PERMENPANRB_8_2021
    if len(cells) == 1 and isinstance(cells[0], str):  # a name (xlwings gives [[name]])
        name = cells[0]
        return NILAI_PRESETS.get(name.strip().casefold(), f"tabel nilai {_shown(name)} tidak "
                                 f"dikenal; pilih {', '.join(NILAI_PRESETS)} atau sel berisi pita")
    bands = []
    for row in _rows(tabel):
        if all(_blank(cell) for cell in row):
            continue
        numbers = [as_number(cell) for cell in row[:4]]
        if len(numbers) < 4 or None in numbers or numbers[0] > numbers[1] or (
                numbers[0] == numbers[1] and numbers[2] != numbers[3]) or (
                numbers[0] < numbers[1] and numbers[2] >= numbers[3]):
            return ("tabel nilai: tiap baris berisi capaian awal, capaian akhir, nilai awal, "
                    "nilai akhir (awal < akhir; satu titik: awal = akhir untuk keduanya)")
        bands.append(NilaiBand(*numbers))  # type: ignore[arg-type]
    above = (as_number(di_atas), as_number(nilai_di_atas))
    if not bands or (None in above and above != (None, None)):
        return "tabel nilai: isi pita, dan di_atas bersama nilai_di_atas (keduanya angka)"
    return NilaiTable(tuple(sorted(bands, key=lambda b: b.capaian_min, reverse=True)), *above)


@xw.func(category=CATEGORY)
@xw.arg("capaian", doc="Capaian dalam persen, misalnya hasil IKI_CAPAIAN")
@xw.arg("tabel", ndim=2, doc="Boleh kosong (PermenPANRB 8/2021), atau empat kolom: capaian "
                              "awal, capaian akhir, nilai awal, nilai akhir")
@xw.arg("di_atas", doc="Dengan tabel sendiri: capaian di atas angka ini ...")
@xw.arg("nilai_di_atas", doc="... mendapat nilai ini (misalnya 110 dan 120)")
def IKI_NILAI(capaian, tabel=None, di_atas=None, nilai_di_atas=None):
    """Nilai capaian IKI (PermenPANRB 8/2021): interpolasi per kategori, di atas 110% = 120."""
    table = _nilai_table(tabel, di_atas, nilai_di_atas)
    if isinstance(table, str):
        return table
    value = as_number(capaian)
    result = nilai(table, None if value is None else round_capaian(value))
    return "" if result is None else result


def _problem(ind: Indikator, value: Any) -> str:
    """Why ``value`` is not an entry of the indicator's jenis."""
    labels = label_values(ind.jenis, ind.skala)
    if labels:
        return f"{_shown(value)} harus salah satu dari: {', '.join(labels)}"
    if isinstance(value, str):
        try:
            _number_text(value)
        except ValueError:
            return f"{_shown(value)} bukan angka; tulis angkanya saja, tanpa satuan atau teks"
        return f"{_shown(value)} tersimpan sebagai teks; ketik ulang sebagai angka"
    return f"{_shown(value)} bukan angka"


@xw.func(category=CATEGORY)
@xw.arg("nilai", doc="Sel yang diperiksa, misalnya target dan realisasi TW I-IV satu baris")
@xw.arg("jenis", doc='Jenis indikator (bawaan "jumlah"); "ada_tidak", "kualitatif", ...')
@xw.arg("skala", doc="Untuk jenis kualitatif: sel berisi label predikat, dari terendah")
def IKI_CEK(nilai, jenis=None, skala=None):
    """Memeriksa isian sel: "OK", atau masalah pertama (misalnya teks "12 dokumen" di sel angka)."""
    jenis = "jumlah" if _blank(jenis) else str(jenis).strip().casefold()
    if jenis not in JENIS:
        return f"jenis {_shown(jenis)} tidak dikenal; pilih salah satu: {', '.join(JENIS)}"
    labels = tuple(str(s).strip() for s in _flat(skala) if not _blank(s))
    ind = Indikator(id="", nama="", jenis=jenis, skala=labels)
    if JENIS[jenis].labels and not label_values(jenis, labels):
        return f"jenis {jenis}: isi argumen skala dengan label predikat, dari terendah"
    for n, value in enumerate(_flat(nilai), start=1):
        if not _blank(value) and entry_number(ind, value) is None:
            return f"sel ke-{n}: {_problem(ind, value)}"
    return OK
