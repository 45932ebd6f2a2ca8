"""Python 3.10, the oldest Python the Windows bundle installs on, with xlwings 0.37.0, the last
xlwings for it. No CPython 3.10 runs here (the machine has none), so three parts: xl-iki's
source checked for 3.10 by vermin, the add-in's tests run on xlwings 0.37.0, and the two
xlwings calls 0.37.0 lacks stood in for through Excel's own COM calls. (tests/test_lite.py
runs xl-iki's code on CPython 3.10 itself, under Pyodide 0.22.1.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import requires
from pathlib import Path
from types import SimpleNamespace

import pytest
import xlwings as xw

import xl_iki
from xl_iki.addin import bundle, xlcompat

ROOT = Path(__file__).resolve().parent.parent
OLDEST_XLWINGS = "0.37.0"
#: the add-in's tests, and those that cannot pass on xlwings 0.37.0's remote engine, which has
#: no notes and no hidden columns (on Excel, xlcompat makes both through COM: tested below)
ADDIN_TESTS = ["test_addin_handlers.py", "test_addin_build.py", "test_vba_project.py",
               "test_udfs.py", "test_addin_first_click.py", "test_addin_kunci.py",
               "test_addin_protection.py", "test_addin_cli.py", "test_lite.py"]
NOT_ON_0_37_0 = [
    "test_addin_build.py::test_xlwings_module_is_the_pinned_version",  # names 0.37.8
    "test_addin_handlers.py::test_validasi_lists_every_finding_first_and_marks_the_cells",
    "test_addin_handlers.py::test_validasi_adds_a_note_per_marked_cell_where_the_client_has_notes",
    "test_addin_handlers.py::test_perbarui_rekap_rebuilds_it_in_place_in_one_write",
    # xlwings Lite runs its own, current xlwings, never 0.37.0
    "test_lite.py::test_perbarui_rekap_rebuilds_the_rekap",
]


def test_xl_iki_is_python_3_10_code() -> None:
    """vermin reads every module (syntax, standard-library names) and finds nothing newer."""
    vermin = Path(sys.executable).with_name("vermin")
    assert vermin.is_file(), "vermin is missing: pip install -e '.[test]'"
    done = subprocess.run([str(vermin), "--no-tips", "--violations",
                           "-t=3.10-", str(Path(xl_iki.__file__).parent)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Minimum required versions: 3.10" in done.stdout


def test_the_pin_takes_0_37_0_as_oldest_and_the_bundle_starts_at_3_10() -> None:
    (pin,) = [r for r in requires("xl-iki") if r.startswith("xlwings")]
    assert pin == f"xlwings<=0.37.8,>={OLDEST_XLWINGS}", pin
    assert bundle.PYTHONS[0] == "3.10"


@pytest.fixture(scope="module")
def xlwings_0_37_0(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """xlwings 0.37.0 alone in a folder, put first on PYTHONPATH (downloaded from PyPI)."""
    target = tmp_path_factory.mktemp("xlwings-0.37.0")
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--target",
                           str(target), f"xlwings=={OLDEST_XLWINGS}"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return target


@pytest.mark.network
def test_xlwings_0_37_0_lacks_exactly_what_xlcompat_stands_in_for(xlwings_0_37_0) -> None:
    code = ("import xlwings as xw; print(xw.__version__, hasattr(xw.Range, 'add_note'), "
            "isinstance(getattr(xw.main.RangeColumns, 'hidden', None), property))")
    env = {**os.environ, "PYTHONPATH": str(xlwings_0_37_0)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.stdout.split() == [OLDEST_XLWINGS, "False", "False"], done.stderr
    assert hasattr(xw.Range, "add_note")
    assert isinstance(getattr(xw.main.RangeColumns, "hidden", None), property)


@pytest.mark.network
@pytest.mark.office  # the handlers' tests make their workbooks with LibreOffice
def test_the_add_in_tests_pass_on_xlwings_0_37_0(xlwings_0_37_0) -> None:
    """The handlers, the add-in build (its VBA from 0.37.0's module), the UDFs and the Lite
    scripts, on xlwings 0.37.0."""
    env = {**os.environ, "PYTHONPATH": str(xlwings_0_37_0)}
    deselect = [arg for test in NOT_ON_0_37_0 for arg in ("--deselect", f"tests/{test}")]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m",
         "not network", *deselect, *(f"tests/{t}" for t in ADDIN_TESTS),
         "--override-ini", "addopts="],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    tail = done.stdout[-3000:]
    assert done.returncode == 0, tail
    passed = re.search(r"(\d+) passed", tail)
    assert passed and int(passed[1]) > 100, tail
    assert "skipped" not in tail


class Com:
    """Excel's Range object as COM shows it: the calls are recorded."""

    def __init__(self) -> None:
        self.comments: list[str] = []
        self.EntireColumn = SimpleNamespace(Hidden=False)

    def AddComment(self, text: str) -> None:  # Excel's name
        self.comments.append(text)


def test_on_xlwings_0_37_0_a_note_and_a_hidden_column_go_through_com() -> None:
    old = SimpleNamespace(api=Com(), columns=SimpleNamespace())  # 0.37.0's Range, on Excel
    xlcompat.add_note(old, "galat")
    xlcompat.hide_columns(old)
    assert old.api.comments == ["galat"] and old.api.EntireColumn.Hidden is True
    assert not hasattr(old.columns, "hidden")


def test_an_engine_with_neither_says_not_implemented() -> None:
    """0.37.0's remote engine: its Range.api is the values (the callers then go on without)."""
    remote = SimpleNamespace(api=((None,),), columns=SimpleNamespace())
    with pytest.raises(NotImplementedError):
        xlcompat.add_note(remote, "galat")
    with pytest.raises(NotImplementedError):
        xlcompat.hide_columns(remote)
    # with 0.37.8 they are xlwings' own calls: tests/test_addin_handlers.py sees addNote and
    # setColumnHidden through the remote engine

