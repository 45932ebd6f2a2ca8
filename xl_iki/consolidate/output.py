"""The consolidated workbook and the tidy dataset."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter

from ..csvtext import to_csv
from ..fileio import atomic_save, atomic_write
from .collect import Masalah

REKAP_COLUMNS = (
    ("instansi", "Instansi", 28), ("pemda", "Pemda", 20), ("tahun", "Tahun", 7),
    ("unit_kerja", "Unit Kerja", 26), ("jabatan", "Jabatan", 32), ("sasaran", "Sasaran", 34),
    ("indikator", "Indikator Kinerja", 40), ("jenis", "Jenis", 11), ("satuan", "Satuan", 10),
    ("target", "Target", 9), ("target_maks", "Target s.d.", 9), ("tw1", "TW I", 8),
    ("tw2", "TW II", 8), ("tw3", "TW III", 8), ("tw4", "TW IV", 8),
    ("realisasi", "Realisasi", 10), ("capaian", "Capaian (%)", 11),
    ("predikat", "Predikat", 13), ("berkas", "Berkas", 40), ("lembar", "Lembar", 24),
)


def _sheet(wb: Workbook, title: str, header: list[str], rows, widths: list[float]):
    ws = wb.create_sheet(title)
    for n, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.freeze_panes = "A2"
    ws.append(header)
    for row in rows:
        ws.append([_cell(ws, v) for v in row])
    return ws


def _cell(ws, value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):  # NaN from pandas
        return None
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(ws, value)
        cell.data_type = "s"  # text from the inputs stays text, exactly as typed
        return cell
    return value


def frame(rows: list[dict]) -> pd.DataFrame:
    columns = [c for c, _, _ in REKAP_COLUMNS]
    df = pd.DataFrame(rows, columns=columns)
    df["capaian"] = pd.to_numeric(df["capaian"], errors="coerce")
    return df


def summaries(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Per unit, per sasaran, and the predikat distribution."""
    unit = (df.groupby(["instansi", "pemda", "unit_kerja"], dropna=False, sort=False)
            .agg(jabatan=("jabatan", "nunique"), indikator=("indikator", "size"),
                 capaian=("capaian", "mean")).reset_index())
    sasaran = (df.groupby(["instansi", "sasaran"], dropna=False, sort=False)
               .agg(indikator=("indikator", "size"), capaian=("capaian", "mean")).reset_index())
    labels = df["predikat"].replace("", "(belum ada capaian)")
    distribution = labels.value_counts(sort=False).rename_axis("predikat").reset_index(
        name="jumlah")
    return unit, sasaran, distribution


def write_workbook(path: Path, df: pd.DataFrame, masalah: list[Masalah],
                   facts: list[tuple[str, object]]) -> Path:
    """The consolidated workbook (streamed: it may hold tens of thousands of rows)."""
    unit, sasaran, distribution = summaries(df)
    wb = Workbook(write_only=True)
    _sheet(wb, "Ringkasan", ["Keterangan", "Nilai"], facts, [40, 30])
    _sheet(wb, "Rekap", [h for _, h, _ in REKAP_COLUMNS],
           df.itertuples(index=False, name=None), [w for _, _, w in REKAP_COLUMNS])
    per_unit = _sheet(wb, "Per Unit", ["Instansi", "Pemda", "Unit Kerja", "Jumlah Jabatan",
                                       "Jumlah Indikator", "Rata-rata Capaian (%)"],
                      unit.itertuples(index=False, name=None), [28, 20, 30, 10, 10, 14])
    _chart(per_unit, "Rata-rata Capaian per Unit (%)", 6, 3, len(unit), "H2")
    _sheet(wb, "Per Sasaran", ["Instansi", "Sasaran", "Jumlah Indikator",
                               "Rata-rata Capaian (%)"],
           sasaran.itertuples(index=False, name=None), [28, 60, 10, 14])
    dist = _sheet(wb, "Distribusi Predikat", ["Predikat", "Jumlah Indikator"],
                  distribution.itertuples(index=False, name=None), [24, 14])
    _chart(dist, "Distribusi Predikat", 2, 1, len(distribution), "D2")
    _sheet(wb, "Masalah", ["Berkas", "Kode", "Pesan", "Data diambil"],
           ((m.berkas, m.kode, m.pesan, "ya" if m.diambil else "tidak") for m in masalah),
           [50, 18, 90, 12])
    return atomic_save(wb, path)


def _chart(ws, title: str, data_col: int, cat_col: int, n: int, anchor: str) -> None:
    if not n:
        return
    chart = BarChart()
    chart.title, chart.legend = title, None
    chart.type = "bar"
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.x_axis.tickLblSkip = 1
    chart.add_data(Reference(ws, min_col=data_col, min_row=2, max_row=n + 1))
    chart.set_categories(Reference(ws, min_col=cat_col, min_row=2, max_row=n + 1))
    chart.width, chart.height = 22, max(7.5, 0.5 * n + 3)
    ws.add_chart(chart, anchor)


def write_table(df: pd.DataFrame, csv: Path | None, parquet: Path | None,
                csv_locale: str | None = None) -> None:
    """The tidy dataset, one row per indicator (CSV in ``csv_locale``, default this computer's)."""
    if csv:
        text = to_csv(df.columns, df.itertuples(index=False, name=None), csv_locale)
        atomic_write(csv, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    if parquet:
        atomic_write(parquet, lambda tmp: _typed(df).to_parquet(tmp, index=False))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """Columns mixing numbers and labels (target, realisasi) become text for Parquet."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(type).nunique() > 1:
            out[col] = out[col].map(lambda v: None if v is None else str(v)).astype("string")
    return out
