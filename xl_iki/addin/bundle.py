"""The offline Windows bundle: one zip with xl-iki's wheel, every dependency's wheel for
win_amd64 on each supported CPython, and the installer (``pasang.bat``, ``pasang.py`` from
``windows/``), for office PCs that cannot reach PyPI.

For CPython 3.10 to 3.13: xlwings 0.37.8 on 3.11 and newer, 0.37.0 (the last xlwings for
3.10) on 3.10, as pyproject.toml pins them; the add-in is built on the PC from the xlwings
installed there. Built from the source tree (xl-iki's own wheel is made from it) on any OS,
with pip's ``--platform`` download: it needs PyPI, the PC that installs does not.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from .. import __version__
from ..errors import InputError, Problem
from ..fileio import atomic_write
from .build import AddinError

PYTHONS = ("3.10", "3.11", "3.12", "3.13")
PLATFORM = "win_amd64"
#: what pip does not see from here: it evaluates ``platform_system == 'Windows'`` markers
#: against this machine, not the target, so xlwings' Windows requirement is named
WINDOWS_ONLY = ("pywin32>=224",)
INSTALLER = Path(__file__).with_name("windows")
BAT, SCRIPT = "pasang.bat", "pasang.py"


def bundle_name() -> str:
    return f"xl-iki-{__version__}-windows-x64"


def _pip(args: list[str], what: str) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise AddinError(f"{what} gagal (pip, kode {done.returncode}):\n{done.stderr.strip()}")


#: the source tree this package runs from, when it runs from one (a clone, pip install -e)
SOURCE = Path(__file__).resolve().parents[2]


def source_root(given: str | Path | None = None) -> Path:
    """The xl-iki source tree to build from: ``given``, else the one this package runs from."""
    root = Path(given) if given else SOURCE
    if not (root / "pyproject.toml").is_file():
        raise InputError(str(root), [Problem(str(root), (
            "bukan folder sumber xl-iki (tidak ada pyproject.toml). Paket pemasangan dibuat "
            "dari salinan repositori xl-iki: jalankan perintah ini di sana, atau sebutkan "
            "foldernya dengan --sumber FOLDER"))])
    return root


def project_wheel(root: Path, dest: Path) -> Path:
    """xl-iki's wheel, built from the source tree at ``root``."""
    root = source_root(root)
    _pip(["wheel", "--no-deps", "--wheel-dir", str(dest), str(root)], "Membuat wheel xl-iki")
    (wheel,) = dest.glob(f"xl_iki-{__version__}-*.whl")
    return wheel


def download(wheel: Path, dest: Path, python: str) -> None:
    """Every dependency of ``wheel`` as win_amd64 wheels for CPython ``python``."""
    _pip(["download", "--only-binary=:all:", "--platform", PLATFORM, "--python-version",
          python, "--implementation", "cp", "--dest", str(dest), str(wheel), *WINDOWS_ONLY],
         f"Mengunduh wheel untuk Python {python}")


def _write(path: Path, wheels: Path) -> None:
    top = bundle_name()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        # cmd.exe reads a batch file line by line: CRLF, as Windows writes it
        bat = (INSTALLER / BAT).read_text(encoding="ascii").replace("\n", "\r\n")
        zf.writestr(f"{top}/{BAT}", bat)
        zf.write(INSTALLER / SCRIPT, f"{top}/{SCRIPT}")
        for wheel in sorted(wheels.glob("*.whl")):
            zf.write(wheel, f"{top}/wheels/{wheel.name}")


def build_bundle(out_dir: Path, root: Path) -> Path:
    """Write ``xl-iki-<version>-windows-x64.zip`` into ``out_dir``; returns its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xl-iki-bundle-") as tmp:
        wheels = Path(tmp)
        wheel = project_wheel(Path(root), wheels)
        for python in PYTHONS:
            download(wheel, wheels, python)
        return atomic_write(out_dir / f"{bundle_name()}.zip", lambda p: _write(p, wheels))
