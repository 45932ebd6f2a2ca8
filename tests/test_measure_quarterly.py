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


YAML = """
versi: 1
instansi: {nama: Dinas, pemda: Kota, tahun: 2026}
jabatan:
  - id: a
    nama: A
    indikator:
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
