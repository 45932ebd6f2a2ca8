"""Incremental consolidation: a cache keyed by file content re-reads only changed files."""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import pickle
import zipfile
import zlib
from pathlib import Path

import pandas as pd
import pytest
from damage import parts_of
from test_validation import CAT

from xl_iki.cli import main
from xl_iki.consolidate import cache as C
from xl_iki.consolidate import consolidate
from xl_iki.consolidate.collect import read_one
from xl_iki.model import Instansi
from xl_iki.workbook import write_workbook


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "masuk").mkdir()
    for n in range(4):
        cat = dataclasses.replace(CAT, instansi=Instansi(f"Dinas {n}", "Kota Uji", 2025))
        write_workbook(cat, tmp_path / "masuk" / f"d{n}.xlsx")
    return tmp_path


def opened(monkeypatch) -> list[str]:
    """The files the reader opens from now on."""
    seen: list[str] = []
    real = C.read_all

    def spy(paths, progress=None, workers=None):
        seen.extend(str(p) for p in paths)
        return real(paths, progress, workers)

    monkeypatch.setattr(C, "read_all", spy)
    return seen


def test_only_changed_files_are_read_again_with_the_same_result(folder, monkeypatch):
    cache, masuk = folder / "cache", folder / "masuk"
    first = consolidate([str(masuk)], folder / "a.xlsx", csv=folder / "a.csv", cache=cache)
    assert first.files_reread == 4
    changed = masuk / "d2.xlsx"
    cat = dataclasses.replace(CAT, instansi=Instansi("Dinas Baru", "Kota Uji", 2025))
    write_workbook(cat, changed)
    seen = opened(monkeypatch)
    again = consolidate([str(masuk)], folder / "b.xlsx", csv=folder / "b.csv", cache=cache)
    assert seen == [str(changed)] and again.files_reread == 1
    consolidate([str(masuk)], folder / "c.xlsx", csv=folder / "c.csv")
    b, c = pd.read_csv(folder / "b.csv"), pd.read_csv(folder / "c.csv")
    pd.testing.assert_frame_equal(b, c)  # the cache changes nothing in the result
    assert "Dinas Baru" in set(b["instansi"])


def test_a_moved_file_is_found_by_content_and_named_by_its_new_path(folder, monkeypatch):
    cache, masuk = folder / "cache", folder / "masuk"
    consolidate([str(masuk)], folder / "a.xlsx", cache=cache)
    moved = masuk / "pindah.xlsx"
    (masuk / "d0.xlsx").rename(moved)
    seen = opened(monkeypatch)
    consolidate([str(masuk)], folder / "b.xlsx", csv=folder / "b.csv", cache=cache)
    assert seen == []
    assert str(moved) in set(pd.read_csv(folder / "b.csv")["berkas"])


def hashed(monkeypatch) -> list[str]:
    """The files whose content is hashed from now on."""
    seen: list[str] = []
    real = C.content_key

    def spy(path):
        seen.append(str(path))
        return real(path)

    monkeypatch.setattr(C, "content_key", spy)
    return seen


def settled(monkeypatch) -> None:
    """Files written a moment ago count as settled (the tests cannot wait two seconds)."""
    monkeypatch.setattr(C, "SETTLE", 0.0)


def test_unchanged_files_are_not_even_hashed(folder, monkeypatch):
    settled(monkeypatch)
    cache, masuk = folder / "cache", folder / "masuk"
    consolidate([str(masuk)], folder / "a.xlsx", csv=folder / "a.csv", cache=cache)
    seen, read = hashed(monkeypatch), opened(monkeypatch)
    hasil = consolidate([str(masuk)], folder / "b.xlsx", csv=folder / "b.csv", cache=cache)
    assert seen == [] and read == [] and hasil.files_taken == 4
    pd.testing.assert_frame_equal(pd.read_csv(folder / "a.csv"), pd.read_csv(folder / "b.csv"))


def stored(path: Path, old: bytes = b"", new: bytes = b"") -> Path:
    """The workbook rewritten in place (the same inode) without compression, ``old`` text
    replaced by ``new``: a same-length edit keeps the file's size."""
    parts = parts_of(path)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data.replace(old, new) if old else data)
    return path


def test_a_rewrite_with_its_size_and_modification_time_put_back_is_caught(folder, monkeypatch):
    """Same path, size, mtime and inode: only the status-change time tells."""
    settled(monkeypatch)
    cache, masuk = folder / "cache", folder / "masuk"
    changed = stored(masuk / "d2.xlsx")
    consolidate([str(masuk)], folder / "a.xlsx", cache=cache)
    before = changed.stat()
    stored(changed, b"Dinas 2", b"Dinas 9")
    os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = changed.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size, before.st_mtime_ns, before.st_ino)
    read = opened(monkeypatch)
    consolidate([str(masuk)], folder / "b.xlsx", csv=folder / "b.csv", cache=cache)
    assert read == [str(changed)]
    assert "Dinas 9" in set(pd.read_csv(folder / "b.csv")["instansi"])


@pytest.mark.parametrize("place", range(4))  # size, mtime_ns, ctime_ns, inode
def test_any_difference_in_what_the_index_knows_means_hashing(folder, monkeypatch, place):
    settled(monkeypatch)
    cache, masuk = folder / "cache", folder / "masuk"
    consolidate([str(masuk)], folder / "a.xlsx", cache=cache)
    index = next(cache.rglob(C.INDEX))
    known = json.loads(index.read_text())
    name = str((masuk / "d1.xlsx").resolve())
    known[name][place] += 1
    index.write_text(json.dumps(known))
    seen, read = hashed(monkeypatch), opened(monkeypatch)
    consolidate([str(masuk)], folder / "b.xlsx", cache=cache)
    assert seen == [str(masuk / "d1.xlsx")] and read == []  # same content: not read again


def test_a_file_changed_just_before_it_was_hashed_is_hashed_again(folder, monkeypatch):
    """A second change within the clock's granularity would leave every time unchanged."""
    cache, masuk = folder / "cache", folder / "masuk"
    consolidate([str(masuk)], folder / "a.xlsx", cache=cache)  # files written just now
    seen, read = hashed(monkeypatch), opened(monkeypatch)
    consolidate([str(masuk)], folder / "b.xlsx", cache=cache)
    assert len(seen) == 4 and read == []


class _Planted:
    """A pickle that makes a folder when loaded by an unrestricted unpickler."""

    def __init__(self, folder: Path) -> None:
        self.folder = str(folder)

    def __reduce__(self):
        return (os.mkdir, (self.folder,))


def segment_bytes(data: object) -> bytes:
    """A segment as the cache writes one: magic line, checksum, marshal data."""
    body = marshal.dumps(data)
    return C.MAGIC + zlib.crc32(body).to_bytes(4, "big") + body


def segment_data(segment: Path) -> dict:
    return marshal.loads(segment.read_bytes()[len(C.MAGIC) + 4:])


@pytest.mark.parametrize("damage", [
    b"", b"kacau", C.MAGIC + b"\0\0\0\0", "planted", "checksum", "other layout", "other python",
    "wrong width", "empty rows", "not a tuple"])
def test_a_damaged_segment_is_ignored_and_its_files_read_again(folder, monkeypatch, damage):
    cache, masuk = folder / "cache", folder / "masuk"
    consolidate([str(masuk)], folder / "a.xlsx", csv=folder / "a.csv", cache=cache)
    (segment,) = cache.rglob(C.SEGMENT)
    data = segment_data(segment)
    key = next(iter(data["entries"]))
    entry = dict(zip(C.FIELDS, data["entries"][key]))
    if damage == "planted":  # a pickle where a segment should be: never unpickled
        damage = pickle.dumps(_Planted(folder / "ditanam"))
    elif damage == "checksum":
        raw = bytearray(segment.read_bytes())
        raw[-20] ^= 1
        damage = bytes(raw)
    elif damage in ("other layout", "other python"):
        data["layout"] = {**data["layout"], **(
            {"rows": data["layout"]["rows"][:-1]} if damage == "other layout"
            else {"python": (2, 7)})}
        damage = segment_bytes(data)
    elif isinstance(damage, str):
        entry["rows"] = {"wrong width": [row[:-1] for row in entry["rows"]], "empty rows": [],
                         "not a tuple": [list(row) for row in entry["rows"]]}[damage]
        data["entries"][key] = tuple(entry.values())
        damage = segment_bytes(data)
    segment.write_bytes(damage)
    read = opened(monkeypatch)
    hasil = consolidate([str(masuk)], folder / "b.xlsx", csv=folder / "b.csv", cache=cache)
    assert sorted(read) == sorted(str(p) for p in masuk.iterdir())
    assert hasil.files_taken == 4 and not hasil.problems
    assert not segment.exists() and len(list(cache.rglob(C.SEGMENT))) == 1
    assert not (folder / "ditanam").exists()  # no code ran
    pd.testing.assert_frame_equal(pd.read_csv(folder / "a.csv"), pd.read_csv(folder / "b.csv"))


def test_a_segment_keeps_one_copy_of_shared_values(folder):
    consolidate([str(folder / "masuk")], folder / "a.xlsx", cache=folder / "cache")
    entries = C.Cache(folder / "cache").open().entries.values()
    rows = [row for entry in entries for row in dict(zip(C.FIELDS, entry))["rows"]]
    quarter, value = C.Row.INDEX["tw1"], C.Row.INDEX["tw1_nilai"]
    numbers = [r for r in rows if isinstance(r[quarter], float) and r[quarter]]
    assert numbers and all(r[quarter] is r[value] for r in numbers)
    assert len({id(r[C.Row.INDEX["jenis"]]) for r in rows}) == len({r[C.Row.INDEX["jenis"]]
                                                                      for r in rows})


@pytest.mark.parametrize("damage", [b"", b"{kacau", b"[1]", b'{"x": [1, 2, 3, 4, 5]}'])
def test_a_damaged_index_only_costs_hashing(folder, monkeypatch, damage):
    settled(monkeypatch)
    cache, masuk = folder / "cache", folder / "masuk"
    consolidate([str(masuk)], folder / "a.xlsx", cache=cache)
    next(cache.rglob(C.INDEX)).write_bytes(damage)
    seen, read = hashed(monkeypatch), opened(monkeypatch)
    consolidate([str(masuk)], folder / "b.xlsx", cache=cache)
    assert len(seen) == 4 and read == []
    seen.clear()
    consolidate([str(masuk)], folder / "c.xlsx", cache=cache)
    assert seen == []  # the index was written again


def test_a_new_version_starts_afresh(folder, monkeypatch):
    cache, masuk = folder / "cache", folder / "masuk"
    consolidate([str(masuk)], folder / "a.xlsx", cache=cache)
    monkeypatch.setattr(C, "__version__", "99.0")
    read = opened(monkeypatch)
    consolidate([str(masuk)], folder / "b.xlsx", cache=cache)
    assert len(read) == 4


def test_every_field_of_a_result_comes_back(folder):
    """The cache keeps whatever FileResult holds, fields added later too."""
    path = folder / "masuk" / "d0.xlsx"
    result = read_one(str(path))
    cache = C.Cache(folder / "cache").open()
    cache.store("k", result)
    cache.save()
    back = C.Cache(folder / "cache").open().load("k", str(path))
    assert back == result
    assert {f.name for f in dataclasses.fields(back)} >= {"rows", "masalah", "tahun",
                                                          "verifikasi"}
    moved = C.Cache(folder / "cache").open().load("k", "lain.xlsx")
    assert moved.path == "lain.xlsx" and {r[-1] for r in moved.rows} == {"lain.xlsx"}


def test_segments_are_merged_and_old_results_dropped(folder, monkeypatch):
    settled(monkeypatch)
    monkeypatch.setattr(C, "MAX_SEGMENTS", 2)
    cache, masuk = folder / "cache", folder / "masuk"
    for n in range(4):
        cat = dataclasses.replace(CAT, instansi=Instansi(f"Dinas Ganti {n}", "Kota Uji", 2025))
        write_workbook(cat, masuk / "d0.xlsx")
        consolidate([str(masuk)], folder / f"r{n}.xlsx", csv=folder / f"r{n}.csv", cache=cache)
        assert len(list(cache.rglob(C.SEGMENT))) <= 2
    entries = C.Cache(cache).open().entries
    assert len(entries) <= 4 + 1  # the four files now, and at most the last merged-away one
    assert "Dinas Ganti 3" in set(pd.read_csv(folder / "r3.csv")["instansi"])


def test_cli_cache_option(folder, capsys):
    args = ["consolidate", str(folder / "masuk"), "--cache", str(folder / "cache"), "-o"]
    assert main([*args, str(folder / "a.xlsx")]) == 0
    assert main([*args, str(folder / "b.xlsx")]) == 0
    assert "dibaca ulang   : 0" in capsys.readouterr().out


def test_a_cache_that_cannot_be_used_costs_only_time(folder):
    blocked = folder / "bukan-folder"
    blocked.write_text("ini berkas, bukan folder")
    hasil = consolidate([str(folder / "masuk")], folder / "a.xlsx", cache=blocked)
    assert hasil.files_taken == 4 and hasil.files_reread == 4 and not hasil.problems
    assert blocked.read_text() == "ini berkas, bukan folder"
