"""The bundled catalogues of three real IKI decrees load, generate, recalculate and print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from engines import cached_values, libreoffice_convert

from xl_iki.catalogue import load
from xl_iki.workbook import write_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# counted by reading the source decrees in shared/seeds (jabatan, indicators)
EXPECTED = {
    "lumajang_2021.yaml": (16, 66),
    "padang_panjang_2020.yaml": (21, 72),
    "mojokerto_2025.yaml": (26, 89),
    # written for the measuring fields (issue 13): IKU group + 3 jabatan, 12 indicators
    "kominfo_sukamaju_2026.yaml": (4, 12),
}
ERRORS = ("#NAME?", "#REF!", "#DIV/0!", "#VALUE!", "#N/A", "#NUM!", "#NULL!", "Err:")


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("examples")
    return {name: write_workbook(load(EXAMPLES / name), out / name.replace(".yaml", ".xlsx"))
            for name in EXPECTED}


@pytest.mark.parametrize("name", EXPECTED)
def test_counts_match_the_decree(name):
    cat = load(EXAMPLES / name)
    assert (len(cat.jabatan), sum(len(j.indikator) for j in cat.jabatan)) == EXPECTED[name]
    assert all(j.nama and j.indikator for j in cat.jabatan)
    assert all(i.sasaran for j in cat.jabatan for i in j.indikator)


@pytest.mark.office
def test_examples_recalculate_in_libreoffice_without_errors(books, tmp_path):
    converted = libreoffice_convert(list(books.values()), tmp_path / "lo")
    for path in converted:
        values = cached_values(path)
        errors = {k: v for k, v in values.items()
                  if isinstance(v, str) and v.startswith(ERRORS)}
        assert not errors, (path.name, list(errors.items())[:5])
        assert len(values) > min(1000, 60 * EXPECTED[path.stem + ".yaml"][1])


@pytest.mark.office
def test_examples_print_to_pdf(books, tmp_path):
    pdfs = libreoffice_convert(list(books.values()), tmp_path / "pdf", fmt="pdf")
    for pdf in pdfs:
        data = pdf.read_bytes()
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
        least = min(20, EXPECTED[pdf.stem + ".yaml"][0])  # the small example: a page a sheet
        assert data.startswith(b"%PDF") and pages > least, (pdf.name, pages)
