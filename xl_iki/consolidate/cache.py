"""Incremental consolidation: what was read from a file, kept under the hash of its content.

Quarterly re-submissions change a few files of hundreds: with a cache folder, consolidating
again reads only the files whose bytes changed (or that are new); every other file's rows come
from its entry. An entry is a small JSON file named by the SHA-256 of the workbook's bytes and
the xl-iki version, so a renamed or moved file is still found, a changed one never is, and a
new xl-iki version starts afresh. Entries are written to a temporary name and renamed; an
entry that cannot be read or does not have the expected shape is ignored and written again.
Only files that were taken are kept (a damaged file is read again, its message is current).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..export import COLUMNS
from .collect import FileResult, Masalah, read_all
from .records import Row

FORMAT = 1
BATCH = 400  # files read between two compactions (and two process pools)


def content_key(path: Path) -> str:
    """The cache key of a file: its bytes, the entry format and the xl-iki version."""
    digest = hashlib.sha256(f"xl-iki {__version__} cache {FORMAT}\n".encode())
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def compact(result: FileResult) -> FileResult:
    result.rows = [Row.of(row) for row in result.rows]
    return result


class Cache:
    """A folder of entries, one per file content read before."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, key: str, path: str) -> FileResult | None:
        """The result stored under ``key`` as if read from ``path``; None when absent or bad."""
        try:
            data = json.loads(self._entry(key).read_text(encoding="utf-8"))
            rows = data["baris"]
            if data["kolom"] != list(COLUMNS):  # another version's columns
                return None
            result = FileResult(path, tahun=data["tahun"], revisi=data.get("revisi"))
            result.rows = [Row([*values, path]) for values in rows
                           if len(values) == len(COLUMNS)]
            result.masalah = [Masalah(path, kode, pesan, bool(diambil))
                              for kode, pesan, diambil in data["masalah"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return result if result.rows and len(result.rows) == len(rows) else None

    def store(self, key: str, result: FileResult) -> None:
        """Keep a taken file's result (best effort: a cache that cannot be written is skipped)."""
        if not result.rows:
            return
        data = {"tahun": result.tahun, "revisi": result.revisi, "kolom": list(COLUMNS),
                "baris": [[row.get(n) for n in COLUMNS] for row in result.rows],
                "masalah": [[m.kode, m.pesan, m.diambil] for m in result.masalah]}
        target = self._entry(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".tmp", dir=target.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
            os.replace(tmp, target)
        except OSError:
            Path(tmp).unlink(missing_ok=True)


def read_cached(paths: list[Path], cache: Cache | None,
                progress: Callable[[int], None] | None = None,
                workers: int | None = None) -> tuple[list[FileResult], int]:
    """Every file's result, in order, reading only files the cache does not know.

    Files are read in batches whose rows are made compact before the next batch, so memory
    grows with the rows kept, not with the reader's dicts. Returns the results and how many
    files were read (not taken from the cache).
    """
    keys = [_key(path) if cache else None for path in paths]
    results = [cache.load(key, str(path)) if cache and key else None
               for key, path in zip(keys, paths)]
    todo = [n for n, r in enumerate(results) if r is None]
    done = len(paths) - len(todo)
    for start in range(0, len(todo), BATCH):
        batch = todo[start:start + BATCH]
        offset = done + start
        fresh = read_all([paths[n] for n in batch],
                         (lambda k, offset=offset: progress(offset + k)) if progress else None,
                         workers)
        for n, result in zip(batch, fresh):
            if cache and keys[n]:
                cache.store(keys[n], result)
            results[n] = compact(result)
    return [r for r in results if r is not None], len(todo)


def _key(path: Path) -> str | None:
    try:
        return content_key(path)
    except OSError:  # missing or unreadable: the reader reports it
        return None
