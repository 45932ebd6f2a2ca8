"""Printing the measuring columns: a sheet with quarterly targets prints its table, then the
quarterly group (with Nilai and the range bounds) on pages of their own, the Indikator column
repeated; a sheet with Nilai only prints it next to the table; A4 landscape, fit to width."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import openpyxl
import pytest
from engines import libreoffice_convert

from xl_iki.catalogue import load
from xl_iki.workbook import layout as L
from xl_iki.workbook import write_workbook

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "kominfo_sukamaju_2026.yaml"
QUARTERLY_SHEET, IKU_SHEET = "Kabid Aplikasi Informatika", "IKU"


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    return write_workbook(load(EXAMPLE), tmp_path_factory.mktemp("print") / "kominfo.xlsx")


def areas(ws) -> list[str]:
    return [a.split("!")[1].replace("$", "") for a in ws.print_area.split(",")]


def test_print_areas_cover_the_visible_columns(book):
    wb = openpyxl.load_workbook(book)
    ws = wb[QUARTERLY_SHEET]
    header = int(re.findall(r"\d+", ws.print_title_rows)[0])
    last = int(areas(ws)[0].split(":")[1][1:])
    assert areas(ws) == [f"B1:R{last}", f"AA{header}:{L.TARGET_TW_MAX[-1].letter}{last}"]
    assert ws.print_title_cols == "$D:$D"
    iku = wb[IKU_SHEET]  # no quarterly targets, nilai set: the table and Nilai
    assert areas(iku) == [f"B1:{L.NILAI.letter}{areas(iku)[0].split(':')[1][2:]}"]
    assert iku.print_title_cols is None
    for ws in (wb[QUARTERLY_SHEET], iku):
        assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    dims = wb[QUARTERLY_SHEET].column_dimensions.values()
    hidden = {n for d in dims if d.hidden for n in range(d.min, d.max + 1)}
    assert hidden >= {*range(19, 27), *range(43, 53), *range(58, 66)}  # S:Z, AQ:AZ, BF:BM


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [p for p in text.split("\f") if p.strip()]


@pytest.mark.office
def test_libreoffice_prints_the_quarterly_group_with_the_indicator_names(book, tmp_path):
    pdf = libreoffice_convert([book], tmp_path, "pdf")[0]
    sheet = [p for p in pages(pdf) if p.strip().splitlines()[-1].strip().startswith(
        QUARTERLY_SHEET)]
    assert len(sheet) == 2, sheet
    table, quarterly = sheet
    assert "Realisasi per Triwulan" in table and "Dra. Sri Rahayu" in table
    assert "Rencana Aksi" not in table
    for text in ("Triwulan IV", "Rencana Aksi", "Inventarisasi aplikasi", "Nilai",
                 "batas atas rentang", "Jumlah aplikasi layanan publik"):
        assert text in quarterly, text
    assert "Penjelasan" not in quarterly
