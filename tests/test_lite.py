"""The xlwings Lite edition: main.py and requirements.txt as `xl-iki addin lite` writes them,
run the way Lite runs them (xlwings' Lite/Server decorators, XLWINGS_ON_SERVER=true) through
xlwings' remote engine on a generated, filled workbook, with xl-iki imported from the package
embedded in main.py."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from test_addin_handlers import payload
from test_validation import CAT, at, clean, edited  # noqa: F401 (clean: a fixture)

import xl_iki
from xl_iki import udfs
from xl_iki.addin import lite
from xl_iki.addin.actions import LITE
from xl_iki.addin.handlers import COLUMNS, UNMARKED
from xl_iki.cli import main
from xl_iki.edit.validasi import TITLE as VALIDASI
from xl_iki.reader import recover
from xl_iki.reader.source import read_values
from xl_iki.validation import GALAT, validate

DRIVER = Path(__file__).with_name("lite_driver.py")
NODE_SCRIPT = Path(__file__).with_name("lite_pyodide.mjs")
#: Pyodide release -> its CPython: xlwings Lite's line, and the last Pyodide on CPython 3.10
#: (the oldest Python the desktop add-in's bundle installs on)
PYODIDE = {"0.27.8": "3.12", "0.22.1": "3.10"}
EDITS = [(at("jml", "K"), "12 dokumen"), (at("pct", "K", 0), 9)]
FUNCTIONS = [("IKI_CAPAIAN", [80, 100, None, None]), ("IKI_CAPAIAN", [None, "80-90", None, None]),
             ("IKI_PREDIKAT", [91, None]), ("IKI_CEK", ["12 dokumen", None, None]),
             ("IKI_CEK", [12, None, None])]
SCRIPTS = ["validasi", "perbarui_rekap", "bantuan"]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lite")
    assert main(["addin", "lite", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def filled(clean: Path, tmp_path_factory) -> Path:  # noqa: F811
    return edited(clean, tmp_path_factory.mktemp("lite-book"), EDITS)


@pytest.fixture(scope="module")
def request_file(filled: Path, tmp_path_factory) -> Path:
    """What the driver runs: the filled workbook's payload, the scripts, the function calls."""
    path = tmp_path_factory.mktemp("lite-run") / "request.json"
    path.write_text(json.dumps({"payload": payload(filled), "scripts": SCRIPTS,
                                "functions": FUNCTIONS}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ran(written: Path, request_file: Path) -> dict:
    """The driver's answer under CPython: metadata, function results, each script's actions."""
    env = {**os.environ, "XLWINGS_ON_SERVER": "true",  # Lite's decorators
           "XLWINGS_LICENSE_KEY": "noncommercial"}  # the remote engine, tests only
    done = subprocess.run([sys.executable, str(DRIVER), str(written / "main.py"),
                           str(request_file)],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def alerts(actions: list[dict]) -> list[str]:
    return [a["args"][0] for a in actions if a["func"] == "alert"]


def test_files_and_the_embedded_package(written: Path) -> None:
    assert (written / "requirements.txt").read_text() == "openpyxl\nPyYAML\n"
    text = (written / "main.py").read_text(encoding="utf-8")
    assert text.endswith(lite.SCRIPTS.read_text(encoding="utf-8"))
    compile(text, "main.py", "exec")
    names = set(zipfile.ZipFile(BytesIO(lite.package_zip())).namelist())
    source = Path(xl_iki.__file__).parent
    assert names == {p.relative_to(source.parent).as_posix() for p in source.rglob("*.py")}
    assert lite.main_py() == text, "the same source gives the same main.py"


def test_existing_files_are_kept_without_timpa(written: Path, capsys) -> None:
    before = (written / "main.py").stat().st_mtime_ns
    assert main(["addin", "lite", "-o", str(written)]) == 2
    assert "--timpa" in capsys.readouterr().err
    assert (written / "main.py").stat().st_mtime_ns == before
    assert main(["addin", "lite", "-o", str(written), "--timpa"]) == 0


def test_xl_iki_comes_from_main_py(ran: dict) -> None:
    assert ".zip" in ran["package"] and ran["package"].endswith("xl_iki/__init__.py")


def test_lite_sees_three_scripts_and_the_functions(ran: dict) -> None:
    assert sorted((s["function_name"], s["name"]) for s in ran["scripts_meta"]) == [
        ("bantuan", "Bantuan"), ("perbarui_rekap", "Perbarui Rekap"), ("validasi", "Validasi")]
    functions = {f["name"]: f for f in ran["functions_meta"]}
    assert sorted(functions) == sorted(udfs.__all__)
    for name, meta in functions.items():
        assert meta["description"] == getattr(udfs, name).__doc__
        assert "\n" not in meta["description"]
        assert all(not p["description"].startswith("Positional") for p in meta["parameters"])


def test_functions_give_what_the_desktop_functions_give(ran: dict) -> None:
    for (name, args), got in zip(FUNCTIONS, ran["functions"]):
        assert got == [[getattr(udfs, name)(*args)]], (name, args)


def test_validasi_writes_the_sheet_and_paints_nothing(ran: dict, filled: Path) -> None:
    actions = ran["scripts"]["validasi"]
    findings = validate(recover(read_values(filled)))
    assert any(f.severity == GALAT for f in findings)
    (added,) = [a for a in actions if a["func"] == "addSheet"]
    assert added["args"][-1] == VALIDASI
    write = next(a for a in actions if a["func"] == "setValues" and a["sheet_position"] == 0)
    assert write["values"][0] == list(COLUMNS)
    assert len(write["values"]) == len(findings) + 1
    painted = {a["sheet_position"] for a in actions if a["func"] in ("setRangeColor", "addNote")}
    assert painted <= {0}, "only the new Validasi sheet is formatted: jabatan sheets are locked"
    (message,) = alerts(actions)
    assert "galat" in message and UNMARKED.format(sheet=VALIDASI) in message


def test_perbarui_rekap_rebuilds_the_rekap(ran: dict) -> None:
    actions = ran["scripts"]["perbarui_rekap"]
    (message,) = alerts(actions)
    n_ind = sum(len(j.indikator) for j in CAT.jabatan)
    assert f"{len(CAT.jabatan)} lembar jabatan, {n_ind} indikator" in message
    assert [a["func"] for a in actions].count("sheetDelete") == 1


def test_bantuan_opens_the_guide_sheet(ran: dict) -> None:
    actions = ran["scripts"]["bantuan"]
    (message,) = alerts(actions)
    assert LITE.hint in message and "xlwings-lite.md" in message
    assert any(a["func"] == "activateSheet" for a in actions)


# --- under Pyodide (the Python of xlwings Lite), in Node ---------------------------------------


def pyodide_dir(release: str) -> Path:
    """The `pyodide` npm package of ``release``, installed once into ~/.cache."""
    cache = Path.home() / ".cache" / "xl-iki" / f"pyodide-{release}"
    package = cache / "node_modules" / "pyodide"
    if not (package / "pyodide.mjs").is_file():
        cache.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix",
                               str(cache), f"pyodide@{release}"],
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
    return package


def site_packages(dest: Path) -> Path:
    """The pure-Python packages main.py needs, from this environment, as .py files only:
    xlwings without its Rust extension (which it can do without), openpyxl and et_xmlfile
    (pure Python, as Lite installs them from PyPI), PyYAML without its C extension (Lite
    installs Pyodide's build)."""
    path = dest / "site-packages.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name in ("xlwings", "openpyxl", "et_xmlfile", "yaml"):
            top = Path(importlib.import_module(name).__file__).parent
            for file in top.rglob("*.py"):
                zf.write(file, file.relative_to(top.parent).as_posix())
    return path


@pytest.mark.network  # the pyodide npm package, once (about 10 MB)
@pytest.mark.parametrize("release", PYODIDE)
def test_the_same_under_pyodide(written: Path, request_file: Path, ran: dict,
                                tmp_path: Path, release: str) -> None:
    """main.py run by Pyodide gives exactly the answers CPython gives: the scripts' recorded
    actions, the functions' results and the metadata Lite registers; also on CPython 3.10,
    which runs xl-iki's code the way the desktop add-in does there."""
    for tool in ("node", "npm"):
        assert shutil.which(tool), f"{tool} is missing: Pyodide runs in Node 18+ (nodejs, npm)"
    done = subprocess.run(["node", str(NODE_SCRIPT), str(pyodide_dir(release)),
                           str(site_packages(tmp_path)), str(written / "main.py"), str(DRIVER),
                           str(request_file)],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    under_pyodide = json.loads(done.stdout)
    assert under_pyodide.pop("python") == PYODIDE[release]
    assert under_pyodide.pop("package").startswith("/tmp/xl_iki-")
    assert under_pyodide == {k: v for k, v in ran.items() if k not in ("package", "python")}
