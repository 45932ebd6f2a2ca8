"""Exports carry labels for ada_tidak and kualitatif (numbers in their own column) and no
binary float noise."""

from __future__ import annotations

import json

from cases import broad_catalogue, ind, q

from xl_iki.export import as_json, clean, shown
from xl_iki.reader import read_workbook
from xl_iki.workbook import write_workbook


def test_labels_not_codes_and_numbers_beside_them(tmp_path):
    rec = read_workbook(write_workbook(broad_catalogue(), tmp_path / "iki.xlsx"))
    rows = {r["indikator_id"]: r for r in json.loads(as_json(rec))}
    assert (rows["ada"]["tw1"], rows["ada"]["tw2"]) == ("Ada", "Tidak Ada")
    assert (rows["ada"]["tw1_nilai"], rows["ada"]["tw2_nilai"]) == (1, 0)
    assert rows["ada"]["realisasi"] in ("Ada", "Tidak Ada")
    assert isinstance(rows["ada"]["realisasi_nilai"], (int, float))
    assert rows["kual_top"]["tw1"] == "TW" and rows["kual_top"]["tw1_nilai"] >= 1
    assert not any(isinstance(v, float) and len(repr(v)) > 15 for r in rows.values()
                   for v in r.values())


def test_float_noise_is_gone_but_entered_digits_stay():
    assert clean(110.00000000000001) == 110.0 and clean(0.1 + 0.2) == 0.3
    assert clean(12345.678) == 12345.678 and clean(1.0909090909090908) == 1.09090909091
    assert clean("Ada") == "Ada" and clean(None) is None
    biasa = ind("x", "jumlah", realisasi=q(1))
    assert shown(biasa, 110.00000000000001) == 110.0
    assert shown(ind("a", "ada_tidak"), 1.0) == "Ada" and shown(ind("a", "ada_tidak"), 0.5) == 0.5
