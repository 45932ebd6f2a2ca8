"""Nilai capaian (PermenPANRB 8/2021) and the predikat/nilai presets."""

from __future__ import annotations

import pytest
import yaml
from cases import NILAI_EXAMPLES, measure_catalogue

from xl_iki.catalogue import loads
from xl_iki.catalogue.dump import to_data
from xl_iki.errors import CatalogueError
from xl_iki.model import evaluate
from xl_iki.model.catalogue import DEFAULT_PREDIKAT
from xl_iki.model.nilai import PERMENPANRB_8_2021
from xl_iki.model.numbers import nilai, nilai_band
from xl_iki.reader import read_workbook
from xl_iki.workbook import write_workbook


@pytest.mark.parametrize("ind, capaian, expected", NILAI_EXAMPLES,
                         ids=[i.id for i, _, _ in NILAI_EXAMPLES])
def test_worked_examples(ind, capaian, expected):
    res = evaluate(measure_catalogue()).indikator["n", ind.id]
    assert res.capaian == capaian
    assert res.nilai == expected


def test_the_regulation_example_is_cukup():
    # 93 / 95 = 97.89%: Cukup, 70 + (89 - 70) / (99% - 80%) x (97.89% - 80%) = 87.89 -> 88
    assert nilai_band(PERMENPANRB_8_2021, 97.89).label == "Cukup"
    assert nilai(PERMENPANRB_8_2021, 97.89) == 88.0
    assert nilai(PERMENPANRB_8_2021, 110.01) == 120.0
    assert nilai(PERMENPANRB_8_2021, 110.0) is None  # Sangat Baik row: not sourced
    assert nilai(PERMENPANRB_8_2021, 100.01) is None


def test_the_regulation_example_is_baik():
    # Lampiran p. 243: target 85, realisasi 85, capaian 100%, kategori Baik, nilai 109
    assert nilai_band(PERMENPANRB_8_2021, 100.0).label == "Baik"
    assert nilai(PERMENPANRB_8_2021, 100.0) == 109.0
    # just below 100 is still Cukup: 70 + (89 - 70) / (99% - 80%) x (99.5% - 80%) = 89.5 -> 90
    assert nilai(PERMENPANRB_8_2021, 99.5) == 90.0


POINT = """
  - {capaian: [101, 110], nilai: [110, 120], label: Sangat Baik}
  - {capaian: 100, nilai: 109, label: Baik}
  - {capaian: [80, 99], nilai: [70, 89], label: Cukup}"""


def test_a_point_band_in_a_custom_table():
    cat = loads(YAML % POINT)
    assert nilai(cat.nilai, 100.0) == 109.0 and nilai(cat.nilai, 105.5) == 115.0
    assert to_data(cat)["nilai"][1] == {"capaian": 100, "nilai": 109, "label": "Baik"}
    assert loads(yaml.safe_dump(to_data(cat), allow_unicode=True)) == cat
    with pytest.raises(CatalogueError) as err:
        loads(YAML % POINT.replace("nilai: 109", "nilai: [90, 109]"))
    assert "pita satu titik" in err.value.report()


YAML = """
versi: 1
instansi: {nama: Dinas, pemda: Kota, tahun: 2026}
predikat: permendagri_86_2017
nilai: %s
jabatan:
  - id: a
    nama: A
    indikator:
      - {id: x, nama: X, jenis: rata_rata, target: 95, realisasi: [93, null, null, null]}
"""

CUSTOM = """
  - {capaian: [101, 110], nilai: [110, 120], label: Sangat Baik}
  - {capaian: [100, 101], nilai: [90, 109], label: Baik}
  - {capaian: [80, 99], nilai: [70, 89], label: Cukup}
  - {capaian: [0, 79], nilai: [0, 69]}
  - {di_atas: 110, nilai: 120}"""


def test_presets_by_name_and_yaml_round_trip():
    cat = loads(YAML % "permenpanrb_8_2021")
    assert cat.predikat == DEFAULT_PREDIKAT and cat.nilai == PERMENPANRB_8_2021
    assert to_data(cat)["nilai"] == "permenpanrb_8_2021"
    assert loads(yaml.safe_dump(to_data(cat), allow_unicode=True)) == cat


def test_custom_table_round_trips_and_fills_the_gap():
    cat = loads(YAML % CUSTOM)
    assert nilai(cat.nilai, 105.0) == 114.0  # 110 + (120 - 110) / (110 - 101) x 4 = 114.44
    assert loads(yaml.safe_dump(to_data(cat), allow_unicode=True)) == cat


def test_a_custom_table_must_give_a_nilai_up_to_di_atas():
    """The Sangat Baik row could not be sourced (docs/katalog.md), so a table of one's own
    must carry it: a gap below di_atas is an error at the table's line."""
    without = CUSTOM.replace(CUSTOM.splitlines()[1] + "\n", "")
    with pytest.raises(CatalogueError) as err:
        loads(YAML % without)
    report = err.value.report()
    assert ":5:" in report and "di atas 101 sampai 110 tidak punya nilai" in report


def test_nilai_survives_the_workbook(tmp_path):
    cat = loads(YAML % "permenpanrb_8_2021")
    rec = read_workbook(write_workbook(cat, tmp_path / "iki.xlsx"))
    assert rec.catalogue.nilai == PERMENPANRB_8_2021
    assert evaluate(rec.catalogue).indikator["a", "x"].nilai == 88.0


@pytest.mark.parametrize("value", ["permenpanrb_2099", "[{capaian: [90, 80], nilai: [1, 2]}]"])
def test_bad_nilai_is_named(value):
    with pytest.raises(CatalogueError) as err:
        loads(YAML % value)
    assert "nilai" in err.value.report()


def test_the_authoring_sheet_names_the_tables(tmp_path):
    import openpyxl as xl
    from test_authoring import authoring

    from xl_iki.catalogue import load

    path = authoring(tmp_path)
    wb = xl.load_workbook(path)
    labels = [c.value for c in wb["Instansi"]["A"]]
    wb["Instansi"].cell(labels.index("Nilai capaian (nama tabel)") + 1, 2, "permenpanrb_8_2021")
    wb["Instansi"].cell(labels.index("Predikat (nama tabel)") + 1, 2, "permendagri_86_2017")
    wb.save(path)
    cat = load(path)
    assert cat.nilai == PERMENPANRB_8_2021 and cat.predikat == DEFAULT_PREDIKAT
