"""Validation rules, a registry by code. Each rule looks at the recovered workbook only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from ..model.catalogue import Indikator
from ..model.jenis import JENIS, label_values
from ..model.numbers import Results, label_number
from ..reader.recover import COL, JabatanSheet, Recovered, text
from ..reader.source import SheetData
from ..verification import Row, rows_of
from ..workbook import layout as L
from ..workbook.formulas import Formula
from .expected import (
    broken_indicators,
    changed_formulas,
    generated_count,
    missing_komponen,
    older_form,
)
from .findings import GALAT, INFO, PERINGATAN, Finding, Options
from .inputs import Input, inputs, number
from .numbers_id import parse_number
from .percent import Fraction, fractions


@dataclass
class Context:
    rec: Recovered
    results: Results
    options: Options

    @cached_property
    def inputs(self) -> list[Input]:
        """Every input cell, found once for all the rules."""
        return list(inputs(self.rec))

    @cached_property
    def verifikasi(self) -> tuple[SheetData, list[Row]] | None:
        """The Verifikasi sheet and its indicator rows (None without one), read once."""
        return rows_of(self.rec)

    @cached_property
    def changed(self) -> list[tuple[JabatanSheet, str, str, object]]:
        """The generated formulas that are not there as written (none when the book was read
        as values: a value is no sign of an overwrite)."""
        return list(changed_formulas(self.rec)) if self.rec.book.formulas else []

    @cached_property
    def fractions(self) -> list[Fraction]:
        return list(fractions(self.inputs, self.results))


Check = Callable[[Context], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    description: str
    check: Check


RULES: dict[str, Rule] = {}


def rule(code: str, severity: str, description: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        RULES[code] = Rule(code, severity, description, check)
        return check
    return register


def _finding(code: str, i: Input, message: str, suggestion: float | str | None = None
             ) -> Finding:
    return Finding(code, RULES[code].severity, i.js.title, i.cell,
                   f"{i.ind.nama} ({i.what}): {message}", suggestion)


# --- rules on entered values ------------------------------------------------------------


@rule("teks-di-angka", GALAT, "teks di sel yang seharusnya berisi angka")
def text_in_number(ctx: Context) -> Iterator[Finding]:
    for i in ctx.inputs:
        if i.labels or not isinstance(i.value, str) or isinstance(i.value, Formula):
            continue
        if not i.value.strip():
            continue
        guess = parse_number(i.value)
        if guess is not None:
            hint = f"ketik angkanya saja: {guess:g}"
        elif i.what == "target" and "-" in i.value:
            hint = "untuk target rentang, isi batas bawah di kolom Nilai dan batas atas di s.d."
        else:
            hint = "ketik angka tanpa satuan atau keterangan"
        yield _finding("teks-di-angka", i, f"'{i.value}' bukan angka; {hint}", guess)


@rule("label-tidak-dikenal", GALAT, "isian yang bukan salah satu pilihan")
def unknown_label(ctx: Context) -> Iterator[Finding]:
    for i in ctx.inputs:
        if not i.labels or i.value is None or isinstance(i.value, Formula):
            continue
        if label_number(i.ind, i.value) is None:  # type: ignore[arg-type]
            choices = ", ".join(label_values(i.ind.jenis, i.ind.skala))
            yield _finding("label-tidak-dikenal", i,
                           f"'{text(i.value)}' bukan pilihan yang dikenal; pilih: {choices}")


@rule("angka-negatif", GALAT, "angka negatif untuk jumlah atau bagian persentase")
def negative(ctx: Context) -> Iterator[Finding]:
    for i in ctx.inputs:
        value = number(i.value)
        if i.count and value is not None and value < 0:
            yield _finding("angka-negatif", i, f"{value:g} tidak boleh negatif")


@rule("skor-di-luar-skala", GALAT, "skor di luar skalanya")
def score_outside(ctx: Context) -> Iterator[Finding]:
    for i in ctx.inputs:
        value = number(i.value)
        if JENIS[i.ind.jenis].skala != "range" or value is None or len(i.ind.skala) != 2:
            continue
        lo, hi = (float(x) for x in i.ind.skala)
        if not lo <= value <= hi:
            yield _finding("skor-di-luar-skala", i, f"{value:g} di luar skala {lo:g}-{hi:g}")


@rule("persen-di-atas-100", PERINGATAN, "persentase yang diisi langsung melebihi 100")
def percent_over_100(ctx: Context) -> Iterator[Finding]:
    for i in ctx.inputs:
        value = number(i.value)
        if i.ind.satuan.strip() == "%" and value is not None and value > 100 and \
                not i.what.startswith(("pembilang", "penyebut", "komponen")):
            yield _finding("persen-di-atas-100", i, f"{value:g}% melebihi 100%; periksa isian")


@rule("persen-pecahan", GALAT, "persentase yang tersimpan sebagai pecahan (85% menjadi 0,85)")
def percent_as_fraction(ctx: Context) -> Iterator[Finding]:
    for f in ctx.fractions:
        if f.evidence == "format":
            why = f"diketik {f.meant:g}% sehingga tersimpan sebagai {f.value:g}"
        elif f.evidence == "range":
            why = (f"batas atas {f.value:g} lebih kecil dari Nilai {f.reference:g}: tampaknya "
                   f"{f.meant:g}% tersimpan sebagai {f.value:g}")
        else:
            continue
        yield _finding("persen-pecahan", f.input, f"{why}; lembar ini memakai angka persen "
                       f"tanpa tanda %: ketik {f.meant:g}", f.meant)


@rule("persen-mungkin-pecahan", PERINGATAN,
      "angka persen di bawah 1 di antara angka persen yang jauh lebih besar")
def percent_maybe_fraction(ctx: Context) -> Iterator[Finding]:
    for f in ctx.fractions:
        if f.evidence == "others":
            yield _finding("persen-mungkin-pecahan", f.input,
                           f"{f.value:g} tampak seperti {f.meant:g}% yang tersimpan sebagai "
                           f"pecahan, padahal nilai lain indikator ini sekitar {f.reference:g}; "
                           f"ketik {f.meant:g} (tanpa tanda %), atau biarkan bila memang "
                           f"{f.value:g}%", f.meant)


@rule("target-terbalik", GALAT, "target rentang dengan batas bawah di atas batas atas")
def reversed_range(ctx: Context) -> Iterator[Finding]:
    meant = {(f.input.js.title, f.input.cell): f.meant for f in ctx.fractions}
    bounds: dict[tuple[str, int], dict[str, Input]] = {}
    for i in ctx.inputs:
        if i.what.startswith("target"):
            bounds.setdefault((i.js.title, i.row), {})[i.what] = i
    for pair in bounds.values():
        low, high = pair.get("target"), pair.get("target s.d.")
        if low is None or high is None:
            continue  # a label target
        lo, hi = number(low.value), number(high.value)
        if lo is None or hi is None:
            continue
        fixed = [meant.get((i.js.title, i.cell), v) for i, v in ((low, lo), (high, hi))]
        if lo > hi and fixed[0] > fixed[1]:  # not explained by a percentage stored as fraction
            yield _finding("target-terbalik", low,
                           f"Nilai {lo:g} lebih besar dari s.d. {hi:g}; batas bawah diisi di "
                           f"Nilai dan batas atas di s.d.: tukar keduanya (Nilai {hi:g}, s.d. "
                           f"{lo:g})", hi)


def _ratio_parts(ctx: Context) -> Iterator[tuple[JabatanSheet, Indikator, int, int, int]]:
    """(sheet, indicator, quarter, pembilang row, penyebut row) of every ratio quarter."""
    for js in ctx.rec.sheets:
        for ind in js.plan.jabatan.indikator:
            parts = js.indikator_rows[ind.id].parts
            if JENIS[ind.jenis].is_ratio and len(parts) == 2 and not any(p.ref for p in parts):
                for q in range(4):
                    yield js, ind, q, parts[0].row, parts[1].row


@rule("pembilang-melebihi-penyebut", PERINGATAN, "pembilang lebih besar dari penyebut")
def numerator_over_denominator(ctx: Context) -> Iterator[Finding]:
    for js, ind, q, p_row, d_row in _ratio_parts(ctx):
        if not JENIS[ind.jenis].percent:
            continue
        col = L.TW[q].letter
        p, d = (number(js.sheet.get(r, COL[col])) for r in (p_row, d_row))
        if p is not None and d is not None and d > 0 and p > d:
            yield Finding("pembilang-melebihi-penyebut", PERINGATAN, js.title, f"{col}{p_row}",
                          f"{ind.nama} ({L.TW[q].sub}): pembilang {p:g} lebih besar dari "
                          f"penyebut {d:g}; persentase menjadi {p / d * 100:.1f}%")


@rule("penyebut-nol", GALAT, "penyebut 0")
def zero_denominator(ctx: Context) -> Iterator[Finding]:
    for js, ind, q, _, d_row in _ratio_parts(ctx):
        col = L.TW[q].letter
        d = number(js.sheet.get(d_row, COL[col]))
        if d == 0:
            yield Finding("penyebut-nol", GALAT, js.title, f"{col}{d_row}",
                          f"{ind.nama} ({L.TW[q].sub}): penyebut 0, nilai triwulan ini tidak "
                          "bisa dihitung; isi penyebut yang benar atau kosongkan triwulan ini")


@rule("triwulan-terlewat", PERINGATAN, "triwulan terisi sesudah triwulan yang kosong")
def skipped_quarter(ctx: Context) -> Iterator[Finding]:
    rows: dict[tuple[str, int], list[Input]] = {}
    for i in ctx.inputs:
        if i.col in {tw.letter for tw in L.TW}:
            rows.setdefault((i.js.title, i.row), []).append(i)
    for series in rows.values():
        filled = [i.value is not None and text(i.value) != "" for i in series]
        if any(filled):
            last = max(k for k, f in enumerate(filled) if f)
            for k in range(last):
                if not filled[k]:
                    later = series[last].what.split()[-2:]
                    yield _finding("triwulan-terlewat", series[k],
                                   f"kosong padahal {' '.join(later)} sudah terisi; isi "
                                   "triwulan ini (0 bila memang nol)")


@rule("target-kosong", PERINGATAN, "realisasi sudah diisi tetapi target belum")
def missing_target(ctx: Context) -> Iterator[Finding]:
    for js in ctx.rec.sheets:
        for ind in js.plan.jabatan.indikator:
            res = ctx.results.indikator[js.plan.jabatan.id, ind.id]
            if ind.target in (None, "") and res.realisasi is not None:
                row = js.indikator_rows[ind.id].row
                yield Finding("target-kosong", PERINGATAN, js.title, f"{L.TARGET.letter}{row}",
                              f"{ind.nama}: target belum diisi, capaian tidak bisa dihitung")


@rule("capaian-tidak-wajar", PERINGATAN, "realisasi jauh melampaui target")
def far_beyond_target(ctx: Context) -> Iterator[Finding]:
    limit = ctx.options.batas_capaian_wajar
    for js in ctx.rec.sheets:
        for ind in js.plan.jabatan.indikator:
            res = ctx.results.indikator[js.plan.jabatan.id, ind.id]
            if res.capaian is not None and res.capaian > limit:
                row = js.indikator_rows[ind.id].row
                yield Finding("capaian-tidak-wajar", PERINGATAN, js.title,
                              f"{L.CAPAIAN.letter}{row}",
                              f"{ind.nama}: capaian {res.capaian:.0f}% melebihi {limit:g}%; "
                              "periksa realisasi dan target (salah ketik?)")


# --- rules on the structure --------------------------------------------------------------


@rule("rumus-berubah", GALAT, "rumus yang ditimpa atau dihapus")
def changed_formula(ctx: Context) -> Iterator[Finding]:
    for js, ref, formula, found in ctx.changed:
        if isinstance(found, Formula):
            if older_form(formula, found):
                continue  # rumus-versi-lama, said once
            message = "rumus diubah dari rumus bawaan"
        elif found is None:
            message = "rumus dihapus"
        else:
            message = f"rumus ditimpa dengan nilai '{text(found)}'"
        yield Finding("rumus-berubah", GALAT, js.title, ref,
                      f"{message}; jalankan 'xl-iki summary --repair-formulas' atau salin "
                      "rumus dari baris lain", formula)


@rule("rumus-versi-lama", PERINGATAN, "rumus capaian dari xl-iki versi lama (sekali per workbook)")
def older_formulas(ctx: Context) -> Iterator[Finding]:
    old = [(js.title, ref) for js, ref, formula, found in ctx.changed
           if isinstance(found, Formula) and older_form(formula, found)]
    if old:
        sheets = list(dict.fromkeys(title for title, _ in old))
        yield Finding("rumus-versi-lama", PERINGATAN, sheets[0], "",
                      f"workbook ini dibuat xl-iki versi lama: {len(old)} rumus capaian di "
                      f"{len(sheets)} lembar belum membulatkan capaian ke 2 desimal, sehingga "
                      "predikat di batas kelas bisa berbeda dari hasil summary — jalankan "
                      "'xl-iki summary --repair-formulas' untuk memperbarui rumus")


@rule("ref-hilang", GALAT, "komponen atau salinan merujuk indikator yang tidak ada lagi")
def missing_ref(ctx: Context) -> Iterator[Finding]:
    for js in ctx.rec.sheets:
        for ind in js.plan.jabatan.indikator:
            place = js.indikator_rows[ind.id]
            refs = [("komponen", p.ref, p.row) for p in place.parts if p.ref]
            if ind.salin:
                refs.append(("salinan", ind.salin, place.row))
            for what, ref, row in refs:
                jab_id, _, ind_id = ref.partition(".")
                source = ctx.rec.sheet_of(jab_id)
                if source is None or ind_id not in source.indikator_rows:
                    yield Finding("ref-hilang", GALAT, js.title, f"{L.INDIKATOR.letter}{row}",
                                  f"{ind.nama}: {what} merujuk '{ref}' yang tidak ada "
                                  "lagi (lembarnya dihapus?); kembalikan lembar itu atau isi "
                                  "nilainya langsung")


def structure_findings(rec: Recovered) -> Iterator[Finding]:
    """An error at every indicator whose komponen rows differ from those it was made with."""
    for js, ind, place in broken_indicators(rec):
        count, missing = generated_count(place), missing_komponen(place)
        if missing:
            which = ", ".join(f"ke-{n}" for n in missing) if len(missing) <= 5 else \
                f"{len(missing)} baris"
            what = (f"baris komponen {which} dari {count} terhapus; realisasinya kini dihitung "
                    "tanpa komponen itu")
        elif count is not None:
            what = (f"baris komponen tidak lagi sama dengan saat workbook dibuat ({count} "
                    f"komponen, kini {len(place.parts)} baris)")
        else:
            what = f"baris komponen ({ind.jenis}) terhapus"
        yield Finding("struktur-rusak", GALAT, js.title, f"{L.INDIKATOR.letter}{place.row}",
                      f"{ind.nama}: {what}. Kembalikan barisnya (misalnya salin dari berkas "
                      "cadangan) atau buat ulang workbook dari katalog; 'summary "
                      "--repair-formulas' sengaja tidak mengubah indikator ini")


@rule("struktur-rusak", GALAT, "baris komponen hilang")
def broken_structure(ctx: Context) -> Iterator[Finding]:
    for js in ctx.rec.sheets:
        if not js.plan.header_row:
            yield Finding("struktur-rusak", GALAT, js.title, "",
                          "baris judul tabel tidak ditemukan (terhapus?)")
    yield from structure_findings(ctx.rec)


@rule("id-ganda", PERINGATAN, "lembar atau baris hasil salinan memakai kunci yang sama")
def duplicate_ids(ctx: Context) -> Iterator[Finding]:
    for js in ctx.rec.sheets:
        if js.duplicate_of:
            yield Finding("id-ganda", PERINGATAN, js.title, "A1",
                          f"lembar ini salinan dari '{js.duplicate_of}' (id '{js.key_id}'); "
                          f"dianggap jabatan baru '{js.plan.jabatan.id}'. Ganti nama jabatan di "
                          f"{L.INDIKATOR.letter}{js.field_rows.get('jabatan', L.FIELD_ROW)} "
                          "bila memang jabatan lain")
        for ind_id, row in js.duplicate_indikator:
            yield Finding("id-ganda", PERINGATAN, js.title, f"{L.INDIKATOR.letter}{row}",
                          f"baris indikator ini salinan dari indikator '{ind_id}'")


@rule("jabatan-ganda", PERINGATAN, "dua lembar dengan jabatan dan unit kerja yang sama")
def duplicate_jabatan(ctx: Context) -> Iterator[Finding]:
    seen: dict[tuple[str, str], str] = {}
    for js in ctx.rec.sheets:
        jab = js.plan.jabatan
        pair = (jab.nama.casefold(), jab.unit_kerja.casefold())
        if pair in seen:
            row = js.field_rows.get("jabatan", L.FIELD_ROW)
            yield Finding("jabatan-ganda", PERINGATAN, js.title, f"{L.INDIKATOR.letter}{row}",
                          f"jabatan '{jab.nama}' ({jab.unit_kerja or 'tanpa unit kerja'}) sudah "
                          f"ada di lembar '{seen[pair]}'; ubah nama atau unit kerjanya")
        seen.setdefault(pair, js.title)


@rule("lembar-lain", INFO, "lembar yang bukan lembar IKI (diabaikan)")
def other_sheets(ctx: Context) -> Iterator[Finding]:
    for title in ctx.rec.ignored:
        yield Finding("lembar-lain", INFO, title, "",
                      "bukan lembar IKI (tidak ada kunci di sel A1); diabaikan")
