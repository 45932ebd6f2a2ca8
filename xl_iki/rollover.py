"""Next year's workbook from this year's (``xl-iki tahun-baru`` and the Tahun Baru button).

The catalogue is the one read back from the workbook, so jabatan and indicators staff added
by copying sheets come along. Next year: same instansi, jabatan and indicators; tahun + 1;
realisasi, keterangan and the decree's nomor and tanggal cleared; targets from the Renstra
plan (``target_tahunan``, kept in the workbook) when it has the year, else left for entry.
Last year's numbers go to a read-only Tahun Lalu sheet.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Problem
from .export import indicator_rows
from .model.catalogue import QUARTERS, Catalogue, Entry, Indikator, Instansi
from .reader import Recovered
from .reader.recover import text
from .workbook import write_workbook
from .workbook.meta import TITLE as META_TITLE
from .workbook.tahun_lalu_sheet import LastYearRow, TahunLaluWriter

Plan = dict[str, tuple[tuple[int, Entry, float | None], ...]]  # "jabatan.indikator" -> years
EMPTY = (None,) * QUARTERS


@dataclass(frozen=True)
class Rollover:
    """What the new year's workbook holds."""

    catalogue: Catalogue
    last_year: list[LastYearRow]
    from_plan: int  # targets taken from target_tahunan
    #: what ``xl-iki new`` would refuse in the catalogue written beside the workbook (e.g. a
    #: copied sheet whose jabatan nobody renamed): said, the workbook is written all the same
    to_fix: tuple[Problem, ...] = ()


def next_year(rec: Recovered, source: str, tahun: int | None = None) -> Rollover:
    """The next year's catalogue and last year's rows, from a workbook read back."""
    old = rec.catalogue.instansi.tahun
    new = tahun or old + 1
    if old and new <= old:
        raise InputError(source, [Problem(source, f"tahun baru {new} harus sesudah tahun "
                                          f"workbook ini ({old}); pilih --tahun {old + 1} "
                                          "atau sesudahnya")])
    if not 2000 <= new <= 2100:
        raise InputError(source, [Problem(source, f"tahun {new} tidak dikenal; tulis tahun "
                                          "seperti 2026 dengan --tahun")])
    plan = renstra(rec)
    used = 0
    jabatan = []
    for jab in rec.catalogue.jabatan:
        items = []
        for ind in jab.indikator:
            years = plan.get(f"{jab.id}.{ind.id}", ())
            items.append(_cleared(ind, years, new))
            used += any(year == new for year, _, _ in years)
        jabatan.append(dataclasses.replace(jab, indikator=tuple(items)))
    cat = dataclasses.replace(rec.catalogue, instansi=_instansi(rec.catalogue.instansi, new),
                              jabatan=tuple(jabatan))
    return Rollover(cat, _last_year(rec), used)


def renstra(rec: Recovered) -> Plan:
    """The ``target_tahunan`` the workbook was made with (its hidden facts sheet)."""
    sheet = rec.book.sheet(META_TITLE)
    if sheet is None:
        return {}
    values = {text(sheet.get(r, 1)): sheet.get(r, 2) for r in range(1, sheet.max_row + 1)}
    try:
        data = json.loads(str(values.get("target_tahunan") or "{}"))
    except ValueError:
        return {}
    return {ref: tuple((int(y), t, float(h) if h is not None else None) for y, t, h in years)
            for ref, years in data.items()} if isinstance(data, dict) else {}


def _cleared(ind: Indikator, years: tuple, tahun: int) -> Indikator:
    target, high = next(((t, h) for y, t, h in years if y == tahun), (None, None))
    return dataclasses.replace(
        ind, target=target, target_max=high, realisasi=EMPTY, keterangan="",
        komponen=tuple(dataclasses.replace(k, realisasi=EMPTY) for k in ind.komponen),
        target_tahunan=tuple(t for t in years if t[0] > tahun))


def _instansi(inst: Instansi, tahun: int) -> Instansi:
    kep = inst.keputusan
    if kep is not None:  # a new decree: its number and date are not known yet
        tentang = re.sub(rf"\b{inst.tahun}\b", str(tahun), kep.tentang)
        kep = dataclasses.replace(kep, nomor="", tanggal=None, tentang=tentang)
    return dataclasses.replace(inst, tahun=tahun, keputusan=kep)


def _last_year(rec: Recovered) -> list[LastYearRow]:
    out = []
    for row in indicator_rows(rec):
        low, high = row["target"], row["target_maks"]
        target = (f"{_plain(low)} - {_plain(high)}" if high is not None
                  else "" if low is None else _plain(low))
        out.append(LastYearRow(row["jabatan_id"], row["indikator_id"], row["jabatan"],
                               row["indikator"], row["satuan"], target, row["realisasi"],
                               row["capaian"], row["predikat"]))
    return out


def _plain(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def write_next_year(rec: Recovered, source: str, out: Path, tahun: int | None = None,
                    template: str | Path | None = None) -> Rollover:
    """Write next year's workbook to ``out`` (atomically) and its catalogue beside it."""
    from .catalogue import loads
    from .errors import CatalogueError
    from .export import catalogue_yaml
    from .fileio import atomic_write

    result = next_year(rec, source, tahun)
    write_workbook(result.catalogue, out, template, extra=[TahunLaluWriter(
        rec.catalogue.instansi.tahun, result.catalogue.instansi.tahun, result.last_year)])
    text_yaml = catalogue_yaml(result.catalogue)
    atomic_write(catalogue_path(out), lambda tmp: tmp.write_text(text_yaml, encoding="utf-8"))
    try:
        loads(text_yaml, str(catalogue_path(out)))
    except CatalogueError as exc:
        return dataclasses.replace(result, to_fix=tuple(exc.problems))
    return result


def catalogue_path(out: Path) -> Path:
    return out.with_suffix(".yaml")


def default_output(source: Path, old: int, new: int) -> Path:
    """IKI_2025.xlsx -> IKI_2026.xlsx; a name without the year gets one: IKI -> IKI_2026."""
    stem = source.stem
    renamed = re.sub(rf"(?<!\d){old}(?!\d)", str(new), stem) if old else stem
    return source.with_name((renamed if renamed != stem else f"{stem}_{new}") + ".xlsx")
