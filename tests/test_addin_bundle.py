"""The offline Windows bundle: what pip resolves from it for each supported Python (built for
real: needs PyPI, marked ``network``), and the installer's steps (pasang.py with its OS calls
isolated; pasang.bat read as text, since there is no cmd.exe here)."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import xl_iki
from xl_iki.addin import bundle

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "xl_iki" / "addin" / "windows"


def load_pasang():
    spec = importlib.util.spec_from_file_location("pasang", INSTALLER / "pasang.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the bundle, built for real ----------------------------------------------------------------


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle as scripts/build_bundle.py writes it, unzipped (downloads ~120 MB)."""
    out = tmp_path_factory.mktemp("bundle")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_bundle.py"), "-o",
                           str(out)], capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr
    path = out / f"xl-iki-{xl_iki.__version__}-windows-x64.zip"
    with zipfile.ZipFile(path) as zf:
        zf.extractall(out / "x")
    return out / "x" / f"xl-iki-{xl_iki.__version__}-windows-x64"


def dry_run(wheels: Path, python: str, target: Path) -> dict[str, str]:
    """The issue's command; returns what pip would install: name -> version."""
    report = target.with_name("report.json")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--find-links",
         str(wheels), "--platform", "win_amd64", "--python-version", python,
         "--only-binary=:all:", "--target", str(target), "--report", str(report), "xl-iki"],
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return {item["metadata"]["name"].lower(): item["metadata"]["version"]
            for item in json.loads(report.read_text(encoding="utf-8"))["install"]}


def pip_version() -> tuple[int, ...]:
    import pip

    return tuple(int(part) for part in pip.__version__.split(".")[:2])


@pytest.mark.network
@pytest.mark.parametrize("python", bundle.PYTHONS)
def test_bundle_resolves_offline_for_windows(unpacked: Path, python: str, tmp_path) -> None:
    assert pip_version() >= (25, 0), "pip < 25 checks Requires-Python against this Python, "\
        "not --python-version: pip install -e '.[test]' brings a newer one"
    installed = dry_run(unpacked / "wheels", python, tmp_path / "T")
    assert installed["xlwings"] == ("0.37.0" if python == "3.10" else "0.37.8"), installed
    assert {"xl-iki", "pandas", "openpyxl", "pyyaml"} <= installed.keys()  # pywin32: below
    tag = f"cp{python.replace('.', '')}"
    names = [p.name for p in (unpacked / "wheels").iterdir()]
    for package in ("xlwings", "pywin32", "pandas", "numpy"):  # pywin32: see WINDOWS_ONLY
        assert any(re.match(rf"{package}-[^-]+-{tag}-{tag}-win_amd64\.whl", n) for n in names), (
            package, tag)
    assert f"xl_iki-{xl_iki.__version__}-py3-none-any.whl" in names


@pytest.mark.network
def test_bundle_holds_the_installer(unpacked: Path) -> None:
    bat = (unpacked / "pasang.bat").read_bytes()
    assert b"\r\n" in bat and b"\n" not in bat.replace(b"\r\n", b""), "cmd.exe wants CRLF"
    assert (unpacked / "pasang.py").read_bytes() == (INSTALLER / "pasang.py").read_bytes()


# --- pasang.bat --------------------------------------------------------------------------------


def test_pasang_bat_finds_python_in_order_and_refuses_the_store_placeholder() -> None:
    text = (INSTALLER / "pasang.bat").read_text(encoding="ascii")
    steps = [text.index(s) for s in (
        r'"%VIRTUAL_ENV%\Scripts\python.exe"', "for %%V in (3.13 3.12 3.11 3.10) do",
        r'"%LOCALAPPDATA%\Programs\Python\Python%%V" "%ProgramFiles%\Python%%V"',
        "'where python 2^>nul'", '"%PYEXE%" %PYARG% "%HERE%pasang.py"')]
    assert steps == sorted(steps)
    assert 'findstr /i /l "WindowsApps"' in text and 'set "STORE=%%P"' in text
    assert "pintasan Microsoft Store" in text and "exit /b 1" in text
    assert "for %%V in (313 312 311 310) do" in text
    assert "Python 3.10 sampai 3.13 tidak ditemukan" in text
    for line in text.splitlines():  # an unescaped ")" in an echo ends a block early
        if line.strip().lower().startswith("echo "):
            assert ")" not in line and "(" not in line, line
    assert text.count("(") == text.count(")")


# --- pasang.py ---------------------------------------------------------------------------------


class FakeRun:
    """subprocess.run of pasang.py: every command recorded, answers per step."""

    def __init__(self, dll: Path, fail: str | None = None):
        self.commands: list[list[str]] = []
        self.dll, self.fail = dll, fail

    def __call__(self, command, **kw):
        self.commands.append(command)
        step = "pip" if "pip" in command else "dll" if "-c" in command else "addin"
        if step == self.fail:
            return subprocess.CompletedProcess(command, 1, "", "Excel sedang terbuka")
        out = {"pip": "", "dll": f"{self.dll}\n", "addin": "Add-in dipasang: X.xlam."}[step]
        return subprocess.CompletedProcess(command, 0, out, "")


@pytest.fixture
def pasang(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    module = load_pasang()
    wheels = tmp_path / "paket" / "wheels"
    wheels.mkdir(parents=True)
    monkeypatch.setattr(module, "WHEELS", wheels)

    class Builder:
        def __init__(self, **kw):
            self.options = kw

        def create(self, env):
            module.bin_dir(Path(env)).mkdir(parents=True)

    monkeypatch.setattr(module.venv, "EnvBuilder", Builder)
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    return module


def test_pasang_py_installs_offline_and_places_the_dll(pasang, monkeypatch, tmp_path,
                                                       capsys) -> None:
    user_data = tmp_path / "Roaming" / "Python" / "Python312"  # where pip --user puts it
    user_data.mkdir(parents=True)
    (user_data / "xlwings64-0.37.8.dll").write_bytes(b"dll")
    run = FakeRun(user_data / "xlwings64-0.37.8.dll")
    monkeypatch.setattr(pasang.subprocess, "run", run)
    assert pasang.main() == 0
    env = tmp_path / "Local" / "xl-iki" / "venv"
    python, xl_iki_exe = str(pasang.program(env, "python")), str(pasang.program(env, "xl-iki"))
    assert run.commands == [
        [python, "-m", "pip", "install", "--no-index", "--find-links", str(pasang.WHEELS),
         "--upgrade", "--disable-pip-version-check", "xl-iki"],
        [python, "-c", pasang.FIND_DLL],
        [xl_iki_exe, "addin", "install"]]
    assert (env / "xlwings64-0.37.8.dll").read_bytes() == b"dll"
    out = capsys.readouterr().out
    assert "1/4" in out and "4/4" in out and "Selesai. Add-in dipasang" in out


def test_pasang_py_says_a_failed_step_in_indonesian(pasang, monkeypatch, tmp_path,
                                                    capsys) -> None:
    (tmp_path / "xlwings64-0.37.8.dll").write_bytes(b"dll")
    monkeypatch.setattr(pasang.subprocess, "run",
                        FakeRun(tmp_path / "xlwings64-0.37.8.dll", fail="addin"))
    assert pasang.main() == 1
    out = capsys.readouterr().out
    assert "PEMASANGAN BELUM SELESAI" in out and "Excel sedang terbuka" in out
    assert "Langkah 'memasang add-in' gagal (kode 1)" in out


def test_pasang_py_finds_the_dll_that_pip_put_in_the_venv(pasang, tmp_path) -> None:
    env = tmp_path / "venv"
    env.mkdir()
    (env / "xlwings64-0.37.8.dll").write_bytes(b"dll")
    assert pasang.place_dll(env, [env / "xlwings64-0.37.8.dll"]) == [
        env / "xlwings64-0.37.8.dll"]
    with pytest.raises(pasang.Refused, match="DLL xlwings tidak ditemukan"):
        pasang.place_dll(env, [])


@pytest.mark.parametrize("version, ok", [((3, 9), False), ((3, 10), True), ((3, 13), True),
                                         ((3, 14), False)])
def test_pasang_py_takes_the_pythons_the_bundle_has(pasang, version, ok) -> None:
    assert [f"{v[0]}.{v[1]}" for v in (pasang.OLDEST, pasang.NEWEST)] == [
        bundle.PYTHONS[0], bundle.PYTHONS[-1]]
    if ok:
        pasang.check_python(version)
    else:
        with pytest.raises(pasang.Refused, match=r"tidak didukung.*3\.10 sampai 3\.13"):
            pasang.check_python(version)


def test_pasang_py_refuses_a_half_extracted_bundle(pasang, monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(pasang, "WHEELS", tmp_path / "tidak-ada")
    with pytest.raises(pasang.Refused, match="Ekstrak seluruh isi"):
        pasang.check_python((3, 12))


def test_pasang_py_says_when_excel_holds_the_old_venv(pasang, monkeypatch, tmp_path) -> None:
    class Held:
        def __init__(self, **kw):
            pass

        def create(self, env):
            raise PermissionError(13, "Access is denied", str(env))

    monkeypatch.setattr(pasang.venv, "EnvBuilder", Held)
    with pytest.raises(pasang.Refused, match="tutup semua jendela Excel"):
        pasang.make_venv(tmp_path / "venv")
