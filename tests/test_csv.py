"""CSV exports: safe per OWASP in any spreadsheet and any separator, and right in Indonesia."""

from __future__ import annotations

import csv
import io
import locale
import math
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl
import pytest
from engines import soffice

from xl_iki import csvtext
from xl_iki.cli import main
from xl_iki.consolidate import consolidate
from xl_iki.export import COLUMNS, as_csv, indicator_rows
from xl_iki.model import Catalogue, Indikator, Instansi, Jabatan
from xl_iki.reader import read_workbook
from xl_iki.workbook import write_workbook

# text columns of the export, each holding what OWASP warns of
PAYLOADS = {
    "indikator": "Jumlah dokumen;=1+1;",
    "sasaran": 'Meningkatnya layanan, =HYPERLINK("http://contoh.id","klik")\n=1+1\r+2 ;"=3+3',
    "satuan": "@SUM(A1:A9)",
    "jabatan": "=cmd|' /C calc'!A0\t=1",
    "unit_kerja": "@Unit, -2+3",
    "instansi": "Dinas; =Uji",
    "pemda": "+Kota Uji",
}
DANGER = ("=", "+", "-", "@", "\t", "\r")


def catalogue() -> Catalogue:
    inds = (
        Indikator("racun", PAYLOADS["indikator"], "jumlah", sasaran=PAYLOADS["sasaran"],
                  satuan=PAYLOADS["satuan"], target=12345.678, target_max=12400.5,
                  realisasi=(-3.5, 1500000.0, None, 0.1 + 0.2)),
        Indikator("biasa", "Jumlah rapat", "jumlah", sasaran="S", target=-2.0,
                  realisasi=(1.0, None, None, None)),
    )
    return Catalogue(Instansi(PAYLOADS["instansi"], PAYLOADS["pemda"], 2025),
                     (Jabatan("a", PAYLOADS["jabatan"], PAYLOADS["unit_kerja"], indikator=inds),))


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return write_workbook(catalogue(), tmp_path_factory.mktemp("csv") / "iki.xlsx")


@pytest.fixture(scope="module")
def rec(book):
    return read_workbook(book)


def is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text.replace(",", ".")))
    except ValueError:
        return False


def formula_like(cells) -> list[str]:
    """Cells a spreadsheet would take for a formula: text starting with = + - @ tab or CR."""
    return [c for c in cells if c.lstrip(' "').startswith(DANGER) and not is_number(c)]


@pytest.mark.parametrize(("text", "safe"), [
    ("=1+1", "'=1+1"),
    ("Jumlah dokumen;=1+1;", "Jumlah dokumen;'=1+1;"),
    ("a,+b,@c,-d", "a,'+b,'@c,'-d"),
    ("\t=x", "'\t'=x"),
    ("baris\n=1+1", "baris\n'=1+1"),
    ('x; "=1', "x;' \"=1"),
    ("-5", "'-5"),
    ("Kurang - dari, 5 - 10", "Kurang - dari, 5 - 10"),
    ("Rp 1.000,00", "Rp 1.000,00"),
])
def test_neutralise_every_part_a_spreadsheet_could_split_off(text, safe):
    assert csvtext.neutralise(text) == safe


@pytest.mark.parametrize("loc", ["en", "id"])
def test_text_quoted_numbers_bare_and_exact(rec, loc):
    text = as_csv(rec, loc)
    sep, dec = csvtext.LOCALES[loc].separator, csvtext.LOCALES[loc].decimal
    assert text.startswith("\ufeff") == (loc == "id")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=sep))
    assert rows[0] == list(COLUMNS)
    table = [dict(zip(rows[0], r)) for r in rows[1:]]
    racun = next(r for r in table if r["indikator_id"] == "racun")
    read = next(r for r in indicator_rows(rec) if r["indikator_id"] == "racun")
    for column in PAYLOADS:  # the text itself, only neutralised
        assert racun[column] == csvtext.neutralise(read[column]) != read[column]
    assert (racun["target"], racun["target_maks"]) == (f"12345{dec}678", f"12400{dec}5")
    assert (racun["tw1"], racun["tw2"], racun["tw4"]) == (f"-3{dec}5", f"1500000{dec}0",
                                                         f"0{dec}3")  # exported without float noise
    assert next(r for r in table if r["indikator_id"] == "biasa")["target"] == f"-2{dec}0"
    # in the text itself: numbers bare, every text field quoted
    assert f'{sep}12345{dec}678{sep}12400{dec}5{sep}-3{dec}5{sep}' in text
    assert f'{sep}2025{sep}"a"{sep}' in text
    assert not formula_like(c for r in rows for c in r)


@pytest.mark.parametrize(("loc", "other"), [("en", ";"), ("id", ",")])
def test_no_formula_even_when_opened_with_the_other_separator(rec, loc, other):
    """An Indonesian spreadsheet splits the English file on ';' (and the other way round)."""
    text = as_csv(rec, loc).lstrip("\ufeff")
    cells = [c for r in csv.reader(io.StringIO(text), delimiter=other) for c in r]
    naive = [c for line in text.splitlines() for c in line.split(other)]
    assert not formula_like(cells) and not formula_like(naive)


def test_default_locale_follows_the_computer(monkeypatch):
    for var in ("LC_ALL", "LC_NUMERIC", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda *a: ("Indonesian_Indonesia", "1252"))
    assert csvtext.system_locale() == "id"  # Windows with Indonesian regional settings
    monkeypatch.setattr(locale, "getlocale", lambda *a: ("English_United States", "1252"))
    assert csvtext.system_locale() == "en"
    for value, expected in (("id_ID.UTF-8", "id"), ("en_US.UTF-8", "en"), ("C.UTF-8", "en"),
                            ("in_ID", "id"), ("id-ID", "id"), ("id", "id"), ("is_IS", "en")):
        monkeypatch.setenv("LANG", value)
        assert csvtext.system_locale() == expected
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert csvtext.system_locale() == "en"


def test_cli_export_and_consolidate_write_the_chosen_locale(book, rec, tmp_path, monkeypatch):
    monkeypatch.setenv("LC_ALL", "id_ID.UTF-8")  # the default then is Indonesian
    out = tmp_path / "ekspor.csv"
    assert main(["export", str(book), "--format", "csv", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith('\ufeff"instansi";"pemda";')
    assert main(["export", str(book), "--format", "csv", "--csv-locale", "en", "-o",
                 str(out), "--timpa"]) == 0
    assert out.read_text(encoding="utf-8").startswith('"instansi","pemda",')
    assert main(["consolidate", str(book), "-o", str(tmp_path / "rekap.xlsx"), "--csv",
                 str(tmp_path / "data.csv"), "--csv-locale", "id"]) == 0
    data = (tmp_path / "data.csv").read_text(encoding="utf-8")
    assert data.startswith('\ufeff"instansi";"pemda";"tahun";')
    assert ";12345,678;12400,5;-3,5;1500000,0;" in data
    rows = list(csv.reader(io.StringIO(data.lstrip("\ufeff")), delimiter=";"))
    assert not formula_like(c for r in rows for c in r)
    sasaran = next(r for r in indicator_rows(rec) if r["indikator_id"] == "racun")["sasaran"]
    assert any(c == csvtext.neutralise(sasaran) for r in rows for c in r)


def test_consolidate_csv_with_missing_values(book, tmp_path):
    consolidate([str(book)], tmp_path / "rekap.xlsx", csv=tmp_path / "d.csv", csv_locale="en")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "d.csv").read_text(encoding="utf-8"))))
    biasa = next(r for r in rows if r["indikator"] == "Jumlah rapat")
    assert biasa["target_maks"] == "" and biasa["tw2"] == ""  # NaN in the table: empty


# LibreOffice's CSV filter: separator, quote, UTF-8 (76), first line, -, language (1057 = id-ID)
FILTERS = {",": "CSV:44,34,76,1", ";": "CSV:59,34,76,1,,1057"}


def open_in_libreoffice(paths: list[Path], infilter: str, outdir: Path) -> list[Path]:
    """Each CSV opened by LibreOffice's CSV filter as a person would, saved as .xlsx."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run([soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--norestore", f"--infilter={infilter}", "--convert-to", "xlsx",
                        "--outdir", str(outdir), *map(str, paths)],
                       check=True, capture_output=True, timeout=300,
                       env={**os.environ, "SAL_USE_VCLPLUGIN": "svp"})
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = [outdir / (p.stem + ".xlsx") for p in paths]
    assert all(p.exists() for p in out), f"LibreOffice did not open {paths}"
    return out


@pytest.mark.office
def test_libreoffice_opens_the_csv_without_a_formula_cell(rec, tmp_path):
    for loc in ("en", "id"):
        (tmp_path / f"{loc}.csv").write_text(as_csv(rec, loc), encoding="utf-8")
    sources = [tmp_path / "en.csv", tmp_path / "id.csv"]
    opened = {(loc, sep): book for sep in FILTERS
              for loc, book in zip(("en", "id"), open_in_libreoffice(
                  sources, FILTERS[sep], tmp_path / ("koma" if sep == "," else "titikkoma")))}
    for (loc, sep), book in opened.items():
        ws = openpyxl.load_workbook(book).active
        cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
        assert not [c.coordinate for c in cells if c.data_type == "f"], (loc, sep)
        if sep == csvtext.LOCALES[loc].separator:  # opened in columns, numbers as numbers
            header = [c.value for c in next(ws.iter_rows())]
            assert header == list(COLUMNS)
            target = [r[header.index("target")].value for r in ws.iter_rows(min_row=2)]
            assert 12345.678 in target and -2 in target
