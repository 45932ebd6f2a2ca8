"""The authoring workbook's contract: sheets, columns, and the catalogue field of each."""

from __future__ import annotations

from dataclasses import dataclass

DAFTAR, JABATAN, INSTANSI, GUIDE = "Daftar IKI", "Jabatan", "Instansi", "Petunjuk"
IKU = "IKU"  # the office's own indicators (catalogue 'iku'); optional in older workbooks
HEADER_ROW = 1


@dataclass(frozen=True)
class Col:
    header: str
    field: str
    width: float
    note: str = ""
    required: bool = False  # the reader cannot work without this column in the header


DAFTAR_COLUMNS = (
    Col("Jabatan", "jabatan", 30, "pilih dari daftar (nama di lembar Jabatan); "
                                  "kosong = sama dengan baris di atasnya", required=True),
    Col("Unit Kerja", "unit_kerja", 24, "perlu hanya bila nama jabatan yang sama ada di "
                                        "beberapa unit kerja"),
    Col("Sasaran", "sasaran", 34, "kosong = sama dengan baris di atasnya"),
    Col("Indikator Kinerja", "nama", 40, required=True),
    Col("Jenis", "jenis", 13, "pilih dari daftar", required=True),
    Col("Satuan", "satuan", 10),
    Col("Arah", "arah", 8, "naik (bawaan) atau turun"),
    Col("Akumulasi", "akumulasi", 11, "jumlah / terakhir / rata_rata"),
    Col("Target", "target", 10, "angka, rentang 80-90, Ada, atau label skala"),
    Col("Sumber Data", "sumber_data", 20),
    Col("Penanggung Jawab", "penanggung_jawab", 20),
    Col("Komponen", "komponen", 40, "pisahkan dengan ; — pembilang; penyebut — "
                                    "Domain A = 13 (bobot) — @id_jabatan.id_indikator"),
    Col("Skala", "skala", 14, "skor: 1-5; kualitatif: TMP; TW; WDP; WTP"),
    Col("Penjelasan", "penjelasan", 36, "kosong = dibuat otomatis dari jenis dan komponen"),
    Col("ID Indikator", "id", 14, "opsional; perlu bila dirujuk komponen lain"),
    Col("Periode", "periode", 12, "triwulanan (bawaan) atau tahunan (diisi TW IV saja)"),
    Col("Target per Triwulan", "target_triwulan", 18, "target s.d. TW I; II; III; IV, "
                                                      "dipisah titik koma, mis. 2; 4; 6; 8; "
                                                      "rentang boleh: 70-80; 80; 85-90; 90"),
    Col("Peran", "peran", 11, "utama (bawaan) atau pendukung (tidak dihitung dalam "
                              "rata-rata capaian jabatan)"),
    Col("Salin", "salin", 18, "id_jabatan.id_indikator: indikator ini sama dengan indikator itu "
                              "(diisi sekali di sana); kosongkan Jenis, Target, Komponen"),
    Col("Rencana Aksi", "rencana_aksi", 36, "empat baris (Alt+Enter), satu per triwulan; "
                                            "'-' = tidak ada"),
    Col("Keterangan", "keterangan", 24),
)
#: the IKU sheet: the tujuan an indicator serves, then the Daftar IKI columns without a jabatan
IKU_COLUMNS = (
    Col("Tujuan", "tujuan", 34, "tujuan perangkat daerah yang didukung indikator ini"),
    *(c for c in DAFTAR_COLUMNS if c.field not in ("jabatan", "unit_kerja")),
)
JABATAN_COLUMNS = (
    Col("ID", "id", 14, "opsional; kosong = dibuat dari nama jabatan "
                        "(Kepala Dinas -> kepala_dinas)"),
    Col("Jabatan", "nama", 34, required=True),
    Col("Unit Kerja", "unit_kerja", 26),
    Col("Atasan (ID)", "atasan", 14),
    Col("Tugas", "tugas", 50, "satu butir per baris (Alt+Enter)"),
    Col("Fungsi", "fungsi", 60, "satu butir per baris (Alt+Enter)"),
)
INSTANSI_FIELDS = (
    ("Nama instansi", "nama"), ("Pemerintah daerah", "pemda"), ("Tahun", "tahun"),
    ("Nomor keputusan", "keputusan.nomor"), ("Tanggal keputusan", "keputusan.tanggal"),
    ("Tempat keputusan", "keputusan.tempat"), ("Jabatan penandatangan", "penandatangan.jabatan"),
    ("Nama penandatangan", "penandatangan.nama"),
    ("Pangkat penandatangan", "penandatangan.pangkat"),
    ("NIP penandatangan", "penandatangan.nip"), ("Batas capaian (%)", "batas_capaian"),
    # catalogue-level fields (TOP + name): a preset's name
    ("Predikat (nama tabel)", "/predikat"), ("Nilai capaian (nama tabel)", "/nilai"),
)
TOP = "/"  # an INSTANSI_FIELDS field that belongs to the catalogue, not to instansi
