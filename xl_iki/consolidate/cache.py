"""Incremental consolidation: what was read from a file, kept under the hash of its content.

Quarterly re-submissions change a few files of thousands: with a cache folder, consolidating
again reads only the files whose bytes changed (or that are new); every other file's result
comes from the cache. The rules:

* A result is stored under the SHA-256 of the workbook's bytes (with the entry format and the
  xl-iki version), so a renamed or moved file is still found and a changed one never is. Only
  files that were taken are kept (a damaged file is read again: its message stays current).
* Hashing 5,000 files costs a second or more, so a file is not even hashed when its path, size,
  modification time, status-change time and file number (inode) are all what they were when
  it was last hashed. Rewriting a file changes its status-change time (``ctime``), which no
  program can set back (``touch`` and ``os.utime`` set only the modification time), so a
  changed file with its size and modification time put back is still hashed. A file changed
  less than :data:`SETTLE` seconds before it was hashed is hashed again next time (a second
  change within the clock's granularity would leave every time unchanged). Residual risk:
  on Windows ``ctime`` is the creation time, so a file rewritten in place with the same size
  whose modification time is then set back is served from the cache; so is any change made
  while the system clock is set back, or a second same-size change within the timestamp
  granularity of a network drive whose clock runs more than SETTLE behind this computer's.
  Without a cache nothing is ever reused.
* Results are kept in a few segment files (one per run that read something new), loaded at
  once: thousands of small entries cost seconds to open and parse. A segment is the
  ``marshal`` form of plain data (texts, numbers, tuples, lists, dicts: loading it runs no
  code, unlike a pickle), which keeps one copy of a value many rows share, behind a checksum
  that is verified before anything is loaded. It is written to a temporary name and renamed.
  A segment that is damaged, or was written for other fields or another Python, is removed
  and its files are read again. A new xl-iki version or entry format uses a folder of its
  own, so it starts afresh.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import marshal
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .. import __version__
from .collect import FileResult, Masalah, read_all
from .records import Row

FORMAT = 2
SETTLE = 2.0  # seconds: FAT's timestamps are that coarse, most file systems' far finer
MAX_SEGMENTS = 8  # beyond this many, the segments are merged into one
INDEX = "berkas.json"
SEGMENT = "isi-*.marshal"
MAGIC = b"xl-iki segmen\n"
#: what a cached result holds: every field of FileResult but its path, and the row layout
FIELDS = tuple(f.name for f in dataclasses.fields(FileResult) if f.name != "path")
LAYOUT = {"fields": FIELDS, "rows": Row.FIELDS, "python": sys.version_info[:2]}


def content_key(path: Path) -> str:
    """The cache key of a file: its bytes, the entry format and the xl-iki version."""
    digest = hashlib.sha256(f"xl-iki {__version__} cache {FORMAT}\n".encode())
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def identity(stat: os.stat_result) -> list[int]:
    """What must be unchanged for a file to be taken as not rewritten."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


class Cache:
    """A cache folder: the stat index and the segments of stored results."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder) / f"xl-iki-{__version__}-f{FORMAT}"
        self.index: dict[str, list] = {}
        self.entries: dict[str, tuple] = {}
        self.segments: list[Path] = []
        self.new: dict[str, tuple] = {}
        self.used: set[str] = set()

    def open(self) -> Cache:
        """Load the index and every readable segment (bad ones are removed)."""
        self.index = _read_index(self.folder / INDEX)
        try:
            for segment in sorted(self.folder.glob(SEGMENT)):
                entries = _read_segment(segment)
                if entries is None:
                    segment.unlink(missing_ok=True)
                    continue
                self.entries.update(entries)
                self.segments.append(segment)
        except OSError:  # a folder that cannot be listed or changed: read what is there
            pass
        return self

    def key(self, path: Path) -> str | None:
        """The content key of ``path``, from the index when the file is unchanged; None when
        the file cannot be read (the reader reports it)."""
        name = os.path.abspath(path)  # a symlink's target is told by its inode
        try:
            before = path.stat()
            known = self.index.get(name)
            if known and known[:-1] == identity(before):
                return known[-1]
            key = content_key(path)
        except OSError:
            return None
        settled = time.time() - SETTLE
        if max(before.st_mtime_ns, before.st_ctime_ns) / 1e9 < settled:
            self.index[name] = [*identity(before), key]
        else:
            self.index.pop(name, None)
        return key

    def load(self, key: str, path: str) -> FileResult | None:
        """The result stored under ``key`` as if read from ``path``; None when absent."""
        entry = self.entries.get(key)
        if entry is None:
            return None
        self.used.add(key)
        return _result(entry, path)

    def store(self, key: str, result: FileResult) -> None:
        """Keep a taken file's result (written by :meth:`save`)."""
        if result.rows:
            self.new[key] = _entry(result)

    def save(self) -> None:
        """Write the new results as a segment (all in one when there would be too many) and
        the index; best effort: a cache that cannot be written is skipped."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self.new and len(self.segments) + 1 > MAX_SEGMENTS:
                # merged, without the results no file has any more (a changed file's old one)
                wanted = self.used | {known[-1] for known in self.index.values()}
                kept = {k: v for k, v in self.entries.items() if k in wanted}
                _write(self.folder, "isi-", ".marshal", _segment({**kept, **self.new}))
                for old in self.segments:
                    old.unlink(missing_ok=True)
            elif self.new:
                _write(self.folder, "isi-", ".marshal", _segment(self.new))
            index = json.dumps(self.index).encode()
            _write(self.folder, "berkas-", ".tmp", lambda handle: handle.write(index),
                   self.folder / INDEX)
        except (OSError, ValueError):  # ValueError: a field marshal cannot keep
            return


def read_cached(paths: list[Path], cache: Cache | None,
                progress: Callable[[int], None] | None = None,
                workers: int | None = None) -> tuple[list[FileResult], int]:
    """Every file's result, in order, reading only files the cache does not know.

    Returns the results and how many files were read (not taken from the cache).
    """
    if cache is None:
        return read_all(paths, progress, workers), len(paths)
    cache.open()
    keys = [cache.key(path) for path in paths]
    results = [cache.load(key, str(path)) if key else None for key, path in zip(keys, paths)]
    todo = [n for n, r in enumerate(results) if r is None]
    done = len(paths) - len(todo)
    fresh = read_all([paths[n] for n in todo],
                     (lambda k: progress(done + k)) if progress else None, workers)
    for n, result in zip(todo, fresh):
        if keys[n]:
            cache.store(keys[n], result)
        results[n] = result
    cache.save()
    return [r for r in results if r is not None], len(todo)


def _entry(result: FileResult) -> tuple:
    """A result as plain data, in FIELDS order (its Masalah as tuples)."""
    return tuple([(m.kode, m.pesan, m.diambil) for m in result.masalah] if name == "masalah"
                 else getattr(result, name) for name in FIELDS)


def _result(entry: tuple, path: str) -> FileResult:
    """A stored result as read from ``path`` (a moved file's rows get its new path)."""
    values = dict(zip(FIELDS, entry))
    rows = values["rows"]
    if rows and rows[0][-1] != path:
        values["rows"] = [(*row[:-1], path) for row in rows]
    values["masalah"] = [Masalah(path, kode, pesan, diambil)
                         for kode, pesan, diambil in values["masalah"]]
    return FileResult(path, **values)


def _segment(entries: dict[str, tuple]) -> Callable[[BinaryIO], object]:
    """Writes a segment: the magic line, the checksum of the data, the data."""
    data = marshal.dumps({"layout": LAYOUT, "entries": entries})
    return lambda handle: handle.write(MAGIC + zlib.crc32(data).to_bytes(4, "big") + data)


def _read_segment(path: Path) -> dict[str, tuple] | None:
    """The entries of a segment; None when it is damaged or made for another layout."""
    try:
        raw = path.read_bytes()
        head, data = raw[:len(MAGIC) + 4], memoryview(raw)[len(MAGIC) + 4:]
        if head[:len(MAGIC)] != MAGIC or int.from_bytes(head[len(MAGIC):], "big") != (
                zlib.crc32(data)):
            return None
        loaded = marshal.loads(data)
        if loaded["layout"] != LAYOUT:
            return None
        entries = loaded["entries"]
        if all(_sound(entry) for entry in entries.values()):
            return entries
    except Exception:  # damaged data raises anything; the segment is just not used
        return None
    return None


def _sound(entry: object) -> bool:
    """Whether an entry has the shape of a result (its rows the layout's width)."""
    if not isinstance(entry, tuple) or len(entry) != len(FIELDS):
        return False
    values = dict(zip(FIELDS, entry))
    rows, masalah = values["rows"], values["masalah"]
    return (isinstance(rows, list) and bool(rows) and isinstance(masalah, list)
            and set(map(type, rows)) == {tuple} and set(map(len, rows)) == {len(Row.FIELDS)}
            and all(isinstance(m, tuple) and len(m) == 3 for m in masalah))


def _read_index(path: Path) -> dict[str, list]:
    """path -> [size, mtime_ns, ctime_ns, inode, key]; empty when missing or damaged."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {name: value for name, value in data.items()
            if isinstance(value, list) and len(value) == 5
            and all(isinstance(v, int) for v in value[:4]) and isinstance(value[4], str)}


def _write(folder: Path, prefix: str, suffix: str, write: Callable[[BinaryIO], object],
           target: Path | None = None) -> None:
    """Write a temporary file in ``folder`` with ``write``, then rename it to ``target`` (or
    keep the unique temporary name, without its leading dot, as a new segment)."""
    fd, tmp = tempfile.mkstemp(prefix=f".~{prefix}", suffix=suffix, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(tmp, target or folder / Path(tmp).name.removeprefix(".~"))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
