"""Authoring a catalogue in Excel: the empty sheet, reading it back, and sheet!cell errors."""

from __future__ import annotations

import openpyxl
import pytest

from xl_iki.authoring import write_authoring_sheet
from xl_iki.authoring.columns import DAFTAR, DAFTAR_COLUMNS
from xl_iki.catalogue import load, loads
from xl_iki.cli import main
from xl_iki.errors import CatalogueError
from xl_iki.model import evaluate
from xl_iki.model.jenis import JENIS

HEADERS = [c.header for c in DAFTAR_COLUMNS]

GOOD_ROWS = [
    # Jabatan, Unit, Sasaran, Indikator, Jenis, Satuan, Arah, Akumulasi, Target, Sumber, PJ,
    # Komponen, Skala, Penjelasan, ID
    ("Kepala Dinas", None, "Meningkatnya SPBE", "Persentase PD terpadu", "persentase", "%",
     None, None, "80-90", "Laporan", "Kadis", "PD terpadu; Jumlah PD", None, None, "pd"),
    ("Kepala Dinas", None, None, "Indeks SPBE", "indeks", None, None, None, 3.5, None, None,
     "Domain Kebijakan = 13; @kadis.pd = 2", None, None, None),
    ("Kepala Dinas", None, None, "Jumlah dokumen", "jumlah", "Dokumen", None, None, 12, None,
     None, None, None, "Cukup jelas", None),
    ("Sekretaris", "Sekretariat", "Akuntabilitas", "Opini BPK", "kualitatif", None, None, None,
     "WTP", None, None, None, "TMP; TW; WDP; WTP", None, None),
    ("Sekretaris", "Sekretariat", None, "Indeks kepuasan", "skor", None, "naik", None, 4,
     None, None, None, "1-5", None, None),
    ("Sekretaris", "Sekretariat", None, "Ketersediaan SOP", "ada_tidak", None, None, None, "Ada",
     None, None, None, None, None, None),
]

EQUIVALENT_YAML = """
versi: 1
instansi: {nama: Dinas Kominfo, pemda: Kota Contoh, tahun: 2025}
jabatan:
  - id: kadis
    nama: Kepala Dinas
    tugas: [Tugas satu, Tugas dua]
    fungsi: [Fungsi A, Fungsi B]
    indikator:
      - {id: pd, sasaran: Meningkatnya SPBE, nama: Persentase PD terpadu, jenis: persentase,
         satuan: "%", target: "80-90", sumber_data: Laporan, penanggung_jawab: Kadis,
         komponen: [{nama: PD terpadu}, {nama: Jumlah PD}]}
      - {nama: Indeks SPBE, jenis: indeks, target: 3.5,
         komponen: [{nama: Domain Kebijakan, bobot: 13}, {ref: kadis.pd, bobot: 2}]}
      - {nama: Jumlah dokumen, jenis: jumlah, satuan: Dokumen, target: 12,
         penjelasan: Cukup jelas}
  - nama: Sekretaris
    unit_kerja: Sekretariat
    indikator:
      - {sasaran: Akuntabilitas, nama: Opini BPK, jenis: kualitatif, target: WTP,
         skala: [TMP, TW, WDP, WTP]}
      - {nama: Indeks kepuasan, jenis: skor, arah: naik, target: 4, skala: [1, 5]}
      - {nama: Ketersediaan SOP, jenis: ada_tidak, target: Ada}
"""


def authoring(tmp_path, rows=GOOD_ROWS, instansi=("Dinas Kominfo", "Kota Contoh", 2025)):
    path = write_authoring_sheet(tmp_path / "DAFTAR.xlsx")
    wb = openpyxl.load_workbook(path)
    for n, value in enumerate(instansi, start=1):
        wb["Instansi"].cell(n, 2, value)
    wb["Jabatan"].append(["kadis", "Kepala Dinas", None, None, "Tugas satu\nTugas dua",
                          "Fungsi A\nFungsi B"])
    wb["Jabatan"].append([None, "Sekretaris", "Sekretariat"])
    for row in rows:
        wb[DAFTAR].append(list(row))
    wb.save(path)
    return path


def test_empty_authoring_sheet_has_columns_dropdowns_and_guide(tmp_path):
    assert main(["authoring-sheet", "-o", str(tmp_path / "kosong.xlsx")]) == 0
    wb = openpyxl.load_workbook(tmp_path / "kosong.xlsx")
    assert wb.sheetnames == ["Instansi", "Jabatan", DAFTAR, "IKU", "Petunjuk"]
    assert [c.value for c in wb[DAFTAR][1]] == HEADERS
    lists = {dv.formula1 for dv in wb[DAFTAR].data_validations.dataValidation}
    assert '"' + ",".join(JENIS) + '"' in lists
    assert '"naik,turun"' in lists
    assert "Komponen dipisahkan titik koma" in " ".join(
        str(c.value) for c in wb["Petunjuk"]["A"] if c.value)


def test_authoring_workbook_equals_the_same_catalogue_in_yaml(tmp_path):
    from_excel = load(authoring(tmp_path))
    from_yaml = loads(EQUIVALENT_YAML)
    assert from_excel == from_yaml
    assert main(["new", str(authoring(tmp_path)), "-o", str(tmp_path / "iki.xlsx")]) == 0
    assert evaluate(from_excel).indikator.keys() == evaluate(from_yaml).indikator.keys()


def bad(row: int, **changes):
    """GOOD_ROWS with the given columns of one row replaced (header texts as keys)."""
    rows = [list(r) for r in GOOD_ROWS]
    for header, value in changes.items():
        rows[row][HEADERS.index(header.replace("_", " "))] = value
    return rows


MALFORMED = [
    ("unknown jenis", bad(2, Jenis="persen"), "Daftar IKI!E4",
     "jenis 'persen' tidak dikenal; pilih salah satu: " + ", ".join(JENIS)),
    ("missing jenis", bad(2, Jenis=None), "Daftar IKI!E4", "kolom 'jenis' wajib diisi"),
    ("missing indikator", bad(2, Indikator_Kinerja=None), "Daftar IKI!D4",
     "kolom 'nama' wajib diisi"),
    ("persentase with one komponen", bad(0, Komponen="PD terpadu"), "Daftar IKI!L2",
     "tepat dua komponen"),
    ("indeks without bobot", bad(1, Komponen="Domain Kebijakan; Domain Tata Kelola"),
     "Daftar IKI!L3", "membutuhkan 'bobot'"),
    ("ref to nothing", bad(1, Komponen="Domain = 1; @kadis.tidak_ada = 2"), "Daftar IKI!L3",
     "ref 'kadis.tidak_ada' merujuk indikator yang tidak ada"),
    ("unknown arah", bad(4, Arah="ke atas"), "Daftar IKI!G6", "arah 'ke atas' tidak dikenal"),
    ("unknown akumulasi", bad(2, Akumulasi="total"), "Daftar IKI!H4",
     "akumulasi 'total' tidak dikenal"),
    ("text target", bad(2, Target="dua belas"), "Daftar IKI!I4",
     "target 'dua belas' tidak cocok dengan jenis jumlah"),
    ("skor target outside skala", bad(4, Target=9), "Daftar IKI!I6", "target 9 di luar skala 1-5"),
    ("kualitatif target not a label", bad(3, Target="Baik"), "Daftar IKI!I5",
     "pilih salah satu: TMP, TW, WDP, WTP"),
    ("skala on jumlah", bad(2, Skala="1-5"), "Daftar IKI!M4", "'skala' hanya untuk jenis skor"),
    ("skor without skala", bad(4, Skala=None), "Daftar IKI!M6", "membutuhkan skala [min, max]"),
    ("ada_tidak with number target", bad(5, Target=1), "Daftar IKI!I7",
     "pilih salah satu: Ada, Tidak Ada"),
    ("bad indicator id", bad(2, ID_Indikator="id dengan spasi"), "Daftar IKI!O4",
     "hanya boleh berisi huruf, angka dan garis bawah"),
    ("duplicate indicator id", bad(2, ID_Indikator="pd"), "Daftar IKI!O4",
     "id indikator 'pd' dipakai lebih dari sekali"),
]


@pytest.mark.parametrize(("case", "rows", "where", "message"), MALFORMED,
                         ids=[m[0] for m in MALFORMED])
def test_malformed_row_is_reported_at_its_cell(case, rows, where, message, tmp_path):
    with pytest.raises(CatalogueError) as info:
        load(authoring(tmp_path, rows))
    found = [str(p) for p in info.value.problems]
    assert any(p.startswith(where) and message in p for p in found), found


def test_instansi_problems_point_at_their_cells(tmp_path):
    with pytest.raises(CatalogueError) as info:
        load(authoring(tmp_path, instansi=("Dinas", None, "dua ribu")))
    found = [str(p) for p in info.value.problems]
    assert any("kolom 'pemda' wajib diisi" in p for p in found), found
    assert any(p.startswith("Instansi!B3") and "tahun harus berupa angka" in p for p in found)


def test_all_malformed_rows_at_once_and_cli_exit_2(tmp_path, capsys):
    rows = bad(2, Jenis="persen", Target="x")
    rows[4][HEADERS.index("Arah")] = "bawah"
    path = authoring(tmp_path, rows)
    assert main(["new", str(path), "-o", str(tmp_path / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "Daftar IKI!E4" in err and "Daftar IKI!G6" in err and "ditemukan 3 masalah" in err
    assert not (tmp_path / "x.xlsx").exists()
