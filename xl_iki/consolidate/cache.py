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

FORMAT = 1


def content_key(path: Path) -> str:
    """The cache key of a file: its bytes, the entry format and the xl-iki version."""
    digest = hashlib.sha256(f"xl-iki {__version__} cache {FORMAT}\n".encode())
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
            names, rows = data["kolom"], data["baris"]
            result = FileResult(path, tahun=data["tahun"])
            result.rows = [{**dict(zip(names, values)), "berkas": path} for values in rows]
            result.masalah = [Masalah(path, kode, pesan, bool(diambil))
                              for kode, pesan, diambil in data["masalah"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not result.rows or not set(COLUMNS) <= set(names) or any(
                len(v) != len(names) for v in rows):
            return None
        return result

    def store(self, key: str, result: FileResult) -> None:
        """Keep a taken file's result (best effort: a cache that cannot be written is skipped)."""
        if not result.rows:
            return
        names = [n for n in result.rows[0] if n != "berkas"]
        data = {"tahun": result.tahun, "kolom": names,
                "baris": [[row.get(n) for n in names] for row in result.rows],
                "masalah": [[m.kode, m.pesan, m.diambil] for m in result.masalah]}
        target = self._entry(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".tmp", dir=target.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, target)
        except OSError:
            Path(tmp).unlink(missing_ok=True)


def read_cached(paths: list[Path], cache: Cache | None,
                progress: Callable[[int], None] | None = None,
                workers: int | None = None) -> tuple[list[FileResult], int]:
    """Every file's result, in order, reading only files the cache does not know.

    Returns the results and how many files were read (not taken from the cache).
    """
    if cache is None:
        return read_all(paths, progress, workers), len(paths)
    keys: list[str | None] = []
    results: list[FileResult | None] = []
    for path in paths:
        try:
            key = content_key(path)
        except OSError:  # missing or unreadable: the reader reports it
            key = None
        keys.append(key)
        results.append(cache.load(key, str(path)) if key else None)
    todo = [n for n, r in enumerate(results) if r is None]
    done = len(paths) - len(todo)
    fresh = read_all([paths[n] for n in todo],
                     (lambda k: progress(done + k)) if progress else None, workers)
    for n, result in zip(todo, fresh):
        results[n] = result
        if keys[n]:
            cache.store(keys[n], result)
    return [r for r in results if r is not None], len(todo)
