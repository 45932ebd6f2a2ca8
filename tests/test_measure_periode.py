"""periode: tahunan — one realisasi (TW IV), no skipped-quarter warnings, everything optional."""

from __future__ import annotations

import pytest
from cases import KADIS

from xl_iki.catalogue import loads
from xl_iki.errors import CatalogueError
from xl_iki.model import evaluate

BASE = KADIS + """
      - {id: sakip, nama: Nilai SAKIP, jenis: skor, skala: [0, 100], target: 70,
         periode: tahunan, realisasi: [null, null, null, 72.5]}
      - {id: dok, nama: Jumlah dokumen, jenis: jumlah, target: 8, realisasi: [2, null, 3, null]}
"""


def test_tahunan_is_read_and_computed_from_tw_iv():
    cat = loads(BASE)
    sakip, dok = cat.jabatan[0].indikator
    assert sakip.periode == "tahunan" and sakip.input_quarters == (3,)
    assert dok.periode == "triwulanan" and dok.input_quarters == (0, 1, 2, 3)
    res = evaluate(cat).indikator["kadis", "sakip"]
    assert res.realisasi == 72.5 and res.capaian == pytest.approx(103.57)


def test_tahunan_refuses_a_realisasi_before_tw_iv():
    bad = BASE.replace("realisasi: [null, null, null, 72.5]", "realisasi: [70, null, null, 72.5]")
    with pytest.raises(CatalogueError) as err:
        loads(bad)
    assert "hanya diisi 'realisasi' TW IV" in err.value.report()


def test_unknown_periode_is_named():
    with pytest.raises(CatalogueError) as err:
        loads(BASE.replace("periode: tahunan", "periode: bulanan"))
    assert "periode 'bulanan' tidak dikenal; pilih salah satu: triwulanan, tahunan" in \
        err.value.report()


def test_workbook_has_one_input_and_no_skipped_quarter_warning(tmp_path):
    from openpyxl import load_workbook

    from xl_iki.reader import read_workbook
    from xl_iki.validation import validate
    from xl_iki.workbook import layout as L
    from xl_iki.workbook import write_workbook

    path = tmp_path / "iki.xlsx"
    write_workbook(loads(BASE), path)
    wb = load_workbook(path)
    ws = next(ws for ws in wb if '"jabatan"' in str(ws["A1"].value))
    row = next(r for r in range(1, ws.max_row + 1) if '"ind":"sakip"' in str(ws[f"A{r}"].value))
    assert '"periode":"tahunan"' in ws[f"A{row}"].value
    assert [ws[f"{c.letter}{row}"].protection.locked for c in L.TW] == [True, True, True, False]
    rec = read_workbook(path)
    assert rec.catalogue.jabatan[0].indikator[0].periode == "tahunan"
    codes = [f.code for f in validate(rec)]
    assert "triwulan-terlewat" in codes  # the quarterly indicator skips TW II
    sakip_cells = {f"{c.letter}{row}" for c in L.TW}
    assert not [f for f in validate(rec) if f.code == "triwulan-terlewat" and f.cell in sakip_cells]


def test_yaml_export_round_trip_keeps_periode(tmp_path):
    from xl_iki.catalogue.dump import to_data

    cat = loads(BASE)
    data = to_data(cat)
    assert data["jabatan"][0]["indikator"][0]["periode"] == "tahunan"
    assert "periode" not in data["jabatan"][0]["indikator"][1]
    import yaml

    assert loads(yaml.safe_dump(data, allow_unicode=True)) == cat


def test_the_authoring_sheet_takes_periode(tmp_path):
    from test_authoring import GOOD_ROWS, authoring

    from xl_iki.authoring.columns import DAFTAR_COLUMNS
    from xl_iki.catalogue import load

    col = [c.field for c in DAFTAR_COLUMNS].index("periode")
    row = list(GOOD_ROWS[4]) + [None] * (len(DAFTAR_COLUMNS) - len(GOOD_ROWS[4]))
    row[col] = "tahunan"
    cat = load(authoring(tmp_path, rows=[*GOOD_ROWS[:4], tuple(row), *GOOD_ROWS[5:]]))
    assert [i.periode for i in cat.jabatan[1].indikator] == ["triwulanan", "tahunan",
                                                             "triwulanan"]
