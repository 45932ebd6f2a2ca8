"""Fuzzing every command with workbooks damaged the ways real files are damaged.

Generated, filled workbooks (as written by xl-iki, and as saved again by openpyxl) get one to
three damages: a hidden key or the meta data replaced by random JSON, an input cell given a
value of another type, a far stray cell, a lying <dimension>, a dropped part, flipped bytes,
a truncated file. For every command: no traceback, exit code 0, 1 or 2 (3 would be the guard
catching a bug of ours), the input byte-identical, and consolidate still takes every
undamaged file. A longer hunt: XL_IKI_FUZZ_EXAMPLES=500 pytest tests/test_fuzz.py
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from damage import jabatan_titles, parts_of, write_parts
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell
from test_consolidate import office

from xl_iki.cli import main
from xl_iki.workbook import layout as L
from xl_iki.workbook import write_workbook
from xl_iki.workbook.meta import TITLE as META

text = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats() | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["ind", "kmp", "jenis", "arah", "akumulasi", "skala", "n", "ref",
                         "peran", "iki", "jabatan", "hdr", "tabel", "nama", "tahun", "min",
                         "label", "keputusan"]), inner, max_size=4),
    max_leaves=6)
cell_values = st.one_of(
    st.integers(-10**30, 10**30), st.floats(), text, st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.sampled_from(["=1/0", "=A1", "85%", "#N/A", "{", '{"ind":"x"}']))


def _jabatan_sheets(wb: openpyxl.Workbook) -> list:
    return [ws for ws in wb.worksheets if (L.parse_key(ws["A1"].value) or {}).get("jabatan")]


@st.composite
def book_damage(draw):
    """A change made by a program that loads and saves the workbook (openpyxl)."""
    kind = draw(st.sampled_from(["key", "meta", "cell", "far"]))
    pick, row = draw(st.integers(0, 10)), draw(st.integers(1, 60))
    if kind == "key":
        value = draw(json_values.map(json.dumps) | st.sampled_from(["{", "[1]", "{}"]))
    elif kind == "meta":
        value = draw(st.sampled_from(["instansi", "predikat"])), draw(json_values.map(json.dumps))
    elif kind == "cell":
        value = draw(st.integers(3, 26)), draw(cell_values)
    else:
        value = draw(st.integers(1, 1_048_576)), draw(st.integers(1, 16_384))

    def apply(wb: openpyxl.Workbook) -> None:
        sheets = _jabatan_sheets(wb)
        ws = sheets[pick % len(sheets)]
        if kind == "key":
            keyed = [c for (c,) in ws.iter_rows(min_col=1, max_col=1) if c.value]
            keyed[row % len(keyed)].value = value
        elif kind == "meta":
            meta = wb[META]
            name, data = value
            found = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == name)
            meta.cell(found, 2).value = data
        else:
            cell = ws.cell(row, value[0]) if kind == "cell" else ws.cell(*value)
            if not isinstance(cell, MergedCell):
                cell.value = value[1] if kind == "cell" else "x"
    return f"{kind}{value!r}"[:80], apply


@st.composite
def file_damage(draw):
    """A change to the package's bytes."""
    kind = draw(st.sampled_from(["dimension", "drop", "flip", "truncate"]))
    n, fraction = draw(st.integers(0, 40)), draw(st.floats(0.05, 0.98))
    ref = draw(st.sampled_from(["A1", "A1:B2", "A1:XFD1048576", "Z9:A1", "", "??"]))

    def apply(path: Path) -> None:
        if kind == "truncate":
            data = path.read_bytes()
            path.write_bytes(data[: int(len(data) * fraction)])
            return
        if not zipfile.is_zipfile(path):  # truncated before
            return
        parts = parts_of(path)
        names = sorted(parts)
        name = names[n % len(names)]
        if kind == "dimension":
            for part, data in parts.items():
                if part.startswith("xl/worksheets/"):
                    parts[part] = re.sub(rb'<dimension ref="[^"]*"',
                                         f'<dimension ref="{ref}"'.encode(), data)
        elif kind == "drop":
            del parts[name]
        else:
            data = bytearray(parts[name])
            if data:
                data[int(len(data) * fraction)] ^= 0xFF
            parts[name] = bytes(data)
        write_parts(path, parts)
    return f"{kind}:{n}:{fraction:.2f}:{ref}", apply


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("fuzz")
    ours = write_workbook(office(50), tmp / "dinas50.xlsx")
    resaved = tmp / "dinas50-openpyxl.xlsx"
    openpyxl.load_workbook(ours).save(resaved)
    return {"ours": ours, "resaved": resaved,
            "good-a": write_workbook(office(51), tmp / "dinas51.xlsx"),
            "good-b": write_workbook(office(52), tmp / "dinas52.xlsx")}


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue() + err.getvalue()


@pytest.mark.office  # slow lane: a long run (see conftest.py)
@settings(max_examples=int(os.environ.get("XL_IKI_FUZZ_EXAMPLES", "25")), deadline=None,
          database=None,
          phases=[Phase.explicit, Phase.generate],  # shrinking a failure takes minutes
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(base=st.sampled_from(["ours", "resaved"]),
       in_book=st.lists(book_damage(), max_size=2), in_file=st.lists(file_damage(), max_size=2))
def test_no_command_breaks_on_a_damaged_workbook(corpus, monkeypatch, base, in_book, in_file):
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        monkeypatch.setenv("XL_IKI_LOG_DIR", str(tmp / "log"))
        path = tmp / "rusak.xlsx"
        if in_book:
            wb = openpyxl.load_workbook(corpus[base])
            for _, apply in in_book:
                apply(wb)
            wb.save(path)
        else:
            path.write_bytes(corpus[base].read_bytes())
        for _, apply in in_file:
            apply(path)
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        commands = [("validate", str(path)), ("validate", str(path), "--json"),
                    ("summary", str(path), "-o", str(tmp / "ringkas.xlsx")),
                    *(("export", str(path), "--format", f) for f in ("yaml", "csv", "json")),
                    ("consolidate", str(corpus["good-a"]), str(path), str(corpus["good-b"]),
                     "-o", str(tmp / "gabung.xlsx"), "--csv", str(tmp / "gabung.csv"))]
        for args in commands:
            code, output = run(*args)
            assert code in (0, 1, 2), (args[0], _crash_log(tmp) or output)
            assert "Traceback" not in output and "galat-program" not in output, output
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
        taken = set(pd.read_csv(tmp / "gabung.csv")["berkas"])
        assert {str(corpus["good-a"]), str(corpus["good-b"])} <= taken
        assert not _crash_log(tmp)


def _crash_log(folder: Path) -> str:
    return "\n".join(log.read_text() for log in sorted((folder / "log").glob("*.log")))


def test_the_damages_reach_the_jabatan_sheets(corpus):
    """The fuzz test's own premise: its workbooks have jabatan sheets to damage."""
    assert len(jabatan_titles(corpus["ours"])) == 2
