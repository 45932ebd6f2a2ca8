"""The model back to catalogue format v1 (plain data ready for YAML or JSON)."""

from __future__ import annotations

import contextlib
import datetime as dt

from ..formatting import number_text
from ..model.catalogue import DEFAULT_PREDIKAT, Catalogue, Entry, Indikator, Jabatan, Komponen
from ..model.jenis import JENIS, default_penjelasan
from ..model.nilai import NilaiTable
from .parse import DECREE_TEXT


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _entry(value: Entry) -> Entry:
    return _number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else value


def _quarters(values: tuple[Entry, ...]) -> list[Entry] | None:
    return [_entry(v) for v in values] if any(v is not None for v in values) else None


def _target(ind: Indikator) -> Entry:
    return target_entry(ind.target, ind.target_max)


def target_entry(target: Entry, target_max: float | None) -> Entry:
    """A target as the catalogue writes it: the entry, or a range as "lo-hi"."""
    if target_max is not None and isinstance(target, (int, float)):
        return f"{number_text(_number(target))}-{number_text(_number(target_max))}"
    return _entry(target)


def target_triwulan(ind: Indikator) -> list[Entry] | None:
    """The quarterly targets as the catalogue writes them (ranges as "lo-hi")."""
    if not ind.target_triwulan:
        return None
    return [target_entry(*ind.target_tw_bounds(q)) for q in range(len(ind.target_triwulan))]


def target_tahunan(ind: Indikator) -> dict:
    """``{tahun: target}`` as the catalogue writes it (a range as "lo-hi")."""
    return {year: target_entry(target, high) for year, target, high in ind.target_tahunan}


def _komponen(k: Komponen, cat: Catalogue) -> dict:
    out: dict = {}
    if k.ref:
        out["ref"] = k.ref
    source = cat.indikator(k.ref) if k.ref else None
    if k.nama and not (source and source.nama == k.nama):  # the sheet shows the source's nama
        out["nama"] = k.nama
    if k.bobot is not None:
        out["bobot"] = _number(k.bobot)
    if (realisasi := _quarters(k.realisasi)) and not k.ref:
        out["realisasi"] = realisasi
    return out


def _indikator(ind: Indikator, previous_sasaran: str | None, cat: Catalogue) -> dict:
    spec = JENIS[ind.jenis]
    out: dict = {"id": ind.id}
    if ind.sasaran != previous_sasaran:
        out["sasaran"] = ind.sasaran
    if ind.salin:
        return out | _salinan(ind, cat)
    out["nama"] = ind.nama
    out["jenis"] = ind.jenis
    rendered = default_penjelasan(ind.jenis, [(k.nama, k.bobot) for k in ind.komponen],
                                  ind.skala, ind.akumulasi)
    optional = {
        "satuan": (ind.satuan, spec.satuan),
        "arah": (ind.arah, "naik"),
        "akumulasi": (ind.akumulasi, spec.default_akumulasi),
        "target": (_target(ind), None),
        "penjelasan": (ind.penjelasan, rendered),  # the generator renders it again
        "sumber_data": (ind.sumber_data, ""),
        "penanggung_jawab": (ind.penanggung_jawab, ""),
        "skala": ([_entry(s) for s in ind.skala], []),
        "keterangan": (ind.keterangan, ""),
        "target_tahunan": (target_tahunan(ind), {}),
        "bukti_wajib": (ind.bukti_wajib, False),
        "periode": (ind.periode, "triwulanan"),
        "target_triwulan": (target_triwulan(ind), None),
        "rencana_aksi": ([t or None for t in ind.rencana_aksi], []),
        "peran": (ind.peran, "utama"),
        "tujuan": (ind.tujuan, ""),
    }
    out.update({key: value for key, (value, default) in optional.items()
                if value not in (default, None, "")})
    if ind.komponen:
        out["komponen"] = [_komponen(k, cat) for k in ind.komponen]
    elif realisasi := _quarters(ind.realisasi):
        out["realisasi"] = realisasi
    return out


def _salinan(ind: Indikator, cat: Catalogue) -> dict:
    """A salin indicator's own fields (the rest is its source's)."""
    source = cat.indikator(ind.salin or "")
    own = {"nama": (ind.nama, source.nama if source else ""), "salin": (ind.salin, None),
           "peran": (ind.peran, "utama"), "keterangan": (ind.keterangan, "")}
    return {key: value for key, (value, default) in own.items() if value not in (default, "")}


def _jabatan(jab: Jabatan, cat: Catalogue) -> dict:
    out: dict = {"id": jab.id, "nama": jab.nama}
    if jab.unit_kerja:
        out["unit_kerja"] = jab.unit_kerja
    if jab.atasan and any(j.id == jab.atasan for j in cat.jabatan):  # not one left dangling
        out["atasan"] = jab.atasan
    if jab.tugas:
        out["tugas"] = jab.tugas[0] if len(jab.tugas) == 1 else list(jab.tugas)
    if jab.fungsi:
        out["fungsi"] = list(jab.fungsi)
    previous: str | None = None
    items = []
    for ind in jab.indikator:
        items.append(_indikator(ind, previous, cat))
        previous = ind.sasaran
    out["indikator"] = items
    return out


def to_data(cat: Catalogue) -> dict:
    """Catalogue format v1 as plain dicts and lists (defaults left out)."""
    inst = cat.instansi
    instansi: dict = {"nama": inst.nama, "pemda": inst.pemda, "tahun": inst.tahun}
    if inst.keputusan:
        kep = inst.keputusan
        tanggal = kep.tanggal
        if isinstance(tanggal, str):
            with contextlib.suppress(ValueError):  # a free-text date stays text
                tanggal = dt.date.fromisoformat(tanggal)
        instansi["keputusan"] = {k: list(v) if isinstance(v, tuple) else v for k, v in (
            ("nomor", kep.nomor), ("tanggal", tanggal), ("tempat", kep.tempat),
            *((name, getattr(kep, name)) for name in DECREE_TEXT)) if v}
    if inst.penandatangan:
        sign = inst.penandatangan
        instansi["penandatangan"] = {k: v for k, v in vars(sign).items() if v}
    if inst.batas_capaian is not None:
        instansi["batas_capaian"] = _number(inst.batas_capaian)
    data: dict = {"versi": 1, "instansi": instansi}
    if cat.predikat != DEFAULT_PREDIKAT:
        data["predikat"] = [{"min": _number(b.min), "label": b.label} for b in cat.predikat]
    if cat.nilai:
        data["nilai"] = _nilai(cat.nilai)
    if iku := next((j for j in cat.jabatan if j.iku), None):
        data["iku"] = _jabatan(iku, cat)["indikator"]
    data["jabatan"] = [_jabatan(j, cat) for j in cat.jabatan if not j.iku]
    return data


def _nilai(table: NilaiTable) -> str | list:
    if table.name:
        return table.name
    def pair(lo: float, hi: float) -> list | float | int:
        return _number(lo) if lo == hi else [_number(lo), _number(hi)]
    rows: list = [{"capaian": pair(b.capaian_min, b.capaian_max),
                   "nilai": pair(b.nilai_min, b.nilai_max),
                   **({"label": b.label} if b.label else {})} for b in table.bands]
    if table.above is not None and table.above_nilai is not None:
        rows.append({"di_atas": _number(table.above), "nilai": _number(table.above_nilai)})
    return rows
