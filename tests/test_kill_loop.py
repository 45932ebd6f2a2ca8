"""kill -9 at random moments of summary, export and consolidate, again and again.

After every kill: the files read are byte-identical, every file written is either the old one
or a complete new one, every backup is a complete workbook, and the only leftovers are the
temporary files the next run removes.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import yaml

import xl_iki
from bench.generate import catalogue as bench_catalogue
from xl_iki.catalogue import loads
from xl_iki.reader import read_workbook
from xl_iki.workbook import write_workbook

PACKAGE = Path(xl_iki.__file__).parent.parent  # the child processes run this xl_iki
RUNS = 30
COMMANDS = {
    "summary": ["summary", "IKI.xlsx"],
    "export": ["export", "Arsip.xlsx", "--format", "json", "-o", "laporan.json", "--timpa"],
    "consolidate": ["consolidate", "Arsip.xlsx", "-o", "gabungan.xlsx", "--csv", "data.csv",
                    "--timpa"],
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(args: list[str], cwd: Path, kill_after: float | None = None,
        into_write: bool = False) -> tuple[float, float]:
    """Run xl-iki; kill -9 it ``kill_after`` seconds after its start (``into_write``: after
    it began writing a file). (When it began writing, when it ended), from its start."""
    before = set(leftovers(cwd))
    start = time.monotonic()
    writing = None
    proc = subprocess.Popen([sys.executable, "-m", "xl_iki", *args], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(PACKAGE)})
    while proc.poll() is None:
        now = time.monotonic() - start
        zero = writing if into_write else 0.0
        if kill_after is not None and zero is not None and now >= zero + kill_after:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            break
        if writing is None and set(leftovers(cwd)) - before:
            writing = now
        time.sleep(0.005)
    end = time.monotonic() - start
    if kill_after is None:
        assert proc.returncode == 0, args
    return writing or end, end


def complete_workbook(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
    return bool(read_workbook(path).sheets)


def check_outputs(folder: Path, rows: int, seen: set[str]) -> None:
    assert complete_workbook(folder / "IKI.xlsx")
    json.loads((folder / "laporan.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(folder / "gabungan.xlsx") as zf:
        assert zf.testzip() is None and "xl/workbook.xml" in zf.namelist()
    assert len(pd.read_csv(folder / "data.csv")) == rows
    for backup in folder.glob("IKI.cadangan-*.xlsx"):
        if backup.name not in seen:  # a backup is written once: check each new one
            assert complete_workbook(backup), backup.name
            seen.add(backup.name)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".~"))


@pytest.mark.office  # slow lane: a long run (see conftest.py)
def test_kill_9_at_random_moments(tmp_path):
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    cat = loads(yaml.safe_dump(bench_catalogue(12, 8)))
    archive = write_workbook(cat, tmp_path / "Arsip.xlsx")
    write_workbook(cat, tmp_path / "IKI.xlsx")
    read_only = digest(archive)
    rows = sum(len(j.indikator) for j in cat.jabatan)
    seen: set[str] = set()
    timing = {name: run(args, tmp_path) for name, args in COMMANDS.items()}
    order = [name for _ in range(RUNS // len(COMMANDS)) for name in COMMANDS]
    rng.shuffle(order)
    mid_write, previous = 0, set()  # kills that hit a write leave a new temporary file
    for n, name in enumerate(order):
        writing, end = timing[name]  # every other kill aims into the writing of a file
        into_write = n % 2 == 0
        moment = rng.uniform(0, end - writing) if into_write else rng.uniform(0.05, end)
        run(COMMANDS[name], tmp_path, moment, into_write)
        where = (f"seed {seed}, run {n}: {name} killed {moment:.2f} s after "
                 + ("it began writing" if into_write else "its start"))
        assert digest(archive) == read_only, where
        check_outputs(tmp_path, rows, seen)
        assert all(p.endswith(".tmp") for p in leftovers(tmp_path)), where
        mid_write += bool(set(leftovers(tmp_path)) - previous)
        previous = set(leftovers(tmp_path))
    assert mid_write, f"seed {seed}: no kill landed while a file was being written"
    for args in COMMANDS.values():  # the next complete runs clear what the kills left
        run(args, tmp_path)
    assert leftovers(tmp_path) == []
    assert digest(archive) == read_only
    check_outputs(tmp_path, rows, seen)
