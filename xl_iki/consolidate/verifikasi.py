"""The Verifikasi counts of one workbook for consolidation, from the values already read
(model: :func:`xl_iki.model.verdicts.count_verdicts`)."""

from __future__ import annotations

from ..model.catalogue import QUARTERS
from ..model.verdicts import count_verdicts, shows_realisasi
from ..reader import Recovered
from ..reader.recover import COL
from ..verification import rows_of
from ..workbook.verifikasi_cols import verdict

#: per jabatan id: (Disetujui, Perlu Perbaikan, Belum diverifikasi), over the year
Counts = dict[str, tuple[int, int, int]]


def verdict_counts(rec: Recovered, rows: list[dict]) -> Counts:
    """Per jabatan the counts of its Verifikasi rows; empty without a Verifikasi sheet.

    ``rows`` are the file's indicator rows (:func:`xl_iki.export.indicator_rows`): their
    quarter values say which computed triwulan show a realisasi, without evaluating again.
    """
    found = rows_of(rec)
    if found is None:
        return {}
    sheet, items = found
    verdicts = {(str(item.key.get("jabatan")), str(item.key["ind"])):
                [sheet.get(item.row, COL[verdict(q)]) for q in range(QUARTERS)]
                for item in items}
    quarters = {(r["jabatan_id"], r["indikator_id"]):
                tuple(r[f"tw{q + 1}_nilai"] for q in range(QUARTERS)) for r in rows}
    shown = shows_realisasi(rec.catalogue, quarters)
    return {jab: (c.disetujui, c.perbaikan, c.belum)
            for jab, c in count_verdicts(shown, verdicts).items()}
