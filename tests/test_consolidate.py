"""Consolidation: many filled workbooks, the model's numbers, and every bad input reported."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from engines import cached_values, libreoffice_convert
from test_validation import CAT, at, edited

from xl_iki.cli import main
from xl_iki.consolidate import consolidate
from xl_iki.consolidate.output import HEADER_ROW
from xl_iki.model import Instansi, evaluate
from xl_iki.reader import read_workbook
from xl_iki.workbook import write_workbook


def office(n: int, tahun: int = 2025):
    """The test catalogue as the IKI of another office."""
    return dataclasses.replace(CAT, instansi=Instansi(f"Dinas Uji {n}", "Kota Uji", tahun))


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> list[Path]:
    tmp = tmp_path_factory.mktemp("gabung")
    (tmp / "isi").mkdir()
    paths = []
    for n in range(4):
        work = tmp / f"kerja{n}"
        work.mkdir()
        filled = edited(write_workbook(office(n), work / "kosong.xlsx"), work,
                        [(at("jml", "M"), n + 1), (at("pct", "M", 0), n), (at("pct", "M", 1), 5)])
        paths.append(filled.rename(tmp / "isi" / f"dinas{n}.xlsx"))
    return paths


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_consolidated_numbers_are_each_files_own_numbers(books, tmp_path):
    out = tmp_path / "rekap.xlsx"
    hasil = consolidate([str(p) for p in books], out, csv=tmp_path / "data.csv")
    assert (hasil.files_read, hasil.files_taken, hasil.problems) == (4, 4, [])
    table = pd.read_csv(tmp_path / "data.csv")
    for path in books:
        rec = read_workbook(path)
        results = evaluate(rec.catalogue).indikator
        mine = table[table["berkas"] == str(path)]
        assert len(mine) == len(results)
        for row in mine.itertuples():
            res = results[next(s.plan.jabatan.id for s in rec.sheets if s.title == row.lembar),
                          _ind_id(rec, row)]
            assert (None if pd.isna(row.capaian) else row.capaian) == \
                (None if res.capaian is None else pytest.approx(res.capaian, abs=1e-9))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Ringkasan", "Rekap", "Per Unit", "Grafik Per Unit", "Per Sasaran",
                             "Distribusi Predikat", "Grafik Predikat", "Verifikasi",
                             "Belum Ada Realisasi", "Masalah"]
    assert wb["Rekap"].max_row == HEADER_ROW + 1 + len(table)


def _ind_id(rec, row) -> str:
    sheet = next(s for s in rec.sheets if s.title == row.lembar)
    return next(i.id for i in sheet.plan.jabatan.indikator if i.nama == row.indikator)


@pytest.mark.office
def test_libreoffice_saved_files_agree_with_the_recomputed_numbers(books, tmp_path):
    saved = libreoffice_convert(books[:2], tmp_path / "lo")
    hasil = consolidate([str(p) for p in saved], tmp_path / "rekap.xlsx",
                        csv=tmp_path / "d.csv")
    assert hasil.problems == [] and hasil.files_taken == 2
    table = pd.read_csv(tmp_path / "d.csv")
    for path in saved:
        values = cached_values(path)
        rec = read_workbook(path)
        for row in table[table["berkas"] == str(path)].itertuples():
            sheet = next(s for s in rec.sheets if s.title == row.lembar)
            r = sheet.indikator_rows[_ind_id(rec, row)].row
            cached = values.get((row.lembar.upper(), f"P{r}"))
            assert (cached is None) == pd.isna(row.capaian)
            if cached is not None:
                assert cached == pytest.approx(row.capaian, abs=1e-9)


@pytest.mark.office
def test_a_cached_value_that_disagrees_is_reported(books, tmp_path):
    saved = libreoffice_convert(books[:1], tmp_path / "lo")[0]
    sheet, cell = at("jml", "P")
    with zipfile.ZipFile(saved) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    # the jabatan sheet is the only worksheet with a cached number in that cell
    for n, data in parts.items():
        if n.startswith("xl/worksheets/sheet"):
            new = re.sub(rf'(<c r="{cell}"[^>]*>(?:(?!</c>).)*?<v>)[^<]*(</v>)'.encode(),
                         rb"\g<1>999\g<2>", data, count=1)
            if new != data:
                parts[n] = new
                break
    tampered = tmp_path / "diubah.xlsx"
    with zipfile.ZipFile(tampered, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    hasil = consolidate([str(tampered)], tmp_path / "rekap.xlsx")
    assert [m.kode for m in hasil.problems] == ["hitungan-berbeda"], hasil.problems
    assert "999" in hasil.problems[0].pesan and sheet in hasil.problems[0].pesan
    assert hasil.files_taken == 1


def bad_inputs(tmp_path: Path, good: Path) -> dict[str, Path]:
    corrupt = tmp_path / "rusak.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 ini bukan zip yang utuh")
    locked = tmp_path / "terkunci.xlsx"
    # a Compound File whose directory names Excel's encrypted package
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
                       + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 96)
    foreign = tmp_path / "lain.xlsx"
    openpyxl.Workbook().save(foreign)
    other_year = write_workbook(office(7, tahun=2024), tmp_path / "tahun_lalu.xlsx")
    duplicate = tmp_path / "salinan.xlsx"
    duplicate.write_bytes(good.read_bytes())
    return {"berkas-rusak": corrupt, "berkas-terkunci": locked, "bukan-iki": foreign,
            "tahun-berbeda": other_year, "jabatan-ganda": duplicate}


@pytest.mark.parametrize("kind", ["berkas-rusak", "berkas-terkunci", "bukan-iki",
                                  "tahun-berbeda", "jabatan-ganda"])
def test_each_bad_input_gets_a_masalah_line_and_stays_untouched(kind, books, tmp_path):
    bad = bad_inputs(tmp_path, books[0])[kind]
    before = digest(bad)
    out = tmp_path / "rekap.xlsx"
    code = main(["consolidate", str(books[0]), str(books[1]), str(bad), "-o", str(out)])
    assert code == 1  # something was not taken
    lines = [r for r in openpyxl.load_workbook(out)["Masalah"].iter_rows(
        min_row=HEADER_ROW + 2, values_only=True)]
    assert any(r[0] == str(bad) and r[1] == kind for r in lines), lines
    assert digest(bad) == before


def test_folders_globs_and_exit_codes(books, tmp_path):
    folder = books[0].parent
    out = tmp_path / "rekap.xlsx"
    assert main(["consolidate", str(folder), "-o", str(out)]) == 0
    assert main(["consolidate", str(folder / "dinas*.xlsx"), "-o", str(out), "--timpa"]) == 0
    empty = tmp_path / "kosong"
    empty.mkdir()
    (empty / "catatan.xlsx").write_bytes(b"bukan workbook")
    assert main(["consolidate", str(empty), "-o", str(tmp_path / "x.xlsx")]) == 2


def test_parquet_dataset(books, tmp_path):
    consolidate([str(p) for p in books], tmp_path / "r.xlsx", parquet=tmp_path / "d.parquet")
    df = pd.read_parquet(tmp_path / "d.parquet")
    assert len(df) == 4 * sum(len(j.indikator) for j in CAT.jabatan)
    assert {"instansi", "jabatan", "indikator", "tw1", "capaian", "predikat", "berkas",
            "lembar"} <= set(df.columns)


def test_parallel_reading_gives_the_same_result(books, tmp_path):
    many = [str(p) for p in books] * 5  # the same files under one name each: read once
    a = consolidate(many, tmp_path / "a.xlsx", csv=tmp_path / "a.csv", workers=1)
    links = []
    for n in range(20):
        link = tmp_path / f"f{n}.xlsx"
        link.write_bytes(Path(books[n % 4]).read_bytes())
        links.append(str(link))
    b = consolidate(links, tmp_path / "b.xlsx", csv=tmp_path / "b.csv", workers=2)
    assert a.files_read == 4 and b.files_read == 20
    assert b.files_taken == 4 and sum(m.kode == "jabatan-ganda" for m in b.problems) == 32


def test_progress_bar_on_a_terminal(books, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    files = []
    for n in range(8):
        copy = tmp_path / f"b{n}.xlsx"
        copy.write_bytes(books[n % 4].read_bytes())
        files.append(str(copy))
    main(["consolidate", *files, "-o", str(tmp_path / "r.xlsx")])
    err = capsys.readouterr().err
    assert "Membaca berkas [" in err and "8/8" in err


def test_text_that_looks_like_a_formula_stays_exact_text(tmp_path):
    from cases import broad_catalogue

    path = write_workbook(broad_catalogue(), tmp_path / "iki.xlsx")
    out = tmp_path / "rekap.xlsx"
    consolidate([str(path)], out)
    cells = [c for row in openpyxl.load_workbook(out)["Rekap"].iter_rows() for c in row
             if c.value == "=1+1"]
    assert cells and all(c.data_type == "s" for c in cells)
