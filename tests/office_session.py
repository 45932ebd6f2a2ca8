"""A headless LibreOffice of its own, over UNO, for scripts run with /usr/bin/python3.

Shared by ``uno_edit.py`` (edits a workbook like a person) and ``addin_uno_read.py`` (reads
a VBA project): start soffice with a throw-away profile, connect, open a document hidden,
and always shut everything down, killing soffice if a call hangs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CONNECT_TIMEOUT = 30.0


class OfficeError(Exception):
    """LibreOffice could not do what was asked (the message says why)."""


def props(**values: Any) -> tuple[Any, ...]:
    """UNO PropertyValues from keyword arguments."""
    from com.sun.star.beans import PropertyValue

    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
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
                raise OfficeError(f"soffice exited with code {proc.returncode} before "
                                  "accepting connections") from None
            if time.monotonic() > deadline:
                raise OfficeError(f"could not connect to soffice within "
                                  f"{CONNECT_TIMEOUT:.0f} s") from None
            time.sleep(0.2)
    return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Kill soffice: the wrapper script, oosplash and soffice.bin share one process group.

    Only while the group leader is not yet reaped, so that its id cannot belong to another group.
    """
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)


def _shutdown(desktop: Any, proc: subprocess.Popen[bytes]) -> None:
    if desktop is not None and proc.poll() is None:
        with contextlib.suppress(Exception):  # the bridge usually dies with the process
            desktop.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=15)
    _kill(proc)
    proc.wait(timeout=15)


@contextlib.contextmanager
def office_document(path: Path, timeout: float) -> Iterator[Any]:
    """A hidden LibreOffice document of a copy of ``path``; soffice is killed after timeout."""
    try:
        import uno  # noqa: F401
    except ImportError:
        raise OfficeError("cannot import uno: install python3-uno and run this script with "
                          "/usr/bin/python3") from None
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise OfficeError("soffice is not on PATH: install libreoffice-calc-nogui")
    if not path.is_file():
        raise OfficeError(f"no such file: {path}")
    tmp = Path(tempfile.mkdtemp(prefix="lo-session-"))
    # LibreOffice opens a copy: its lock file (left behind if it dies) never touches the input
    work = tmp / ("in" + path.suffix)
    shutil.copyfile(path, work)
    port = _free_port()
    proc = subprocess.Popen(
        [soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
         f"--accept=socket,host=127.0.0.1,port={port};urp;",
         f"-env:UserInstallation={(tmp / 'profile').as_uri()}"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"}, start_new_session=True,
    )
    # a hung LibreOffice call cannot be interrupted from Python: kill soffice, the call fails
    timed_out = threading.Event()

    def watchdog() -> None:
        timed_out.set()
        _kill(proc)

    timer = threading.Timer(timeout, watchdog)
    timer.daemon = True
    timer.start()
    desktop = doc = None
    try:
        desktop = _connect(proc, port)
        doc = desktop.loadComponentFromURL(work.as_uri(), "_blank", 0, props(Hidden=True))
        if doc is None:
            raise OfficeError(f"LibreOffice could not open {path}")
        yield doc
    except Exception:
        if timed_out.is_set():
            raise OfficeError(f"LibreOffice did not finish within {timeout:.0f} s and was "
                              "killed") from None
        raise
    finally:
        timer.cancel()
        if doc is not None and not timed_out.is_set():
            with contextlib.suppress(Exception):
                doc.close(True)
        _shutdown(desktop, proc)
        shutil.rmtree(tmp, ignore_errors=True)
