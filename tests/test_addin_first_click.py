"""The first click of a ribbon button: what the VBA checks before Python, the command it hands
to Python, the version check, what the button path imports, and the UDF descriptions Excel's
Insert Function dialog shows."""

from __future__ import annotations

import ast
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import xlwings
from test_addin_build import FakeBook, expected_modules

import xl_iki
from xl_iki import udfs
from xl_iki.addin import actions, names, run_button
from xl_iki.workbook import template

SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's Python: no xl_iki, no xlwings
HEAVY = ("pandas", "numpy", "openpyxl", "pyopenvba", "yaml", "PIL", "python_calamine")


def vba_string(source: str, variable: str) -> str:
    """The value of ``variable = "..." & _ "..."`` in VBA source: its literals joined."""
    match = re.search(rf"^\s*{variable} = ((?:.*& _\n)*.*)$", source, re.M)
    assert match, variable
    return "".join(part.replace('""', '"')
                   for part in re.findall(r'"((?:[^"]|"")*)"', match[1]))


def iki_module() -> str:
    return expected_modules()["IKI"]


# --- the checks the VBA makes before calling Python ------------------------------------------


def test_the_callback_checks_python_before_running_it() -> None:
    body = iki_module().split("Public Sub IKI_OnAction", 1)[1].split("End Sub", 1)[0]
    assert body.index("If Not PythonReady() Then Exit Sub") < body.index('RunPython "')
    ready = iki_module().split("Private Function PythonReady", 1)[1].split("End Function")[0]
    order = [ready.index(f"problem = {name}(exe)") for name in
             ("InterpreterProblem", "DllProblem", "PackageProblem")]
    assert order == sorted(order), "interpreter, then its DLL, then the package"
    assert "Checked = exe" in ready, "checked once per Excel session"


def test_every_case_is_explained_in_indonesian_with_what_to_do() -> None:
    source = iki_module()
    reinstall = vba_string(source, "Private Const REINSTALL As String")
    assert "pasang.bat" in reinstall and "xl-iki addin install" in reinstall
    assert "tutup semua jendela Excel" in reinstall
    cases = {
        "InterpreterProblem": ["Python tidak ditemukan", "pintasan Microsoft Store",
                               "tidak ada lagi", "GetConfigFilePath()"],
        "DllProblem": ['"xlwings64-" & XLWINGS_VERSION & ".dll"',
                       '"xlwings32-" & XLWINGS_VERSION & ".dll"', "pip install --user",
                       "Microsoft Store"],
        "PackageProblem": ["tidak dapat dimuat", "Add-in ini dibuat untuk xl-iki"],
    }
    for function, phrases in cases.items():
        body = source.split(f"Private Function {function}", 1)[1].split("End Function", 1)[0]
        text = re.sub(r'" & _\n\s*"', "", body)  # the literals of a statement joined
        for phrase in phrases:
            assert phrase in text, (function, phrase)
        assert "REINSTALL" in body, function
    assert 'STORE_FOLDER As String = "\\microsoft\\windowsapps\\"' in source


def test_the_dll_is_looked_for_where_xlwings_loads_it() -> None:
    """xlwings' XLPyLoadDLL: the interpreter's folder, then the one above it (a venv)."""
    xlwings_vba = expected_modules()["xlwings"]
    assert "LoadLibrary(ParentFolder(PYTHON_WIN) + \"\\\" + XLPyDLLName)" in xlwings_vba
    assert "LoadLibrary(ParentFolder(ParentFolder(PYTHON_WIN)) + \"\\\"" in xlwings_vba
    assert f'XLPyDLLName As String = "xlwings64-{xlwings.__version__}.dll"' in xlwings_vba


def probe(python: str, tmp_path: Path) -> tuple[int, str | None]:
    """Run the VBA's package probe as the VBA does: python -c CODE ANSWER_FILE."""
    code = vba_string(iki_module(), "code")
    answer = tmp_path / "xl-iki-periksa.txt"
    done = subprocess.run([python, "-c", code, str(answer)], capture_output=True, timeout=60,
                          cwd=tmp_path)  # not the repository, which holds xl_iki
    return done.returncode, answer.read_text() if answer.exists() else None


def test_the_package_probe_answers_both_versions(tmp_path: Path) -> None:
    code, answer = probe(sys.executable, tmp_path)
    assert code == 0 and answer == f"{xl_iki.__version__} {xlwings.__version__}"
    # what the VBA compares the answer with
    assert 'found <> XL_IKI_VERSION & " " & XLWINGS_VERSION' in iki_module()


def test_the_package_probe_writes_nothing_where_xl_iki_is_missing(tmp_path: Path) -> None:
    assert subprocess.run([SYSTEM_PYTHON, "-c", "import xl_iki"], capture_output=True,
                          cwd=tmp_path).returncode != 0, "system Python has xl_iki"
    code, answer = probe(SYSTEM_PYTHON, tmp_path)
    assert code != 0 and answer is None


def test_the_command_the_vba_sends_runs_the_button(monkeypatch: pytest.MonkeyPatch) -> None:
    """The RunPython command, built as the VBA builds it, executed as xlwings executes it."""
    line = re.search(r'RunPython (".*& _\n.*)$', iki_module(), re.M)[1]
    command = line.replace('" & control.Id & _\n        "', "iki_bantuan").replace(
        '" & XL_IKI_VERSION & "', xl_iki.__version__).strip('"')
    book = FakeBook("Petunjuk")
    monkeypatch.setattr(xlwings.Book, "caller", staticmethod(lambda: book))
    exec(command, {})
    assert book.active == "Petunjuk" and f"xl-iki {xl_iki.__version__}" in book.said


def test_a_different_addin_version_is_said_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    ran = []
    monkeypatch.setattr(actions, "show_help", lambda book: ran.append(book))
    book = FakeBook()
    run_button("iki_bantuan", book, addin_version="0.0.9")
    assert not ran
    assert "Add-in xl-iki di Excel ini versi 0.0.9" in book.said
    assert f"paket Python xl-iki versi {xl_iki.__version__}" in book.said
    assert "pasang.bat" in book.said and book.app.alerts[0]["mode"] == "critical"
    run_button("iki_bantuan", book, addin_version=xl_iki.__version__)
    assert ran == [book]


# --- the button path ---------------------------------------------------------------------------

#: the start of a script in which the modules ``{blocked}`` cannot be imported
BLOCK = """
import json, os, sys

class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ImportError(f"{{name}} blocked by the test")

sys.meta_path.insert(0, Block())
"""
BLOCKER = BLOCK + """
import xlwings
after_xlwings = set(sys.modules)
import xl_iki.addin
from xl_iki.addin import actions
print(json.dumps(sorted({{m.split(".")[0] for m in set(sys.modules) - after_xlwings}})))
"""


def test_the_button_path_imports_no_pandas_openpyxl_or_pyopenvba() -> None:
    """In a fresh Python where pandas, numpy, openpyxl, pyopenvba, PyYAML, Pillow and calamine
    cannot be imported at all (so that xlwings, which imports pandas when it can, does not
    hide an import of ours), the add-in package and its dispatcher import."""
    done = subprocess.run([sys.executable, "-c", BLOCKER.format(blocked=set(HEAVY))],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert set(json.loads(done.stdout)) <= {"xl_iki"}


#: what the first click of a button does not need: PyYAML and the catalogue parser (reading
#: keys, not YAML), urllib/http/ssl/email (xml.sax.saxutils), and openpyxl with the workbook
#: writer and its openpyxl sinks (the values come from Excel; Perbarui Rekap writes the Rekap
#: through the plain GridSink, :mod:`xl_iki.addin.rekap_grid`)
NOT_ON_HANDLER_PATH = ("yaml", "xl_iki.catalogue", "urllib.request", "http.client", "ssl",
                       "email.message", "openpyxl", "xl_iki.workbook.writer",
                       "xl_iki.workbook.jabatan_sheet", "xl_iki.workbook.styles",
                       "xl_iki.workbook.sinks", "xl_iki.edit")
HANDLERS = """
import json, sys
import xlwings
after_xlwings = set(sys.modules)
import xl_iki.addin.handlers, xl_iki.addin.rekap_grid
print(json.dumps(sorted(set(sys.modules) - after_xlwings)))
"""


def test_the_handler_modules_import_no_yaml_catalogue_network_or_openpyxl_modules() -> None:
    """Validasi, Hapus Tanda and Perbarui Rekap (with its Rekap writer) alike; nothing of
    pandas or numpy beyond what xlwings loaded itself."""
    done = subprocess.run([sys.executable, "-c", HANDLERS], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout))
    assert "xl_iki.workbook.rekap_sheet" in loaded
    assert loaded & set(NOT_ON_HANDLER_PATH) == set()
    assert {m for m in loaded if m.split(".")[0] in HEAVY} == set()


GABUNGKAN = """
import json, sys
import xlwings, xl_iki.addin.handlers
before = set(sys.modules)
import xl_iki.consolidate
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_gabungkan_adds_no_yaml_catalogue_network_or_openpyxl_modules() -> None:
    """Gabungkan's first click adds the consolidation modules (its XlsxWriter output) and
    none of the readers' or the generator's heavy ones: the files are read as XML."""
    done = subprocess.run([sys.executable, "-c", GABUNGKAN], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    loaded = set(json.loads(done.stdout))
    assert "xlsxwriter" in loaded
    assert loaded & {*NOT_ON_HANDLER_PATH, "lxml", "lxml.etree"} == set()
    assert {m for m in loaded if m.split(".")[0] in HEAVY} == set()


REKAP = BLOCK + """
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"  # xlwings' remote engine, tests only
import xlwings as xw
from xlwings.main import Engine
from xlwings.pro import _xlremote

xw.engines.add(Engine(impl=_xlremote.engine))
from xl_iki.addin.handlers import read_iki
from xl_iki.addin.rekap_grid import rekap_grid

with open(sys.argv[1], encoding="utf-8") as f:
    grid = rekap_grid(read_iki(xw.Book(json=json.load(f))))
print(json.dumps(grid_json(grid)))
"""


def grid_json(grid) -> dict:
    """A Grid as JSON: cells as "row,column"."""
    return {"values": {f"{r},{c}": v for (r, c), v in grid.values.items()},
            "fills": {f"{r},{c}": v for (r, c), v in grid.fills.items()},
            "formats": {f"{r},{c}": v for (r, c), v in grid.formats.items()},
            "widths": grid.widths}


def test_perbarui_rekap_builds_its_grid_where_openpyxl_cannot_be_imported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Rekap of a generated workbook, sent as an Excel client sends it, built in a fresh
    Python where openpyxl, pyopenvba, PyYAML, Pillow and calamine cannot be imported (pandas
    and numpy neither, so that xlwings does not hide an import of ours): the same Grid as in
    this process, where everything can be imported (and which equals the openpyxl sheet:
    test_addin_handlers.py::test_grid_sink_holds_what_the_openpyxl_sink_holds)."""
    from test_addin_handlers import payload
    from test_validation import CAT

    from xl_iki.addin.handlers import read_iki
    from xl_iki.addin.rekap_grid import rekap_grid
    from xl_iki.workbook import write_workbook

    data = payload(write_workbook(CAT, tmp_path / "iki.xlsx"))
    sent, script = tmp_path / "payload.json", tmp_path / "rekap.py"
    sent.write_text(json.dumps(data), encoding="utf-8")
    script.write_text(inspect.getsource(grid_json) + REKAP.format(blocked=set(HEAVY)),
                      encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(sent)], capture_output=True,
                          text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")  # remote engine, tests only
    from xlwings.main import Engine
    from xlwings.pro import _xlremote

    if "remote" not in [e.name for e in xlwings.engines]:
        xlwings.engines.add(Engine(impl=_xlremote.engine))
    here = grid_json(rekap_grid(read_iki(xlwings.Book(json=data))))
    assert json.loads(done.stdout) == json.loads(json.dumps(here))
    assert here["values"] and here["fills"] and here["widths"]["Z"] is None


def test_xlwings_itself_imports_pandas_when_it_can() -> None:
    """The honest part of the cold start: xlwings' own import loads pandas (and numpy)."""
    code = "import sys, xlwings; print('pandas' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "True"


def test_the_guide_sheet_name_is_the_generators() -> None:
    assert names.GUIDE == template.GUIDE


# --- the UDF descriptions ------------------------------------------------------------------------


def decorator_docs() -> dict[str, list[str]]:
    """UDF name -> the ``doc=`` of its ``@xw.arg`` decorators, from the source (off Windows the
    xlwings decorators do nothing, so there is no ``__xlfunc__`` to read)."""
    tree = ast.parse(Path(udfs.__file__).read_text(encoding="utf-8"))
    functions = [node for node in tree.body
                 if isinstance(node, ast.FunctionDef) and node.name in udfs.__all__]
    return {node.name: [kw.value.value for call in node.decorator_list
                        if isinstance(call, ast.Call) for kw in call.keywords if kw.arg == "doc"]
            for node in functions}


@pytest.mark.parametrize("name", udfs.__all__)
def test_udf_description_is_one_clean_indonesian_line(name: str) -> None:
    """xlwings passes ``__doc__`` as it is (cut at 255) to Application.MacroOptions as the
    Description that Insert Function shows, and each ``@xw.arg`` doc as its
    ArgumentDescriptions."""
    description = getattr(udfs, name).__doc__
    assert "\n" not in description and description == description.strip()
    assert "  " not in description and len(description) <= 255
    assert description.endswith(".") and description[0].isupper()
    args = decorator_docs()[name]
    assert len(args) == getattr(udfs, name).__code__.co_argcount, "every argument described"
    for doc in args:
        assert "\n" not in doc and doc == doc.strip() and len(doc) <= 255, doc
    english = {"the", "returns", "value", "function", "empty", "if"}
    words = set(re.findall(r"[a-z]+", description.casefold()))
    assert not words & english, words & english


# --- the install guide -------------------------------------------------------------------------

GUIDE_DOC = Path(__file__).resolve().parent.parent / "docs" / "pasang-add-in.md"


def test_the_install_guide_is_windows_first_and_current() -> None:
    text = GUIDE_DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```(\w*)\n(.*?)```", text, re.S)
    assert blocks and all(lang == "bat" for lang, _ in blocks), "Command Prompt blocks only"
    for _, block in blocks:
        for posix in ("$ ", "~/", "export ", "./", "dist/", "source "):
            assert posix not in block, (posix, block)
    rows = {m[1]: m[2] for m in re.finditer(r"^\|[^|]*\| \**([\w ]+?)\** \| (.*) \|$", text,
                                            re.M)}
    for button in ("Validasi", "Hapus Tanda", "Perbarui Rekap", "Gabungkan Berkas",
                   "Tahun Baru"):
        assert button in rows and "belum tersedia" not in rows[button].casefold(), button
    assert "pip install xl-iki" not in text, "xl-iki is not on PyPI"
    # every message the VBA can show on the first click is explained
    source = re.sub(r'" & _\n\s*"', "", iki_module())
    for opening in ("Python tidak ditemukan di komputer ini.", "pintasan Microsoft Store",
                    "Python yang dicatat untuk xl-iki tidak ada lagi",
                    "Paket Python xl-iki tidak dapat dimuat oleh Python",
                    "Add-in ini dibuat untuk xl-iki"):
        assert opening in source and opening in text, opening
