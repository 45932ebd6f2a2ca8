"""Render the README screenshot: a filled jabatan sheet, printed by LibreOffice.

    python scripts/render_docs.py        # writes docs/contoh-lembar-jabatan.png

Needs LibreOffice (soffice) and poppler (pdftoppm).
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import tempfile
from pathlib import Path

from xl_iki import resources
from xl_iki.catalogue import load
from xl_iki.model import Catalogue, Komponen
from xl_iki.workbook import write_workbook

DOCS = Path(__file__).resolve().parent.parent / "docs"
# (target, target_max, realisasi per quarter) for the first indicators of the Kepala Dinas
FILL = (
    (3.0, None, (None, 2.6, None, 3.2)),
    (80.0, 90.0, (None, 72.0, None, 85.0)),
)
PARTS = ((12, 20, 25, 31), (40, 40, 40, 40))


def sample() -> Catalogue:
    cat = load(resources.example_path())
    kadis = cat.jabatan[0]
    inds = []
    for n, ind in enumerate(kadis.indikator):
        if n < len(FILL):
            target, target_max, real = FILL[n]
            ind = dataclasses.replace(ind, target=target, target_max=target_max, realisasi=real)
        elif ind.komponen:
            ind = dataclasses.replace(ind, target=75.0, komponen=tuple(
                dataclasses.replace(k, realisasi=v) for k, v in zip(ind.komponen, PARTS)
                if isinstance(k, Komponen)))
        inds.append(ind)
    kadis = dataclasses.replace(kadis, indikator=tuple(inds))
    return dataclasses.replace(cat, jabatan=(kadis,))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        book = write_workbook(sample(), tmp / "contoh.xlsx")
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp),
                        str(book)], check=True, capture_output=True)
        pdf = tmp / "contoh.pdf"
        pages = int(next(line.split()[-1] for line in subprocess.run(
            ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()
            if line.startswith("Pages:")))
        subprocess.run(["pdftoppm", "-png", "-r", "90", "-f", str(pages), "-l", str(pages),
                        "-singlefile", str(pdf), str(tmp / "page")], check=True)
        DOCS.mkdir(exist_ok=True)
        shutil.copy(tmp / "page.png", DOCS / "contoh-lembar-jabatan.png")
    print(f"Gambar ditulis: {DOCS / 'contoh-lembar-jabatan.png'}")


if __name__ == "__main__":
    main()
