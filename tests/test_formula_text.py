"""The text of the generated formulas: only the allowed functions, no array evaluation where a
plain form exists, every sheet reference names a sheet, every number written exactly."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import openpyxl
import pytest
from cases import FRACTIONAL_BANDS, FRACTIONAL_CAP, band_edge_catalogue, broad_catalogue
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.formula import Tokenizer
from test_oracle import BOOKS as ORACLE
from test_oracle import catalogue as oracle_catalogue

from xl_iki.catalogue import load
from xl_iki.workbook import formulas as fx
from xl_iki.workbook import write_workbook

#: Excel 2010 functions that LibreOffice, Gnumeric and WPS also compute the same way
ALLOWED = {"AND", "AVERAGE", "CHOOSE", "COUNT", "IF", "ISNUMBER", "MAX", "MIN", "ROUND", "SUM",
           "SUMPRODUCT", "T"}
EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))
CATALOGUES = {
    **{p.stem: lambda p=p: load(p) for p in EXAMPLES},
    "broad": broad_catalogue,
    "capped": lambda: broad_catalogue(cap=110.0, bands=FRACTIONAL_BANDS),
    "edges": lambda: band_edge_catalogue(FRACTIONAL_BANDS, FRACTIONAL_CAP, count=3)[0],
    **{f"oracle_{n}": lambda b=b: oracle_catalogue(b, apostrophe=True)
       for n, b in ORACLE.items()},
}


@cache
def book(name: str, folder: str) -> openpyxl.Workbook:
    path = write_workbook(CATALOGUES[name](), Path(folder) / f"{name}.xlsx")
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("text"))


def formulas_of(wb: openpyxl.Workbook) -> list[tuple[str, str]]:
    """(where, formula) for every formula of the cells and the conditional formats."""
    out = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    out.append((f"{ws.title}!{cell.coordinate}", cell.value))
        for rng in ws.conditional_formatting:
            for rule in rng.rules:
                out.extend((f"{ws.title}!{rng.sqref} (format)", "=" + f) for f in rule.formula)
    return out


def tokens(formula: str) -> list:
    return Tokenizer(formula).items


def test_the_generator_declares_the_same_functions():
    assert fx.FUNCTIONS == ALLOWED


@pytest.mark.parametrize("name", CATALOGUES)
def test_only_allowed_functions(name, folder):
    used = {}
    for where, formula in formulas_of(book(name, folder)):
        for tok in tokens(formula):
            if tok.type == "FUNC" and tok.subtype == "OPEN":
                used.setdefault(tok.value.rstrip("(").upper(), where)
    assert set(used) <= ALLOWED, {f: used[f] for f in set(used) - ALLOWED}


@pytest.mark.parametrize("name", CATALOGUES)
def test_no_array_evaluation_inside_sumproduct(name, folder):
    """SUMPRODUCT takes plain ranges (index weights); the only array expression left is the
    Rekap's count of a predikat label, 1*(range="label"), which every engine computes (COUNTIF
    would read * ? ~ in a label as wildcards)."""
    seen = 0
    for where, formula in formulas_of(book(name, folder)):
        for args in sumproduct_args(formula):
            seen += 1
            kinds = [(t.type, t.subtype) for t in args]
            plain = all(kind in (("OPERAND", "RANGE"), ("SEP", "ARG")) for kind in kinds)
            count = "".join(t.value for t in args).startswith("1*(") and kinds[-3:] == [
                ("OPERATOR-INFIX", ""), ("OPERAND", "TEXT"), ("PAREN", "CLOSE")]
            assert plain or count, (where, formula)
    assert seen  # the Rekap counts at least

def sumproduct_args(formula: str) -> list[list]:
    """The tokens inside each SUMPRODUCT(...) of a formula."""
    out, depth, current = [], 0, None
    for tok in tokens(formula):
        if current is not None:
            depth += (tok.subtype == "OPEN") - (tok.subtype == "CLOSE")
            if depth == 0:
                out.append(current)
                current = None
                continue
            current.append(tok)
        elif tok.type == "FUNC" and tok.value.upper() == "SUMPRODUCT(":
            current, depth = [], 1
    return out


def sheet_of(ref: str) -> str | None:
    """The sheet name of a reference operand (unquoted), None for a local reference."""
    if "!" not in ref:
        return None
    sheet = ref.rsplit("!", 1)[0]
    if sheet.startswith("'"):
        assert sheet.endswith("'") and "'" not in sheet[1:-1].replace("''", ""), ref
        return sheet[1:-1].replace("''", "'")
    assert all(ch.isalnum() or ch in "._" for ch in sheet), f"{ref}: must be quoted"
    return sheet


@pytest.mark.parametrize("name", ["oracle_bawaan", "broad"])
def test_every_sheet_reference_names_a_sheet(name, folder):
    wb = book(name, folder)
    titles = set(wb.sheetnames)
    assert name == "broad" or any("'" in t for t in titles)  # Kasi Ma'arif
    for where, formula in formulas_of(wb):
        for tok in tokens(formula):
            if tok.type == "OPERAND" and tok.subtype == "RANGE":
                sheet = sheet_of(tok.value)
                assert sheet is None or sheet in titles, (where, tok.value)


@pytest.mark.parametrize("title, quoted", [
    ("Ma'arif", "'Ma''arif'"), ("Kasi Ma'arif Ringkas", "'Kasi Ma''arif Ringkas'"),
    ("Rekap", "'Rekap'"), ("''", "''''''"),
])
def test_quote_sheet(title, quoted):
    assert fx.quote_sheet(title) == quoted


@pytest.mark.parametrize("label, literal", [
    ('Baik "B"', '"Baik ""B"""'), ('"', '""""'), ("Sangat Tinggi", '"Sangat Tinggi"'),
])
def test_text_literal(label, literal):
    assert fx.text_literal(label) == literal


def test_predikat_labels_with_quotes_are_escaped_in_the_workbook(folder):
    texts = [tok.value for _, f in formulas_of(book("oracle_skala", folder)) for tok in tokens(f)
             if tok.type == "OPERAND" and tok.subtype == "TEXT"]
    assert '"Melampaui ""Istimewa"""' in texts and '"Baik ""B"""' in texts


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_numbers_are_written_exactly(value):
    assert float(fx.num(value)) == value


def test_fractional_band_and_cap_are_written_exactly(folder):
    numbers = {tok.value for _, f in formulas_of(book("oracle_skala", folder))
               for tok in tokens(f) if tok.type == "OPERAND" and tok.subtype == "NUMBER"}
    assert {"100.0001", "87.5", "60.25", "112.35"} <= numbers  # cap 112.345, rounded
