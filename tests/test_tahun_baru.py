"""Next year's workbook (xl-iki tahun-baru and the Tahun Baru button)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import xlwings as xw
from cases import broad_catalogue
from engines import libreoffice_convert
from office import edit_with_libreoffice
from test_addin_handlers import book_of, remote_engine, said  # noqa: F401 (a fixture)

from xl_iki.addin import run_button
from xl_iki.catalogue import load, loads
from xl_iki.cli import main
from xl_iki.export import indicator_rows
from xl_iki.reader import read_workbook
from xl_iki.rollover import default_output
from xl_iki.workbook import layout as L
from xl_iki.workbook import write_workbook
from xl_iki.workbook.tahun_lalu_sheet import HEADER_ROW, KEY_COL, REALISASI_COL, TITLE

INPUT_STYLES = {"iki_input", "iki_input_text"}
ERRORS = ("#REF!", "#VALUE!", "#NAME?", "#DIV/0!", "#N/A", "Err:")

RENSTRA = """versi: 1
instansi:
  nama: Dinas Contoh
  pemda: Kabupaten Uji
  tahun: 2025
  keputusan: {nomor: 1/2025, tanggal: 2025-01-02, tempat: Uji, tentang: IKI Tahun 2025}
jabatan:
  - id: kadis
    nama: Kepala Dinas Contoh
    indikator:
      - id: spbe
        nama: Indeks SPBE
        jenis: skor
        skala: [1, 5]
        target: 3
        realisasi: [null, null, null, 3.2]
        target_tahunan: {2026: 3.5, 2027: "3,6-4"}
      - id: laporan
        nama: Jumlah laporan
        jenis: jumlah
        target: 12
        realisasi: [3, 3, 3, 2]
        keterangan: satu terlambat
"""


def cells(path: Path, skip: tuple[str, ...] = ()) -> dict[str, dict[str, tuple]]:
    """sheet -> cell -> (value, named style), formulas as their text."""
    wb = openpyxl.load_workbook(path)
    return {ws.title: {c.coordinate: (c.value, c.style) for row in ws.iter_rows() for c in row
                       if c.value is not None or c.style in INPUT_STYLES}
            for ws in wb.worksheets if ws.title not in skip}


def last_year(path: Path) -> dict[tuple[str, str], tuple]:
    ws = openpyxl.load_workbook(path, data_only=True)[TITLE]
    out = {}
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        key = L.parse_key(ws[f"{KEY_COL}{row}"].value)
        if key:
            out[key["jabatan"], key["ind"]] = (ws[f"{REALISASI_COL}{row}"].value,
                                               ws[f"G{row}"].value, ws[f"H{row}"].value)
    return out


def test_targets_from_the_renstra_plan_year_after_year(tmp_path, capsys):
    (tmp_path / "k.yaml").write_text(RENSTRA, encoding="utf-8")
    assert main(["new", str(tmp_path / "k.yaml"), "-o", str(tmp_path / "IKI_2025.xlsx")]) == 0
    assert main(["tahun-baru", str(tmp_path / "IKI_2025.xlsx")]) == 0
    assert "target dari target_tahunan: 1" in capsys.readouterr().out
    cat = load(tmp_path / "IKI_2026.yaml")  # the catalogue written beside it
    assert cat.instansi.tahun == 2026
    spbe, laporan = cat.jabatan[0].indikator
    assert (spbe.target, spbe.target_max, spbe.target_tahunan) == (3.5, None, ((2027, 3.6, 4.0),))
    assert (laporan.target, laporan.realisasi, laporan.keterangan) == (None, (None,) * 4, "")
    kep = cat.instansi.keputusan
    assert (kep.nomor, kep.tanggal, kep.tentang, kep.tempat) == ("", None, "IKI Tahun 2026", "Uji")
    new = read_workbook(tmp_path / "IKI_2026.xlsx").catalogue
    assert [i.target for i in new.jabatan[0].indikator] == [3.5, None]
    assert last_year(tmp_path / "IKI_2026.xlsx") == {
        ("kadis", "spbe"): (3.2, 106.67, "Sangat Tinggi"),
        ("kadis", "laporan"): (11, 91.67, "Sangat Tinggi")}
    assert main(["tahun-baru", str(tmp_path / "IKI_2026.xlsx")]) == 0
    spbe = read_workbook(tmp_path / "IKI_2027.xlsx").catalogue.jabatan[0].indikator[0]
    assert (spbe.target, spbe.target_max) == (3.6, 4.0)


def test_the_last_year_sheet_is_read_only(tmp_path):
    source = write_workbook(loads(RENSTRA), tmp_path / "IKI_2025.xlsx")
    assert main(["tahun-baru", str(source), "-o", str(tmp_path / "baru.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "baru.xlsx")
    ws = wb[TITLE]
    assert ws.protection.sheet
    assert not [c.coordinate for row in ws.iter_rows() for c in row if not c.protection.locked]
    assert read_workbook(tmp_path / "baru.xlsx").ignored == []  # xl-iki's own sheet


@pytest.mark.parametrize("args, says", [
    (["--tahun", "2024"], "tahun baru 2024 harus sesudah tahun workbook ini (2025)"),
    (["--tahun", "2025"], "harus sesudah"),
    (["-o", "IKI_2025.xlsx"], "berkas keluaran ini adalah masukan"),
    (["-o", "ada.xlsx"], "berkas sudah ada dan tidak ditimpa"),
])
def test_bad_requests_are_refused_before_anything_is_written(tmp_path, capsys, args, says,
                                                             monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_workbook(loads(RENSTRA), tmp_path / "IKI_2025.xlsx")
    (tmp_path / "ada.xlsx").write_text("lama")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["tahun-baru", "IKI_2025.xlsx", *args]) == 2
    assert says in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_copy_nobody_renamed_is_rolled_over_and_said(tmp_path, capsys):
    source = write_workbook(loads(RENSTRA), tmp_path / "IKI_2025.xlsx")
    wb = openpyxl.load_workbook(source)
    wb.copy_worksheet(wb["Kepala Dinas Contoh"])
    wb.save(source)
    assert main(["tahun-baru", str(source)]) == 0
    err = capsys.readouterr().err
    assert "Perhatian: perbaiki katalog ini sebelum dipakai dengan 'xl-iki new'" in err
    assert "IKI_2026.yaml: jabatan 'kadis_2': nama 'Kepala Dinas Contoh'" in err
    assert len(read_workbook(tmp_path / "IKI_2026.xlsx").sheets) == 2


def test_default_names():
    assert default_output(Path("d/IKI_2025.xlsx"), 2025, 2026) == Path("d/IKI_2026.xlsx")
    assert default_output(Path("IKI.xlsx"), 2025, 2026) == Path("IKI_2026.xlsx")
    assert default_output(Path("IKI_20251.xlsx"), 2025, 2027) == Path("IKI_20251_2027.xlsx")


def test_tahun_baru_button_writes_beside_the_workbook_and_never_overwrites(tmp_path):
    source = write_workbook(loads(RENSTRA), tmp_path / "IKI_2025.xlsx")
    (tmp_path / "IKI_2026.xlsx").write_text("milik orang")
    book = book_of(source, name=str(source))
    run_button("iki_tahun_baru", book)
    message, mode = said(book)
    out = tmp_path / "IKI_2026 (2).xlsx"
    assert mode == "info" and str(out) in message and "target_tahunan: 1" in message
    assert (tmp_path / "IKI_2026.xlsx").read_text() == "milik orang"
    assert read_workbook(out).catalogue.instansi.tahun == 2026
    assert (tmp_path / "IKI_2026 (2).yaml").exists()
    unsaved = book_of(source, name="Buku1")
    run_button("iki_tahun_baru", unsaved)
    assert "Simpan workbook ini lebih dulu" in said(unsaved)[0]
    assert isinstance(book, xw.Book)


@pytest.mark.office
def test_an_edited_filled_workbook_rolls_over_to_a_fresh_one(tmp_path):
    src = write_workbook(broad_catalogue(), tmp_path / "asli.xlsx")
    rec = read_workbook(src)
    first, second = rec.sheets[0], rec.sheets[1]
    note_row = next(iter(second.indikator_rows.values())).row
    copy = "Salinan Seksi"
    edited = edit_with_libreoffice(src, tmp_path / "IKI_2025.xlsx", [
        {"op": "unprotect_all"},
        {"op": "copy_sheet", "sheet": first.title, "new_name": copy},
        # staff copy a sheet for a new position and type its name
        {"op": "set", "sheet": copy, "cell": f"D{first.field_rows['jabatan']}",
         "value": "Kepala Seksi Baru"},
        {"op": "insert_rows", "sheet": second.title, "before": note_row, "count": 1},
        {"op": "set", "sheet": second.title, "cell": f"C{note_row}", "value": "catatan"},
        {"op": "recalculate"},
    ])
    before = read_workbook(edited)
    assert len(before.sheets) == 4  # the copy is a jabatan of its own
    assert main(["tahun-baru", str(edited), "-o", str(tmp_path / "baru.xlsx")]) == 0
    # the catalogue exported beside it makes the same workbook with xl-iki new
    assert load(tmp_path / "baru.yaml").instansi.tahun == 2026
    assert main(["new", str(tmp_path / "baru.yaml"), "-o", str(tmp_path / "segar.xlsx")]) == 0
    # the hidden facts sheet holds the same catalogue (numbers may be written 91 or 91.0)
    assert read_workbook(tmp_path / "baru.xlsx").catalogue == \
        read_workbook(tmp_path / "segar.xlsx").catalogue
    rolled, fresh = (cells(tmp_path / name, skip=("_iki",)) for name in ("baru.xlsx",
                                                                       "segar.xlsx"))
    assert TITLE in rolled and [t for t in rolled if t != TITLE] == list(fresh)
    inputs = 0
    for title, sheet in fresh.items():
        for ref, (value, style) in sheet.items():
            if style in INPUT_STYLES:  # last year's entries are gone: as new writes them
                assert rolled[title].get(ref, (None,))[0] == value, (title, ref)
                inputs += 1
            else:
                assert rolled[title][ref] == (value, style), (title, ref)
        assert set(rolled[title]) <= set(sheet), title
    assert inputs > 50
    after = read_workbook(tmp_path / "baru.xlsx").catalogue
    assert not [i.id for j in after.jabatan for i in j.indikator
                if any(v is not None for v in (*i.realisasi,
                                               *(x for k in i.komponen for x in k.realisasi)))]
    want = {(r["jabatan_id"], r["indikator_id"]): (r["realisasi"], r["capaian"], r["predikat"])
            for r in indicator_rows(before)}
    got = last_year(tmp_path / "baru.xlsx")
    assert got.keys() == want.keys()
    for key, (realisasi, capaian, predikat) in want.items():
        if realisasi in (None, ""):
            realisasi = None
        elif isinstance(realisasi, float):  # a computed ratio may differ in its 16th digit
            realisasi = pytest.approx(realisasi, rel=1e-14)
        assert got[key] == (realisasi, capaian, predikat or None), key
    assert sum(v[0] is not None for v in got.values()) > 10
    [recalculated] = libreoffice_convert([tmp_path / "baru.xlsx"], tmp_path / "lo")
    wb = openpyxl.load_workbook(recalculated, data_only=True)
    for title in (TITLE, "Pohon Kinerja"):
        bad = [c.coordinate for row in wb[title].iter_rows() for c in row
               if isinstance(c.value, str) and c.value.startswith(ERRORS)]
        assert not bad, (title, bad)
