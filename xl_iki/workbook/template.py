"""The template workbook: named styles, the cover (Sampul) and the guide (Petunjuk).

``scripts/build_template.py`` writes it to ``templates/IKI_template.xlsx``; the generator
loads it (or an agency's customised copy) and adds the jabatan sheets and the Rekap.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.workbook import Workbook

from .. import resources
from .cells import RowHeights
from .layout import COVER, GUIDE
from .printing import page_setup
from .styles import named_styles

COVER_LINES: tuple[tuple[int, str, str], ...] = (
    (3, "INDIKATOR KINERJA INDIVIDU (IKI)", "iki_title"),
    (5, "{instansi}", "iki_subtitle"),
    (6, "{pemda}", "iki_subtitle"),
    (8, "TAHUN {tahun}", "iki_subtitle"),
)
COVER_FIELDS: tuple[tuple[str, str], ...] = (
    ("Nomor Keputusan", "{keputusan_nomor}"),
    ("Tanggal Keputusan", "{keputusan_tanggal}"),
    ("Jumlah jabatan", "{jumlah_jabatan}"),
    ("Jumlah indikator", "{jumlah_indikator}"),
    ("Predikat", "{predikat}"),
    ("Batas capaian", "{batas_capaian}"),
)

GUIDE_LINES: tuple[str, ...] = (
    "PETUNJUK PENGISIAN",
    "",
    "1. Setiap jabatan mempunyai satu lembar (sheet). Nama lengkap jabatan ada di bagian atas "
    "lembar.",
    "2. Isi hanya sel berwarna kuning: Target (kolom Nilai; untuk target rentang seperti 80-90 "
    "isi juga kolom s.d.), realisasi TW I-IV, dan Keterangan.",
    "3. Indikator yang mempunyai komponen (pembilang, penyebut, bagian indeks atau bagian jumlah) "
    "diisi pada baris komponennya; nilai indikatornya dihitung otomatis.",
    "4. Ketik angka saja, tanpa satuan: 12, bukan '12 dokumen'. Untuk Ada/Tidak Ada dan predikat "
    "kualitatif, pilih dari daftar pada sel.",
    "5. Sel berwarna biru muda (Realisasi, Capaian, Predikat) berisi rumus dan terkunci. "
    "Jangan menimpanya.",
    "6. Realisasi tahunan: indikator jumlah dijumlahkan TW I-IV; indikator lain memakai triwulan "
    "terakhir yang terisi (atau rata-rata, bila tertulis di Penjelasan). Persentase tahunan "
    "dihitung dari jumlah pembilang dibagi jumlah penyebut.",
    "7. Capaian (%): indikator naik = Realisasi / Target x 100; indikator turun = "
    "(2 x Target - Realisasi) / Target x 100 (tidak kurang dari 0). Target rentang: realisasi di "
    "dalam rentang = 100, di luar rentang dibandingkan dengan batas terdekat. Ada/Tidak Ada: "
    "sesuai target = 100, tidak sesuai = 0. Kualitatif: peringkat realisasi / peringkat target "
    "x 100.",
    "8. Predikat: {predikat}. Batas capaian: {batas_capaian}.",
    "9. Lembar Rekap merangkum semua indikator dan rata-rata capaian setiap jabatan secara "
    "otomatis.",
    "10. Lembar dilindungi tanpa kata sandi (Tinjau > Buka Proteksi Lembar) agar rumus tidak "
    "terhapus tanpa sengaja. Menyisipkan baris untuk catatan tetap bisa dilakukan.",
    "11. Kolom A dan kolom S-Z disembunyikan dan dipakai untuk membaca berkas ini kembali; "
    "jangan dihapus.",
)


def build_template() -> Workbook:
    """The default template, built from code."""
    wb = openpyxl.Workbook()
    for style in named_styles():
        wb.add_named_style(style)
    cover = wb.active
    cover.title = COVER
    for row, text, style in COVER_LINES:
        cover.cell(row, 2, text).style = style
        cover.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
    for k, (label, value) in enumerate(COVER_FIELDS):
        cover.cell(11 + k, 2, label).style = "iki_label"
        cover.cell(11 + k, 3, value).style = "iki_plain"
        cover.merge_cells(start_row=11 + k, start_column=3, end_row=11 + k, end_column=4)
    cover.row_dimensions[11 + COVER_FIELDS.index(("Predikat", "{predikat}"))].height = 30
    cover.column_dimensions["A"].width = 4
    cover.column_dimensions["B"].width = 24
    cover.column_dimensions["C"].width = 40
    cover.column_dimensions["D"].width = 40
    page_setup(cover)
    cover.page_setup.orientation = "portrait"

    guide = wb.create_sheet(GUIDE)
    guide.column_dimensions["A"].width = 4
    guide.column_dimensions["B"].width = 120
    heights = RowHeights()
    for k, text in enumerate(GUIDE_LINES, start=2):
        cell = guide.cell(k, 2, text or None)
        cell.style = "iki_heading" if k == 2 else "iki_plain"
        heights.need(k, text, 120)
    for row, points in heights.points().items():
        guide.row_dimensions[row].height = points
    page_setup(guide)
    guide.page_setup.orientation = "portrait"
    wb.properties.creator = "xl-iki"
    return wb


def load_template(path: str | Path | None = None) -> Workbook:
    """The template workbook (an agency's own copy, or the bundled one)."""
    return openpyxl.load_workbook(path or resources.template_path())
