"""List the VBA modules of a macro-enabled workbook as LibreOffice reads them, over UNO.

A second reader of the add-in's VBA project, independent of pyopenvba and olevba. Run it
with the system interpreter, which has Debian's ``python3-uno``::

    /usr/bin/python3 tests/addin_uno_read.py BOOK.xlsm

It starts a headless soffice with a throw-away profile, loads the workbook hidden, reads the
library ``VBAProject`` of ``doc.BasicLibraries`` and prints ``{"module": "source", ...}`` as
JSON on stdout. Exit code 0 on success; 1 with a message on stderr otherwise.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from office_session import OfficeError, office_document

READ_TIMEOUT = 120.0
LIBRARY = "VBAProject"


class ReadError(OfficeError):
    """Why the modules could not be read (printed on stderr)."""


def modules(doc: Any) -> dict[str, str]:
    """Module name -> source text of the document's VBA project, as LibreOffice holds it."""
    libraries = doc.BasicLibraries
    if not libraries.hasByName(LIBRARY):
        raise ReadError(f"no Basic library {LIBRARY!r} (libraries: "
                        f"{', '.join(libraries.ElementNames)})")
    libraries.loadLibrary(LIBRARY)
    library = libraries.getByName(LIBRARY)
    return {name: library.getByName(name) for name in library.ElementNames}


def read(path: Path) -> dict[str, str]:
    """Open ``path`` in a headless LibreOffice of its own and read its VBA modules."""
    with office_document(path, READ_TIMEOUT) as doc:
        return modules(doc)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: addin_uno_read.py BOOK.xlsm", file=sys.stderr)
        return 1
    try:
        print(json.dumps(read(Path(argv[0])), ensure_ascii=False))
    except OfficeError as exc:
        print(f"addin_uno_read: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
