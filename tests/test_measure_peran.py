"""peran: pendukung — shown and computed, never counted in the jabatan's mean or counts."""

from __future__ import annotations

import openpyxl
from cases import KADIS, broad_catalogue

from xl_iki.catalogue import loads
from xl_iki.catalogue.dump import to_data
from xl_iki.model import evaluate
from xl_iki.reader import read_workbook
from xl_iki.workbook import write_workbook

YAML = KADIS + """
      - {id: spbe, nama: Indeks SPBE, jenis: rata_rata, target: 3, realisasi: [null, null, null, 3]}
      - {id: aspek, nama: Aspek Kebijakan, jenis: rata_rata, target: 4, peran: pendukung,
         realisasi: [null, null, null, 2]}
"""


def test_pendukung_is_computed_but_not_counted():
    cat = loads(YAML)
    res = evaluate(cat)
    assert res.indikator["kadis", "aspek"].capaian == 50.0
    summary = res.jabatan["kadis"]
    assert summary.rata_rata_capaian == 100.0  # not (100 + 50) / 2
    assert summary.jumlah_per_predikat["Sangat Rendah"] == 0
    assert summary.jumlah_per_predikat["Sangat Tinggi"] == 1


def test_pendukung_survives_workbook_and_yaml(tmp_path):
    cat = loads(YAML)
    path = write_workbook(cat, tmp_path / "iki.xlsx")
    rec = read_workbook(path)
    assert [i.peran for i in rec.catalogue.jabatan[0].indikator] == ["utama", "pendukung"]
    data = to_data(cat)["jabatan"][0]["indikator"]
    assert "peran" not in data[0] and data[1]["peran"] == "pendukung"
    rekap = openpyxl.load_workbook(path)["Rekap"]
    summary = next(r for r in rekap.iter_rows() if r[1].value and "Kepala Dinas" in
                   str(r[1].value) and r[3].value == 1)
    assert "$AY$" in summary[4].value  # the mean reads the counted capaian only


def test_broad_set_has_a_pendukung():
    assert any(i.peran == "pendukung" for j in broad_catalogue().jabatan for i in j.indikator)
