"""Bukti dukung and verification: the Verifikasi sheet, its counts, kunci, and the checks."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from engines import libreoffice_convert
from office import edit_with_libreoffice

from xl_iki.catalogue import loads
from xl_iki.cli import main
from xl_iki.errors import CatalogueError
from xl_iki.reader import read_workbook
from xl_iki.validation import validate
from xl_iki.workbook import layout as L
from xl_iki.workbook import write_workbook
from xl_iki.workbook.listing import KEY_COL
from xl_iki.workbook.verifikasi_sheet import RECORDED, TITLE, bukti, verdict

CATALOGUE = """versi: 1
instansi: {nama: Dinas Contoh, pemda: Kabupaten Uji, tahun: 2025}
jabatan:
  - id: kadis
    nama: Kepala Dinas Contoh
    indikator:
      - {id: laporan, nama: Jumlah laporan, jenis: jumlah, target: 12,
         realisasi: [3, 3, null, null], bukti_wajib: true}
      - id: pct
        nama: Persentase layanan
        jenis: persentase
        target: 90
        komponen:
          - {nama: dilayani, realisasi: [8, 9, null, null]}
          - {nama: diajukan, realisasi: [10, 10, null, null]}
  - id: sekretaris
    nama: Sekretaris
    atasan: kadis
    indikator:
      - {id: rapat, nama: Jumlah rapat, jenis: jumlah, target: 4, realisasi: [1, null, null, null]}
"""


def rows(path: Path) -> dict[str, int]:
    """indikator id -> its row on the Verifikasi sheet."""
    ws = openpyxl.load_workbook(path)[TITLE]
    out = {}
    for r in range(1, ws.max_row + 1):
        key = L.parse_key(ws[f"{KEY_COL}{r}"].value) or {}
        if "ind" in key:
            out[key["ind"]] = r
    return out


def filled(tmp_path: Path, verdicts: dict[tuple[str, int], str], evidence=()) -> Path:
    """The workbook with the atasan's verdicts and the bukti dukung typed in."""
    path = write_workbook(loads(CATALOGUE), tmp_path / "IKI_2025.xlsx")
    at = rows(path)
    wb = openpyxl.load_workbook(path)
    ws = wb[TITLE]
    for (ind, q), value in verdicts.items():
        ws[f"{verdict(q)}{at[ind]}"] = value
    for ind, q in evidence:
        ws[f"{bukti(q)}{at[ind]}"] = "https://contoh.go.id/laporan.pdf"
    wb.save(path)
    return path


def cell_of(path: Path, ind: str, q: int, part: int | None = None) -> tuple[str, str]:
    js = next(s for s in read_workbook(path).sheets if ind in s.indikator_rows)
    place = js.indikator_rows[ind]
    row = place.parts[part].row if part is not None else place.row
    return js.title, f"{L.TW[q].letter}{row}"


def codes(path: Path) -> set[tuple[str, str, str]]:
    return {(f.code, f.sheet, f.cell) for f in validate(read_workbook(path))}


def test_the_sheet_has_a_row_per_indicator_and_a_dropdown(tmp_path):
    path = write_workbook(loads(CATALOGUE), tmp_path / "x.xlsx")
    assert list(rows(path)) == ["laporan", "pct", "rapat"]
    ws = openpyxl.load_workbook(path)[TITLE]
    [dv] = ws.data_validations.dataValidation
    assert dv.formula1 == '"Disetujui,Perlu Perbaikan"'
    assert sorted(str(dv.sqref).split()) == sorted(f"{verdict(q)}{r}" for r in (6, 7, 8)
                                                   for q in range(4))
    assert not ws[f"{bukti(0)}6"].protection.locked and ws[f"{RECORDED[0]}6"].protection.locked
    assert read_workbook(path).ignored == []
    # laporan has realisasi in TW 1 and 2, and needs bukti dukung: the only findings
    assert {(f.code, f.cell) for f in validate(read_workbook(path))} == {
        ("bukti-kosong", f"{bukti(0)}6"), ("bukti-kosong", f"{bukti(1)}6")}


def test_missing_bukti_dukung_is_warned_where_required(tmp_path):
    path = filled(tmp_path, {}, evidence=[("laporan", 0)])
    found = codes(path)
    at = rows(path)
    assert ("bukti-kosong", TITLE, f"{bukti(1)}{at['laporan']}") in found  # TW 2 without
    assert ("bukti-kosong", TITLE, f"{bukti(0)}{at['laporan']}") not in found
    assert not [c for c in found if c[0] == "bukti-kosong" and c[2].endswith(str(at["pct"]))]


def test_bukti_wajib_is_yes_or_no_with_its_line():
    with pytest.raises(CatalogueError) as info:
        loads(CATALOGUE.replace("bukti_wajib: true", "bukti_wajib: ya"), "k.yaml")
    assert "k.yaml:8: jabatan 'kadis', indikator 'laporan': 'bukti_wajib' harus bernilai " \
           "true atau false, bukan 'ya'" in info.value.report()


def test_kunci_locks_what_was_verified_and_nothing_else(tmp_path, capsys):
    path = filled(tmp_path, {("laporan", 0): "Disetujui", ("pct", 0): "Disetujui",
                             ("rapat", 0): "Perlu Perbaikan"})
    assert main(["kunci", str(path), "--triwulan", "1", "-o", str(tmp_path / "k.xlsx")]) == 0
    assert "2 indikator yang Disetujui" in capsys.readouterr().out
    locked = tmp_path / "k.xlsx"
    wb = openpyxl.load_workbook(locked)
    for ind, q, part, want in (("laporan", 0, None, True), ("pct", 0, 0, True),
                               ("pct", 0, 1, True), ("rapat", 0, None, False),
                               ("laporan", 1, None, False), ("pct", 1, 0, False)):
        sheet, cell = cell_of(locked, ind, q, part)
        assert wb[sheet][cell].protection.locked is want, (ind, q, part)
        assert wb[sheet].protection.sheet
    at = rows(locked)
    assert wb[TITLE][f"{verdict(0)}{at['laporan']}"].protection.locked
    assert not wb[TITLE][f"{verdict(1)}{at['laporan']}"].protection.locked
    assert not [f for f in validate(read_workbook(locked))
                if f.code == "berubah-setelah-verifikasi"]


def test_a_change_after_verification_is_warned(tmp_path):
    path = filled(tmp_path, {("laporan", 0): "Disetujui", ("pct", 0): "Disetujui"})
    assert main(["kunci", str(path), "--triwulan", "1"]) == 0  # in place, with a backup
    assert list(tmp_path.glob("IKI_2025.cadangan-*.xlsx"))
    wb = openpyxl.load_workbook(path)
    sheet, cell = cell_of(path, "pct", 0, 1)
    wb[sheet][cell] = 12
    wb.save(path)
    changed = [f for f in validate(read_workbook(path)) if f.code == "berubah-setelah-verifikasi"]
    assert [(f.sheet, f.cell) for f in changed] == [(sheet, cell)]  # the penyebut
    assert "yang disetujui: 8.0, 10.0" in changed[0].message


def test_kunci_without_a_verifikasi_sheet_or_triwulan_says_so(tmp_path, capsys):
    path = write_workbook(loads(CATALOGUE), tmp_path / "x.xlsx")
    wb = openpyxl.load_workbook(path)
    del wb[TITLE]
    wb.save(path)
    assert main(["kunci", str(path), "--triwulan", "1"]) == 2
    assert "tidak punya lembar Verifikasi" in capsys.readouterr().err
    assert main(["kunci", str(path), "--triwulan", "5"]) == 2
    assert "pilih triwulan 1, 2, 3 atau 4" in capsys.readouterr().err


@pytest.mark.office
def test_counts_locks_and_changes_after_libreoffice(tmp_path):
    path = filled(tmp_path, {("laporan", 0): "Disetujui", ("pct", 0): "Disetujui",
                             ("pct", 1): "Perlu Perbaikan", ("rapat", 0): "Perlu Perbaikan"})
    assert main(["kunci", str(path), "--triwulan", "1", "-o", str(tmp_path / "k.xlsx")]) == 0
    [saved] = libreoffice_convert([tmp_path / "k.xlsx"], tmp_path / "lo")
    ws = openpyxl.load_workbook(saved, data_only=True)[TITLE]
    summary = {ws[f"B{r}"].value: (ws[f"D{r}"].value, ws[f"E{r}"].value, ws[f"F{r}"].value)
               for r in range(1, ws.max_row + 1)
               if "baris" in (L.parse_key(ws[f"{KEY_COL}{r}"].value) or {})}
    # kadis: TW1 both verified, TW2 pct to fix, TW2 laporan waiting; sekretaris: TW1 to fix
    assert summary == {"Kepala Dinas Contoh": (2, 1, 1), "Sekretaris": (0, 1, 0)}
    wb = openpyxl.load_workbook(saved)
    sheet, cell = cell_of(saved, "laporan", 0)
    assert wb[sheet][cell].protection.locked
    sheet, other = cell_of(saved, "laporan", 1)
    assert not wb[sheet][other].protection.locked
    assert not [f for f in validate(read_workbook(saved))
                if f.code == "berubah-setelah-verifikasi"]
    edited = edit_with_libreoffice(saved, tmp_path / "diubah.xlsx", [
        {"op": "unprotect", "sheet": sheet}, {"op": "set", "sheet": sheet, "cell": cell,
                                             "value": 4}])
    changed = [(f.sheet, f.cell) for f in validate(read_workbook(edited))
               if f.code == "berubah-setelah-verifikasi"]
    assert changed == [(sheet, cell)]


def test_summary_rebuilds_the_sheet_over_the_sheets_present_and_keeps_the_entries(tmp_path):
    path = filled(tmp_path, {("laporan", 0): "Disetujui", ("rapat", 1): "Perlu Perbaikan"},
                  evidence=[("laporan", 0)])
    assert main(["kunci", str(path), "--triwulan", "1"]) == 0
    wb = openpyxl.load_workbook(path)
    wb.copy_worksheet(wb[cell_of(path, "laporan", 0)[0]]).title = "Salinan"
    del wb[cell_of(path, "rapat", 0)[0]]
    wb.save(path)
    assert main(["summary", str(path), "-o", str(tmp_path / "r.xlsx")]) == 0
    out = tmp_path / "r.xlsx"
    wb = openpyxl.load_workbook(out)
    ws = wb[TITLE]
    keys = {(k["jabatan"], k["ind"]): r for r in range(1, ws.max_row + 1)
            if "ind" in (k := L.parse_key(ws[f"{KEY_COL}{r}"].value) or {})}
    assert set(keys) == {("kadis", "laporan"), ("kadis", "pct"), ("kadis_2", "laporan"),
                         ("kadis_2", "pct")}
    row = keys["kadis", "laporan"]
    assert ws[f"{verdict(0)}{row}"].value == "Disetujui"
    assert ws[f"{verdict(0)}{row}"].protection.locked
    assert ws[f"{bukti(0)}{row}"].value.startswith("https://")
    assert ws[f"{RECORDED[0]}{row}"].value == "[3.0]"
    assert ws[f"{verdict(0)}{keys['kadis_2', 'laporan']}"].value is None
    assert wb.sheetnames.index(TITLE) < wb.sheetnames.index("_iki")
    pohon = wb["Pohon Kinerja"]
    assert "Salinan" in str(pohon["A" + str(pohon.max_row)].value)
