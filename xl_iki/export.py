"""Exporting a workbook read back: catalogue YAML/JSON, or one tidy row per indicator."""

from __future__ import annotations

import json

import yaml

from .catalogue.dump import to_data
from .csvtext import to_csv
from .model.catalogue import QUARTER_LABELS, Catalogue
from .model.numbers import evaluate, realisasi_display
from .reader import Recovered

COLUMNS = ("instansi", "pemda", "tahun", "jabatan_id", "jabatan", "unit_kerja", "indikator_id",
           "sasaran", "indikator", "jenis", "satuan", "arah", "akumulasi", "target",
           "target_maks", *(f"tw{q}" for q in range(1, 5)), "realisasi", "capaian", "predikat",
           *(f"capaian_tw{q}" for q in range(1, 5)), "nilai", "periode", "peran",
           "lembar")


def indicator_rows(rec: Recovered) -> list[dict]:
    """One row per indicator, numbers computed by the Python model."""
    inst = rec.catalogue.instansi
    results = evaluate(rec.catalogue).indikator
    rows = []
    for js in rec.sheets:
        jab = js.plan.jabatan
        for ind in jab.indikator:
            res = results[jab.id, ind.id]
            rows.append({
                "instansi": inst.nama, "pemda": inst.pemda, "tahun": inst.tahun,
                "jabatan_id": jab.id, "jabatan": jab.nama, "unit_kerja": jab.unit_kerja,
                "indikator_id": ind.id, "sasaran": ind.sasaran, "indikator": ind.nama,
                "jenis": ind.jenis, "satuan": ind.satuan, "arah": ind.arah,
                "akumulasi": ind.akumulasi, "target": ind.target, "target_maks": ind.target_max,
                "periode": ind.periode, "peran": ind.peran,
                **{f"tw{q + 1}": res.quarters[q] for q in range(len(QUARTER_LABELS))},
                "realisasi": realisasi_display(ind, res.realisasi), "capaian": res.capaian,
                "predikat": res.predikat,
                **{f"capaian_tw{q + 1}": res.capaian_tw[q] for q in range(len(QUARTER_LABELS))},
                "nilai": res.nilai, "lembar": js.title,
            })
    return rows


def as_csv(rec: Recovered, csv_locale: str | None = None) -> str:
    """One row per indicator; ``csv_locale`` 'id' or 'en' (default: this computer's)."""
    return to_csv(COLUMNS, ([row[c] for c in COLUMNS] for row in indicator_rows(rec)),
                  csv_locale)


def as_json(rec: Recovered) -> str:
    return json.dumps(indicator_rows(rec), ensure_ascii=False, indent=1)


def as_yaml(rec: Recovered) -> str:
    return catalogue_yaml(rec.catalogue)


def catalogue_yaml(cat: Catalogue) -> str:
    """Catalogue format v1 as YAML text, ready for ``xl-iki new``."""
    header = "# Katalog IKI (format versi 1), diekspor dari workbook oleh xl-iki\n"
    return header + yaml.safe_dump(to_data(cat), allow_unicode=True, sort_keys=False,
                                   width=100)


FORMATS = {"yaml": as_yaml, "csv": as_csv, "json": as_json}


def render(rec: Recovered, fmt: str, csv_locale: str | None = None) -> str:
    """The export in one of FORMATS; only CSV depends on the locale."""
    return as_csv(rec, csv_locale) if fmt == "csv" else FORMATS[fmt](rec)
