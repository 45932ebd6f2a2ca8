"""One sheet per jabatan: the header of the official document and the indicator table."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..model.catalogue import Catalogue, Indikator, Jabatan, Komponen
from ..model.jenis import JENIS, default_penjelasan, label_values
from . import formulas as fx
from . import layout as L
from .cells import SheetWriter, compact, locate, merge, span_width
from .cover import tanggal_id
from .printing import page_setup, paginate_jabatan
from .styles import BAND_COLOURS, READABLE, READABLE_DECIMALS

WIDTHS = {c.letter: c.width for c in (*L.TABLE, *L.HELPERS)} | {L.KEY_COL: 3}
LABEL_SPAN = (L.SASARAN.letter, L.SASARAN.letter)
VALUE_SPAN = (L.INDIKATOR.letter, L.LAST)
NUMBER_FORMATS = {"ada_tidak": '[=1]"Ada";[=0]"Tidak Ada";General'}
REAL_FORMAT = {"jumlah": READABLE, "skor": "General", "kualitatif": "General"}
MAX_LIST = 255  # Excel drops a dropdown whose written-out list is longer (and calls it damage)
MAX_MESSAGE = 255  # Excel's limit for a data validation's error message
LIST_COL = 28  # AB: hidden cells that hold the labels of a list too long to write out


@dataclass
class Plan:
    """Where a jabatan's sheet puts everything (computed before any cell is written)."""

    jabatan: Jabatan
    title: str
    header_row: int = 0
    rows: dict[str, tuple[int, tuple[int, ...]]] = field(default_factory=dict)
    sasaran_rows: dict[str, int] = field(default_factory=dict)  # indikator id -> group row

    @property
    def first_row(self) -> int:
        return self.header_row + 2

    @property
    def last_row(self) -> int:
        row, parts = list(self.rows.values())[-1] if self.rows else (self.first_row, ())
        return parts[-1] if parts else row

    def cell(self, col: L.Column, ind_id: str) -> str:
        return f"{fx.quote_sheet(self.title)}!${col.letter}${self.rows[ind_id][0]}"


def _items(values: tuple[str, ...]) -> int:
    return max(1, len(values))


def plan(jab: Jabatan, title: str) -> Plan:
    p = Plan(jab, title)
    row = L.FIELD_ROW + 2 + _items(jab.tugas) + _items(jab.fungsi) + 1
    p.header_row = row
    row += 2
    group_row, last_sasaran = row, None
    for ind in jab.indikator:
        if ind.sasaran != last_sasaran:
            group_row, last_sasaran = row, ind.sasaran
        parts = tuple(range(row + 1, row + 1 + len(ind.komponen)))
        p.rows[ind.id] = (row, parts)
        p.sasaran_rows[ind.id] = group_row
        row += 1 + len(ind.komponen)
    return p


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
                                        **({"atasan": jab.atasan} if jab.atasan else {})))
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
            merge(self.ws, f"{L.FIRST}{row}:{L.LAST}{row}")

    def _fields(self) -> None:
        jab, row = self.plan.jabatan, L.FIELD_ROW
        row = self._numbered(row, 1, "jabatan", "Jabatan", (jab.nama,))
        row = self._numbered(row, 2, "unit_kerja", "Unit Kerja", (jab.unit_kerja,))
        row = self._numbered(row, 3, "tugas", "Tugas", jab.tugas)
        self._numbered(row, 4, "fungsi", "Fungsi", jab.fungsi)

    def _numbered(self, row: int, n: int, name: str, label: str, items: tuple[str, ...]) -> int:
        ws = self.ws
        self.put(f"{L.KEY_COL}{row}", L.key(hdr=name))
        self.put(f"{L.FIRST}{row}", f"{n}.", "iki_label")
        self.put(f"{L.SASARAN.letter}{row}", label, "iki_label")
        width = span_width(WIDTHS, *VALUE_SPAN)
        lines = ([f"{k}. {item}" for k, item in enumerate(items, start=1)] if len(items) > 1
                 else [items[0] if items and items[0] else "-"])
        for k, line in enumerate(lines, start=1):
            if k > 1:
                self.put(f"{L.KEY_COL}{row}", L.key(hdr=name, n=k))
            self.text(f"{L.INDIKATOR.letter}{row}", line, "iki_plain", width)
            merge(ws, f"{L.INDIKATOR.letter}{row}:{L.LAST}{row}")
            row += 1
        return row

    def _table_header(self) -> None:
        ws, h = self.ws, self.plan.header_row
        self.put(f"{L.KEY_COL}{h}", L.key(tabel="header"))
        for col in (*L.TABLE, *L.HELPERS):
            self.put(f"{col.letter}{h}", col.header, "iki_header")
            self.put(f"{col.letter}{h + 1}", col.sub or None, "iki_header")
            if not col.sub and col in L.TABLE:
                merge(ws, f"{col.letter}{h}:{col.letter}{h + 1}")
        merge(ws, f"{L.TARGET.letter}{h}:{L.TARGET_MAX.letter}{h}")
        merge(ws, f"{L.TW[0].letter}{h}:{L.TW[-1].letter}{h}")
        self.heights.lines[h] = 2

    def _indikator(self, ind: Indikator) -> None:
        row, parts = self.plan.rows[ind.id]
        spec = JENIS[ind.jenis]
        self.put(f"{L.KEY_COL}{row}", L.key(
            ind=ind.id, jenis=ind.jenis, arah=ind.arah, akumulasi=ind.akumulasi,
            **({"skala": list(ind.skala)} if ind.skala else {}),
            **({"komponen": len(ind.komponen)} if ind.komponen else {}),
        ))
        number = list(self.plan.rows).index(ind.id) + 1
        self.put(f"{L.NO.letter}{row}", number, "iki_center")
        if self.plan.sasaran_rows[ind.id] == row:
            self.put(f"{L.SASARAN.letter}{row}", ind.sasaran, "iki_text")
        names = [(self._part_name(k), k.bobot) for k in ind.komponen]
        penjelasan = ind.penjelasan or default_penjelasan(ind.jenis, names, ind.skala,
                                                          ind.akumulasi)
        for col, value in ((L.INDIKATOR, ind.nama), (L.PENJELASAN, penjelasan),
                           (L.SATUAN, ind.satuan or spec.satuan), (L.SUMBER, ind.sumber_data),
                           (L.PJ, ind.penanggung_jawab)):
            self.text(f"{col.letter}{row}", value, "iki_text", col.width)
        self._target(ind, row)
        for q, col in enumerate(L.TW):
            formula = fx.QUARTER_FORMULA[ind.jenis](ind, col.letter, parts)
            ref = f"{col.letter}{row}"
            if formula is None:
                self.put(ref, ind.realisasi[q], "iki_input", "General")
                self.validate(self._rule(ind), ref)
            else:
                self.put(ref, formula, "iki_formula", _value_format(ind))
        for q, col in enumerate(L.VALUE):
            self.put(f"{col.letter}{row}", fx.number_or_blank(ind, f"{L.TW[q].letter}{row}"),
                     "iki_helper")
        self.put(f"{L.TARGET_LO.letter}{row}", fx.target_low(ind, row), "iki_helper")
        self.put(f"{L.TARGET_HI.letter}{row}", fx.target_high(ind, row), "iki_helper")
        self.put(f"{L.REAL_NUM.letter}{row}", fx.realisasi(ind, row, parts), "iki_helper")
        self.put(f"{L.TARGET_EFF.letter}{row}", fx.target_used(row), "iki_helper")
        self.put(f"{L.REALISASI.letter}{row}", fx.realisasi_display(ind, row), "iki_formula",
                 NUMBER_FORMATS.get(ind.jenis, REAL_FORMAT.get(ind.jenis, "0.00")))
        cap = fx.capaian(ind, row, self.cat.instansi.batas_capaian)
        self.put(f"{L.CAPAIAN.letter}{row}", cap, "iki_formula", "0.00")
        self.put(f"{L.PREDIKAT.letter}{row}",
                 fx.predikat(self.cat.predikat, f"{L.CAPAIAN.letter}{row}"), "iki_formula_text")
        self.text(f"{L.KETERANGAN.letter}{row}", ind.keterangan, "iki_input_text",
                  L.KETERANGAN.width)
        for n, (k, part_row) in enumerate(zip(ind.komponen, parts), start=1):
            self._komponen(ind, k, n, part_row, spec.is_ratio)

    def _target(self, ind: Indikator, row: int) -> None:
        lo, hi = f"{L.TARGET.letter}{row}", f"{L.TARGET_MAX.letter}{row}"
        self.put(lo, ind.target, "iki_input", "General")
        self.validate(self._rule(ind, target=True), lo)
        if JENIS[ind.jenis].labels:
            self.put(hi, None, "iki_part_center")
        else:
            self.put(hi, ind.target_max, "iki_input", "General")
            self.validate(self._rule(ind, target=True), hi)

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
        if ind.jenis == "indeks":
            self.put(f"{L.SATUAN.letter}{row}", k.bobot, "iki_part_center", '"bobot "General')
        else:
            self.put(f"{L.SATUAN.letter}{row}", None, "iki_part")
        for col in (L.NO, L.SUMBER, L.PJ, L.TARGET, L.TARGET_MAX, L.REALISASI, L.CAPAIAN,
                    L.PREDIKAT, L.KETERANGAN):
            self.put(f"{col.letter}{row}", None, "iki_part")
        for q, col in enumerate(L.TW):
            ref = f"{col.letter}{row}"
            if k.ref:
                jab_id, _, ind_id = k.ref.partition(".")
                source = self.plans[jab_id]
                self.put(ref, fx.ref_value(source.title, source.rows[ind_id][0], q),
                         "iki_formula", READABLE_DECIMALS)
            else:
                self.put(ref, k.realisasi[q], "iki_input", "General")
                self.validate(("count",) if ind.jenis in ("jumlah", "persentase", "rasio")
                              else ("number",), ref)

    def _rule(self, ind: Indikator, target: bool = False) -> tuple:
        labels = label_values(ind.jenis, ind.skala)
        if labels:
            return ("list", *labels)
        if ind.jenis == "skor":
            return ("between", *ind.skala)
        if ind.jenis in ("jumlah", "persentase", "rasio") or target:
            return ("count",)
        return ("number",)

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
                merge(self.ws, f"{col}{first}:{col}{last}")
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
            merge(self.ws, f"{col_a}{row}:{col_b}{row}")
            self.heights.need(row, text, span_width(WIDTHS, col_a, col_b))

    def _finish(self) -> None:
        ws, p = self.ws, self.plan
        for letter, width in WIDTHS.items():
            ws.column_dimensions[letter].width = width
        ws.column_dimensions[L.KEY_COL].hidden = True
        ws.column_dimensions.group(L.HELPERS[0].letter, L.HELPERS[-1].letter, hidden=True)
        self.set_heights()
        self._data_validation()
        self._conditional_format()
        ws.freeze_panes = f"{L.SASARAN.letter}{p.first_row}"
        ws.print_title_rows = f"{p.header_row}:{p.header_row + 1}"
        last = p.last_row + (9 if self.cat.instansi.penandatangan else 0)
        ws.print_area = f"{L.FIRST}1:{L.LAST}{last}"
        page_setup(ws)
        paginate_jabatan(self, p, WIDTHS, last, (p.last_row + 2, last)
                         if self.cat.instansi.penandatangan else None)
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.protection.insertRows = False

    def _data_validation(self) -> None:
        for rule, refs in self.validations.items():
            dv = _validation(rule)
            if dv.type == "list" and len(dv.formula1) > MAX_LIST:
                dv.formula1 = self._hidden_list(rule[1:], locate(refs[0])[0])
            dv.sqref = compact(refs)
            self.ws.add_data_validation(dv)

    def _hidden_list(self, labels: tuple[str, ...], row: int) -> str:
        """Labels in hidden, locked cells of ``row`` (its indicator's); their range reference."""
        letters = [get_column_letter(LIST_COL + n) for n in range(len(labels))]
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


def _value_format(ind: Indikator) -> str:
    return READABLE if ind.jenis == "jumlah" else "0.00"
