"""The empty authoring workbook: where staff write or paste their list of IKI."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..fileio import atomic_save
from ..model.catalogue import PERAN, PERIODE
from ..model.jenis import AKUMULASI, ARAH, JENIS
from ..workbook.styles import named_styles
from .columns import (
    DAFTAR,
    DAFTAR_COLUMNS,
    GUIDE,
    IKU,
    IKU_COLUMNS,
    INSTANSI,
    INSTANSI_FIELDS,
    JABATAN,
    JABATAN_COLUMNS,
    Col,
)

ROWS = 500  # rows prepared with dropdowns

GUIDE_LINES = (
    "PETUNJUK MENGISI DAFTAR IKI",
    "",
    "1. Lembar Instansi: isi nama instansi, pemerintah daerah dan tahun (wajib); data keputusan "
    "dan penandatangan bila ada.",
    "2. Lembar Jabatan: satu baris per jabatan, dengan tugas dan fungsinya (satu butir per baris "
    "dalam sel: tekan Alt+Enter). ID boleh kosong: dibuat dari nama jabatan (Kepala Dinas -> "
    "kepala_dinas); id itulah yang ditulis di Atasan (ID) dan di rujukan '@id_jabatan...'.",
    "3. Lembar Daftar IKI: satu baris per indikator. Kolom Jabatan: pilih dari daftar (nama di "
    "lembar Jabatan, sama persis termasuk huruf besar/kecil); kosong = sama dengan baris di "
    "atasnya. Unit Kerja perlu diisi hanya bila nama jabatan yang sama ada di beberapa unit kerja.",
    "4. Jenis (pilih dari daftar): " + "; ".join(spec.guide for spec in JENIS.values()) + ".",
    "5. Komponen dipisahkan titik koma: persentase dan rasio = 'pembilang; penyebut'; indeks = "
    "'Domain A = 13; Domain B = 25' (angka = bobot); nilai dari indikator lain = "
    "'@id_jabatan.id_indikator'.",
    "6. Skala: skor = '1-5'; kualitatif = label dari yang terburuk, mis. 'TMP; TW; WDP; WTP'.",
    "7. Target: angka (85), rentang (80-90), 'Ada', atau salah satu label skala. Target per "
    "Triwulan: empat target s.d. TW dipisah titik koma, masing-masing boleh rentang "
    "(70-80; 80; 85-90; 90).",
    "8. Lembar IKU (opsional): indikator kinerja utama perangkat daerah, dengan tujuan dan "
    "sasarannya; kolomnya sama dengan Daftar IKI tanpa Jabatan. Isi ID Indikator bila dirujuk "
    "jabatan ('@iku.id_indikator' di Komponen, atau 'iku.id_indikator' di Salin).",
    "9. Simpan, lalu jalankan: xl-iki new DAFTAR.xlsx -o IKI.xlsx. Kesalahan ditunjukkan "
    "dengan lembar dan selnya, misalnya Daftar IKI!E14.",
)


def _header(ws, columns: tuple[Col, ...]) -> None:
    for n, col in enumerate(columns, start=1):
        cell = ws.cell(1, n, col.header)
        cell.style = "iki_header"
        if col.note:
            cell.comment = Comment(col.note, "xl-iki", width=260, height=80)
        ws.column_dimensions[get_column_letter(n)].width = col.width
    ws.freeze_panes = "A2"


def _dropdown(ws, columns: tuple[Col, ...], field: str, choices: tuple[str, ...]) -> None:
    letter = get_column_letter(next(n for n, c in enumerate(columns, 1) if c.field == field))
    dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle="Isian tidak valid",
                        error="Pilih salah satu: " + ", ".join(choices))
    dv.add(f"{letter}2:{letter}{ROWS}")
    ws.add_data_validation(dv)


def _jabatan_dropdown(ws) -> None:
    """The Jabatan column of Daftar IKI lists the names written on the Jabatan sheet."""
    source = get_column_letter(next(n for n, c in enumerate(JABATAN_COLUMNS, 1)
                                    if c.field == "nama"))
    names = f"'{JABATAN}'!${source}$2:${source}${ROWS}"
    dv = DataValidation(type="list", formula1=names, allow_blank=True, showErrorMessage=True,
                        errorTitle="Jabatan tidak dikenal",
                        error="Pilih jabatan dari daftar; tambahkan dulu jabatan baru di lembar "
                              f"{JABATAN}. Kosong = sama dengan baris di atasnya.")
    letter = get_column_letter(next(n for n, c in enumerate(DAFTAR_COLUMNS, 1)
                                    if c.field == "jabatan"))
    dv.add(f"{letter}2:{letter}{ROWS}")
    ws.add_data_validation(dv)


def write_authoring_sheet(path: str | Path) -> Path:
    """Write the empty authoring workbook (atomically)."""
    wb = openpyxl.Workbook()
    for style in named_styles():
        wb.add_named_style(style)
    inst = wb.active
    inst.title = INSTANSI
    inst.column_dimensions["A"].width, inst.column_dimensions["B"].width = 26, 60
    for n, (label, _) in enumerate(INSTANSI_FIELDS, start=1):
        inst.cell(n, 1, label).style = "iki_label"
        inst.cell(n, 2).style = "iki_input_text"
    jab = wb.create_sheet(JABATAN)
    _header(jab, JABATAN_COLUMNS)
    daftar = wb.create_sheet(DAFTAR)
    _header(daftar, DAFTAR_COLUMNS)
    _jabatan_dropdown(daftar)
    iku = wb.create_sheet(IKU)
    _header(iku, IKU_COLUMNS)
    for ws, columns in ((daftar, DAFTAR_COLUMNS), (iku, IKU_COLUMNS)):
        for field, choices in (("jenis", tuple(JENIS)), ("arah", ARAH), ("akumulasi", AKUMULASI),
                               ("periode", PERIODE), ("peran", PERAN)):
            _dropdown(ws, columns, field, choices)
    guide = wb.create_sheet(GUIDE)
    guide.column_dimensions["A"].width = 130
    for n, text in enumerate(GUIDE_LINES, start=1):
        guide.cell(n, 1, text or None).style = "iki_heading" if n == 1 else "iki_plain"
    wb.active = wb.sheetnames.index(DAFTAR)
    return atomic_save(wb, path)
