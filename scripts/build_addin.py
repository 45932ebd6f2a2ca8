"""Build the Excel add-in without Excel: python scripts/build_addin.py [-o DIR] [--xlsm]

The same as ``xl-iki addin build``; see xl_iki/addin/build.py for how the package is made.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from xl_iki.addin.build import build_addin

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Membuat add-in Excel xl-iki (xl_iki.xlam).")
    parser.add_argument("-o", "--output", metavar="FOLDER", default="dist",
                        help="folder hasil (bawaan: dist)")
    parser.add_argument("--xlsm", action="store_true",
                        help="buat xl_iki_addin.xlsm (proyek VBA yang sama, untuk diperiksa "
                             "dengan LibreOffice) alih-alih .xlam")
    args = parser.parse_args()
    print(f"Add-in ditulis: {build_addin(Path(args.output), xlsm=args.xlsm)}")
