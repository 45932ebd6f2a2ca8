"""One semantics, four engines: the Python model, the formulas package, LibreOffice and
Gnumeric agree, on the broad set and on the bundled examples."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from cases import CUSTOM_BANDS, PERMENPANRB, broad_catalogue, measure_catalogue
from engines import (
    ENGINES,
    cached_values,
    formulas_values,
    indicator_rows,
    libreoffice_convert,
    recalculated,
    rekap_rows,
)
from hypothesis import HealthCheck, given, settings
from strategies import catalogues

from xl_iki.catalogue import load
from xl_iki.model import Catalogue, evaluate
from xl_iki.model.numbers import realisasi_display
from xl_iki.workbook import layout as L
from xl_iki.workbook import write_workbook

TOL = 1e-9


def same(model: object, engine: object) -> bool:
    if model is None or model == "":
        return engine is None
    if isinstance(model, float):
        return isinstance(engine, float) and math.isclose(model, engine, rel_tol=TOL,
                                                          abs_tol=TOL)
    if isinstance(model, str) and isinstance(engine, str):
        return model.casefold() == engine.casefold()
    return model == engine


def compare(cat: Catalogue, path: Path, values: dict, engine: str) -> list[str]:
    """Every difference between the model and an engine's values of the file at ``path``."""
    results = evaluate(cat)
    rows = indicator_rows(path)
    rekap, rekap_at, summary_at = rekap_rows(path)
    by_id = {(j.id, i.id): i for j in cat.jabatan for i in j.indikator}
    diffs = []

    def check(what: str, model: object, sheet: str, cell: str) -> None:
        got = values.get((sheet.upper(), cell))
        if not same(model, got):
            diffs.append(f"{engine}: {what} {sheet}!{cell}: model {model!r}, engine {got!r}")

    for key, res in results.indikator.items():
        sheet, row = rows[key]
        ind = by_id[key]
        shown = realisasi_display(ind, res.realisasi)
        for q, col in enumerate(L.VALUE):
            check(f"{key} TW{q + 1}", res.quarters[q], sheet, f"{col.letter}{row}")
        check(f"{key} realisasi", res.realisasi, sheet, f"{L.REAL_NUM.letter}{row}")
        check(f"{key} realisasi tampil", shown, sheet, f"{L.REALISASI.letter}{row}")
        check(f"{key} capaian", res.capaian, sheet, f"{L.CAPAIAN.letter}{row}")
        check(f"{key} predikat", res.predikat, sheet, f"{L.PREDIKAT.letter}{row}")
        if cat.nilai:
            check(f"{key} nilai", res.nilai, sheet, f"{L.NILAI.letter}{row}")
        for q in range(4) if ind.quarterly else ():
            check(f"{key} capaian TW{q + 1}", res.capaian_tw[q], sheet,
                  f"{L.CAPAIAN_TW[q].letter}{row}")
            check(f"{key} predikat TW{q + 1}", res.predikat_tw[q], sheet,
                  f"{L.PREDIKAT_TW[q].letter}{row}")
        if key[0] == "iku":  # the office's IKU: own sheet, never in the Rekap
            assert key not in rekap_at
            continue
        r = rekap_at[key]
        check(f"{key} rekap realisasi", shown, rekap, f"H{r}")
        check(f"{key} rekap capaian", res.capaian, rekap, f"I{r}")
        check(f"{key} rekap predikat", res.predikat, rekap, f"J{r}")
    for jab_id, summ in results.jabatan.items():
        if jab_id == "iku":
            continue
        r = summary_at[jab_id]
        check(f"{jab_id} rata-rata", summ.rata_rata_capaian, rekap, f"E{r}")
        check(f"{jab_id} predikat", summ.predikat, rekap, f"F{r}")
        for k, band in enumerate(cat.predikat):
            col = "GHIJKLMNOP"[k]
            check(f"{jab_id} jumlah {band.label}", float(summ.jumlah_per_predikat[band.label]),
                  rekap, f"{col}{r}")
    return diffs


FIXED = {
    "broad": broad_catalogue(),
    "capped": broad_catalogue(cap=110.0, bands=CUSTOM_BANDS),
    "measure": measure_catalogue(),
}
EXAMPLES = {p.stem: load(p) for p in sorted(
    (Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))}
BOOKS = {**FIXED, **EXAMPLES}


@pytest.fixture(scope="module")
def fixed_books(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("fixed")
    return {name: write_workbook(cat, out / f"{name}.xlsx") for name, cat in BOOKS.items()}


@pytest.fixture(scope="module")
def office_books(fixed_books, tmp_path_factory) -> dict[str, dict[str, Path]]:
    return recalculated(fixed_books, tmp_path_factory.mktemp("office"))


@pytest.mark.office
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", BOOKS)
def test_office_engines_agree_with_model(engine, name, office_books):
    path = office_books[engine][name]
    diffs = compare(BOOKS[name], path, cached_values(path), engine)
    assert not diffs, "\n".join(diffs)


def formulas_diffs(name: str, books: dict[str, Path]) -> list[str]:
    return compare(BOOKS[name], books[name], formulas_values(books[name]), "formulas")


# ~6-8 s a book in the formulas package: the broad book stays in the quick lane, the others
# run in the slow (office) lane with the LibreOffice and Gnumeric runs of the same books.
@pytest.mark.parametrize("name", [name if name == "broad" else
                                  pytest.param(name, marks=pytest.mark.office)
                                  for name in FIXED])
def test_formulas_package_agrees_with_model(name, fixed_books):
    diffs = formulas_diffs(name, fixed_books)
    assert not diffs, "\n".join(diffs)


# The examples hold 227 indicators: ~25 s in the formulas package, so this runs in the slow
# (office) lane with the LibreOffice and Gnumeric runs of the same books.
@pytest.mark.office
@pytest.mark.parametrize("name", EXAMPLES)
def test_formulas_package_agrees_with_model_on_examples(name, fixed_books):
    diffs = formulas_diffs(name, fixed_books)
    assert not diffs, "\n".join(diffs)


@pytest.mark.office
def test_libreoffice_computes_permenpanrb_examples(office_books):
    path = office_books["LibreOffice"]["broad"]
    values = cached_values(path)
    rows = indicator_rows(path)
    for ind, expected in PERMENPANRB:
        sheet, row = rows["a", ind.id]
        got = values[sheet.upper(), f"{L.CAPAIAN.letter}{row}"]
        assert got == pytest.approx(expected, abs=0.005), ind.id


@pytest.mark.office
@pytest.mark.parametrize("engine", ENGINES)
def test_no_error_values_after_recalculation(engine, office_books):
    for path in office_books[engine].values():
        errors = {k: v for k, v in cached_values(path).items()
                  if isinstance(v, str) and v.startswith("#") and v.endswith(("!", "?", "A"))}
        assert not errors, errors


@pytest.mark.office  # slow lane: a long run (see conftest.py)
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(cat=catalogues())
def test_property_formulas_package_agrees_with_model(cat, tmp_path):
    """Random catalogues with values 0-1000 of 3 decimals. Agreement ends where magnitudes
    differ by 16 digits and more: LibreOffice and Gnumeric sum with compensation, the model
    and the formulas package left to right (test_oracle.test_where_agreement_ends)."""
    path = write_workbook(cat, tmp_path / "prop.xlsx")
    diffs = compare(cat, path, formulas_values(path), "formulas")
    assert not diffs, "\n".join(diffs)


@pytest.mark.office
def test_numeric_looking_text_is_not_a_number_in_libreoffice(tmp_path):
    """Text "7" typed into a number cell is not a value, in the model as in a spreadsheet."""
    from cases import ind, q

    from xl_iki.model import Instansi, Jabatan

    cat = Catalogue(Instansi("Dinas", "Kota", 2025), (Jabatan(id="a", nama="A", indikator=(
        ind("t", "jumlah", target=4.0, realisasi=q("7", 2, " 3", None)),)),))
    assert evaluate(cat).indikator["a", "t"].realisasi == 2.0
    path = libreoffice_convert([write_workbook(cat, tmp_path / "t.xlsx")], tmp_path / "lo")[0]
    diffs = compare(cat, path, cached_values(path), "LibreOffice")
    assert not diffs, "\n".join(diffs)
