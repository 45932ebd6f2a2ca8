"""PDF through LibreOffice headless, with a throw-away profile so it never meets a running
LibreOffice or a user's settings."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..fileio import atomic_write
from ..ooxml import WriteError

TIMEOUT = 300  # seconds
WINDOWS_PATHS = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                 r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")


class ToolMissing(Exception):
    """A program the command needs is not installed; the message says what to do."""


def soffice() -> str:
    """The LibreOffice program, or ToolMissing with what to do."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    found = found or next((p for p in WINDOWS_PATHS if Path(p).is_file()), None)
    if not found:
        raise ToolMissing(
            "LibreOffice tidak ditemukan, jadi PDF tidak dapat dibuat. Pasang LibreOffice "
            "(https://www.libreoffice.org; di Linux: paket libreoffice-writer), atau jalankan "
            "tanpa --pdf lalu simpan .docx sebagai PDF dari Word.")
    return found


def convert_to_pdf(docx: Path, pdf: Path, program: str | None = None) -> Path:
    """Write ``pdf`` (atomically) from the Word document ``docx`` with LibreOffice."""
    program = program or soffice()
    work = Path(tempfile.mkdtemp(prefix="xl-iki-pdf-"))
    try:
        profile = work / "profil"
        try:
            done = subprocess.run(
                [program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                 "--norestore", "--convert-to", "pdf", "--outdir", str(work), str(docx)],
                capture_output=True, text=True, timeout=TIMEOUT,
                env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"})
        except subprocess.TimeoutExpired:
            raise WriteError(0, f"LibreOffice tidak selesai dalam {TIMEOUT} detik", str(pdf)
                             ) from None
        made = work / (docx.stem + ".pdf")
        if done.returncode or not made.is_file() or made.read_bytes()[:5] != b"%PDF-":
            why = (done.stderr or done.stdout).strip().splitlines()
            raise WriteError(0, "LibreOffice gagal membuat PDF" + (f" ({why[-1]})" if why else "")
                             + "; pastikan LibreOffice Writer terpasang", str(pdf))
        return atomic_write(pdf, lambda tmp: shutil.copyfile(made, tmp))
    finally:
        shutil.rmtree(work, ignore_errors=True)
