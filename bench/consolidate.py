"""Benchmark: consolidating filled workbooks (10 jabatan x 15 indicators each).

Compared, in the same run and on the same files, with
  * the script a user would write: a pandas ``read_excel`` loop over the files (skipped, with
    the reason printed, above ``--pandas-max`` files: over 5,000 files it takes ~10 minutes);
  * the floor for the same work: python-calamine reading every input's values on as many
    processes as xl-iki uses, plus XlsxWriter (``constant_memory``) writing exactly the cells
    of the workbook xl-iki wrote (timed inside that process, after loading those cells);
  * an incremental run: ``--cache`` filled by a first run, then 10 files changed.
Goals: <= 1.3x the floor at 500 files; 5,000 workbooks under 60 s on 2 cores with peak memory
(the whole process tree's proportional set size, sampled from /proc) under 1 GB;
re-consolidating 5,000 after 10 changed files under 5 s. Times come from runs without
sampling; the peak memory from a run of its own (sampling slows a run by a third).

Last measured (2 cores, quiet window 19:10-19:17 UTC, load average 0.1-1.8; see README):
500 files 7.3 s against a floor of 7.2 s (1.01 x), pandas loop 59.7 s, 425 MB; 5,000 files
55.9 s, 846 MB, after 10 changed with --cache 4.9 s (853 MB); 2,000 files 21.8 s, 432 MB.

    python -m bench.consolidate [--files 500] [--jabatan 10] [--indikator 15] [--pandas-max 500]
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import yaml
from python_calamine import CalamineWorkbook

from bench.generate import catalogue
from bench.validate import filled
from xl_iki.catalogue import loads
from xl_iki.workbook import write_workbook

OFFICE = b"Dinas Komunikasi dan Informatika"


def make_inputs(folder: Path, files: int, n_jabatan: int, n_indikator: int
                ) -> tuple[list[Path], dict[str, bytes], str]:
    """One filled workbook, copied as the IKI of ``files`` different offices."""
    source = write_workbook(filled(loads(yaml.safe_dump(catalogue(n_jabatan, n_indikator)))),
                            folder / "sumber.xlsx")
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    meta = next(n for n, d in parts.items() if n.startswith("xl/worksheets/") and
                OFFICE in d and b'"pemda"' in d)
    paths = [office_file(folder / f"bidang_{k:04d}.xlsx", parts, meta, f"Dinas {k}")
             for k in range(files)]
    source.unlink()
    return paths, parts, meta


def office_file(path: Path, parts: dict[str, bytes], meta: str, name: str) -> Path:
    data = dict(parts)
    data[meta] = parts[meta].replace(OFFICE, f"{name} Komunikasi dan Informatika".encode(), 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, blob in data.items():
            z.writestr(part, blob)
    return path


def tree_rss(pid: int) -> int:
    """Memory (bytes) of a process and all its descendants: the proportional set size, so
    pages a forked worker shares with its parent count once, not once per process."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/smaps_rollup").read_text()
            total += int(re.search(r"Pss:\s+(\d+)", status)[1]) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, TypeError):
            continue
    return total


def timed(command: list[str]) -> float:
    """Wall time of a command, not disturbed by any sampling."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def peak_memory(command: list[str]) -> int:
    """Peak memory of a command's process tree, sampled every 50 ms in a run of its own:
    reading smaps makes the kernel walk the page tables, which slowed a timed run by a
    third (500 files: 7.4 s alone, 11.1 s sampled)."""
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
    return peak


PANDAS_LOOP = """
import sys, pandas as pd
rows = []
for path in sys.argv[1:]:
    sheets = pd.read_excel(path, sheet_name=None)
    rows.extend(len(df) for df in sheets.values())
print(sum(rows))
"""


def _values(path: str) -> int:
    book = CalamineWorkbook.from_path(path)
    return sum(len(book.get_sheet_by_name(n).to_python()) for n in book.sheet_names)


def floor(cells: Path, inputs: list[str], out: Path) -> float:
    """Read the inputs' values (calamine, same process count), write ``cells`` (XlsxWriter)."""
    from concurrent.futures import ProcessPoolExecutor

    import xlsxwriter

    sheets = pickle.loads(cells.read_bytes())
    start = time.perf_counter()
    workers = os.cpu_count() or 1
    with ProcessPoolExecutor(workers) as pool:
        sum(pool.map(_values, inputs, chunksize=max(1, len(inputs) // (workers * 8))))
    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name[:31])
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, str):
                    ws.write_string(r, c, value)
                else:
                    ws.write_number(r, c, value)
    wb.close()
    return time.perf_counter() - start


def output_cells(path: Path, target: Path) -> int:
    """The cell values of every worksheet xl-iki wrote, pickled for the floor run."""
    book = CalamineWorkbook.from_path(str(path))
    sheets = {n: book.get_sheet_by_name(n).to_python() for n in book.sheet_names}
    target.write_bytes(pickle.dumps(sheets))
    return sum(sum(1 for v in row if v not in (None, "")) for rows in sheets.values()
               for row in rows)


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(files: int, n_jabatan: int, n_indikator: int, changed: int = 10,
        pandas_max: int = 500) -> None:
    mb = 1024 * 1024
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "masuk").mkdir()
        paths, parts, meta = make_inputs(tmp / "masuk", files, n_jabatan, n_indikator)
        print(f"{files} berkas x {n_jabatan} jabatan x {n_indikator} indikator, "
              f"{os.cpu_count()} inti, beban awal {load_average()}", flush=True)
        cli = [sys.executable, "-m", "xl_iki", "consolidate", str(tmp / "masuk")]
        cache = [*cli, "--cache", str(tmp / "cache"), "-o"]
        ours = timed([*cli, "-o", str(tmp / "rekap.xlsx")])
        our_peak = peak_memory([*cli, "-o", str(tmp / "rekap-memori.xlsx")])
        say(f"  xl-iki consolidate : {ours:6.1f} s, memori puncak {our_peak / mb:6.0f} MB "
            "(sasaran < 60 s dan < 1 GB di 5.000 berkas)")
        cells = output_cells(tmp / "rekap.xlsx", tmp / "sel.pickle")
        result = subprocess.run([sys.executable, "-c", FLOOR, str(tmp / "sel.pickle"),
                                 str(tmp / "lantai.xlsx"), *map(str, paths)],
                                capture_output=True, text=True, check=True)
        bottom = float(result.stdout.split()[-1])
        say(f"  lantai (calamine + XlsxWriter, {cells:,} sel, tanpa mulai Python): "
            f"{bottom:6.1f} s -> xl-iki {ours / bottom:4.2f} x lantai (sasaran <= 1.3 x)")
        if files <= pandas_max:
            theirs = timed([sys.executable, "-c", PANDAS_LOOP, *map(str, paths)])
            say(f"  loop pandas        : {theirs:6.1f} s -> xl-iki {theirs / ours:4.1f} x "
                "lebih cepat")
        else:
            say(f"  loop pandas        : dilewati (lebih dari {pandas_max} berkas; pada 500 berkas "
                "loop ini 50-170 s, sekitar 0,1-0,3 s per berkas; --pandas-max mengubah batas)")
        say(f"  --cache, pertama   : {timed([*cache, str(tmp / 'r1.xlsx')]):6.1f} s "
            "(membaca semua dan mengisi cache)")
        for k in range(changed):
            office_file(paths[k * len(paths) // changed], parts, meta, f"Dinas Baru {k}")
        warm = timed([*cache, str(tmp / "r2.xlsx")])
        for k in range(changed):  # other files, for a memory run that also reads some
            office_file(paths[k * len(paths) // changed + 1], parts, meta, f"Dinas Lain {k}")
        warm_peak = peak_memory([*cache, str(tmp / "r3.xlsx")])
        say(f"  --cache, {changed} berubah : {warm:6.1f} s, memori puncak {warm_peak / mb:6.0f} MB "
            "(sasaran < 5 s di 5.000 berkas)")
    say(f"  beban akhir        : {load_average()}")


def say(line: str) -> None:
    print(line, flush=True)


FLOOR = """
import sys
from pathlib import Path
from bench.consolidate import floor
print(floor(Path(sys.argv[1]), sys.argv[3:], Path(sys.argv[2])))
"""


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--jabatan", type=int, default=10)
    parser.add_argument("--indikator", type=int, default=15)
    parser.add_argument("--pandas-max", type=int, default=500,
                        help="skip the pandas loop above this many files (it takes minutes)")
    args = parser.parse_args()
    run(args.files, args.jabatan, args.indikator, pandas_max=args.pandas_max)
