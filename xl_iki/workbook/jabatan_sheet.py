"""One sheet per jabatan: the header of the official document and the indicator table."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..formatting import tanggal_id
from ..model.catalogue import Catalogue, Indikator, Komponen
from ..model.jenis import JENIS, default_penjelasan, label_values
from . import formulas as fx
from . import layout as L
from .cells import SheetWriter, compact, locate, span_width
from .plan import Plan, plan  # noqa: F401  (plan: re-exported for the writers' callers)
from .printing import page_setup, paginate_jabatan
from .stylebook import BAND_COLOURS, READABLE_DECIMALS

WIDTHS = {c.letter: c.width for c in (*L.TABLE, *L.HELPERS)} | {L.KEY_COL: 3}
#: the columns of a sheet with quarterly targets, right of the hidden helpers
QUARTER_COLUMNS = (*L.QUARTERLY, *L.QUARTER_HELPERS, *L.TARGET_TW_MAX, *L.RANGE_HELPERS)
QUARTER_WIDTHS = {c.letter: c.width for c in QUARTER_COLUMNS}
HIDDEN_HELPERS = (*L.HELPERS, *L.QUARTER_HELPERS, *L.RANGE_HELPERS)
#: (style, number format) of the shown quarterly formulas; the others are hidden helpers
QUARTER_STYLES = {**{c: ("iki_formula", "0.00") for c in L.CAPAIAN_TW},
                  **{c: ("iki_formula_text", None) for c in L.PREDIKAT_TW}}
LABEL_SPAN = (L.SASARAN.letter, L.SASARAN.letter)
VALUE_SPAN = (L.INDIKATOR.letter, L.LAST)
MAX_LIST = 255  # Excel drops a dropdown whose written-out list is longer (and calls it damage)
MAX_MESSAGE = 255  # Excel's limit for a data validation's error message


class JabatanSheetWriter(SheetWriter):
    """Writes one planned jabatan sheet."""

    def __init__(self, sink, p: Plan, cat: Catalogue, plans: dict[str, Plan]):
        super().__init__(sink)
        self.plan, self.cat, self.plans = p, cat, plans
        self.validations: dict[tuple, list[str]] = {}

    def validate(self, rule: tuple, ref: str) -> None:
        self.validations.setdefault(rule, []).append(ref)

    # -- the sheet --------------------------------------------------------------------------
    def write(self) -> None:
        jab = self.plan.jabatan
        self.put(f"{L.KEY_COL}1", L.key(iki=1, jabatan=jab.id,
                                        **({"atasan": jab.atasan} if jab.atasan else {}),
                                        **({"iku": 1} if jab.iku else {})))
        self._title()
        self._fields()
        self._table_header()
        for ind in jab.indikator:
            self._indikator(ind)
        self._merge_sasaran()
        self._signature()
        self._finish()

    def _title(self) -> None:
        inst = self.cat.instansi
        lines = ("INDIKATOR KINERJA INDIVIDU", f"{inst.nama} {inst.pemda}".upper(),
                 f"TAHUN {inst.tahun}")
        for row, (text, style) in enumerate(zip(lines, ("iki_title", "iki_subtitle",
                                                       "iki_subtitle")), start=1):
            self.put(f"{L.FIRST}{row}", text, style)
            self.sink.merge(f"{L.FIRST}{row}:{L.LAST}{row}")

    def _fields(self) -> None:
        jab, row = self.plan.jabatan, L.FIELD_ROW
        labels = (("Tingkat", "Perangkat Daerah", "Tujuan") if jab.iku
                  else ("Jabatan", "Unit Kerja", "Tugas"))
        row = self._numbered(row, 1, "jabatan", labels[0], (jab.nama,))
        row = self._numbered(row, 2, "unit_kerja", labels[1], (jab.unit_kerja,))
        row = self._numbered(row, 3, "tugas", labels[2], jab.tugas)
        self._numbered(row, 4, "fungsi", "Fungsi", jab.fungsi)

    def _numbered(self, row: int, n: int, name: str, label: str, items: tuple[str, ...]) -> int:
        self.put(f"{L.KEY_COL}{row}", L.key(hdr=name))
        self.put(f"{L.FIRST}{row}", f"{n}.", "iki_label")
        self.put(f"{L.SASARAN.letter}{row}", label, "iki_label")
        width = span_width(WIDTHS, *VALUE_SPAN)
        lines = ([f"{k}. {item}" for k, item in enumerate(items, start=1)] if len(items) > 1
                 else [items[0] if items and items[0] else L.BLANK_FIELD])
        for k, line in enumerate(lines, start=1):
            if k > 1:
                self.put(f"{L.KEY_COL}{row}", L.key(hdr=name, n=k))
            self.text(f"{L.INDIKATOR.letter}{row}", line, "iki_plain", width)
            self.sink.merge(f"{L.INDIKATOR.letter}{row}:{L.LAST}{row}")
            row += 1
        return row

    def _table_header(self) -> None:
        h = self.plan.header_row
        self.put(f"{L.KEY_COL}{h}", L.key(tabel="header"))
        quarterly = QUARTER_COLUMNS if self.plan.quarterly else ()
        for first, last in (zip(L.RENCANA, L.PREDIKAT_TW) if quarterly else ()):
            self.sink.merge(f"{first.letter}{h}:{last.letter}{h}")
        if quarterly:
            self.sink.merge(f"{L.TARGET_TW_MAX[0].letter}{h}:{L.TARGET_TW_MAX[-1].letter}{h}")
        nilai = (L.NILAI,) if self.cat.nilai else ()
        for col in (*L.TABLE, *L.HELPERS, *quarterly, *nilai):
            self.put(f"{col.letter}{h}", col.header, "iki_header")
            self.put(f"{col.letter}{h + 1}", col.sub or None, "iki_header")
            self.heights.need(h + 1, col.sub, col.width)
            if not col.sub and (col in L.TABLE or col == L.NILAI):
                self.sink.merge(f"{col.letter}{h}:{col.letter}{h + 1}")
        self.sink.merge(f"{L.TARGET.letter}{h}:{L.TARGET_MAX.letter}{h}")
        self.sink.merge(f"{L.TW[0].letter}{h}:{L.TW[-1].letter}{h}")
        self.heights.lines[h] = 2

    def _indikator(self, ind: Indikator) -> None:
        row, parts = self.plan.rows[ind.id]
        spec = JENIS[ind.jenis]
        self.put(f"{L.KEY_COL}{row}", L.key(
            ind=ind.id, jenis=ind.jenis, arah=ind.arah, akumulasi=ind.akumulasi,
            **({"skala": list(ind.skala)} if ind.skala else {}),
            **({"komponen": len(ind.komponen)} if ind.komponen else {}),
            **({"periode": ind.periode} if ind.periode != "triwulanan" else {}),
            **({"tw": 1} if ind.quarterly else {}),
            **({"peran": ind.peran} if not ind.counted else {}),
            **({"salin": ind.salin} if ind.salin else {}),
            **({"tujuan": ind.tujuan} if ind.tujuan else {}),
        ))
        number = list(self.plan.rows).index(ind.id) + 1
        self.put(f"{L.NO.letter}{row}", number, "iki_center")
        if self.plan.sasaran_rows[ind.id] == row:
            self.put(f"{L.SASARAN.letter}{row}", ind.sasaran, "iki_text")
        names = [(self._part_name(k), k.bobot) for k in ind.komponen]
        penjelasan = (self._salin_note(ind) if ind.salin else ind.penjelasan
                      or default_penjelasan(ind.jenis, names, ind.skala, ind.akumulasi))
        for col, value in ((L.INDIKATOR, ind.nama), (L.PENJELASAN, penjelasan),
                           (L.SATUAN, ind.satuan or spec.satuan), (L.SUMBER, ind.sumber_data),
                           (L.PJ, ind.penanggung_jawab)):
            self.text(f"{col.letter}{row}", value, "iki_text", col.width)
        if ind.salin:
            self._salin(ind, row)
        else:
            self._computed(ind, row, parts)
        self.text(f"{L.KETERANGAN.letter}{row}", ind.keterangan, "iki_input_text",
                  L.KETERANGAN.width)
        if ind.quarterly and not ind.salin:
            self._quarters(ind, row, parts)
        if self.cat.nilai:
            self.put(f"{L.NILAI.letter}{row}",
                     fx.nilai(self.cat.nilai, f"{L.CAPAIAN.letter}{row}"), "iki_formula", "0")
        if self.plan.jabatan.has_pendukung:
            for col, source in zip(L.COUNTED, (L.CAPAIAN, L.PREDIKAT)):
                self.put(f"{col.letter}{row}", fx.counted(ind, f"{source.letter}{row}"),
                         "iki_helper")
        for n, (k, part_row) in enumerate(zip(ind.komponen, parts), start=1):
            self._komponen(ind, k, n, part_row, spec.is_ratio)

    def _computed(self, ind: Indikator, row: int, parts: tuple[int, ...]) -> None:
        """The entered and computed cells of an indicator of this sheet."""
        spec = JENIS[ind.jenis]
        self._target(ind, row)
        for q, col in enumerate(L.TW):
            formula = fx.quarter_value(ind, col.letter, parts)
            ref = f"{col.letter}{row}"
            if formula is None and q not in ind.input_quarters:
                self.put(ref, None, "iki_part")  # measured once a year: no input this quarter
            elif formula is None:
                self.put(ref, ind.realisasi[q], "iki_input", "General")
                self.validate(self._rule(ind), ref)
            else:
                self.put(ref, formula, "iki_formula", spec.value_format)
        for q, col in enumerate(L.VALUE):
            self.put(f"{col.letter}{row}", fx.number_or_blank(ind, f"{L.TW[q].letter}{row}"),
                     "iki_helper")
        self.put(f"{L.TARGET_LO.letter}{row}", fx.target_low(ind, row), "iki_helper")
        self.put(f"{L.TARGET_HI.letter}{row}", fx.target_high(ind, row), "iki_helper")
        self.put(f"{L.REAL_NUM.letter}{row}", fx.realisasi(ind, row, parts), "iki_helper")
        self.put(f"{L.TARGET_EFF.letter}{row}", fx.target_used(row), "iki_helper")
        self.put(f"{L.REALISASI.letter}{row}", fx.realisasi_display(ind, row), "iki_formula",
                 spec.real_format)
        cap = fx.capaian(ind, row, self.cat.instansi.batas_capaian)
        self.put(f"{L.CAPAIAN.letter}{row}", cap, "iki_formula", "0.00")
        self.put(f"{L.PREDIKAT.letter}{row}",
                 fx.predikat(self.cat.predikat, f"{L.CAPAIAN.letter}{row}"), "iki_formula_text")

    def _salin_note(self, ind: Indikator) -> str:
        jab_id, _, ind_id = (ind.salin or "").partition(".")
        source = self.cat.indikator(ind.salin or "")
        return (f"Sama dengan indikator '{source.nama if source else ind_id}' di lembar "
                f"'{self.plans[jab_id].title}': diisi di sana, tampil di sini")

    def _salin(self, ind: Indikator, row: int) -> None:
        """Every entered and computed cell shows the source indicator's (no second input)."""
        jab_id, _, ind_id = (ind.salin or "").partition(".")
        source = self.plans[jab_id]
        spec = JENIS[ind.jenis]
        formats = {L.REALISASI: spec.real_format, L.CAPAIAN: "0.00",
                   **{c: spec.value_format for c in L.TW},
                   **{c: "0.00" for c in L.CAPAIAN_TW}}
        for col in fx.salin_columns(ind):
            self.put(f"{col.letter}{row}", fx.copy_of(source.title, source.rows[ind_id][0], col),
                     "iki_helper" if col in HIDDEN_HELPERS else "iki_formula",
                     formats.get(col, "General"))

    def _quarters(self, ind: Indikator, row: int, parts: tuple[int, ...]) -> None:
        """Rencana aksi, target to date (a range's upper bound in its own cell), capaian and
        predikat of each triwulan."""
        cap, bands = self.cat.instansi.batas_capaian, self.cat.predikat
        for q in range(len(L.TW)):
            rencana = ind.rencana_aksi[q] if ind.rencana_aksi else ""
            self.text(f"{L.RENCANA[q].letter}{row}", rencana, "iki_input_text",
                      L.RENCANA[q].width)
            target, high = ind.target_tw_bounds(q)
            self._target_cells(ind, (f"{L.TARGET_TW[q].letter}{row}", target),
                               (f"{L.TARGET_TW_MAX[q].letter}{row}", high))
            for col, formula in fx.quarterly(ind, row, parts, q, cap, bands):
                self.put(f"{col.letter}{row}", formula,
                         *QUARTER_STYLES.get(col, ("iki_helper", None)))

    def _target(self, ind: Indikator, row: int) -> None:
        self._target_cells(ind, (f"{L.TARGET.letter}{row}", ind.target),
                           (f"{L.TARGET_MAX.letter}{row}", ind.target_max))

    def _target_cells(self, ind: Indikator, lo: tuple[str, object], hi: tuple[str, object]
                      ) -> None:
        """A target's input cells: (cell, value) of the target and of a range's upper bound
        (no input for a label target)."""
        self.put(*lo, "iki_input", "General")
        self.validate(self._rule(ind, target=True), lo[0])
        if JENIS[ind.jenis].labels:
            self.put(hi[0], None, "iki_part_center")
        else:
            self.put(*hi, "iki_input", "General")
            self.validate(self._rule(ind, target=True), hi[0])

    def _part_name(self, k: Komponen) -> str:
        if not k.ref:
            return k.nama
        target = self.cat.indikator(k.ref)
        return k.nama or (target.nama if target else k.ref)

    def _komponen(self, ind: Indikator, k: Komponen, n: int, row: int, ratio: bool) -> None:
        role = ("pembilang", "penyebut")[n - 1] if ratio else "komponen"
        self.put(f"{L.KEY_COL}{row}", L.key(kmp=ind.id, n=n, peran=role,
                                            **({"ref": k.ref} if k.ref else {})))
        prefix = {"pembilang": "Pembilang: ", "penyebut": "Penyebut: "}.get(role, f"{n}) ")
        self.text(f"{L.INDIKATOR.letter}{row}", prefix + self._part_name(k), "iki_part",
                  L.INDIKATOR.width)
        note = ""
        if k.ref:
            jab_id, _, ind_id = k.ref.partition(".")
            note = f"Diambil dari lembar '{self.plans[jab_id].title}'"
        self.text(f"{L.PENJELASAN.letter}{row}", note, "iki_part", L.PENJELASAN.width)
        if JENIS[ind.jenis].bobot:
            self.put(f"{L.SATUAN.letter}{row}", k.bobot, "iki_part_center", '"bobot "General')
        else:
            self.put(f"{L.SATUAN.letter}{row}", None, "iki_part")
        for col in (L.NO, L.SUMBER, L.PJ, L.TARGET, L.TARGET_MAX, L.REALISASI, L.CAPAIAN,
                    L.PREDIKAT, L.KETERANGAN, *((L.NILAI,) if self.cat.nilai else ())):
            self.put(f"{col.letter}{row}", None, "iki_part")
        for q, col in enumerate(L.TW):
            ref = f"{col.letter}{row}"
            if not k.ref and q not in ind.input_quarters:
                self.put(ref, None, "iki_part")
            elif k.ref:
                jab_id, _, ind_id = k.ref.partition(".")
                source = self.plans[jab_id]
                self.put(ref, fx.ref_value(source.title, source.rows[ind_id][0], q),
                         "iki_formula", READABLE_DECIMALS)
            else:
                self.put(ref, k.realisasi[q], "iki_input", "General")
                self.validate(("count",) if JENIS[ind.jenis].count else ("number",), ref)

    def _rule(self, ind: Indikator, target: bool = False) -> tuple:
        kind = JENIS[ind.jenis].input
        if kind == "list":
            return ("list", *label_values(ind.jenis, ind.skala))
        if kind == "between":
            return ("between", *ind.skala)
        return ("count",) if kind == "count" or target else ("number",)

    def _merge_sasaran(self) -> None:
        groups: dict[int, int] = {}
        texts: dict[int, str] = {}
        for ind in self.plan.jabatan.indikator:
            row, parts = self.plan.rows[ind.id]
            first = self.plan.sasaran_rows[ind.id]
            groups[first] = parts[-1] if parts else row
            texts.setdefault(first, ind.sasaran)
        col = L.SASARAN.letter
        for first, last in groups.items():
            for row in range(first + 1, last + 1):  # a merged range shows its cells' borders
                self.put(f"{col}{row}", None, "iki_text")
            if last > first:
                self.sink.merge(f"{col}{first}:{col}{last}")
            self.heights.spread(range(first, last + 1), texts[first], L.SASARAN.width)

    def _signature(self) -> None:
        inst = self.cat.instansi
        signer = inst.penandatangan
        if signer is None:
            return
        kep = inst.keputusan
        place = ", ".join(x for x in ((kep.tempat if kep else ""),
                                      tanggal_id(kep.tanggal if kep else None)) if x)
        lines = [place, signer.jabatan, "", "", "", signer.nama, signer.pangkat,
                 f"NIP. {signer.nip}" if signer.nip else ""]
        first = self.plan.last_row + 2
        col_a, col_b = L.REALISASI.letter, L.LAST
        self.put(f"{L.KEY_COL}{first}", L.key(ttd=1))
        for k, text in enumerate(lines):
            row = first + k
            self.put(f"{col_a}{row}", text, "iki_sign_name" if k == 5 else "iki_sign")
            self.sink.merge(f"{col_a}{row}:{col_b}{row}")
            self.heights.need(row, text, span_width(WIDTHS, col_a, col_b))

    def _finish(self) -> None:
        ws, p = self.ws, self.plan
        for letter, width in (WIDTHS | (QUARTER_WIDTHS if p.quarterly else {})).items():
            ws.column_dimensions[letter].width = width
        ws.column_dimensions[L.KEY_COL].hidden = True
        ws.column_dimensions.group(L.HELPERS[0].letter, L.HELPERS[-1].letter, hidden=True)
        if p.jabatan.has_pendukung or self.cat.nilai or p.quarterly:  # never printed
            ws.column_dimensions.group(L.COUNTED[0].letter, L.COUNTED[-1].letter, hidden=True)
        if self.cat.nilai:
            ws.column_dimensions[L.NILAI.letter].width = L.NILAI.width
            if not p.quarterly:  # the Nilai column right next to the table
                ws.column_dimensions.group(L.QUARTERLY[0].letter, L.QUARTER_HELPERS[-1].letter,
                                           hidden=True)
        if p.quarterly:
            for helpers in (L.QUARTER_HELPERS, L.RANGE_HELPERS):
                ws.column_dimensions.group(helpers[0].letter, helpers[-1].letter, hidden=True)
        self.set_heights()
        self._data_validation()
        self._conditional_format()
        ws.freeze_panes = f"{L.SASARAN.letter}{p.first_row}"
        ws.print_title_rows = f"{p.header_row}:{p.header_row + 1}"
        last = p.last_row + (9 if self.cat.instansi.penandatangan else 0)
        areas = self._print_areas()
        ws.print_area = ",".join(f"{cols[0].letter}{top}:{cols[-1].letter}{last}"
                                 for top, cols in areas)
        if len(areas) > 1:  # the quarterly pages name each row's indicator
            ws.print_title_cols = f"{L.INDIKATOR.letter}:{L.INDIKATOR.letter}"
        page_setup(ws)
        paginate_jabatan(self, p, [[c.width for c in cols] for _, cols in areas], last,
                         (p.last_row + 2, last) if self.cat.instansi.penandatangan else None)
        self.sink.protect()
        ws.protection.insertRows = False

    def _print_areas(self) -> list[tuple[int, tuple[L.Column, ...]]]:
        """(first row, visible columns) of each print area: the table (with Nilai when set);
        on a sheet with quarterly targets the quarterly group, Nilai and the range bounds
        form a second area from the table header down, printed on pages of their own (one
        A4 page width cannot hold both readably), with the Indikator column repeated."""
        nilai = (L.NILAI,) if self.cat.nilai else ()
        if not self.plan.quarterly:
            return [(1, (*L.TABLE, *nilai))]
        return [(1, L.TABLE), (self.plan.header_row, (*L.QUARTERLY, *nilai, *L.TARGET_TW_MAX))]

    def _data_validation(self) -> None:
        for rule, refs in self.validations.items():
            dv = _validation(rule)
            if dv.type == "list" and len(dv.formula1) > MAX_LIST:
                dv.formula1 = self._hidden_list(rule[1:], locate(refs[0])[0])
            dv.sqref = compact(refs)
            self.ws.add_data_validation(dv)

    def _hidden_list(self, labels: tuple[str, ...], row: int) -> str:
        """Labels in hidden, locked cells of ``row`` (its indicator's); their range reference."""
        letters = [get_column_letter(L.LIST_COL + n) for n in range(len(labels))]
        for letter, label in zip(letters, labels):
            self.put(f"{letter}{row}", label, "iki_helper")
            self.ws.column_dimensions[letter].hidden = True
        return f"${letters[0]}${row}:${letters[-1]}${row}"

    def _conditional_format(self) -> None:
        p = self.plan
        if not p.rows:
            return
        cap, pred = L.CAPAIAN.letter, L.PREDIKAT.letter
        target = f"{cap}{p.first_row}:{pred}{p.last_row}"
        for k, band in enumerate(self.cat.predikat):
            colour = BAND_COLOURS[min(k, len(BAND_COLOURS) - 1)]
            self.ws.conditional_formatting.add(target, FormulaRule(
                formula=[fx.band_condition(band, f"${cap}{p.first_row}")],
                fill=PatternFill("solid", bgColor=colour, fgColor=colour), stopIfTrue=True))


def _validation(rule: tuple) -> DataValidation:
    kind = rule[0]
    if kind == "list":
        labels = rule[1:]
        error = "Pilih salah satu: " + ", ".join(labels)
        return DataValidation(type="list", formula1='"' + ",".join(labels) + '"',
                              allow_blank=True, showErrorMessage=True,
                              errorTitle="Isian tidak valid",
                              error=error if len(error) <= MAX_MESSAGE
                              else "Pilih salah satu label dari daftar pilihan sel ini.")
    if kind == "between":
        lo, hi = rule[1:]
        return DataValidation(type="decimal", operator="between", formula1=fx.num(lo),
                              formula2=fx.num(hi), allow_blank=True, showErrorMessage=True,
                              errorTitle="Isian tidak valid",
                              error=f"Isi dengan angka {lo:g} sampai {hi:g}.")
    if kind == "count":
        return DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                              allow_blank=True, showErrorMessage=True,
                              errorTitle="Isian tidak valid",
                              error="Isi dengan angka 0 atau lebih, tanpa satuan "
                                    "(misalnya 12, bukan '12 dokumen').")
    return DataValidation(type="decimal", operator="between", formula1="-1E+300",
                          formula2="1E+300", allow_blank=True, showErrorMessage=True,
                          errorTitle="Isian tidak valid", error="Isi dengan angka, tanpa satuan.")

