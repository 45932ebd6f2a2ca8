"""Exporting a workbook read back: catalogue YAML/JSON, or one tidy row per indicator."""

from __future__ import annotations

import json

from .csvtext import to_csv
from .model.catalogue import QUARTER_LABELS, Catalogue, Indikator
from .model.jenis import ADA, TIDAK_ADA
from .model.numbers import evaluate, realisasi_display
from .reader import Recovered

COLUMNS = ("instansi", "pemda", "tahun", "jabatan_id", "jabatan", "unit_kerja", "indikator_id",
           "sasaran", "indikator", "jenis", "satuan", "arah", "akumulasi", "target",
           "target_maks", *(f"tw{q}" for q in range(1, 5)), "realisasi", "capaian", "predikat",
           *(f"capaian_tw{q}" for q in range(1, 5)), "nilai", "periode", "peran",
           "lembar", *(f"tw{q}_nilai" for q in range(1, 5)), "realisasi_nilai", "tujuan")
#: significant digits an export keeps of a computed value (quarters, realisasi): more than
#: Excel shows, none of the binary noise of a sum (``110.00000000000001`` becomes ``110.0``);
#: targets are exported exactly as typed
DIGITS = 12


def clean(value: object) -> object:
    """A float without binary noise; anything else unchanged."""
    return float(f"{value:.{DIGITS}g}") if isinstance(value, float) else value


def shown(ind: Indikator, value: object) -> object:
    """What a person reads: Ada/Tidak Ada, the skala label, or the (clean) number."""
    if value is None:
        return None
    if ind.jenis == "kualitatif" and float(value).is_integer():
        return realisasi_display(ind, value)
    if ind.jenis == "ada_tidak" and value in (0, 1):
        return ADA if value == 1 else TIDAK_ADA
    return clean(value)


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
                **{f"tw{q + 1}": shown(ind, res.quarters[q]) for q in range(len(QUARTER_LABELS))},
                "realisasi": shown(ind, res.realisasi), "capaian": res.capaian,
                "predikat": res.predikat,
                **{f"capaian_tw{q + 1}": res.capaian_tw[q] for q in range(len(QUARTER_LABELS))},
                "nilai": clean(res.nilai), "lembar": js.title,
                **{f"tw{q + 1}_nilai": clean(res.quarters[q]) for q in range(len(QUARTER_LABELS))},
                "realisasi_nilai": clean(res.realisasi), "tujuan": ind.tujuan,
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
    import yaml  # here: consolidation takes the rows of this module, never YAML

    from .catalogue.dump import to_data

    header = "# Katalog IKI (format versi 1), diekspor dari workbook oleh xl-iki\n"
    return header + yaml.safe_dump(to_data(cat), allow_unicode=True, sort_keys=False,
                                   width=100)


FORMATS = {"yaml": as_yaml, "csv": as_csv, "json": as_json}


def render(rec: Recovered, fmt: str, csv_locale: str | None = None) -> str:
    """The export in one of FORMATS; only CSV depends on the locale."""
    return as_csv(rec, csv_locale) if fmt == "csv" else FORMATS[fmt](rec)
