"""What consolidation keeps apart from the IKI averages: the office's IKU (its own sheet),
pendukung indicators (listed, never averaged nor counted in the predikat distribution, as
in the jabatan's Rekap), and the Verifikasi counts per jabatan."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..model.catalogue import IKU_ID

IKU, IKI = "IKU", "IKI"  # the dataset's ``kelompok``
PENDUKUNG = "pendukung"
PERAN_LABEL = {"utama": "Utama", PENDUKUNG: "Pendukung"}

#: per (berkas, jabatan id): (Disetujui, Perlu Perbaikan, Belum diverifikasi)
Verdicts = dict[tuple[str, str], tuple[int, int, int]]


def kelompok(jabatan_id: pd.Series) -> pd.Series:
    """IKU for the office's own indicators, IKI for a jabatan's."""
    return jabatan_id.eq(IKU_ID).map({True: IKU, False: IKI}).astype(object)


# Masks, not filtered copies: callers take only the columns they need (a copy of the whole
# dataset table of a national consolidation is some hundred MB).


def is_iki(df: pd.DataFrame) -> pd.Series:
    """The jabatan's indicators (pendukung too): what coverage and the Rekap list."""
    return df["kelompok"] == IKI


def is_counted(df: pd.DataFrame) -> pd.Series:
    """The indicators that count in averages and the predikat distribution."""
    return is_iki(df) & (df["peran"] != PENDUKUNG)


IKU_COLUMNS = ("instansi", "pemda", "tujuan", "sasaran", "indikator", "satuan", "target",
               "target_maks", "realisasi", "capaian", "predikat", "nilai", "berkas")


def iku_table(df: pd.DataFrame) -> pd.DataFrame:
    """The office's IKU, one row each, in file order."""
    return df.loc[df["kelompok"] == IKU, list(IKU_COLUMNS)]


VERDICT_COLUMNS = ("instansi", "pemda", "unit_kerja", "jabatan", "indikator", "disetujui",
                   "perbaikan", "belum", "berkas")


def verdict_table(df: pd.DataFrame, verdicts: Verdicts) -> pd.DataFrame:
    """Per office and jabatan (of the rows taken) the Verifikasi counts; a jabatan whose file
    has no Verifikasi row for it has blank counts."""
    # a file's rows come jabatan by jabatan: each jabatan is one run of rows
    at = np.flatnonzero(is_iki(df).to_numpy())
    berkas, jabatan = df["berkas"].to_numpy()[at], df["jabatan_id"].to_numpy()[at]
    starts = np.flatnonzero(np.concatenate(
        ([True], (berkas[1:] != berkas[:-1]) | (jabatan[1:] != jabatan[:-1]))))[:len(at)]
    per = df.iloc[at[starts]][["berkas", "jabatan_id", "instansi", "pemda", "unit_kerja",
                               "jabatan"]].reset_index(drop=True)
    per["indikator"] = np.diff(np.append(starts, len(at)))
    counts = [verdicts.get((b, j)) for b, j in zip(per["berkas"], per["jabatan_id"])]
    for n, name in enumerate(("disetujui", "perbaikan", "belum")):
        per[name] = [float(c[n]) if c else math.nan for c in counts]
    return per.sort_values(["instansi", "pemda", "unit_kerja", "jabatan"], kind="stable",
                           na_position="first")[list(VERDICT_COLUMNS)]
