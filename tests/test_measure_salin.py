"""salin: an indicator held by several jabatan, entered once and shown live in both places."""

from __future__ import annotations

import pytest
import yaml
from cases import KADIS

from xl_iki.catalogue import loads
from xl_iki.catalogue.dump import to_data
from xl_iki.errors import CatalogueError
from xl_iki.model import evaluate
from xl_iki.reader import read_workbook
from xl_iki.validation import validate
from xl_iki.validation.inputs import inputs
from xl_iki.workbook import write_workbook

YAML = KADIS + """
      - {id: layanan, salin: sekretaris.layanan, keterangan: bersama}
  - id: sekretaris
    nama: Sekretaris
    indikator:
      - {id: layanan, nama: Persentase layanan tepat waktu, jenis: persentase, target: 90,
         akumulasi: jumlah, target_triwulan: [90, 90, 90, 90],
         komponen: [{nama: Tepat waktu, realisasi: [8, 9, null, null]},
                    {nama: Semua layanan, realisasi: [10, 10, null, null]}]}
"""


def test_salin_takes_everything_from_its_source():
    cat = loads(YAML)
    copy, source = cat.jabatan[0].indikator[0], cat.jabatan[1].indikator[0]
    assert copy.salin == "sekretaris.layanan" and copy.nama == source.nama
    assert (copy.jenis, copy.target, copy.akumulasi) == ("persentase", 90.0, "jumlah")
    assert copy.keterangan == "bersama" and copy.komponen == ()
    res = evaluate(cat).indikator
    assert res["kadis", "layanan"] == res["sekretaris", "layanan"]
    assert res["kadis", "layanan"].capaian == 94.44  # 17/20 = 85% of 90


def test_salin_round_trips_through_yaml_and_the_workbook(tmp_path):
    cat = loads(YAML)
    data = to_data(cat)["jabatan"][0]["indikator"][0]
    assert data == {"id": "layanan", "sasaran": "", "salin": "sekretaris.layanan",
                    "keterangan": "bersama"}
    assert loads(yaml.safe_dump(to_data(cat), allow_unicode=True)) == cat
    rec = read_workbook(write_workbook(cat, tmp_path / "iki.xlsx"))
    copy = rec.catalogue.jabatan[0].indikator[0]
    assert copy.salin == "sekretaris.layanan" and copy.target == 90.0
    assert not [i for i in inputs(rec) if i.js.plan.jabatan.id == "kadis"]  # no second input
    assert [f.code for f in validate(rec)] == []


def test_salin_row_shows_numbers_like_its_source(tmp_path):
    import openpyxl

    from xl_iki.workbook import layout as L

    book = openpyxl.load_workbook(write_workbook(loads(YAML), tmp_path / "iki.xlsx"))
    rows = {}
    for ws in book.worksheets:
        for (cell,) in ws.iter_rows(min_col=1, max_col=1):
            key = L.parse_key(cell.value) or {}
            if key.get("ind") == "layanan":
                rows[ws.title] = (ws, cell.row)
    (copy_ws, copy_row), (src_ws, src_row) = rows.values()
    for col in (*L.TW, L.REALISASI, L.CAPAIAN):
        copied = copy_ws[f"{col.letter}{copy_row}"].number_format
        assert copied == src_ws[f"{col.letter}{src_row}"].number_format, col.letter


@pytest.mark.parametrize("change, message", [
    ("salin: sekretaris.layanan,", "salin: sekretaris.tidak_ada,"),
    ("salin: sekretaris.layanan,", "salin: sekretaris.layanan, jenis: jumlah,"),
    ("salin: sekretaris.layanan,", "salin: kadis.layanan,"),
])
def test_bad_salin_is_named(change, message):
    with pytest.raises(CatalogueError) as err:
        loads(YAML.replace(change, message))
    assert "salin" in err.value.report()


def test_the_authoring_sheet_takes_salin(tmp_path):
    from test_authoring import GOOD_ROWS, authoring

    from xl_iki.authoring.columns import DAFTAR_COLUMNS
    from xl_iki.catalogue import load

    fields = [c.field for c in DAFTAR_COLUMNS]
    row = [None] * len(fields)
    row[fields.index("jabatan")], row[fields.index("nama")] = "Sekretaris", "PD terpadu"
    row[fields.index("salin")] = "kadis.pd"
    cat = load(authoring(tmp_path, rows=[*GOOD_ROWS, tuple(row)]))
    copy = cat.jabatan[1].indikator[-1]
    assert copy.salin == "kadis.pd" and copy.jenis == "persentase"
