"""iku: the office's own indicators on an IKU sheet, referenced as iku.<id>, never in a mean."""

from __future__ import annotations

import openpyxl
import pytest
import yaml

from xl_iki.catalogue import loads
from xl_iki.catalogue.dump import to_data
from xl_iki.errors import CatalogueError
from xl_iki.export import indicator_rows
from xl_iki.model import evaluate
from xl_iki.reader import read_workbook
from xl_iki.validation import validate
from xl_iki.workbook import write_workbook

YAML = """
versi: 1
instansi: {nama: Dinas Kominfo, pemda: Kota Contoh, tahun: 2026}
iku:
  - {id: spbe, tujuan: Tata kelola digital yang andal, sasaran: Meningkatnya SPBE,
     nama: Indeks SPBE, jenis: rata_rata, target: 3.5, komponen: [{ref: kadis.aspek}]}
jabatan:
  - id: kadis
    nama: Kepala Dinas
    indikator:
      - {id: aspek, nama: Indeks aspek, jenis: rata_rata, target: 3.5,
         realisasi: [null, null, null, 3.2], periode: tahunan}
      - {id: turunan, nama: Indeks SPBE (IKU), jenis: rata_rata, target: 3,
         komponen: [{ref: iku.spbe}]}
"""


def test_iku_is_computed_and_referenced_both_ways():
    cat = loads(YAML)
    assert cat.jabatan[0].iku and cat.jabatan[0].id == "iku"
    res = evaluate(cat)
    assert res.indikator["iku", "spbe"].realisasi == 3.2  # cascading up, from kadis.aspek
    assert res.indikator["kadis", "turunan"].realisasi == 3.2  # cascading down, from iku.spbe
    # the jabatan's mean counts its own two indicators only
    assert res.jabatan["kadis"].rata_rata_capaian == pytest.approx((91.43 + 106.67) / 2, abs=0.01)


def test_iku_sheet_not_in_the_rekap_and_round_trips(tmp_path):
    cat = loads(YAML)
    path = write_workbook(cat, tmp_path / "iki.xlsx")
    wb = openpyxl.load_workbook(path)
    assert "IKU" in wb.sheetnames
    rekap_text = " ".join(str(c.value) for row in wb["Rekap"].iter_rows() for c in row)
    assert "'IKU'!" not in rekap_text
    rec = read_workbook(path)
    iku = rec.catalogue.jabatan[0]
    assert iku.iku and iku.indikator[0].tujuan == "Tata kelola digital yang andal"
    assert [f.code for f in validate(rec)] == []
    rows = indicator_rows(rec)
    assert rows[0]["jabatan_id"] == "iku"  # consolidate can report them apart
    data = to_data(cat)
    assert data["iku"][0]["tujuan"] == "Tata kelola digital yang andal"
    assert [j["id"] for j in data["jabatan"]] == ["kadis"]
    assert loads(yaml.safe_dump(data, allow_unicode=True)) == cat


def test_a_jabatan_called_iku_is_refused():
    with pytest.raises(CatalogueError) as err:
        loads(YAML.replace("id: kadis", "id: iku").replace("kadis.aspek", "iku.aspek"))
    assert "'iku'" in err.value.report()
