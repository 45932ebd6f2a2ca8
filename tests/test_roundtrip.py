"""Lossless export: catalogue -> workbook -> export -> catalogue -> workbook keeps every number."""

from __future__ import annotations

import json

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from strategies import catalogues
from test_catalogue import HEAD

from xl_iki.catalogue import loads
from xl_iki.catalogue.dump import to_data
from xl_iki.export import as_json, as_yaml
from xl_iki.formatting import number_text
from xl_iki.model import Catalogue, Indikator, Instansi, Jabatan, evaluate
from xl_iki.reader import read_workbook
from xl_iki.workbook import write_workbook


def numbers(path) -> dict[tuple[str, str], float]:
    """Every number stored in the workbook (entered values, bounds, weights)."""
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): c.value for ws in wb.worksheets for row in ws.iter_rows()
            for c in row if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)}


def as_catalogue(cat: Catalogue) -> Catalogue:
    """What the catalogue format makes of a model: written as YAML, loaded again."""
    return loads(yaml.safe_dump(to_data(cat), allow_unicode=True, sort_keys=False), "asli.yaml")


def ranged(lo: float, hi: float) -> Catalogue:
    ind = Indikator("r", "Rentang", "jumlah", sasaran="S", target=lo, target_max=hi)
    return Catalogue(Instansi("Dinas", "Kota", 2025),
                     (Jabatan("a", "Kepala", indikator=(ind,)),
                      Jabatan("b", "Staf", atasan="a", indikator=(ind,))))


@pytest.mark.office  # slow lane: a long run (see conftest.py)
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(cat=catalogues(exact=True))
@example(cat=ranged(12345.678, 12400.5))
@example(cat=ranged(1500000.0, 2000000.0))
def test_property_export_reads_back_identical(cat, tmp_path):
    first = write_workbook(cat, tmp_path / "pertama.xlsx")
    rec1 = read_workbook(first)
    text = as_yaml(rec1)
    exported = loads(text, "ekspor.yaml")
    assert exported == as_catalogue(cat)
    second = write_workbook(exported, tmp_path / "kedua.xlsx")
    assert numbers(second) == numbers(first)
    rec2 = read_workbook(second)
    assert rec2.catalogue == rec1.catalogue
    assert evaluate(rec2.catalogue) == evaluate(rec1.catalogue)
    assert as_yaml(rec2) == text


@pytest.mark.parametrize(("lo", "hi", "typed"), [(12345.678, 12400.5, "12345.678-12400.5"),
                                                 (1500000.0, 2000000.0, "1500000-2000000"),
                                                 (1e-7, 0.1 + 0.2, "0.0000001-0.30000000000000004"),
                                                 (1e20, 1.5e20, "100000000000000000000-"
                                                                "150000000000000000000")])
def test_range_targets_are_exported_as_typed(lo, hi, typed, tmp_path):
    """Today's main wrote '12345.7-12400.5' and '1.5e+06-2e+06' (which `new` rejects)."""
    rec = read_workbook(write_workbook(ranged(lo, hi), tmp_path / "iki.xlsx"))
    data = yaml.safe_load(as_yaml(rec))
    assert data["jabatan"][0]["indikator"][0]["target"] == typed
    ind = loads(as_yaml(rec)).jabatan[0].indikator[0]
    assert (ind.target, ind.target_max) == (lo, hi)
    rows = json.loads(as_json(rec))
    assert (rows[0]["target"], rows[0]["target_maks"]) == (lo, hi)


def test_atasan_survives_the_workbook(tmp_path):
    rec = read_workbook(write_workbook(ranged(1, 2), tmp_path / "iki.xlsx"))
    assert [j.atasan for j in rec.catalogue.jabatan] == [None, "a"]
    assert yaml.safe_load(as_yaml(rec))["jabatan"][1]["atasan"] == "a"


def test_atasan_of_a_deleted_sheet_is_left_out(tmp_path):
    path = write_workbook(ranged(1, 2), tmp_path / "iki.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb[wb.sheetnames[-3]]  # Kepala (before Staf and the hidden _iki)
    wb.save(path)
    text = as_yaml(read_workbook(path))
    assert "atasan" not in text
    loads(text)


def test_catalogue_numbers_are_exact_too():
    text = HEAD + "      - {nama: A, jenis: jumlah, target: 0.30000000000000004}\n"
    assert loads(text).jabatan[0].indikator[0].target == 0.1 + 0.2
    assert number_text(0.1 + 0.2) == "0.30000000000000004"


@pytest.mark.parametrize("unit", ["", "- Bidang Aplikasi Informatika", "-Sekretariat"])
def test_unit_kerja_reads_back_as_written(unit: str, tmp_path) -> None:
    """Only the dash printed for an empty unit kerja reads as empty; a leading dash of a
    unit's own name stays."""
    ind = Indikator("i", "Indikator", "jumlah", sasaran="S", target=1.0)
    cat = Catalogue(Instansi("Dinas", "Kota", 2025),
                    (Jabatan("a", "Kepala", unit_kerja=unit, indikator=(ind,)),))
    (jab,) = read_workbook(write_workbook(cat, tmp_path / "u.xlsx")).catalogue.jabatan
    assert jab.unit_kerja == unit
