"""Build the Excel add-in without Excel: python scripts/build_addin.py [-o DIR] [--xlsm]
[--timpa]

The same as ``xl-iki addin build``; see xl_iki/addin/build.py for how the package is made.
"""

import sys

from xl_iki.cli import main

if __name__ == "__main__":
    sys.exit(main(["addin", "build", *sys.argv[1:]]))
