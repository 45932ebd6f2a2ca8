"""Build the offline Windows bundle: python scripts/build_bundle.py [-o DIR] [--timpa]

The same as ``xl-iki addin bundle`` (xl_iki/addin/bundle.py): one zip with xl-iki's wheel,
every dependency's wheel for win_amd64 on CPython 3.10-3.13 and pasang.bat. Needs PyPI here;
the PC that installs does not.
"""

import sys

from xl_iki.cli import main

if __name__ == "__main__":
    sys.exit(main(["addin", "bundle", *sys.argv[1:]]))
