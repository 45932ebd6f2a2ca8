"""The authoring workbook carries every measuring field (issue 13): the IKU sheet with tujuan
and sasaran, periode, peran, salin, quarterly targets (ranges too), rencana aksi, keterangan
and the nilai table; the decree-shaped example comes back as the same catalogue."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from engines import libreoffice_convert
from test_authoring_real import fill_with_openpyxl, new_succeeds

from xl_iki.authoring.columns import IKU, IKU_COLUMNS
from xl_iki.catalogue import load
from xl_iki.errors import CatalogueError
from xl_iki.model import Catalogue
from xl_iki.model.catalogue import empty_quarters

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "kominfo_sukamaju_2026.yaml"


def authored(cat: Catalogue) -> Catalogue:
    """The catalogue as the authoring workbook holds it: definitions, no realisasi."""
    def clear(ind):
        return replace(ind, realisasi=empty_quarters(), komponen=tuple(
            replace(k, realisasi=empty_quarters()) for k in ind.komponen))
    return replace(cat, jabatan=tuple(replace(j, indikator=tuple(clear(i) for i in j.indikator))
                                      for j in cat.jabatan))


def with_ranges(cat: Catalogue) -> Catalogue:
    """The example with one quarterly target written as ranges (the example has none)."""
    def ranged(ind):
        if ind.id != "aplikasi_terintegrasi":
            return ind
        return replace(ind, target_triwulan_max=(3.0, None, 9.0, 14.0))
    return replace(cat, jabatan=tuple(replace(j, indikator=tuple(ranged(i) for i in j.indikator))
                                      for j in cat.jabatan))


@pytest.fixture(scope="module")
def example() -> Catalogue:
    cat = authored(load(EXAMPLE))
    used = {f for j in cat.jabatan for i in j.indikator for f in (
        "iku" if j.iku else "", "salin" if i.salin else "", "pendukung" if not i.counted else "",
        i.periode, "target_triwulan" if i.target_triwulan else "",
        "rencana_aksi" if i.rencana_aksi else "", "keterangan" if i.keterangan else "")}
    assert used >= {"iku", "salin", "pendukung", "tahunan", "target_triwulan", "rencana_aksi",
                    "keterangan"} and cat.nilai is not None
    return cat


def test_the_example_written_in_the_authoring_workbook_is_the_same_catalogue(example, tmp_path):
    path = fill_with_openpyxl(example, tmp_path / "DAFTAR.xlsx")
    iku = openpyxl.load_workbook(path)[IKU]
    assert [c.value for c in iku[1]] == [c.header for c in IKU_COLUMNS]
    assert iku["A2"].value.startswith("Terwujudnya tata kelola")
    assert load(path) == example
    new_succeeds(path, tmp_path)


def test_quarterly_ranges_in_the_authoring_workbook(example, tmp_path):
    cat = with_ranges(example)
    path = fill_with_openpyxl(cat, tmp_path / "DAFTAR.xlsx")
    ind = load(path).indikator("kabid_aptika.aplikasi_terintegrasi")
    assert ind.target_triwulan == (2.0, 5.0, 8.0, 12.0)
    assert ind.target_triwulan_max == (3.0, None, 9.0, 14.0)
    assert load(path) == cat


def test_an_authoring_workbook_without_an_iku_sheet_still_reads(example, tmp_path):
    cat = replace(example, jabatan=tuple(j for j in example.jabatan if not j.iku))
    cat = replace(cat, jabatan=tuple(replace(j, indikator=tuple(
        i for i in j.indikator if not (i.salin or "").startswith("iku."))) for j in cat.jabatan))
    cat = replace(cat, jabatan=tuple(replace(j, indikator=tuple(
        replace(i, komponen=tuple(k for k in i.komponen if not (k.ref or "").startswith("iku.")))
        for i in j.indikator)) for j in cat.jabatan))
    path = fill_with_openpyxl(cat, tmp_path / "DAFTAR.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb[IKU]
    wb.save(path)
    assert load(path) == cat


def test_a_problem_on_the_iku_sheet_is_named_at_its_cell(example, tmp_path):
    path = fill_with_openpyxl(example, tmp_path / "DAFTAR.xlsx")
    wb = openpyxl.load_workbook(path)
    headers = [c.header for c in IKU_COLUMNS]
    jenis = openpyxl.utils.get_column_letter(headers.index("Jenis") + 1)
    tw = openpyxl.utils.get_column_letter(headers.index("Target per Triwulan") + 1)
    wb[IKU][f"{jenis}3"] = "jumlahh"
    wb[IKU][f"{tw}2"] = "1; 2"
    wb.save(path)
    with pytest.raises(CatalogueError) as err:
        load(path)
    report = err.value.report()
    assert f"IKU!{jenis}3" in report and "jenis 'jumlahh' tidak dikenal" in report
    assert f"IKU!{tw}2" in report and "target_triwulan" in report


@pytest.mark.office
def test_the_example_saved_by_libreoffice_is_the_same_catalogue(example, tmp_path):
    original = fill_with_openpyxl(with_ranges(example), tmp_path / "DAFTAR.xlsx")
    saved, ods = (libreoffice_convert([original], tmp_path / kind, kind)[0]
                  for kind in ("xlsx", "ods"))
    for path in (saved, ods):
        assert load(path) == with_ranges(example), path
        new_succeeds(path, path.parent)
