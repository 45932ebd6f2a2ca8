"""List the VBA modules of a macro-enabled workbook as LibreOffice reads them, over UNO.

A second reader of the add-in's VBA project, independent of pyopenvba and olevba. Run it
with the system interpreter, which has Debian's ``python3-uno``::

    /usr/bin/python3 tests/addin_uno_read.py BOOK.xlsm

It starts a headless soffice with a throw-away profile, loads the workbook hidden, reads the
library ``VBAProject`` of ``doc.BasicLibraries`` and prints ``{"module": "source", ...}`` as
JSON on stdout. Exit code 0 on success; 1 with a message on stderr otherwise.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# tests/ holds the pytest helper ``uno.py``: keep it from shadowing Debian's ``uno``.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

CONNECT_TIMEOUT = 60.0
LIBRARY = "VBAProject"


class ReadError(Exception):
    """Why the modules could not be read (printed on stderr)."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _connect(proc: subprocess.Popen[bytes], port: int) -> Any:
    """The remote Desktop, retrying while soffice starts."""
    import uno
    from com.sun.star.connection import NoConnectException

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + CONNECT_TIMEOUT
    while True:
        try:
            ctx = resolver.resolve(url)
            break
        except NoConnectException:
            if proc.poll() is not None:
                raise ReadError(f"soffice exited with code {proc.returncode}") from None
            if time.monotonic() > deadline:
                raise ReadError(f"no connection to soffice in {CONNECT_TIMEOUT:.0f} s") from None
            time.sleep(0.2)
    return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def _hidden() -> tuple[Any, ...]:
    from com.sun.star.beans import PropertyValue

    prop = PropertyValue()
    prop.Name, prop.Value = "Hidden", True
    return (prop,)


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
    if not path.is_file():
        raise ReadError(f"no such file: {path}")
    try:
        import uno  # noqa: F401
    except ImportError as exc:
        raise ReadError(f"{exc}: run this with /usr/bin/python3 and install python3-uno") from exc
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise ReadError("soffice is not on PATH: install libreoffice-calc-nogui")
    port = _free_port()
    profile = Path(tempfile.mkdtemp(prefix="lo-addin-"))
    proc = subprocess.Popen(
        [soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
         f"--accept=socket,host=127.0.0.1,port={port};urp;",
         f"-env:UserInstallation={profile.as_uri()}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = None
    try:
        desktop = _connect(proc, port)
        doc = desktop.loadComponentFromURL(path.resolve().as_uri(), "_blank", 0, _hidden())
        if doc is None:
            raise ReadError(f"LibreOffice could not load {path}")
        try:
            return modules(doc)
        finally:
            doc.close(True)
    finally:
        _stop(desktop, proc)
        shutil.rmtree(profile, ignore_errors=True)


def _stop(desktop: Any, proc: subprocess.Popen[bytes]) -> None:
    """End soffice: politely over UNO, then by killing the process we started."""
    if desktop is None:
        proc.terminate()
    else:
        with contextlib.suppress(Exception):  # the bridge often drops while soffice quits
            desktop.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: addin_uno_read.py BOOK.xlsm", file=sys.stderr)
        return 1
    try:
        print(json.dumps(read(Path(argv[0])), ensure_ascii=False))
    except ReadError as exc:
        print(f"addin_uno_read: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
