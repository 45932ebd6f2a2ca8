"""Install xl-iki and its Excel add-in from this offline bundle (run by pasang.bat).

Standard library only, run by the Python that pasang.bat found (3.10 to 3.13):

1. a virtual environment under %LOCALAPPDATA%\\xl-iki\\venv (made anew; refused while Excel
   still runs Python from it);
2. xl-iki and every dependency installed into it from the bundle's ``wheels`` folder
   (``pip install --no-index --find-links``: no internet);
3. xlwings' DLL placed where the add-in's loader looks (the venv's folder): pip puts it
   elsewhere for some Pythons (a per-user install, the Microsoft Store's);
4. ``xl-iki addin install`` run from the venv: the add-in built into XLSTART and pointed at
   the venv's pythonw.exe.

Every message is in Bahasa Indonesia; the exit code is 0 on success, 1 otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
WHEELS = HERE / "wheels"
OLDEST, NEWEST = (3, 10), (3, 13)
#: prints every .dll file of the installed xlwings, wherever pip put it
FIND_DLL = ("import importlib.metadata as m; d = m.distribution('xlwings'); "
            "print('\\n'.join(str(d.locate_file(f)) for f in d.files or () "
            "if f.name.lower().endswith('.dll')))")


class Refused(Exception):
    """A step cannot be done; the message says why and what to do."""


def bin_dir(env: Path) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin")


def program(env: Path, name: str) -> Path:
    return bin_dir(env) / (f"{name}.exe" if os.name == "nt" else name)


def check_python(version: tuple[int, int] = sys.version_info[:2]) -> None:
    if not OLDEST <= version <= NEWEST:
        raise Refused(
            f"Python {version[0]}.{version[1]} ({sys.executable}) tidak didukung paket ini: "
            f"yang didukung Python {OLDEST[0]}.{OLDEST[1]} sampai {NEWEST[0]}.{NEWEST[1]}. "
            "Pasang Python 3.12 dari python.org, lalu jalankan pasang.bat lagi.")
    if not WHEELS.is_dir():
        raise Refused(f"Folder {WHEELS} tidak ada. Ekstrak seluruh isi berkas zip (bukan hanya "
                      "pasang.bat), lalu jalankan pasang.bat dari folder hasil ekstrak.")


def run(command: list[str | Path], what: str) -> str:
    """Run a step; its output is shown, a failure is said in Indonesian."""
    done = subprocess.run([str(part) for part in command], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()
        raise Refused(f"Langkah '{what}' gagal (kode {done.returncode}).\n{detail}")
    return done.stdout


def make_venv(env: Path) -> None:
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(env)
    except OSError as exc:
        raise Refused(
            f"Folder {env} tidak bisa dibuat ulang ({exc}). Biasanya Excel masih menjalankan "
            "Python dari folder itu: simpan pekerjaan, tutup semua jendela Excel, lalu "
            "jalankan pasang.bat lagi.") from exc


def place_dll(env: Path, found: list[Path]) -> list[Path]:
    """Copy xlwings' DLLs into the venv's folder (where the add-in looks: beside pythonw.exe
    or one folder up) when pip put them elsewhere; the DLLs now in place."""
    if not found:
        raise Refused("Berkas DLL xlwings tidak ditemukan setelah pemasangan; paket ini "
                      "mungkin tidak lengkap. Minta paket pemasangan yang baru.")
    placed = []
    for dll in found:
        if dll.parent.resolve() not in (env.resolve(), bin_dir(env).resolve()):
            shutil.copy2(dll, env / dll.name)
        placed.append(env / dll.name if (env / dll.name).exists() else dll)
    return placed


def install(home: Path) -> str:
    """Every step; what ``xl-iki addin install`` said."""
    check_python()
    env = home / "venv"
    print(f"1/4 Membuat lingkungan Python di {env} ...")
    make_venv(env)
    python = program(env, "python")
    print("2/4 Memasang xl-iki dari paket ini (tanpa internet) ...")
    run([python, "-m", "pip", "install", "--no-index", "--find-links", WHEELS, "--upgrade",
         "--disable-pip-version-check", "xl-iki"], "memasang xl-iki")
    print("3/4 Menempatkan DLL xlwings ...")
    found = [Path(line) for line in run([python, "-c", FIND_DLL], "mencari DLL").splitlines()
             if line.strip()]
    place_dll(env, found)
    print("4/4 Memasang add-in Excel ...")
    return run([program(env, "xl-iki"), "addin", "install"], "memasang add-in").strip()


def main() -> int:
    local = os.environ.get("LOCALAPPDATA")
    if not local:
        print("Variabel LOCALAPPDATA tidak ada: jalankan pasang.bat di Windows.")
        return 1
    try:
        result = install(Path(local) / "xl-iki")
    except Refused as exc:
        print(f"\nPEMASANGAN BELUM SELESAI.\n{exc}")
        return 1
    print(f"\nSelesai. {result}\nLangkah berikutnya: buka Excel, tekan Bantuan di tab IKI, lalu "
          "Impor Fungsi sekali (lihat panduan pasang-add-in.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
