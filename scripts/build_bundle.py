"""Build the offline Windows bundle: python scripts/build_bundle.py [-o DIR]

One zip with xl-iki's wheel, every dependency's wheel for win_amd64 on CPython 3.11-3.13 and
pasang.bat; see xl_iki/addin/bundle.py. Needs PyPI here; the PC that installs does not.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xl_iki.addin.build import AddinError
from xl_iki.addin.bundle import build_bundle

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Membuat paket pemasangan xl-iki untuk "
                                                 "Windows tanpa internet.")
    parser.add_argument("-o", "--output", metavar="FOLDER", default="dist",
                        help="folder hasil (bawaan: dist)")
    args = parser.parse_args()
    try:
        print(f"Paket pemasangan ditulis: {build_bundle(Path(args.output), ROOT)}")
    except AddinError as exc:
        print(exc, file=sys.stderr)
        sys.exit(1)
