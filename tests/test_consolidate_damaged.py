"""One bad file is one line in Masalah: consolidate goes on with every other file."""

from __future__ import annotations

import hashlib
import io
import os
import signal
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from damage import DAMAGES, HARMLESS
from test_consolidate import office

from xl_iki.cli import main
from xl_iki.consolidate import collect, consolidate
from xl_iki.consolidate.output import HEADER_ROW
from xl_iki.workbook import write_workbook

GOOD = 25
PER_BOOK = 8  # indicators of the test catalogue


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> tuple[list[Path], dict[str, Path]]:
    tmp = tmp_path_factory.mktemp("campur")
    good = [write_workbook(office(n), tmp / f"dinas{n:02d}.xlsx") for n in range(GOOD)]
    sources = tmp_path_factory.mktemp("sumber")
    damaged = {kind: damage(write_workbook(office(100 + n), sources / f"{kind}.xlsx"),
                            tmp / f"rusak-{kind}.xlsx")  # each another office's file
               for n, (kind, damage) in enumerate(DAMAGES.items())}
    return good, damaged


def digests(paths) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def test_25_good_workbooks_and_every_damaged_one(folder, tmp_path, monkeypatch):
    monkeypatch.setenv("XL_IKI_LOG_DIR", str(tmp_path / "log"))
    good, damaged = folder
    before = digests([*good, *damaged.values()])
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["consolidate", str(good[0].parent), "-o", str(tmp_path / "rekap.xlsx"),
                     "--csv", str(tmp_path / "data.csv")])
    assert code == 1, err.getvalue()
    assert "Traceback" not in out.getvalue() + err.getvalue()
    assert digests(before) == before
    data = pd.read_csv(tmp_path / "data.csv")
    taken = set(data["berkas"])
    assert {str(p) for p in good} <= taken
    # a lying <dimension> hides nothing: that file is read in full too
    assert taken - {str(p) for p in good} == {str(damaged[k]) for k in HARMLESS}
    assert len(data) == PER_BOOK * (GOOD + len(HARMLESS))
    wb = openpyxl.load_workbook(tmp_path / "rekap.xlsx")
    assert wb["Rekap"].max_row == HEADER_ROW + 1 + len(data)
    lines = list(wb["Masalah"].iter_rows(min_row=HEADER_ROW + 2, values_only=True))
    by_file = {str(p): kind for kind, p in damaged.items()}
    assert sorted(line[0] for line in lines) == sorted(
        str(p) for kind, p in damaged.items() if kind not in HARMLESS), lines
    for berkas, kode, pesan, diambil in lines:
        assert kode != "galat-program" and diambil == "Tidak", (by_file[berkas], kode, pesan)
        assert pesan and "Traceback" not in pesan


def _dies_on_some(path: str) -> collect.FileResult:
    if "mati" in Path(path).name:
        os.kill(os.getpid(), signal.SIGKILL)
    return _READ_ONE(path)


_READ_ONE = collect.read_one


def test_a_reader_process_that_dies_costs_only_its_file(folder, tmp_path, monkeypatch):
    """A worker killed while reading one file (say, by the kernel's out-of-memory killer)."""
    good, _ = folder
    files = [str(p) for p in good[:6]]
    for n in (1, 4):
        dying = tmp_path / f"mati{n}.xlsx"
        dying.write_bytes(good[0].read_bytes())
        files.insert(n, str(dying))
    monkeypatch.setattr(collect, "read_one", _dies_on_some)
    monkeypatch.setattr(collect, "PARALLEL_FROM", 2)
    hasil = consolidate(files, tmp_path / "rekap.xlsx", workers=2)
    assert hasil.files_read == 8 and hasil.files_taken == 6
    assert sorted((Path(m.berkas).name, m.kode) for m in hasil.problems) == [
        ("mati1.xlsx", "pembaca-berhenti"), ("mati4.xlsx", "pembaca-berhenti")]
