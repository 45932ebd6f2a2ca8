"""Python 3.10, the oldest Python the Windows bundle installs on, with xlwings 0.37.0, the last
xlwings for it (and pandas 2). No CPython 3.10 runs here natively (the machine has none), so
three parts: xl-iki's source checked for 3.10 by vermin, the add-in's and consolidation's
tests run with the packages pip picks for 3.10, and the two xlwings calls 0.37.0 lacks stood in
for through Excel's own COM calls. (tests/test_lite.py
runs xl-iki's code on CPython 3.10 itself, under Pyodide 0.22.1.)"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib.metadata import requires, version
from pathlib import Path
from types import SimpleNamespace

import pytest
import xlwings as xw

import xl_iki
from xl_iki.addin import bundle, xlcompat

ROOT = Path(__file__).resolve().parent.parent
OLDEST_XLWINGS = "0.37.0"
#: the tests run with the packages of 3.10, and those that cannot pass on xlwings 0.37.0's
#: remote engine, which has no notes and no hidden columns (on Excel, xlcompat makes both
#: through COM: tested below)
TESTS = ["test_addin_handlers.py", "test_addin_build.py", "test_vba_project.py", "test_udfs.py",
         "test_addin_first_click.py", "test_addin_kunci.py", "test_addin_protection.py",
         "test_addin_cli.py", "test_addin_statusbar.py", "test_lite.py", "test_consolidate.py",
         "test_consolidate_cache.py", "test_consolidate_damaged.py",
         "test_consolidate_duplicates.py",
         "test_consolidate_inputs.py", "test_consolidate_output.py",
         "test_consolidate_predikat.py", "test_export.py", "test_export_labels.py",
         "test_csv.py"]
DIFFERING = ("xlwings", "pandas")  # the requirements pip resolves otherwise for Python 3.10
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
def for_3_10(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """What pip picks for CPython 3.10 where it picks otherwise than for this Python (xlwings
    0.37.0; pandas 2 and its numpy, as pandas 3 needs 3.11), installed for this Python into
    a folder to put first on PYTHONPATH (from PyPI). Returns the folder and name -> version."""
    folder = tmp_path_factory.mktemp("for-3.10")
    report = folder.parent / "report-3.10.json"
    wanted = [r for r in requires("xl-iki") if r.split("<")[0].split(">")[0] in DIFFERING]
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--report",
                           str(report), "--target", str(folder / "T"), "--python-version", "3.10",
                           "--only-binary=:all:", *wanted], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    picked = {item["metadata"]["name"].lower(): item["metadata"]["version"]
              for item in json.loads(report.read_text(encoding="utf-8"))["install"]}
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--target",
                           str(folder), *(f"{n}=={v}" for n, v in picked.items())],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return folder, picked


@pytest.mark.network
def test_on_3_10_pip_picks_xlwings_0_37_0_and_pandas_2(for_3_10) -> None:
    _, picked = for_3_10
    assert picked["xlwings"] == OLDEST_XLWINGS
    assert picked["pandas"].startswith("2.") and version("pandas").startswith("3."), picked


@pytest.mark.network
def test_xlwings_0_37_0_lacks_exactly_what_xlcompat_stands_in_for(for_3_10) -> None:
    code = ("import xlwings as xw; print(xw.__version__, hasattr(xw.Range, 'add_note'), "
            "isinstance(getattr(xw.main.RangeColumns, 'hidden', None), property))")
    env = {**os.environ, "PYTHONPATH": str(for_3_10[0])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.stdout.split() == [OLDEST_XLWINGS, "False", "False"], done.stderr
    assert hasattr(xw.Range, "add_note")
    assert isinstance(getattr(xw.main.RangeColumns, "hidden", None), property)


@pytest.mark.network
@pytest.mark.office  # the handlers' tests make their workbooks with LibreOffice
def test_the_tests_pass_with_the_packages_of_3_10(for_3_10) -> None:
    """The add-in (the handlers, the add-in build with 0.37.0's VBA module, the UDFs, the
    Lite scripts) and consolidation and export (pandas), with the packages of Python 3.10."""
    folder, picked = for_3_10
    env = {**os.environ, "PYTHONPATH": str(folder)}
    code = "import pandas, xlwings; print(xlwings.__version__, pandas.__version__)"
    used = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=60).stdout.split()
    assert used == [picked["xlwings"], picked["pandas"]], used
    deselect = [arg for test in NOT_ON_0_37_0 for arg in ("--deselect", f"tests/{test}")]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m",
         "not network", *deselect, *(f"tests/{t}" for t in TESTS),
         "--override-ini", "addopts=", "-n", "2"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=900)
    tail = done.stdout[-3000:]
    assert done.returncode == 0, tail
    passed = re.search(r"(\d+) passed", tail)
    assert passed and int(passed[1]) > 250, tail
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

