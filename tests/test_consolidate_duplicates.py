"""The same jabatan in two files: the later revision wins (keputusan date, then the file's
modification time), an identical copy loses to the first file, and the message names both
files correctly."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
from cases import ind, q

from xl_iki.consolidate import consolidate
from xl_iki.model import Catalogue, Instansi, Jabatan, Keputusan
from xl_iki.workbook import write_workbook


def book(folder: Path, name: str, realisasi: float, tanggal: dt.date | None = None,
         instansi: str = "Dinas Uji", mtime: float | None = None) -> Path:
    inst = Instansi(instansi, "Kota Uji", 2025, Keputusan(tanggal=tanggal) if tanggal else None)
    jab = Jabatan("kasi", "Kepala Seksi Data", "Bidang Statistik",
                  indikator=(ind("a", "jumlah", target=10.0, realisasi=q(realisasi)),))
    path = write_workbook(Catalogue(inst, (jab,)), folder / name)
    if mtime:
        os.utime(path, (mtime, mtime))
    return path


def run(folder: Path, *paths: Path):
    hasil = consolidate([str(p) for p in paths], folder / "rekap.xlsx", csv=folder / "d.csv",
                        timpa=True)
    return hasil, pd.read_csv(folder / "d.csv")


def test_the_later_keputusan_wins_even_when_its_name_sorts_last(tmp_path):
    old = book(tmp_path, "dinas.xlsx", 3, dt.date(2025, 1, 6), mtime=2_000_000_000)
    new = book(tmp_path, "dinas_revisi.xlsx", 5, dt.date(2025, 3, 1), mtime=1_900_000_000)
    hasil, table = run(tmp_path, old, new)
    assert list(table["berkas"]) == [str(new)] and list(table["tw1"]) == [5]
    [m] = hasil.problems
    assert (m.berkas, m.kode, m.diambil) == (str(old), "jabatan-ganda", False)
    assert str(new) in m.pesan and "1 Maret 2025" in m.pesan and "6 Januari 2025" in m.pesan


def test_without_dates_the_later_modified_file_wins(tmp_path):
    old = book(tmp_path, "a.xlsx", 3, mtime=1_900_000_000)
    new = book(tmp_path, "b_revisi.xlsx", 5, mtime=2_000_000_000)
    hasil, table = run(tmp_path, old, new)
    assert list(table["berkas"]) == [str(new)]
    [m] = hasil.problems
    assert m.berkas == str(old) and str(new) in m.pesan and "diubah" in m.pesan


def test_an_identical_copy_is_the_one_dropped(tmp_path):
    first = book(tmp_path, "dinas.xlsx", 3)
    copy = tmp_path / "salinan.xlsx"
    copy.write_bytes(first.read_bytes())
    hasil, table = run(tmp_path, first, copy)
    assert list(table["berkas"]) == [str(first)]
    [m] = hasil.problems
    assert m.berkas == str(copy) and str(first) in m.pesan and "salinan" in m.pesan


def test_the_message_names_the_file_of_the_same_office(tmp_path):
    a = book(tmp_path, "a.xlsx", 1, instansi="Dinas A")
    b = book(tmp_path, "b.xlsx", 2, instansi="Dinas B", tanggal=dt.date(2025, 2, 1))
    b_old = book(tmp_path, "c.xlsx", 3, instansi="Dinas B", tanggal=dt.date(2025, 1, 1))
    hasil, table = run(tmp_path, a, b, b_old)
    assert sorted(table["berkas"]) == [str(a), str(b)]
    [m] = hasil.problems
    assert m.berkas == str(b_old) and str(b) in m.pesan and str(a) not in m.pesan
