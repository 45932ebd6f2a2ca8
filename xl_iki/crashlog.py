"""The last line of defence: an unexpected error becomes one sentence and a log file."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path

from . import __version__


def log_dir() -> Path:
    """Where crash logs go: ``$XL_IKI_LOG_DIR``, else ``xl-iki`` in the temporary folder."""
    return Path(os.environ.get("XL_IKI_LOG_DIR") or Path(tempfile.gettempdir()) / "xl-iki")


def write_log() -> Path | None:
    """Write the traceback being handled to a new log file; None when nothing could be written."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"galat-{stamp}-", suffix=".log", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"xl-iki {__version__}\n{traceback.format_exc()}")
    except OSError:
        return None
    return Path(name)


def report(subject: str) -> str:
    """The sentence shown for an unexpected error while working on ``subject``."""
    log = write_log()
    where = (f"Rincian teknis tersimpan di {log}; kirimkan berkas itu kepada pengembang."
             if log else "Rincian teknis tidak dapat disimpan.")
    return (f"Terjadi kesalahan tak terduga di xl-iki saat memproses {subject}. "
            f"Berkas Anda tidak diubah. {where}")
