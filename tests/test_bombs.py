"""Oversized files end quickly with a clear message and little memory.

Each command runs in a subprocess whose address space is limited (RLIMIT_AS) so that a
regression fails this test instead of taking the machine down; its peak memory comes from
the kernel (wait4) and its time from the clock.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from bombs import million_rows, zip_bomb
from test_consolidate import office

from xl_iki.workbook import write_workbook

LIMIT = 2**30  # address space of the command: 1 GiB
SECONDS = 20


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("bom")
    good = write_workbook(office(1), tmp / "baik.xlsx")
    return {"zip-bomb": zip_bomb(good, tmp / "bom.xlsx"),
            "sejuta-baris": million_rows(good, tmp / "sejuta.xlsx")}


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def measured(args: list[str], cwd: Path) -> tuple[int, str, float, int]:
    """Exit code, stderr, seconds and peak resident memory (bytes) of one xl-iki command."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "xl_iki", *args], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=_limited,
                            env={**os.environ, "XL_IKI_LOG_DIR": str(cwd / "log")})
    guard = threading.Timer(3 * SECONDS, proc.kill)  # a regression fails, it does not hang
    guard.start()
    try:
        err = proc.stderr.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        guard.cancel()
    return (os.waitstatus_to_exitcode(status), err, time.perf_counter() - start,
            usage.ru_maxrss * 1024)


MESSAGE = {"zip-bomb": "terlalu besar saat dibuka", "sejuta-baris": "melewati baris 10.000"}


@pytest.mark.parametrize("command", ["validate", "summary", "export", "consolidate"])
@pytest.mark.parametrize("kind", sorted(MESSAGE))
def test_oversized_file_ends_fast_with_a_message(kind, command, inputs, tmp_path):
    path = inputs[kind]
    size = path.stat().st_size
    args = {"validate": ["validate", str(path)],
            "summary": ["summary", str(path), "-o", str(tmp_path / "r.xlsx")],
            "export": ["export", str(path), "--format", "csv"],
            "consolidate": ["consolidate", str(path), "-o", str(tmp_path / "g.xlsx")]}[command]
    code, err, seconds, peak = measured(args, tmp_path)
    assert code == 2, err
    assert MESSAGE[kind] in err and "Traceback" not in err, err
    assert seconds < SECONDS, seconds
    assert peak < 2**30, peak
    assert path.stat().st_size == size
