"""Where things are on a jabatan sheet, and the hidden keys that let a reader find them again.

Identification scheme (documented in docs/struktur-workbook.md): column A of every jabatan
sheet is hidden and holds a small JSON key on every row that matters: the sheet key in A1
(``{"iki": 1, "jabatan": ...}``), header fields (``{"hdr": "jabatan"}``), the table header
(``{"tabel": "header"}``), indicator rows (``{"ind": id, "jenis": ...}``) and komponen rows
(``{"kmp": id, "n": 1, ...}``). Keys move with their rows when rows are inserted, sheets
renamed, reordered or copied, so a reader never relies on fixed positions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

KEY_COL = "A"
BLANK_FIELD = "-"  # a header field (unit kerja, tugas, fungsi) with nothing in it, as printed

# sheet titles the program writes (every other sheet of a workbook is a jabatan sheet or foreign)
REKAP, COVER, GUIDE, META, VALIDASI = "Rekap", "Sampul", "Petunjuk", "_iki", "Validasi"
IKU = "IKU"  # the sheet of the office's own indicators (catalogue 'iku')
REKAP_KEY_COL = "Z"  # hidden key column of the Rekap sheet
#: sheets a reader skips without a word (the Rekap is recognised by its key instead)
KNOWN_SHEETS = frozenset({COVER, GUIDE, META})


@dataclass(frozen=True)
class Column:
    letter: str
    header: str
    width: float
    sub: str = ""  # second header row (under a merged group header)


# visible table columns, in order
NO = Column("B", "No", 4.5)
SASARAN = Column("C", "Sasaran", 22)
INDIKATOR = Column("D", "Indikator Kinerja", 26)
PENJELASAN = Column("E", "Penjelasan/Formulasi Perhitungan", 30)
SATUAN = Column("F", "Satuan", 9)
SUMBER = Column("G", "Sumber Data", 14)
PJ = Column("H", "Penanggung Jawab", 15)
TARGET = Column("I", "Target", 8, "Nilai")
TARGET_MAX = Column("J", "Target", 6.5, "s.d.")
TW = tuple(Column(c, "Realisasi per Triwulan", 7.5, f"TW {r}")
           for c, r in zip("KLMN", ("I", "II", "III", "IV")))
REALISASI = Column("O", "Realisasi", 9.5)
CAPAIAN = Column("P", "Capaian (%)", 9)
PREDIKAT = Column("Q", "Predikat", 11)
KETERANGAN = Column("R", "Keterangan", 13)
TABLE = (NO, SASARAN, INDIKATOR, PENJELASAN, SATUAN, SUMBER, PJ, TARGET, TARGET_MAX, *TW,
         REALISASI, CAPAIAN, PREDIKAT, KETERANGAN)
FIRST, LAST = NO.letter, KETERANGAN.letter

# hidden helper columns: numeric quarter values, target bounds, numeric realisasi, target used
VALUE = tuple(Column(c, f"_nilai_tw{q}", 6) for q, c in enumerate("STUV", start=1))
TARGET_LO = Column("W", "_target_min", 6)
TARGET_HI = Column("X", "_target_maks", 6)
REAL_NUM = Column("Y", "_realisasi", 6)
TARGET_EFF = Column("Z", "_target_acuan", 6)
HELPERS = (*VALUE, TARGET_LO, TARGET_HI, REAL_NUM, TARGET_EFF)



def letter(n: int) -> str:
    """The column letter of the 1-based column ``n`` (27 -> AA)."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


# quarterly columns, right of the hidden helpers (so old workbooks keep every position): for
# each triwulan its rencana aksi, target to date, capaian and predikat; written only on sheets
# with an indicator that has quarterly targets (key field "tw")
ROMAN = ("I", "II", "III", "IV")
QUARTER_START = 27  # AA
RENCANA, TARGET_TW, CAPAIAN_TW, PREDIKAT_TW = (
    tuple(Column(letter(QUARTER_START + 4 * q + k), f"Triwulan {ROMAN[q]}", width, sub)
          for q in range(4))
    for k, (sub, width) in enumerate((("Rencana Aksi", 16), ("Target s.d. TW", 8),
                                      ("Capaian (%)", 8.5), ("Predikat", 10))))
QUARTERLY = tuple(col for q in range(4)
                  for col in (RENCANA[q], TARGET_TW[q], CAPAIAN_TW[q], PREDIKAT_TW[q]))
REAL_TW = tuple(Column(letter(QUARTER_START + 16 + q), f"_realisasi_sd_tw{q + 1}", 6)
                for q in range(4))
TARGET_TW_NUM = tuple(Column(letter(QUARTER_START + 20 + q), f"_target_tw{q + 1}", 6)
                      for q in range(4))
QUARTER_HELPERS = (*REAL_TW, *TARGET_TW_NUM)
# on sheets of a jabatan with a pendukung indicator: capaian and predikat of the counted rows
COUNTED_CAPAIAN = Column(letter(QUARTER_START + 24), "_capaian_dihitung", 6)  # AY
COUNTED_PREDIKAT = Column(letter(QUARTER_START + 25), "_predikat_dihitung", 6)  # AZ
COUNTED = (COUNTED_CAPAIAN, COUNTED_PREDIKAT)
NILAI = Column(letter(QUARTER_START + 26), "Nilai", 8)  # BA: nilai capaian (catalogue 'nilai')
# range quarterly targets ("lo-hi"), right of Nilai, on sheets with the quarterly columns: the
# upper bound of each triwulan's target (input, BB:BE; like J for the annual target), and
# hidden, per triwulan, that bound as a number (BF:BI) and the target used (BJ:BM; like X, Z)
RANGE_START = QUARTER_START + 27  # BB
TARGET_TW_MAX = tuple(Column(letter(RANGE_START + q), "Target s.d. TW: batas atas rentang", 7,
                             f"TW {ROMAN[q]}") for q in range(4))
TARGET_TW_HI = tuple(Column(letter(RANGE_START + 4 + q), f"_target_maks_tw{q + 1}", 6)
                     for q in range(4))
TARGET_TW_EFF = tuple(Column(letter(RANGE_START + 8 + q), f"_target_acuan_tw{q + 1}", 6)
                      for q in range(4))
RANGE_HELPERS = (*TARGET_TW_HI, *TARGET_TW_EFF)
LAST_READ = RANGE_START + 11  # BM: the last column a reader (and its formula check) needs
LIST_COL = QUARTER_START + 40  # hidden cells holding a list too long to write out (BO...)

# header block rows (before the table; the table starts after tugas and fungsi)
TITLE_ROWS = 3
FIELD_ROW = 5


def key(**fields: object) -> str:
    """The JSON key written in the hidden key column."""
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def parse_key(text: object) -> dict | None:
    """The key of a key-column cell, None when the cell holds no key."""
    if not isinstance(text, str) or not text.startswith("{"):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
