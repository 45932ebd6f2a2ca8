"""Consolidating many filled IKI workbooks into one Rekap and a tidy dataset."""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..outputs import check_outputs
from .across import check_across
from .cache import Cache, read_cached
from .collect import Masalah, expand
from .output import REKAP_MAX_ROWS, Facts, frame, write_table, write_workbook


@dataclass(frozen=True)
class Hasil:
    """What a consolidation did."""

    output: Path
    files_read: int
    files_taken: int
    indicators: int
    problems: list[Masalah]
    seconds: float
    tahun: int | None
    files_reread: int = 0  # files actually opened (the others came from the cache)

    @property
    def complete(self) -> bool:
        """Every file was taken and nothing needed mentioning."""
        return not self.problems and self.files_taken == self.files_read


def consolidate(inputs: list[str], output: str | Path, csv: str | Path | None = None,
                parquet: str | Path | None = None, tahun: int | None = None,
                progress: Callable[[int, int], None] | None = None,
                workers: int | None = None, csv_locale: str | None = None,
                timpa: bool = False, cache: str | Path | None = None) -> Hasil:
    """Read every IKI workbook among ``inputs`` (files, folders, globs) and write the Rekap.

    Inputs are only read: no output may be one of them, and existing outputs are only
    replaced with ``timpa``. Bad or foreign files never stop the run: each gets a line in the
    Masalah sheet (and in ``Hasil.problems``). With a ``cache`` folder only files whose content
    is new to it are read (see :mod:`xl_iki.consolidate.cache`).
    """
    start = time.perf_counter()
    paths = expand(inputs)
    check_outputs([Path(output), csv, parquet], paths, timpa)
    collecting = gc.isenabled()
    gc.disable()  # rows are made by the million, none in a cycle: the collector would only
    try:          # walk them again and again; frozen once made, they are never walked
        results, reread = read_cached(paths, Cache(cache) if cache else None,
                                      (lambda n: progress(n, len(paths))) if progress else None,
                                      workers)
        gc.freeze()
        if collecting:
            gc.enable()
        year = check_across(results, tahun)
        rows = [row for r in results for row in r.rows]
        verdicts = {(r.path, jab): counts for r in results
                    for jab, counts in r.verifikasi.items()}
        problems = [m for r in results for m in r.masalah]
        taken = sum(1 for r in results if r.rows)
        del results  # the rows live on in ``rows`` only
        df = frame(rows)
        if len(rows) > REKAP_MAX_ROWS:  # the Rekap will not list them: free them before writing
            rows = []
        facts = Facts(len(paths), taken, len({m.berkas for m in problems}), year,
                      dt.date.today())
        out = write_workbook(Path(output), df, problems, facts, rows, verdicts)
        write_table(df, Path(csv) if csv else None, Path(parquet) if parquet else None,
                    csv_locale)
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()
    return Hasil(out, len(paths), taken, len(df), problems, time.perf_counter() - start, year,
                 reread)


__all__ = ["Hasil", "Masalah", "consolidate"]
