"""Quarterly targets: capaian and predikat per triwulan, computed from realisasi to date."""

from __future__ import annotations

import pytest
from cases import measure_indicators

from xl_iki.catalogue import loads
from xl_iki.errors import CatalogueError
from xl_iki.model import Catalogue, Instansi, Jabatan, evaluate

#: by hand: realisasi s.d. TW against target s.d. TW (None: the triwulan has no value)
HAND = {
    # jumlah: 12 | 12+3 | - | 12+3+30, targets 10 20 30 40
    "tw_sum": (120.0, 75.0, None, 112.5),
    # terakhir: 68/70, 75/74, 90/77
    "tw_last": (97.14, 101.35, 116.88, None),
    # rata_rata: 70/80, -, mean(70, 95) = 82.5 / 80, mean(70, 95, 81) = 82 / 80
    "tw_mean": (87.5, None, 103.13, 102.5),
    # ratio of sums: 5/10 = 50% / 50, 12/20 = 60% / 55, 18/30 = 60% / 58, 28/50 = 56% / 60
    "tw_ratio": (100.0, 109.09, 103.45, 93.33),
    # arah turun: (2*8-9)/8, 7 = 7, (2*6-4)/6
    "tw_turun": (87.5, 100.0, 133.33, None),
    # ada_tidak: met / not met / met
    "tw_ada": (100.0, 0.0, 100.0, None),
    # kualitatif: TW I has no target; WDP = WDP
    "tw_kual": (None, 100.0, None, None),
    "tahunan": (None, None, None, None),
    # ranges: 10 in 8-12 | 15 below 20 | 30 in 25-35 | 60 above 50: 60/50
    "twr_sum": (100.0, 75.0, 100.0, 120.0),
    # turun, terakhir: 10 above 8-9: (2*9-10)/9 | 7.5 in 7-8 | 5 below 6-7: (2*6-5)/6
    "twr_turun": (88.89, 100.0, 116.67, None),
    # rata_rata: 60 below 70-80: 60/70 | - | mean 80 in 80-90 | mean 83.33 below 85-95: /85
    "twr_mean": (85.71, None, 100.0, 98.04),
    # ratio of sums: 30% below 40-50 | 45% below 50-60: 45/50 | 63.33% above 60 | 77.5% / 70
    "twr_ratio": (75.0, 90.0, 105.56, 110.71),
}


def catalogue() -> Catalogue:
    return Catalogue(Instansi("Dinas", "Kota", 2026),
                     (Jabatan(id="a", nama="A", indikator=measure_indicators()),))


@pytest.mark.parametrize("ind_id", HAND)
def test_quarterly_capaian_by_hand(ind_id):
    res = evaluate(catalogue()).indikator["a", ind_id]
    assert res.capaian_tw == HAND[ind_id]
    if ind_id == "tw_sum":
        assert res.predikat_tw == ("Sangat Tinggi", "Sedang", "", "Sangat Tinggi")


def test_quarterly_capaian_never_enters_the_jabatan_mean():
    res = evaluate(catalogue())
    annual = [r.capaian for r in res.indikator.values() if r.capaian is not None]
    assert res.jabatan["a"].rata_rata_capaian == pytest.approx(sum(annual) / len(annual),
                                                               abs=0.01)


#: a catalogue of one jabatan 'a'; its indicators follow
HEAD = """
versi: 1
instansi: {nama: Dinas, pemda: Kota, tahun: 2026}
jabatan:
  - id: a
    nama: A
    indikator:
"""
YAML = HEAD + """\
      - {id: d, nama: Dokumen, jenis: jumlah, target: 8, target_triwulan: [2, 4, 6, 8],
         rencana_aksi: [Draf, Pembahasan, null, Penetapan], realisasi: [2, 1, null, null]}
"""


def test_catalogue_fields_and_yaml_round_trip():
    import yaml

    from xl_iki.catalogue.dump import to_data

    cat = loads(YAML)
    d = cat.jabatan[0].indikator[0]
    assert d.target_triwulan == (2.0, 4.0, 6.0, 8.0)
    assert d.rencana_aksi == ("Draf", "Pembahasan", "", "Penetapan")
    data = to_data(cat)["jabatan"][0]["indikator"][0]
    assert data["target_triwulan"] == [2, 4, 6, 8]
    assert data["rencana_aksi"] == ["Draf", "Pembahasan", None, "Penetapan"]
    assert loads(yaml.safe_dump(to_data(cat), allow_unicode=True)) == cat


@pytest.mark.parametrize("change, message", [
    ("target_triwulan: [2, 4, 6, 8]", "target_triwulan: [2, 4, 6, 8], periode: tahunan"),
    ("target_triwulan: [2, 4, 6, 8]", "target_triwulan: [2, 4]"),
    ("rencana_aksi: [Draf, Pembahasan, null, Penetapan]", "rencana_aksi: Draf"),
])
def test_bad_quarterly_fields_are_named(change, message):
    with pytest.raises(CatalogueError) as err:
        loads(YAML.replace(change, message))
    assert "target_triwulan" in err.value.report() or "rencana_aksi" in err.value.report()


def test_the_authoring_sheet_takes_quarterly_targets_and_rencana_aksi(tmp_path):
    from test_authoring import GOOD_ROWS, authoring

    from xl_iki.authoring.columns import DAFTAR_COLUMNS
    from xl_iki.catalogue import load

    fields = [c.field for c in DAFTAR_COLUMNS]
    row = list(GOOD_ROWS[2]) + [None] * (len(fields) - len(GOOD_ROWS[2]))
    row[fields.index("target_triwulan")] = "3; 6; ; 12"
    row[fields.index("rencana_aksi")] = "Draf\nBahas\n-\nTetapkan"
    cat = load(authoring(tmp_path, rows=[*GOOD_ROWS[:2], tuple(row), *GOOD_ROWS[3:]]))
    dok = cat.jabatan[0].indikator[2]
    assert dok.target_triwulan == (3.0, 6.0, None, 12.0)
    assert dok.rencana_aksi == ("Draf", "Bahas", "", "Tetapkan")


RANGES = HEAD + """\
      - id: d
        nama: Dokumen
        jenis: jumlah
        target: 8-10
        target_triwulan:
          - 1-3
          - 4
          - 5 s.d. 7
          - "8-10"
        realisasi: [2, 1, 5, null]
"""


def test_quarterly_ranges_parse_and_round_trip(tmp_path):
    import yaml

    from xl_iki.catalogue.dump import to_data
    from xl_iki.reader import read_workbook
    from xl_iki.validation import validate
    from xl_iki.workbook import write_workbook

    cat = loads(RANGES)
    d = cat.jabatan[0].indikator[0]
    assert d.target_triwulan == (1.0, 4.0, 5.0, 8.0)
    assert d.target_triwulan_max == (3.0, None, 7.0, 10.0)
    # 2 in 1-3 | 3 below 4 | 8 above 5-7: 8/7
    assert evaluate(cat).indikator["a", "d"].capaian_tw == (100.0, 75.0, 114.29, None)
    data = to_data(cat)["jabatan"][0]["indikator"][0]
    assert data["target_triwulan"] == ["1-3", 4, "5-7", "8-10"]
    assert loads(yaml.safe_dump(to_data(cat), allow_unicode=True)) == cat
    rec = read_workbook(write_workbook(cat, tmp_path / "iki.xlsx"))
    assert to_data(rec.catalogue) == to_data(cat)
    assert validate(rec) == []


@pytest.mark.parametrize("bad, line, message", [
    ("5 s.d. 7", 15, "target_triwulan TW 3: rentang target '7-5': angka pertama"),
    ('"8-10"', 16, "target_triwulan TW 4: target '8-x' tidak cocok"),
])
def test_bad_quarterly_ranges_name_their_line(bad, line, message):
    text = RANGES.replace("5 s.d. 7", "7-5") if bad == "5 s.d. 7" else \
        RANGES.replace('"8-10"', '"8-x"')
    with pytest.raises(CatalogueError) as err:
        loads(text)
    report = err.value.report()
    assert f":{line}: jabatan 'a', indikator 'd', {message}" in report, report


def test_a_range_typed_into_the_workbook_counts(tmp_path):
    """The s.d. cell of a triwulan is an input like J: a bound typed there makes a range."""
    import openpyxl

    from xl_iki.reader import read_workbook
    from xl_iki.workbook import layout as L
    from xl_iki.workbook import write_workbook

    cat = loads(YAML)
    path = write_workbook(cat, tmp_path / "iki.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb[wb.sheetnames[-1]] if wb.sheetnames[-1] == "A" else wb["A"]
    row = next(c.row for c in ws["A"] if c.value and '"ind":"d"' in str(c.value))
    assert ws[f"{L.TARGET_TW_MAX[0].letter}{row}"].protection.locked is False
    ws[f"{L.TARGET_TW_MAX[0].letter}{row}"] = 3
    wb.save(path)
    d = read_workbook(path).catalogue.jabatan[0].indikator[0]
    assert d.target_triwulan_max == (3.0, None, None, None)
    assert evaluate(read_workbook(path).catalogue).indikator["a", "d"].capaian_tw[0] == 100.0
