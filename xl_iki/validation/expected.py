"""The formulas the generator would write for a recovered sheet, at its current rows.

Used to find overwritten or deleted formulas, and to repair them. Built with the same
builders as the generator (:mod:`xl_iki.workbook.formulas`), so there is one definition.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model.catalogue import Catalogue, Indikator
from ..model.jenis import JENIS
from ..reader.recover import IndikatorRows, JabatanSheet, Recovered
from ..workbook import formulas as fx
from ..workbook import layout as L
from ..workbook.cells import locate
from ..workbook.formulas import Formula


def expected_formulas(rec: Recovered, js: JabatanSheet) -> Iterator[tuple[str, str]]:
    """(cell reference, formula) of every computed cell of a jabatan sheet."""
    cat: Catalogue = rec.catalogue
    for ind in js.plan.jabatan.indikator:
        place = js.indikator_rows[ind.id]
        row = place.row
        parts = [p.row for p in place.parts]
        if ind.salin:
            yield from _salin(rec, ind, row)
            continue
        if not komponen_intact(ind.jenis, place):
            continue  # reported as a broken structure, never redefined by a repair
        for col in L.TW:
            formula = fx.quarter_value(ind, col.letter, parts)
            if formula is not None:
                yield f"{col.letter}{row}", formula
        for q, col in enumerate(L.VALUE):
            yield f"{col.letter}{row}", fx.number_or_blank(ind, f"{L.TW[q].letter}{row}")
        yield f"{L.TARGET_LO.letter}{row}", fx.target_low(ind, row)
        yield f"{L.TARGET_HI.letter}{row}", fx.target_high(ind, row)
        yield f"{L.REAL_NUM.letter}{row}", fx.realisasi(ind, row, parts)
        yield f"{L.TARGET_EFF.letter}{row}", fx.target_used(row)
        yield f"{L.REALISASI.letter}{row}", fx.realisasi_display(ind, row)
        yield f"{L.CAPAIAN.letter}{row}", fx.capaian(ind, row, cat.instansi.batas_capaian)
        yield f"{L.PREDIKAT.letter}{row}", fx.predikat(cat.predikat, f"{L.CAPAIAN.letter}{row}")
        if ind.quarterly:
            yield from _quarterly(cat, ind, row, parts)
        if cat.nilai:
            yield (f"{L.NILAI.letter}{row}",
                   fx.nilai(cat.nilai, f"{L.CAPAIAN.letter}{row}"))
        if js.plan.jabatan.has_pendukung and ind.counted:
            for col, source in zip(L.COUNTED, (L.CAPAIAN, L.PREDIKAT)):
                yield f"{col.letter}{row}", fx.counted(ind, f"{source.letter}{row}")
        for part in place.parts:
            if not part.ref:
                continue
            jab_id, _, ind_id = part.ref.partition(".")
            source = rec.sheet_of(jab_id)
            if source is None or ind_id not in source.indikator_rows:
                continue  # reported as a missing reference
            for q, col in enumerate(L.TW):
                yield (f"{col.letter}{part.row}",
                       fx.ref_value(source.title, source.indikator_rows[ind_id].row, q))


def _salin(rec: Recovered, ind: Indikator, row: int) -> Iterator[tuple[str, str]]:
    jab_id, _, ind_id = (ind.salin or "").partition(".")
    source = rec.sheet_of(jab_id)
    if source is None or ind_id not in source.indikator_rows:
        return  # reported as a missing reference
    for col in fx.salin_columns(ind):
        yield (f"{col.letter}{row}",
               fx.copy_of(source.title, source.indikator_rows[ind_id].row, col))


def _quarterly(cat: Catalogue, ind: Indikator, row: int, parts: list[int]
               ) -> Iterator[tuple[str, str]]:
    for q in range(len(L.TW)):
        for col, formula in fx.quarterly(ind, row, parts, q, cat.instansi.batas_capaian,
                                         cat.predikat):
            yield f"{col.letter}{row}", formula


def changed_formulas(rec: Recovered) -> Iterator[tuple[JabatanSheet, str, str, object]]:
    """(sheet, cell, expected formula, what is there) wherever a generated formula is gone."""
    for js in rec.sheets:
        for ref, formula in expected_formulas(rec, js):
            found = js.sheet.get(*locate(ref))
            if not (isinstance(found, Formula) and normalize(found) == normalize(formula)):
                yield js, ref, formula, found


MAX_KOMPONEN = 1000  # a recorded count above this is a damaged key, not a structure


def generated_count(place: IndikatorRows) -> int | None:
    """How many komponen rows the indicator was generated with (None: an older workbook)."""
    count = place.key.get("komponen")
    return count if type(count) is int and 0 <= count <= MAX_KOMPONEN else None


def missing_komponen(place: IndikatorRows) -> list[int]:
    """The numbers (1-based) of the generated komponen rows no longer found."""
    count = generated_count(place) or 0
    return sorted(set(range(1, count + 1)) - {p.n for p in place.parts})


def komponen_intact(jenis: str, place: IndikatorRows) -> bool:
    """Whether the komponen rows are those the indicator was generated with, in order.

    Without a recorded count (workbooks made before it was recorded), whether the jenis
    still has the rows its formulas need.
    """
    count = generated_count(place)
    if count is not None:
        return [p.n for p in place.parts] == list(range(1, count + 1))
    rule, found = JENIS[jenis].komponen, len(place.parts)
    return not ((rule == "two" and found != 2) or (rule == "some" and found == 0))


def broken_indicators(rec: Recovered) -> Iterator[tuple[JabatanSheet, Indikator, IndikatorRows]]:
    """(sheet, indicator, rows) of every indicator whose komponen rows are not intact."""
    for js in rec.sheets:
        for ind in js.plan.jabatan.indikator:
            place = js.indikator_rows[ind.id]
            if not ind.salin and not komponen_intact(ind.jenis, place):
                yield js, ind, place


_SPACES = re.compile(r"\s+")


def normalize(formula: str) -> str:
    """A formula in a form that survives re-saving by Excel or LibreOffice."""
    out = str(formula).lstrip("=").replace("$", "").replace("'", "")
    return _SPACES.sub("", out).upper()
