"""Benchmark: consolidating 500 filled workbooks (10 jabatan x 15 indicators each).

Compared, in the same run, with the script a user would write: a pandas ``read_excel`` loop
over the same files. Goals: under 60 s on the 2-core machine, at least 3x faster than the
pandas loop, peak memory under 1 GB (the whole process tree, sampled from /proc).

    python -m bench.consolidate [--files 500] [--jabatan 10] [--indikator 15]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import yaml

from bench.generate import catalogue
from bench.validate import filled
from xl_iki.catalogue import loads
from xl_iki.workbook import write_workbook


def make_inputs(folder: Path, files: int, n_jabatan: int, n_indikator: int) -> list[Path]:
    """One filled workbook, copied as the IKI of ``files`` different offices."""
    source = write_workbook(filled(loads(yaml.safe_dump(catalogue(n_jabatan, n_indikator)))),
                            folder / "sumber.xlsx")
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    meta = next(n for n, d in parts.items() if n.startswith("xl/worksheets/") and
                b"Dinas Komunikasi dan Informatika" in d and b'"pemda"' in d)
    paths = []
    for k in range(files):
        data = dict(parts)
        data[meta] = parts[meta].replace(b"Dinas Komunikasi dan Informatika",
                                         f"Dinas {k} Komunikasi dan Informatika".encode(), 1)
        path = folder / f"bidang_{k:03d}.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, blob in data.items():
                z.writestr(name, blob)
        paths.append(path)
    source.unlink()
    return paths


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status)[1]) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, TypeError):
            continue
    return total


def measured(command: list[str]) -> tuple[float, int]:
    """Wall time and peak memory of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    proc.wait()
    sampler.join()
    return time.perf_counter() - start, peak


PANDAS_LOOP = """
import sys, pandas as pd
rows = []
for path in sys.argv[1:]:
    sheets = pd.read_excel(path, sheet_name=None)
    rows.extend(len(df) for df in sheets.values())
print(sum(rows))
"""


def run(files: int, n_jabatan: int, n_indikator: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "masuk").mkdir()
        paths = make_inputs(tmp / "masuk", files, n_jabatan, n_indikator)
        ours, our_peak = measured([sys.executable, "-m", "xl_iki", "consolidate",
                                   str(tmp / "masuk"), "-o", str(tmp / "rekap.xlsx"),
                                   "--csv", str(tmp / "data.csv")])
        theirs, their_peak = measured([sys.executable, "-c", PANDAS_LOOP,
                                       *map(str, paths)])
        rows = sum(1 for _ in (tmp / "data.csv").open(encoding="utf-8")) - 1
    mb = 1024 * 1024
    print(f"{files} berkas x {n_jabatan} jabatan x {n_indikator} indikator ({rows} baris data)")
    print(f"  xl-iki consolidate : {ours:6.1f} s, memori puncak {our_peak / mb:6.0f} MB "
          "(sasaran < 60 s, < 1024 MB)")
    print(f"  loop pandas        : {theirs:6.1f} s, memori puncak {their_peak / mb:6.0f} MB")
    print(f"  lebih cepat        : {theirs / ours:6.1f} x (sasaran >= 3 x)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--jabatan", type=int, default=10)
    parser.add_argument("--indikator", type=int, default=15)
    args = parser.parse_args()
    run(args.files, args.jabatan, args.indikator)
