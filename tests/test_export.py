"""Export: a filled workbook back to catalogue v1, and tidy rows computed by the model."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from cases import broad_catalogue
from test_validation import CAT, PLANS, at

from xl_iki import resources
from xl_iki.catalogue import load, loads
from xl_iki.export import as_csv, as_json, as_yaml
from xl_iki.model import evaluate
from xl_iki.reader import read_workbook
from xl_iki.workbook import write_workbook


def fill(path, edits):
    wb = openpyxl.load_workbook(path)
    for (sheet, cell), value in edits:
        wb[sheet][cell].value = value
    wb.save(path)
    return path


EXAMPLE = load(resources.example_path())


@pytest.mark.parametrize("cat", [CAT, EXAMPLE], ids=["validasi", "padang_panjang"])
def test_round_trip_catalogue_workbook_filled_export_workbook(cat, tmp_path):
    first = write_workbook(cat, tmp_path / "pertama.xlsx")
    if cat is CAT:  # filled through openpyxl like a person would, targets included
        fill(first, [(at("jml", "M"), 7), (at("jml", "N"), 1), (at("pct", "M", 0), 3),
                     (at("pct", "M", 1), 9), (at("skor", "L"), 4.5), (at("skor", "I"), 5),
                     (at("kual", "L"), "WTP"), (at("ada", "I"), "Tidak Ada"),
                     (at("jml", "J"), 20)])
    rec1 = read_workbook(first)
    text = as_yaml(rec1)
    second = write_workbook(loads(text, "ekspor.yaml"), tmp_path / "kedua.xlsx")
    rec2 = read_workbook(second)
    assert evaluate(rec2.catalogue) == evaluate(rec1.catalogue)
    assert rec2.catalogue == rec1.catalogue
    assert as_yaml(rec2) == text


def test_export_keeps_entered_targets_and_realisasi(tmp_path):
    path = fill(write_workbook(CAT, tmp_path / "iki.xlsx"),
                [(at("jml", "M"), 7), (at("jml", "I"), 12), (at("jml", "J"), 15)])
    data = loads(as_yaml(read_workbook(path)))
    jml = data.jabatan[0].indikator[0]
    assert (jml.target, jml.target_max, jml.realisasi[:3]) == (12.0, 15.0, (2.0, 3.0, 7.0))


def test_tidy_rows_carry_the_model_numbers(tmp_path):
    path = write_workbook(broad_catalogue(), tmp_path / "iki.xlsx")
    rec = read_workbook(path)
    rows = json.loads(as_json(rec))
    results = evaluate(rec.catalogue).indikator
    assert len(rows) == len(results)
    for row in rows:
        res = results[row["jabatan_id"], row["indikator_id"]]
        assert (row["capaian"], row["predikat"]) == (res.capaian, res.predikat)
        assert row["lembar"] in {s.title for s in rec.sheets}
    table = list(csv.DictReader(io.StringIO(as_csv(rec))))
    assert len(table) == len(rows)
    assert table[0]["tw4"] == "85.0" and table[0]["capaian"] == "100.0"


def test_csv_never_carries_a_formula(tmp_path):
    rec = read_workbook(write_workbook(broad_catalogue(), tmp_path / "iki.xlsx"))
    table = list(csv.DictReader(io.StringIO(as_csv(rec))))
    injected = next(r for r in table if r["indikator_id"] == "b_formula_text")
    assert injected["indikator"] == "'=1+1"
    assert not any(v.startswith(("=", "+", "@")) for r in table for v in r.values() if v)


def test_export_cli(tmp_path):
    from xl_iki.cli import main

    path = write_workbook(CAT, tmp_path / "iki.xlsx")
    for fmt in ("yaml", "csv", "json"):
        out = tmp_path / f"hasil.{fmt}"
        assert main(["export", str(path), "--format", fmt, "-o", str(out)]) == 0
        assert out.read_text(encoding="utf-8")
    assert PLANS["v"].title in (tmp_path / "hasil.csv").read_text(encoding="utf-8")


def test_export_of_invalid_entries_is_lossless_and_the_loader_names_them(tmp_path):
    """Text typed into number cells is exported as typed; generating again points at it."""
    from xl_iki.errors import CatalogueError

    rec = read_workbook(write_workbook(broad_catalogue(), tmp_path / "iki.xlsx"))
    text = as_yaml(rec)
    assert "12 dokumen" in text
    with pytest.raises(CatalogueError) as info:
        loads(text, "ekspor.yaml")
    assert any("'12 dokumen' bukan angka" in str(p) for p in info.value.problems)
