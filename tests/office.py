"""Edit workbooks in tests the way a person would: with LibreOffice Calc, driven over UNO.

The driver, ``uno_edit.py``, runs under the system interpreter (Debian's ``python3-uno`` is
not importable from the project's venv); see its docstring for the operations.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import office_guard
import pytest

SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPT = Path(__file__).resolve().with_name("uno_edit.py")
TIMEOUT = 180


@functools.lru_cache(maxsize=1)
def _missing() -> str | None:
    """What is missing to drive LibreOffice over UNO, or None when all is there."""
    if not shutil.which("soffice"):
        return "soffice is not on PATH"
    if not Path(SYSTEM_PYTHON).is_file():
        return f"{SYSTEM_PYTHON} does not exist"
    check = subprocess.run([SYSTEM_PYTHON, "-c", "import uno; uno.getComponentContext"],
                           capture_output=True, text=True, timeout=60)
    if check.returncode != 0:
        last = (check.stderr.strip().splitlines() or ["?"])[-1]
        return f"{SYSTEM_PYTHON} cannot import uno ({last})"
    return None


def require_uno() -> None:
    """Fail (never skip) the calling test when LibreOffice or python3-uno is missing."""
    office_guard.check("LibreOffice")
    missing = _missing()
    if missing:
        pytest.fail(f"LibreOffice over UNO is needed: {missing}. Install them with "
                    "`apt-get install -y libreoffice-calc-nogui python3-uno`; tests that need "
                    "them must not be skipped", pytrace=False)


def edit_with_libreoffice(src: Path, dst: Path, ops: list[dict]) -> Path:
    """Open ``src`` in LibreOffice, apply ``ops`` in order and save the result as ``dst``.

    Raises AssertionError with the driver's message when LibreOffice refuses an operation.
    """
    require_uno()
    dst = Path(dst)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".json", prefix="uno-ops-",
                                     delete=False) as handle:
        json.dump(ops, handle, ensure_ascii=False, indent=1)
    ops_file = Path(handle.name)
    try:
        result = subprocess.run([SYSTEM_PYTHON, str(SCRIPT), str(src), str(dst), str(ops_file)],
                                capture_output=True, text=True, timeout=TIMEOUT)
    finally:
        ops_file.unlink(missing_ok=True)
    if result.returncode != 0:
        raise AssertionError(f"LibreOffice edit of {src} failed (exit {result.returncode}): "
                             f"{result.stderr.strip() or result.stdout.strip()}")
    return dst
