"""Printing: the signature block never splits, a Sasaran cut by a page break is repeated, the
Validasi sheet prints with its title, file and date; display formats are readable."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest
from cases import ind, q
from engines import libreoffice_convert

from xl_iki.edit.validasi import write_validasi_sheet
from xl_iki.model import Catalogue, Instansi, Jabatan, Keputusan, Penandatangan
from xl_iki.validation.findings import Finding
from xl_iki.workbook import build_workbook, write_workbook
from xl_iki.workbook import printing as P
from xl_iki.workbook.jabatan_sheet import WIDTHS
from xl_iki.workbook.stylebook import READABLE

SASARAN = "Meningkatnya kualitas pelayanan informasi publik yang cepat, tepat dan terbuka"
TITLE = "Kepala Seksi Layanan"
SIGNER = Penandatangan("Kepala Dinas Komunikasi dan Informatika", "Drs. BUDI SANTOSO, M.Si",
                       "Pembina Tk. I", "19700101 199503 1 001")


def catalogue(n: int) -> Catalogue:
    inds = tuple(ind(f"i{k}", "jumlah", sasaran=SASARAN, target=12.0,
                     nama=f"Jumlah dokumen laporan kinerja nomor {k} yang disusun tepat waktu",
                     realisasi=q(3, 3, 3)) for k in range(n))
    inst = Instansi("Dinas Kominfo", "Kabupaten Contoh", 2025,
                    Keputusan(tanggal=dt.date(2025, 1, 6), tempat="Contoh"), SIGNER)
    return Catalogue(inst, (Jabatan("kasi", "Kepala Seksi Layanan", "Bidang Informasi",
                                    tugas=("Tugas",), fungsi=("Fungsi",), indikator=inds),))


def split_signature(n: int) -> tuple[int, int] | None:
    """Where the signature of ``catalogue(n)`` starts, when natural page breaks would cut it."""
    ws = build_workbook(catalogue(n))[TITLE]
    heights = {r: d.height for r, d in ws.row_dimensions.items() if d.height}
    last = int(re.findall(r"\d+", ws.print_area)[-1])
    header = int(re.findall(r"\d+", ws.print_title_rows)[0])
    capacity = P.page_capacity(WIDTHS, "B", "R")
    natural = P.page_starts(lambda r: heights.get(r, P.DEFAULT_HEIGHT), last, capacity,
                            (header, header + 1), [])
    first = last - 7
    cut = [s for s in natural if first < s <= last]
    return (first, cut[0]) if cut else None


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [p for p in text.split("\f") if p.strip()]


def test_signature_block_moves_whole_to_the_next_page():
    n = next(n for n in range(5, 80) if split_signature(n))
    first, _ = split_signature(n)
    ws = build_workbook(catalogue(n))[TITLE]
    breaks = [b.id + 1 for b in ws.row_breaks.brk]  # the first rows of the pages
    assert first - 2 in breaks  # the last indicator goes along with the signature


@pytest.mark.office
def test_printed_signature_is_whole_and_sasaran_repeated(tmp_path):
    n = next(n for n in range(5, 80) if split_signature(n))
    book = write_workbook(catalogue(n), tmp_path / "ttd.xlsx")
    pdf = libreoffice_convert([book], tmp_path / "pdf", "pdf")[0]
    sheet = [p for p in pages(pdf)  # the footer names the sheet
             if p.strip().splitlines()[-1].strip().startswith(TITLE)]
    assert len(sheet) >= 2
    signed = [p for p in sheet if SIGNER.nama in p]
    assert len(signed) == 1
    for line in ("Contoh, 6 Januari 2025", SIGNER.jabatan, SIGNER.pangkat, f"NIP. {SIGNER.nip}"):
        assert line in signed[0], line
    for page in sheet:
        if "Indikator Kinerja" in page:  # every table page shows the Sasaran it continues
            assert "Meningkatnya kualitas" in page


def test_validasi_sheet_prints_with_title_file_and_date(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Kasi"
    findings = [Finding("teks-di-angka", "galat", "Kasi", "K12", "isi angka")] * 3
    write_validasi_sheet(wb, findings, tmp_path / "iki dinas.xlsx", dt.date(2025, 4, 1))
    ws = wb["Validasi"]
    assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1"
    assert "Hasil Validasi" in ws.oddHeader.left.text
    assert ws.oddHeader.center.text == "iki dinas.xlsx"
    assert ws.oddHeader.right.text == "diperiksa 1 April 2025"


def test_display_formats_rounded_and_separated():
    wb = build_workbook(catalogue(2))
    ws = wb[TITLE]
    row = next(r for r in range(1, ws.max_row + 1) if ws[f"D{r}"].value and
               str(ws[f"D{r}"].value).startswith("Jumlah dokumen"))
    for col in "IJKLMN":  # inputs stay General: a typed 85% must still give a % format
        assert ws[f"{col}{row}"].number_format == "General", col
    assert ws[f"O{row}"].number_format == READABLE  # a computed count: 45,000,000,000
    assert ws[f"P{row}"].number_format == "0.00"
    rekap = wb["Rekap"]
    assert {rekap.cell(r, 7).number_format for r in range(6, 8)} == {READABLE}


def test_rekap_repeats_the_indicator_header_only_while_the_table_runs_on():
    short = build_workbook(catalogue(3))["Rekap"]
    assert short.print_title_rows is None  # the summary page shows its own header only
    long = build_workbook(catalogue(60))["Rekap"]
    assert long.print_title_rows == "$5:$5"
    breaks = [b.id + 1 for b in short.row_breaks.brk]
    assert breaks == [5 + 3 + 3]  # the summary starts on its own page (table rows 6-8)
