"""The consolidated workbook (for a Kepala Dinas to read and print) and the tidy dataset.

The workbook is streamed with XlsxWriter's ``constant_memory`` mode: measured on the 2-core
machine for 75,000 rows x 20 columns, openpyxl's write-only writer took 8.9 s and XlsxWriter
5.6 s. Every sheet has a title block, styled and filtered headers repeated on each printed
page, number formats rounded to what a person reads (values stay exact), and A4 landscape
fitted to the page width; the charts are chart sheets, one printed page each.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from ..csvtext import to_csv
from ..fileio import atomic_write
from ..formatting import tanggal_id
from ..model.verdicts import COUNT_LABELS
from ..ooxml import require_whole
from . import groups
from .collect import Masalah
from .fastrows import Styles, rows_xml, splice
from .records import Row, columns

#: key, header, width, kind; kinds: text, wrap (wrapped text), year, number, capaian
REKAP_COLUMNS = (
    ("instansi", "Instansi", 22, "wrap"), ("unit_kerja", "Unit Kerja", 20, "wrap"),
    ("jabatan", "Jabatan", 24, "wrap"), ("sasaran", "Sasaran", 26, "wrap"),
    ("indikator", "Indikator Kinerja", 32, "wrap"), ("satuan", "Satuan", 9, "text"),
    ("target", "Target", 10, "number"), ("target_maks", "Target s.d.", 9, "number"),
    ("tw1", "TW I", 9, "number"), ("tw2", "TW II", 9, "number"),
    ("tw3", "TW III", 9, "number"), ("tw4", "TW IV", 9, "number"),
    ("realisasi", "Realisasi", 10, "number"), ("capaian", "Capaian (%)", 9, "capaian"),
    ("predikat", "Predikat", 12, "text"), ("peran", "Peran", 10, "text"),
    # for filtering and tracing back, not printed
    ("jenis", "Jenis", 12, "text"), ("pemda", "Pemda", 18, "text"),
    ("tahun", "Tahun", 7, "year"), ("berkas", "Berkas", 40, "text"),
    ("lembar", "Lembar", 24, "text"),
)
PRINTED = 16  # the first columns of the Rekap fit a landscape page; the rest are for tracing
#: the indicator-level table goes into the workbook up to this many rows (about 2 million
#: cells, 7 s of writing); beyond it the table lives in the dataset (--csv/--parquet) only,
#: and the workbook keeps the summaries
REKAP_MAX_ROWS = 100_000
CHART_MAX_BARS = 60  # more bars than this are unreadable on one page
SPLICE_FROM = 500  # rows of a table written as sheet XML directly (XlsxWriter: 10 us a cell)
JENIS_LABEL = {"jumlah": "Jumlah", "persentase": "Persentase", "rasio": "Rasio",
               "indeks": "Indeks", "rata_rata": "Rata-rata", "ada_tidak": "Ada/Tidak Ada",
               "skor": "Skor", "kualitatif": "Kualitatif"}
LABELS = {"jenis": JENIS_LABEL, "peran": groups.PERAN_LABEL}  # codes shown as words
NO_CAPAIAN = "(belum ada capaian)"
ROMAN = ("I", "II", "III", "IV")
FONT = "Arial"
HEADER_ROW = 3  # 0-based: title, subtitle, blank line, then the table header
INTEGER, DECIMAL, CAPAIAN, YEAR = "#,##0", "#,##0.00", "0.00", "0"
LINE_HEIGHT = 12.75  # points per line of 10-point Arial (about 1.4 characters per width unit)


@dataclass(frozen=True)
class Facts:
    """What the Ringkasan states besides the table itself."""

    files_read: int
    files_taken: int
    files_with_problems: int
    tahun: int | None
    made: dt.date


#: the tidy dataset's columns (CSV, Parquet): labels where a person reads them, the numbers
#: behind ada_tidak and kualitatif labels in the *_nilai columns; ``kelompok`` tells the
#: office's IKU from the jabatan's IKI, ``peran`` the pendukung indicators
DATASET = ("instansi", "pemda", "tahun", "kelompok", "unit_kerja", "jabatan_id", "jabatan",
           "tujuan", "sasaran", "indikator", "jenis", "peran", "satuan", "target", "target_maks",
           "tw1", "tw2", "tw3", "tw4", "realisasi", "capaian", "predikat", "nilai", "berkas",
           "lembar", "tw1_nilai", "tw2_nilai", "tw3_nilai", "tw4_nilai", "realisasi_nilai")


def frame(rows: list[Row]) -> pd.DataFrame:
    """The dataset table; object columns share the rows' strings (pandas' own string dtype
    would copy every one of them: 750,000 rows took 0.4 GB more)."""
    df = pd.DataFrame(columns(rows, [n for n in DATASET if n in Row.INDEX]), dtype=object,
                      copy=False)
    df.insert(DATASET.index("kelompok"), "kelompok", groups.kelompok(df["jabatan_id"]))
    df["capaian"] = df["capaian"].to_numpy().astype(float)  # the model's: a number or None
    return df


def summaries(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Per unit, per sasaran, and the predikat distribution, of the jabatan's indicators
    that count (never the office's IKU nor pendukung indicators)."""
    iki, counts = groups.is_iki(df), groups.is_counted(df)
    unit = (df.loc[iki, ["instansi", "pemda", "unit_kerja", "jabatan"]]
            .assign(n=counts, c=df["capaian"].where(counts))
            .groupby(["instansi", "pemda", "unit_kerja"], dropna=False, sort=True)
            .agg(jabatan=("jabatan", "nunique"), indikator=("n", "sum"), capaian=("c", "mean"))
            .reset_index())
    unit["label"] = [f"{u or 'tanpa unit'} — {i}" for u, i in zip(unit.unit_kerja, unit.instansi)]
    counted = df.loc[counts, ["instansi", "sasaran", "indikator", "predikat", "capaian"]]
    sasaran = (counted.groupby(["instansi", "sasaran"], dropna=False, sort=True)
               .agg(indikator=("indikator", "size"), capaian=("capaian", "mean")).reset_index())
    labels = counted["predikat"].fillna("").replace("", NO_CAPAIAN)
    dist = (pd.DataFrame({"predikat": labels, "capaian": counted["capaian"]})
            .groupby("predikat", sort=False).agg(jumlah=("capaian", "size"),
                                                 urut=("capaian", "mean")).reset_index())
    dist = dist.sort_values("urut", ascending=False, na_position="last")
    dist["persen"] = dist["jumlah"] / max(1, len(counted)) * 100
    return unit, sasaran, dist[["predikat", "jumlah", "persen"]]


def coverage(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per office: the jabatan's indicators with and without realisasi, and the jabatan with
    none yet."""
    df = df.loc[groups.is_iki(df), ["instansi", "pemda", "unit_kerja", "jabatan", "indikator",
                                    "berkas", "realisasi_nilai"]]
    has = df["realisasi_nilai"].notna()
    per = (df.assign(ada=has).groupby(["instansi", "pemda"], dropna=False, sort=True)
           .agg(indikator=("ada", "size"), terisi=("ada", "sum")).reset_index())
    # a jabatan is its name in its unit: two Kasi of one name in two bidang are two jabatan
    jabatan = (df[["instansi", "pemda", "unit_kerja", "jabatan"]].drop_duplicates()
               .groupby(["instansi", "pemda"], dropna=False).size())
    per.insert(2, "jabatan", [jabatan.get((i, p), 0) for i, p in zip(per.instansi, per.pemda)])
    per["belum"] = per["indikator"] - per["terisi"]
    per["persen"] = per["terisi"] / per["indikator"].clip(lower=1) * 100
    by_jab = df.assign(ada=has).groupby(["instansi", "pemda", "unit_kerja", "jabatan"],
                                        dropna=False, sort=True)["ada"].any()
    empty = by_jab[~by_jab].reset_index()
    names = empty.groupby(["instansi", "pemda"], dropna=False)["jabatan"].agg(
        lambda s: ", ".join(s))
    per["kosong"] = [names.get((i, p), "") for i, p in zip(per.instansi, per.pemda)]
    missing = df.loc[~has, ["instansi", "unit_kerja", "jabatan", "indikator", "berkas"]]
    return per, missing


def scope(df: pd.DataFrame) -> str:
    """The instansi, or the wilayah, the workbook covers."""
    offices = df[["instansi", "pemda"]].drop_duplicates()
    pemda = sorted({p for p in offices.pemda if isinstance(p, str) and p})
    if len(offices) == 1:
        row = offices.iloc[0]
        return f"{row.instansi}" + (f" — {row.pemda}" if row.pemda else "")
    where = pemda[0] if len(pemda) == 1 else f"{len(pemda)} pemerintah daerah"
    return f"{where} ({len(offices)} instansi)"


def last_quarter(df: pd.DataFrame) -> int:
    """The last triwulan (1-4) any file has a realisasi for; 0 when none has."""
    filled = [q for q in range(1, 5) if df[f"tw{q}"].notna().any()]
    return filled[-1] if filled else 0


class _Book:
    """An XlsxWriter workbook with the styles and page setup every sheet shares."""

    def __init__(self, path: Path, title: str, subtitle: str) -> None:
        self.wb = xlsxwriter.Workbook(str(path), {"constant_memory": True,
                                                  "strings_to_numbers": False})
        self.title, self.subtitle = title, subtitle
        self.spliced: list[tuple] = []
        base = {"font_name": FONT, "font_size": 10, "valign": "top"}
        add = self.wb.add_format
        self.f = {
            "title": add({**base, "bold": True, "font_size": 14}),
            "subtitle": add({**base, "bold": True, "font_size": 11}),
            "header": add({**base, "bold": True, "bg_color": "#D9E2F3", "border": 1,
                           "border_color": "#808080", "text_wrap": True, "align": "center",
                           "valign": "vcenter"}),
            "text": add(base), "wrap": add({**base, "text_wrap": True}),
            "label": add({**base, "bold": True}),
            INTEGER: add({**base, "num_format": INTEGER}),
            DECIMAL: add({**base, "num_format": DECIMAL}),
            CAPAIAN: add({**base, "num_format": CAPAIAN}),
            YEAR: add({**base, "num_format": YEAR}),
        }

    def sheet(self, name: str, heading: str):
        ws = self.wb.add_worksheet(name)
        ws.write_string(0, 0, f"{self.title} — {heading}", self.f["title"])
        ws.write_string(1, 0, self.subtitle, self.f["subtitle"])
        ws.set_row(0, 20)
        _page(ws)
        return ws

    def table(self, ws, columns: list[tuple[str, float, str]], rows: Iterable[tuple],
              first: int = HEADER_ROW, printed: int | None = None, freeze: bool = True,
              spliced: bool = False) -> int:
        """A header and its rows from ``first``; returns the row after the table, which
        must be the last thing on its sheet.

        ``spliced`` rows, and those of any table longer than SPLICE_FROM, go into the file
        after it is written (see fastrows).
        """
        ws.set_row(first, LINE_HEIGHT * 2 + 2)
        for c, (header, width, kind) in enumerate(columns):
            ws.set_column(c, c, width, self.f["wrap"] if kind == "wrap" else None)
            ws.write_string(first, c, header, self.f["header"])
        kinds = [kind for _, _, kind in columns]
        wrapped = [(c, width) for c, (_, width, kind) in enumerate(columns) if kind == "wrap"]

        def height(values: tuple) -> float | None:
            lines = max((_lines(values[c], width) for c, width in wrapped), default=1)
            # readers do not size rows on opening: give wrapped text its lines
            return LINE_HEIGHT * lines + 2 if lines > 1 else None

        r = first
        rows = list(rows)
        spliced = spliced or len(rows) > SPLICE_FROM
        if spliced:
            r = first + len(rows)
            ids = {key: fmt._get_xf_index() for key, fmt in self.f.items()}  # XlsxWriter's own
            styles = Styles(kinds, ids, "text", "wrap", {"capaian": CAPAIAN, "year": YEAR},
                            INTEGER, DECIMAL)
            self.spliced.append((ws, rows, first, styles, height))
        for r, values in enumerate(rows if not spliced else (), start=first + 1):
            points = height(values)
            if points:
                ws.set_row(r, points)
            for c, value in enumerate(values):
                self.put(ws, r, c, value, kinds[c])
        last = len(columns) - 1 if printed is None else printed - 1
        ws.autofilter(first, 0, max(r, first), len(columns) - 1)
        if freeze:
            ws.freeze_panes(first + 1, 0)
        ws.repeat_rows(first)
        ws.print_area(0, 0, max(r, first), last)
        return r + 1

    def put(self, ws, r: int, c: int, value: object, kind: str) -> None:
        key = _format_key(value, kind)
        if key is None:
            return
        if isinstance(value, str):  # text from the inputs stays text, exactly as typed
            ws.write_string(r, c, value, self.f[key])
        else:
            ws.write_number(r, c, value, self.f[key])

    def close(self, path: Path) -> None:
        self.wb.close()
        parts = {}
        for ws, rows, first, style, height in self.spliced:
            if not rows:
                continue
            last = f"{xl_col_to_name(max(len(r) for r in rows) - 1)}{first + 1 + len(rows)}"
            # XlsxWriter numbers worksheet parts in order, chart sheets apart
            number = sum(1 for s in self.wb.worksheets()
                         if not s.is_chartsheet and s.index <= ws.index)
            parts[f"xl/worksheets/sheet{number}.xml"] = (
                rows_xml(rows, first + 1, style, height), first + 2, f"A1:{last}")
        if parts:
            splice(path, parts)

    def chart(self, name: str, source: str, n: int, values: int, categories: int,
              series: str, title: str, horizontal: bool) -> None:
        """A chart sheet (one A4 landscape page) of ``n`` rows of ``source``."""
        chart = self.wb.add_chart({"type": "bar" if horizontal else "column"})
        first, last = HEADER_ROW + 1, HEADER_ROW + n
        chart.add_series({
            "name": series,
            "categories": [source, first, categories, last, categories],
            "values": [source, first, values, last, values],
            "data_labels": {"value": True, "num_format": CAPAIAN if horizontal else INTEGER},
            "fill": {"color": "#4472C4"},
        })
        chart.set_title({"name": f"{title}\n{self.subtitle}",
                         "name_font": {"name": FONT, "size": 12}})
        chart.set_legend({"none": True})
        value_axis = {"name": series, "num_format": INTEGER,
                      "num_font": {"name": FONT}, "name_font": {"name": FONT}}
        category_axis = {"num_font": {"name": FONT, "size": 9}, "interval_unit": 1,
                         "reverse": horizontal}
        chart.set_x_axis(value_axis if horizontal else category_axis)
        chart.set_y_axis(category_axis if horizontal else value_axis)
        cs = self.wb.add_chartsheet(name)
        cs.set_chart(chart)
        cs.set_paper(9)
        cs.set_landscape()
        cs.set_footer(f"&L&A&R{_footer_date(self.subtitle)}")


def _format_key(value: object, kind: str) -> str | None:
    """The format a cell of a column of ``kind`` gets; None for a blank cell."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        return "wrap" if kind == "wrap" else "text"
    if kind in ("capaian", "year"):
        return CAPAIAN if kind == "capaian" else YEAR
    return INTEGER if float(value).is_integer() else DECIMAL


def _lines(value: object, width: float) -> int:
    """About how many lines a wrapped text takes in a column ``width`` characters wide."""
    return math.ceil(len(value) / (width * 1.4)) if isinstance(value, str) and value else 1


def _footer_date(subtitle: str) -> str:
    return subtitle.split("dibuat ")[-1] if "dibuat " in subtitle else ""


def _page(ws) -> None:
    """A4 landscape, fit to width, centred, numbered pages."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&L&A&CHalaman &P dari &N")


def write_workbook(path: Path, df: pd.DataFrame, masalah: list[Masalah], facts: Facts,
                   rows: Sequence[Row], verdicts: groups.Verdicts | None = None) -> Path:
    """The consolidated workbook, written atomically and checked whole; ``rows`` are the
    records ``df`` was made of (the Rekap is written from them: faster than from ``df``);
    ``verdicts`` the Verifikasi counts of each file's jabatan."""

    def write(tmp: Path) -> None:
        _write(tmp, df, masalah, facts, rows, verdicts or {})
        require_whole(tmp, path)

    return atomic_write(path, write)


def _write(path: Path, df: pd.DataFrame, masalah: list[Masalah], facts: Facts,
           rows: Sequence[Row], verdicts: groups.Verdicts) -> None:
    unit, sasaran, dist = summaries(df)
    per_office, missing = coverage(df)
    quarter = last_quarter(df)
    subtitle = (f"{scope(df)} · Tahun {facts.tahun or '-'} · "
                + (f"s.d. Triwulan {ROMAN[quarter - 1]}" if quarter else "belum ada realisasi")
                + f" · dibuat {tanggal_id(facts.made)}")
    book = _Book(path, "Rekap Gabungan Indikator Kinerja Individu", subtitle)
    big = len(df) > REKAP_MAX_ROWS
    charted = 0 < len(unit) <= CHART_MAX_BARS
    checked = groups.verdict_table(df, verdicts) if verdicts else None
    _ringkasan(book, df, facts, per_office, masalah, big, charted, checked)
    rekap = book.sheet("Rekap", "per Indikator")
    if big:
        rekap.write_string(HEADER_ROW, 0, f"Tabel per indikator ({len(df):,} baris) melebihi "
                           f"{REKAP_MAX_ROWS:,} baris: lihat data rapi (--csv/--parquet).",
                           book.f["label"])
    else:
        book.table(rekap, [(h, w, k) for _, h, w, k in REKAP_COLUMNS], _rekap_rows(rows),
                   printed=PRINTED, spliced=True)
    per_unit = book.sheet("Per Unit", "Rata-rata Capaian per Unit Kerja")
    book.table(per_unit, [("Instansi", 28, "wrap"), ("Pemda", 18, "wrap"),
                          ("Unit Kerja", 28, "wrap"), ("Jumlah Jabatan", 10, "number"),
                          ("Jumlah Indikator", 10, "number"),
                          ("Rata-rata Capaian (%)", 12, "capaian"),
                          ("Label Grafik (Unit — Instansi)", 40, "wrap")],
               unit[["instansi", "pemda", "unit_kerja", "jabatan", "indikator", "capaian",
                     "label"]].itertuples(index=False, name=None))
    if charted:
        book.chart("Grafik Per Unit", "Per Unit", len(unit), 5, 6, "Rata-rata capaian (%)",
                   "Rata-rata Capaian per Unit Kerja (Unit — Instansi)", horizontal=True)
    per_sasaran = book.sheet("Per Sasaran", "Rata-rata Capaian per Sasaran")
    book.table(per_sasaran, [("Instansi", 30, "wrap"), ("Sasaran", 60, "wrap"),
                             ("Jumlah Indikator", 10, "number"),
                             ("Rata-rata Capaian (%)", 12, "capaian")],
               sasaran.itertuples(index=False, name=None))
    distribution = book.sheet("Distribusi Predikat", "Distribusi Predikat")
    book.table(distribution, [("Predikat", 26, "text"), ("Jumlah Indikator", 12, "number"),
                              ("Persen (%)", 10, "capaian")],
               dist.itertuples(index=False, name=None))
    if len(dist):
        book.chart("Grafik Predikat", "Distribusi Predikat", len(dist), 1, 0,
                   "Jumlah indikator", "Distribusi Predikat", horizontal=False)
    _iku(book, df)
    if checked is not None:
        _verifikasi(book, checked)
    kosong = book.sheet("Belum Ada Realisasi", "Indikator yang Belum Ada Realisasinya")
    book.table(kosong, [("Instansi", 28, "wrap"), ("Unit Kerja", 24, "wrap"),
                        ("Jabatan", 28, "wrap"), ("Indikator Kinerja", 44, "wrap"),
                        ("Berkas", 40, "text")],
               missing.head(REKAP_MAX_ROWS).itertuples(index=False, name=None))
    problems = book.sheet("Masalah", "Masalah per Berkas")
    book.table(problems, [("Berkas", 44, "wrap"), ("Kode", 18, "text"), ("Pesan", 80, "wrap"),
                          ("Data diambil", 10, "text")],
               ((m.berkas, m.kode, m.pesan, "Ya" if m.diambil else "Tidak") for m in masalah))
    book.close(path)


def _rekap_rows(rows: Sequence[Row]) -> Iterable[tuple]:
    """The Rekap's rows: the jabatan's indicators (not the IKU), codes shown as words."""
    keys = [k for k, *_ in REKAP_COLUMNS]
    pick, jabatan = itemgetter(*(Row.INDEX[k] for k in keys)), Row.INDEX["jabatan_id"]
    words = [(keys.index(k), labels) for k, labels in LABELS.items()]
    for row in rows:
        if row[jabatan] == groups.IKU_ID:
            continue
        values = list(pick(row))
        for c, labels in words:
            values[c] = labels.get(values[c], values[c])
        yield tuple(values)


def _iku(book: _Book, df: pd.DataFrame) -> None:
    """The office's IKU, apart from every IKI summary (only when some file has them)."""
    table = groups.iku_table(df)
    if table.empty:
        return
    nilai = table["nilai"].notna().any()
    columns = [("Instansi", 24, "wrap"), ("Pemda", 16, "wrap"), ("Tujuan", 30, "wrap"),
               ("Sasaran", 30, "wrap"), ("Indikator Kinerja Utama", 34, "wrap"),
               ("Satuan", 9, "text"), ("Target", 10, "number"), ("Target s.d.", 9, "number"),
               ("Realisasi", 10, "number"), ("Capaian (%)", 9, "capaian"),
               ("Predikat", 12, "text"), *((("Nilai", 8, "number"),) if nilai else ()),
               ("Berkas", 40, "text")]
    if not nilai:
        table = table.drop(columns="nilai")
    ws = book.sheet("IKU", "Indikator Kinerja Utama (tidak dihitung dalam rata-rata IKI)")
    book.table(ws, columns, table.itertuples(index=False, name=None),
               printed=len(columns) - 1)


def _verifikasi(book: _Book, checked: pd.DataFrame) -> None:
    """Per office and jabatan the atasan's verdicts over the year."""
    ws = book.sheet("Verifikasi", "Verifikasi per Jabatan (setahun, per indikator-triwulan)")
    book.table(ws, [("Instansi", 26, "wrap"), ("Pemda", 16, "wrap"), ("Unit Kerja", 22, "wrap"),
                    ("Jabatan", 28, "wrap"), ("Jumlah Indikator", 10, "number"),
                    *((label, width, "number") for label, width in zip(COUNT_LABELS, (10, 10, 12))),
                    ("Berkas", 40, "text")],
               checked.itertuples(index=False, name=None),
               printed=8)


def _ringkasan(book: _Book, df: pd.DataFrame, facts: Facts, per_office: pd.DataFrame,
               masalah: list[Masalah], big: bool, charted: bool,
               checked: pd.DataFrame | None) -> None:
    ws = book.sheet("Ringkasan", "Ringkasan")
    iki, counts = groups.is_iki(df), groups.is_counted(df)
    has, n = int(df.loc[iki, "realisasi_nilai"].notna().sum()), int(iki.sum())
    lines = [("Berkas dibaca", facts.files_read), ("Berkas diambil", facts.files_taken),
             ("Berkas dengan masalah", facts.files_with_problems),
             ("Jumlah masalah (lihat lembar Masalah)", len(masalah)),
             ("Instansi", len(per_office)), ("Jabatan", int(per_office["jabatan"].sum())),
             ("Indikator", n), ("Indikator sudah ada realisasi", has),
             ("Indikator belum ada realisasi", n - has),
             ("Indikator pendukung (di luar rata-rata)", n - int(counts.sum())),
             ("Rata-rata capaian (%)", df.loc[counts, "capaian"].mean())]
    if n < len(df):
        lines.append(("Indikator Kinerja Utama (lihat lembar IKU)", len(df) - n))
    if checked is not None:
        lines += [("Entri disetujui (lihat lembar Verifikasi)", int(checked["disetujui"].sum())),
                  ("Entri perlu perbaikan", int(checked["perbaikan"].sum())),
                  ("Entri belum diverifikasi", int(checked["belum"].sum()))]
    if big:
        lines.append(("Lembar Rekap", f"tidak memuat tabel per indikator (lebih dari "
                                      f"{REKAP_MAX_ROWS:,} baris); lihat data rapi"))
    if not charted:
        lines.append(("Grafik per unit", f"tidak dibuat (lebih dari {CHART_MAX_BARS} unit "
                                         "atau tidak ada data)"))
    ws.set_column(0, 0, 38)
    ws.set_column(1, 1, 16)
    for r, (label, value) in enumerate(lines, start=HEADER_ROW):
        ws.write_string(r, 0, label, book.f["label"])
        book.put(ws, r, 1, value, "capaian" if "capaian" in label else "number")
    first = HEADER_ROW + len(lines) + 1
    ws.write_string(first, 0, "Cakupan per instansi", book.f["subtitle"])
    book.table(ws, [("Instansi", 38, "wrap"), ("Pemda", 16, "wrap"),
                    ("Jumlah Jabatan", 10, "number"), ("Jumlah Indikator", 10, "number"),
                    ("Sudah Ada Realisasi", 10, "number"),
                    ("Belum Ada Realisasi", 10, "number"), ("Cakupan (%)", 10, "capaian"),
                    ("Jabatan yang Belum Mengisi Realisasi", 60, "wrap")],
               per_office[["instansi", "pemda", "jabatan", "indikator", "terisi", "belum",
                           "persen", "kosong"]].itertuples(index=False, name=None),
               first=first + 1, freeze=False)


def write_table(df: pd.DataFrame, csv: Path | None, parquet: Path | None,
                csv_locale: str | None = None) -> None:
    """The tidy dataset, one row per indicator (CSV in ``csv_locale``, default this computer's)."""
    if csv:
        text = to_csv(df.columns, df.itertuples(index=False, name=None), csv_locale)
        atomic_write(csv, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    if parquet and parquet.suffix.lower() != ".parquet":
        _dataset(_typed(df), parquet)
    elif parquet:
        atomic_write(parquet, lambda tmp: _typed(df).to_parquet(tmp, index=False))


#: a Parquet dataset folder is partitioned like a national collection: one folder per
#: tahun/pemda/instansi, so DuckDB or Spark read only the offices a query names
PARTITIONS = ["tahun", "pemda", "instansi"]


def _dataset(df: pd.DataFrame, folder: Path) -> None:
    """Write a partitioned dataset next to ``folder`` and swap it in whole."""
    folder = Path(folder)
    work = Path(tempfile.mkdtemp(prefix=f".~{folder.name}.", dir=folder.parent))
    try:
        df.to_parquet(work / "data", index=False, partition_cols=PARTITIONS)
        old = folder.with_name(f".~{folder.name}.lama") if folder.exists() else None
        if old:
            shutil.rmtree(old, ignore_errors=True)
            os.replace(folder, old)
        os.replace(work / "data", folder)
        if old:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """Columns of numbers become numeric; columns mixing numbers and labels (target,
    realisasi) become text for Parquet."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype != object:
            continue
        kinds = set(out[col].dropna().map(type))
        if kinds and kinds <= {int, float}:
            out[col] = pd.to_numeric(out[col])
        elif len(kinds) > 1:
            out[col] = out[col].map(lambda v: None if v is None else str(v)).astype("string")
    return out
