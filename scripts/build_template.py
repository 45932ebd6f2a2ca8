"""Rebuild templates/IKI_template.xlsx from code: python scripts/build_template.py"""

from __future__ import annotations

import sys
from pathlib import Path

from xl_iki.fileio import atomic_save
from xl_iki.workbook.template import build_template

OUT = Path(__file__).resolve().parent.parent / "templates" / "IKI_template.xlsx"

if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    atomic_save(build_template(), target)
    print(f"Templat ditulis: {target}")
