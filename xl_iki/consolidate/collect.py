"""Reading many workbooks into plain rows: one row per indicator, problems on the side.

Works on plain data (paths in, rows and problems out) so the CLI and the add-in's
"Gabungkan Berkas" button call the same thing.
"""

from __future__ import annotations

import gc
import glob
import math
import os
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .. import crashlog
from ..errors import InputError
from ..export import indicator_rows
from ..reader import recover
from ..reader.source import SheetData, read_in_full, read_values
from ..workbook import layout as L
from .records import Row, Sharing
from .verifikasi import verdict_counts

UNREADABLE = (("kata sandi", "berkas-terkunci"), ("tidak ditemukan", "berkas-tidak-ada"),
              ("format Excel lama", "format-lama"), ("struktur tersembunyi", "struktur-rusak"),
              ("terlalu besar", "terlalu-besar"), ("melewati", "terlalu-besar"))
PATTERNS = ("*.xlsx", "*.xlsm", "*.ods", "*.xls")  # .xls: to say it must be saved as .xlsx
# Measured on the 2-core machine (Linux forks): 100 files 1.15 s -> 0.65 s with 2 workers,
# 10 files 0.10 s -> 0.08 s. Windows spawns workers (~0.5 s each), so small runs stay serial.
PARALLEL_FROM = 16
CHUNK = 16  # files a worker reads per task: results stream back in order, memory stays flat
#: our own backups (:func:`xl_iki.fileio.keep_backup`: NAME.cadangan-YYYYmmdd-HHMMSS[-N].xlsx)
#: are not an office's submission: a folder or a pattern never takes them
BACKUP = re.compile(r"\.cadangan-\d{8}-\d{6}(-\d+)?$")


@dataclass(frozen=True)
class Masalah:
    """One problem of one input file (a line of the Masalah sheet)."""

    berkas: str
    kode: str
    pesan: str
    diambil: bool  # whether the file's data is in the result anyway


@dataclass
class FileResult:
    """What consolidation keeps of one file. Every field is plain data (the cache stores them
    all, whatever they are); ``rows`` are tuples in :attr:`Row.FIELDS` order."""

    path: str
    rows: list[tuple] = field(default_factory=list)
    masalah: list[Masalah] = field(default_factory=list)
    tahun: int | None = None
    revisi: str | None = None  # the catalogue's keputusan date (ISO), which a revision moves
    #: per jabatan id: (Disetujui, Perlu Perbaikan, Belum diverifikasi) of the Verifikasi sheet
    verifikasi: dict[str, tuple[int, int, int]] = field(default_factory=dict)


def expand(inputs: Iterable[str]) -> list[Path]:
    """Files, folders (searched recursively for workbooks) and glob patterns, each file once;
    a folder or pattern leaves out xl-iki's backups (a file named on its own is taken)."""
    found: dict[str, Path] = {}
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            candidates = [f for pattern in PATTERNS for f in sorted(path.rglob(pattern))
                          if not is_backup(f)]
        elif any(ch in item for ch in "*?["):
            candidates = [Path(p) for p in sorted(glob.glob(item, recursive=True))
                          if not is_backup(Path(p))]
        else:
            candidates = [path]
        for c in candidates:
            if not c.name.startswith(("~$", ".~")):  # Excel's lock files, our temporary files
                found.setdefault(os.path.realpath(c) if c.exists() else str(c), c)
    return list(found.values())


def is_backup(path: Path) -> bool:
    return bool(BACKUP.search(path.stem))


def read_one(path: str) -> FileResult:
    """Everything consolidation needs from one file (runs in a worker process).

    Never raises: whatever goes wrong with this file becomes its Masalah line.
    """
    try:
        return _read_one(path)
    except InputError as exc:
        return FileResult(path, masalah=[_unreadable(path, exc)])
    except Exception:  # a bug of ours on this file: reported with a log, the others go on
        log = crashlog.write_log()
        return FileResult(path, masalah=[Masalah(
            path, "galat-program", "kesalahan tak terduga di xl-iki saat membaca berkas ini; "
            f"berkas tidak diambil. Kirimkan {log or 'berkas ini'} kepada pengembang", False)])


def _unreadable(path: str, exc: InputError) -> Masalah:
    first = exc.problems[0]
    message = first.message if first.where == path else str(first)
    if len(exc.problems) > 1:
        message += f" (dan {len(exc.problems) - 1} masalah lain di berkas ini)"
    code = next((c for key, c in UNREADABLE if key in message), "berkas-rusak")
    return Masalah(path, code, message, False)


def _needed(sheet: SheetData) -> bool:
    """The sheets consolidation reads (judged from row 1): xl-iki's meta, jabatan and
    Verifikasi sheets; never the Rekap (made from the jabatan sheets) nor the user's own."""
    own = L.parse_key(sheet.get(1, ord(L.REKAP_KEY_COL) - 64)) or {}
    return read_in_full(sheet) and not own.get("rekap")


def _read_one(path: str) -> FileResult:
    result = FileResult(path)
    rec = recover(read_values(path, needed=_needed))
    if not rec.sheets:
        result.masalah.append(Masalah(path, "bukan-iki", "tidak ada lembar IKI (bukan workbook "
                                      "buatan xl-iki?)", False))
        return result
    result.tahun = rec.catalogue.instansi.tahun or None
    keputusan = rec.catalogue.instansi.keputusan
    if keputusan and keputusan.tanggal:
        tanggal = keputusan.tanggal
        result.revisi = tanggal.isoformat() if hasattr(tanggal, "isoformat") else str(tanggal)
    rows = indicator_rows(rec)
    for row in rows:
        row["berkas"] = path
    # what else is read from this file goes here, from ``rec`` and the export's ``rows``
    result.verifikasi = verdict_counts(rec, rows)
    result.masalah.extend(_cached_disagreements(rec, rows, path))
    result.rows = [Row.of(row) for row in rows]
    return result


def _cached_disagreements(rec, rows: list[dict], path: str) -> list[Masalah]:
    """Files saved by Excel or LibreOffice carry computed values; compare them with ours."""
    out = []
    by_key = {(r["jabatan_id"], r["indikator_id"]): r for r in rows}
    cap_col, pred_col = (L.TABLE.index(c) + 2 for c in (L.CAPAIAN, L.PREDIKAT))
    for js in rec.sheets:
        for ind in js.plan.jabatan.indikator:
            row = js.indikator_rows[ind.id].row
            ours = by_key[js.plan.jabatan.id, ind.id]
            where = f"lembar '{js.title}', {ind.nama}"
            cached = js.sheet.get(row, cap_col)
            if isinstance(cached, (int, float)) and not isinstance(cached, bool) and (
                    ours["capaian"] is None or not math.isclose(
                        cached, ours["capaian"], rel_tol=1e-9, abs_tol=1e-9)):
                shown = "kosong" if ours["capaian"] is None else f"{ours['capaian']:g}"
                out.append(Masalah(path, "hitungan-berbeda",
                                   f"{where}: capaian tersimpan {cached:g} berbeda dengan "
                                   f"hitungan ulang {shown}; dipakai hitungan ulang", True))
                continue
            label = js.sheet.get(row, pred_col)
            if isinstance(label, str) and label.strip() and label.strip() != ours["predikat"]:
                out.append(Masalah(path, "hitungan-berbeda",
                                   f"{where}: predikat tersimpan '{label.strip()}' berbeda "
                                   f"dengan hitungan ulang '{ours['predikat'] or 'kosong'}'; "
                                   "dipakai hitungan ulang", True))
    return out


def read_all(paths: list[Path], progress: Callable[[int], None] | None = None,
             workers: int | None = None) -> list[FileResult]:
    """Read every file, in worker processes when there are enough of them to pay."""
    names = [str(p) for p in paths]
    workers = workers or (os.cpu_count() or 1)
    sharing = Sharing()
    results: list[FileResult] = []
    if len(names) < PARALLEL_FROM or workers == 1:
        for name in names:
            results.append(_kept(read_one(name), sharing))
            if progress:
                progress(len(results))
        return results
    done: dict[str, FileResult] = {}
    todo = names
    while todo:
        _read_in_pool(todo, workers, done, progress, sharing)
        todo = [n for n in todo if n not in done]
        if todo:  # a reader died: the next file in order was being read; read it alone
            done[todo[0]] = _read_alone(todo[0])
            if progress:
                progress(len(done))
            todo = todo[1:]
    return [done[n] for n in names]


def _kept(result: FileResult, sharing: Sharing) -> FileResult:
    """A file's result as kept with every other file's (equal values shared)."""
    result.rows = sharing.rows(result.rows)
    return result


def _read_in_pool(names: list[str], workers: int, done: dict[str, FileResult],
                  progress: Callable[[int], None] | None, sharing: Sharing) -> None:
    """Read files in worker processes, in order, until all are read or a worker dies.

    Workers collect their garbage whatever the parent does (consolidate pauses its collector
    while rows arrive, and a forked worker would inherit that)."""
    chunk = max(1, min(CHUNK, len(names) // (workers * 8)))
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=gc.enable) as pool:
            for name, result in zip(names, pool.map(read_one, names, chunksize=chunk)):
                done[name] = _kept(result, sharing)
                if progress:
                    progress(len(done))
    except BrokenProcessPool:
        return


def _read_alone(name: str) -> FileResult:
    """One file in a process of its own: if that process dies, the file is the cause."""
    try:
        with ProcessPoolExecutor(max_workers=1, initializer=gc.enable) as pool:
            return pool.submit(read_one, name).result()
    except BrokenProcessPool:
        return FileResult(name, masalah=[Masalah(
            name, "pembaca-berhenti", "proses pembaca berhenti saat membaca berkas ini (terlalu "
            "besar atau rusak); berkas tidak diambil. Buka dan simpan ulang di Excel atau "
            "LibreOffice, lalu coba lagi", False)])
