"""Incremental consolidation: a cache keyed by file content re-reads only changed files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from test_validation import CAT

from xl_iki.cli import main
from xl_iki.consolidate import cache as C
from xl_iki.consolidate import consolidate
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


@pytest.mark.parametrize("damage", [b"", b"{bukan json", b'{"tahun": 2025}', b"[1, 2]",
                                    b'{"tahun":2025,"kolom":["a"],"baris":[[1,2]],"masalah":[]}',
                                    b'{"tahun":2025,"kolom":["a"],"baris":[[1]],"masalah":[]}'])
def test_a_damaged_entry_is_ignored_and_rewritten(folder, monkeypatch, damage):
    cache, masuk = folder / "cache", folder / "masuk"
    consolidate([str(masuk)], folder / "a.xlsx", cache=cache)
    entry = C.Cache(cache)._entry(C.content_key(masuk / "d1.xlsx"))
    entry.write_bytes(damage)
    seen = opened(monkeypatch)
    hasil = consolidate([str(masuk)], folder / "b.xlsx", cache=cache)
    assert seen == [str(masuk / "d1.xlsx")] and hasil.files_taken == 4 and not hasil.problems
    assert C.Cache(cache).load(C.content_key(masuk / "d1.xlsx"), "x") is not None


def test_cli_cache_option(folder, capsys):
    args = ["consolidate", str(folder / "masuk"), "--cache", str(folder / "cache"), "-o"]
    assert main([*args, str(folder / "a.xlsx")]) == 0
    assert main([*args, str(folder / "b.xlsx")]) == 0
    assert "dibaca ulang   : 0" in capsys.readouterr().out
