"""The xlwings Lite edition: what a person pastes into the xlwings Lite add-in of Excel 365
(Excel 2021+, Excel on the web), where Python runs in the browser (Pyodide) and nothing is
installed on the PC.

``main.py`` holds xl-iki's own package as an embedded zip (xl-iki is not on PyPI, which is
where Lite installs packages from), put on ``sys.path`` when Lite runs the file, then the
scripts of :mod:`.scripts` (Validasi, Perbarui Rekap, Bantuan over the desktop add-in's
handlers) and the custom functions of :mod:`xl_iki.udfs`. ``requirements.txt`` names the
packages Lite installs: openpyxl (pure Python, from PyPI) and PyYAML (Pyodide's build).
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from pathlib import Path

from ... import __version__
from ...fileio import atomic_write

PACKAGE = Path(__file__).resolve().parents[2]  # the xl_iki package folder
SCRIPTS = Path(__file__).with_name("scripts.py")
MAIN, REQUIREMENTS = "main.py", "requirements.txt"
#: what the embedded package imports and Lite installs (not pinned: Pyodide's builds are
#: tied to Lite's Pyodide version); xlwings itself is Lite's own
REQUIRES = ("openpyxl", "PyYAML")
_STAMP = (2020, 1, 1, 0, 0, 0)  # fixed zip timestamps: the same source gives the same main.py
_WIDTH = 76

BOOTSTRAP = '''"""xl-iki {version} untuk xlwings Lite (Excel 365, Excel 2021+, Excel di web).

Dibuat oleh 'xl-iki addin lite'; jangan diubah. Salin seluruh isi berkas ini ke tab main.py
di xlwings Lite, dan isi requirements.txt ke tab requirements.txt. Panduan: docs/xlwings-lite.md.
"""
import base64 as _base64
import hashlib as _hashlib
import sys as _sys
import tempfile as _tempfile
from pathlib import Path as _Path

# paket xl-iki {version} (kode Python saja, zip dalam base64, sha256 {digest})
_PAKET = """
{blob}
"""


def _pasang_paket() -> None:
    """Taruh paket xl-iki tertanam di sys.path (sekali per sesi Python)."""
    data = _base64.b64decode(_PAKET)
    if _hashlib.sha256(data).hexdigest() != "{digest}":
        raise RuntimeError("main.py rusak: salin ulang seluruh isi main.py dari xl-iki.")
    zip_path = _Path(_tempfile.gettempdir()) / "xl_iki-{version}-{short}.zip"
    if not zip_path.exists():
        zip_path.write_bytes(data)
    if str(zip_path) not in _sys.path:
        _sys.path.insert(0, str(zip_path))


_pasang_paket()

'''


def package_zip() -> bytes:
    """xl-iki's Python modules as a zip (the package's own files, fixed timestamps)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(PACKAGE.rglob("*.py")):
            name = path.relative_to(PACKAGE.parent).as_posix()
            info = zipfile.ZipInfo(name, _STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    return buffer.getvalue()


def main_py() -> str:
    """The whole main.py for xlwings Lite: the embedded package, then the scripts."""
    data = package_zip()
    text = base64.b64encode(data).decode("ascii")
    blob = "\n".join(text[i:i + _WIDTH] for i in range(0, len(text), _WIDTH))
    digest = hashlib.sha256(data).hexdigest()
    head = BOOTSTRAP.format(version=__version__, digest=digest, short=digest[:12], blob=blob)
    return head + SCRIPTS.read_text(encoding="utf-8")


def requirements_txt() -> str:
    return "".join(f"{name}\n" for name in REQUIRES)


def output_paths(out_dir: Path) -> list[Path]:
    return [Path(out_dir) / MAIN, Path(out_dir) / REQUIREMENTS]


def write_lite(out_dir: Path) -> list[Path]:
    """Write ``main.py`` and ``requirements.txt`` into ``out_dir`` (atomically each; the
    caller has checked the outputs); returns their paths."""
    texts = dict(zip(output_paths(out_dir), (main_py(), requirements_txt())))
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    return [atomic_write(path, lambda tmp, text=text: tmp.write_text(text, encoding="utf-8",
                                                                      newline="\n"))
            for path, text in texts.items()]
