"""The numbers of the model, on worked examples (the engines test checks the formulas agree)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from cases import PERMENPANRB, broad_catalogue, ind
from hypothesis import given
from hypothesis import strategies as st

from xl_iki.model import DEFAULT_PREDIKAT, evaluate
from xl_iki.model.numbers import (
    capaian,
    predikat,
    realisasi,
    realisasi_display,
    round_capaian,
)

RESULTS = evaluate(broad_catalogue()).indikator


@pytest.mark.parametrize(("indikator", "expected"), PERMENPANRB, ids=[i.id for i, _ in PERMENPANRB])
def test_permenpanrb_8_2021_worked_examples(indikator, expected):
    assert RESULTS["a", indikator.id].capaian == pytest.approx(expected, abs=1e-9)


def test_worked_example_values_rounded_as_published():
    got = {i.id: round(RESULTS["a", i.id].capaian, 2) for i, _ in PERMENPANRB}
    assert got == {"pm_85": 100.0, "pm_turun_65": 107.14, "pm_turun_9": 87.5,
                   "pm_naik_70": 87.5, "pm_kual": 75.0}


def test_percentage_of_a_year_is_a_ratio_of_sums_not_a_sum_of_percentages():
    r = RESULTS["a", "pct_sum"]
    assert r.quarters[1] is None  # penyebut 0: blank, not an error
    assert r.realisasi == pytest.approx((3 + 2 + 7) / (4 + 3 + 10) * 100)


def test_zero_or_missing_gives_blank():
    assert RESULTS["a", "pct_none"].realisasi is None
    assert RESULTS["a", "rasio_sum_zero"].realisasi is None
    assert RESULTS["a", "sum_last"].capaian is None  # target 0
    assert RESULTS["a", "no_target"].capaian is None
    assert RESULTS["a", "no_real"].realisasi is None and RESULTS["a", "no_real"].predikat == ""


def test_text_is_not_a_number():
    assert RESULTS["a", "sum_text"].quarters == (None, 3.0, None, 4.0)


def test_index_needs_every_komponen_and_weights_them():
    r = RESULTS["a", "idx"]
    assert r.quarters[3] is None
    assert r.quarters[0] == pytest.approx((2.5 * 13 + 3.0 * 25 + 2.0 * 16.5) / (13 + 25 + 16.5))


def test_refs_take_the_other_indicators_value_of_the_same_quarter():
    assert RESULTS["a", "mean_ref"].quarters == (8.0, 2.0, 30.0, 10.0)
    assert RESULTS["b", "b_ref_idx"].quarters == RESULTS["b", "b_sum"].quarters


def test_labels_case_insensitive_and_unknown_labels_ignored():
    assert RESULTS["a", "ada_lower"].capaian == 100.0
    assert RESULTS["a", "ada_junk"].realisasi is None
    assert RESULTS["a", "tidak_ada"].capaian == 100.0
    assert realisasi_display(ind("x", "kualitatif", skala=("TMP", "TW", "WDP", "WTP")), 4.0) \
        == "WTP"


def test_turun_never_below_zero_and_cap():
    assert RESULTS["a", "turun_floor"].capaian == 0.0
    capped = evaluate(broad_catalogue(cap=110.0)).indikator
    assert capped["a", "big_ratio"].capaian == 110.0
    assert capped["a", "pm_turun_65"].capaian == 107.14


def test_akumulasi():
    i = ind("x", "jumlah", akumulasi="rata_rata")
    assert realisasi(i, (4.0, None, 6.0, None), ()) == 5.0
    assert realisasi(ind("y", "jumlah"), (4.0, None, 6.0, None), ()) == 10.0
    assert realisasi(ind("z", "skor", skala=(1, 5)), (4.0, 2.0, None, None), ()) == 2.0
    assert realisasi(ind("w", "jumlah"), (None,) * 4, ()) is None


def test_predikat_bands():
    assert predikat(DEFAULT_PREDIKAT, 91.0) == "Sangat Tinggi"
    assert predikat(DEFAULT_PREDIKAT, 90.999) == "Tinggi"
    assert predikat(DEFAULT_PREDIKAT, 0.0) == "Sangat Rendah"
    assert predikat(DEFAULT_PREDIKAT, -1.0) == ""
    assert predikat(DEFAULT_PREDIKAT, None) == ""


def test_range_inside_is_100_even_at_zero():
    i = ind("r", "rata_rata", arah="turun", target=0.0, target_max=5.0)
    assert capaian(i, 0.0, None) == 100.0
    assert capaian(ind("s", "rata_rata", target=0.0), 0.0, None) is None


# --- rounding (docs/katalog.md bagian 6 butir 8) ---------------------------------------------

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@pytest.mark.parametrize(("value", "expected"), [
    (90.99999999999999, 91.0), (4.55 / 5 * 100, 91.0), (1.005, 1.01), (0.125, 0.13),
    (87.12499999999999, 87.13), (-1.005, -1.01), (90.994, 90.99), (90.995, 91.0),
    (0.0, 0.0), (100.0, 100.0), (1e300, 1e300), (float("inf"), float("inf")),
])
def test_round_capaian_half_away_from_zero_on_the_decimal_value(value, expected):
    assert round_capaian(value) == expected


@given(st.integers(-10**7, 10**7))
def test_round_capaian_of_a_decimal_with_three_places_is_the_decimal_rounding(n):
    value = n / 1000  # the double nearest the decimal n/1000
    want = Decimal(n).scaleb(-3).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert round_capaian(value) == float(want)


@given(finite, finite)
def test_rounding_commutes_with_the_cap(a, b):
    """formulas.capaian writes round(min(cap, x)) as MIN(round(cap), round(x))."""
    assert round_capaian(min(a, b)) == min(round_capaian(a), round_capaian(b))


@given(finite)
def test_rounding_is_idempotent(a):
    assert round_capaian(round_capaian(a)) == round_capaian(a)


def test_capaian_and_its_cap_are_rounded():
    i = ind("edge", "rata_rata", target=5.0)
    assert capaian(i, 4.55, None) == 91.0
    assert predikat(DEFAULT_PREDIKAT, capaian(i, 4.55, None)) == "Sangat Tinggi"
    assert capaian(i, 4.55, 90.995) == 91.0  # the cap is rounded like a capaian
