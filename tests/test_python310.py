"""Python 3.10, the oldest Python the Windows bundle installs on, where pip picks xlwings 0.37.0
(the last xlwings for it) and pandas 2. CPython 3.10 itself runs the tests in a venv of its
own, made as the README makes one (the machine image has 3.10 under pyenv): the quick lane,
and the add-in's and consolidation's LibreOffice tests. vermin also reads every module for
3.10, and the two xlwings calls 0.37.0 lacks are stood in for through Excel's own COM calls,
which no engine here has. (tests/test_lite.py runs the Lite scripts under Pyodide's 3.10 too.)"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import xl_iki
from xl_iki.addin import bundle, xlcompat

ROOT = Path(__file__).resolve().parent.parent
OLDEST_XLWINGS = "0.37.0"
#: the LibreOffice tests that 3.10 runs besides the quick lane: the add-in's and consolidation's
OFFICE_TESTS = ["test_addin_handlers.py", "test_addin_build.py", "test_addin_kunci.py",
                "test_consolidate.py", "test_consolidate_output.py", "test_export.py"]
#: what xlwings 0.37.0's remote engine cannot do, which these tests check through it: notes
#: and hidden columns (on Excel, xlcompat makes both through COM: tested below)
NOT_ON_0_37_0 = [
    "test_addin_handlers.py::test_validasi_lists_every_finding_first_and_marks_the_cells",
    "test_addin_handlers.py::test_validasi_adds_a_note_per_marked_cell_where_the_client_has_notes",
    "test_addin_handlers.py::test_perbarui_rekap_rebuilds_it_in_place_in_one_write",
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


def test_the_bundle_starts_at_3_10() -> None:
    assert bundle.PYTHONS[0] == "3.10"


def python_3_10() -> str:
    """CPython 3.10: $XL_IKI_PYTHON310, else python3.10 on PATH, else pyenv's."""
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    given = os.environ.get("XL_IKI_PYTHON310")
    for candidate in ([given] if given else [
            shutil.which("python3.10"),
            *sorted(glob.glob(f"{root}/versions/3.10.*/bin/python3.10"), reverse=True)]):
        if candidate and run([candidate, "-c", "import sys; print(sys.version_info[:2])"],
                             timeout=60).stdout.strip() == "(3, 10)":
            return candidate
    pytest.fail("CPython 3.10 not found: install it (pyenv install 3.10) or name it in "
                "XL_IKI_PYTHON310")


def run(command: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=False, **kw)


@pytest.fixture(scope="module")
def venv_3_10(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CPython 3.10 venv with xl-iki and its test extras, as the README installs them
    (from PyPI); returns its python."""
    env = tmp_path_factory.mktemp("py310") / "venv"
    done = run([python_3_10(), "-m", "venv", str(env)], timeout=120)
    assert done.returncode == 0, done.stderr
    python = env / "bin" / "python"
    done = run([str(python), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"], timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return python


@pytest.mark.network
def test_on_3_10_pip_picks_xlwings_0_37_0_and_pandas_2(venv_3_10: Path) -> None:
    """Also what xlcompat is for: 0.37.0 has no Range.add_note, no RangeColumns.hidden."""
    code = ("import sys, pandas, xlwings as xw; print(sys.version_info[:2], xw.__version__, "
            "pandas.__version__[:2], hasattr(xw.Range, 'add_note'), "
            "isinstance(getattr(xw.main.RangeColumns, 'hidden', None), property))")
    done = run([str(venv_3_10), "-c", code], timeout=120)
    assert done.stdout.split() == ["(3,", "10)", OLDEST_XLWINGS, "2.", "False", "False"], (
        done.stdout + done.stderr)


def passed(done: subprocess.CompletedProcess, at_least: int) -> None:
    tail = done.stdout[-3000:]
    assert done.returncode == 0, tail
    count = re.search(r"(\d+) passed", tail)
    assert count and int(count[1]) >= at_least, tail
    assert "skipped" not in tail


@pytest.mark.network
def test_the_quick_lane_passes_on_3_10(venv_3_10: Path) -> None:
    passed(run([str(venv_3_10), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2",
                "-m", "not office", "--override-ini", "addopts="], cwd=ROOT, timeout=1200), 800)


@pytest.mark.network
@pytest.mark.office  # LibreOffice makes these tests' workbooks
def test_the_add_in_and_consolidation_office_tests_pass_on_3_10(venv_3_10: Path) -> None:
    deselect = [arg for test in NOT_ON_0_37_0 for arg in ("--deselect", f"tests/{test}")]
    passed(run([str(venv_3_10), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m",
                "office and not network", *deselect, *(f"tests/{t}" for t in OFFICE_TESTS),
                "--override-ini", "addopts="], cwd=ROOT, timeout=900), 20)


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

