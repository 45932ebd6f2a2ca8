"""The decree as a Word document (python-docx): the Keputusan, then one Lampiran per jabatan.

The layout follows the seed decrees: kop, title block, Menimbang/Mengingat/Menetapkan as
borderless tables, the diktum, the signature; the Lampiran in a landscape A4 section with,
per jabatan, the header (jabatan, unit kerja, tugas, fungsi) and the indicator table whose
header row repeats on every page. An agency's own template (``--template-dokumen``) keeps its
kop, styles and page size: the content is appended to it and no kop is written.

python-docx rather than docxtpl: the number of jabatan and indicators, merged sasaran cells
and repeated header rows are built from code, as the workbook is; an agency's template stays
a plain .docx (its kop and fonts) without template tags to keep in step with the catalogue,
and docxtpl would add Jinja2 and docxcompose on top of python-docx.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table

from ..model.catalogue import Catalogue
from . import text as T

FONT = "Arial"
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
HEADER_FILL = "D9E2F3"
#: Lampiran table column widths (mm) on landscape A4 with 20 mm margins: 257 mm in all
WIDTHS = (10, 40, 45, 62, 20, 30, 28, 22)
PREAMBLE = (30, 4, 8)  # label, ":", marker; the text takes the rest
SIGN_INDENT = Mm(85)


def build_document(cat: Catalogue, template: str | Path | None = None) -> DocxDocument:
    """The decree and its Lampiran for a catalogue, in memory."""
    doc = Document(str(template)) if template else Document()
    if not template:
        _plain_styles(doc)
        _a4(doc.sections[0], landscape=False)
    words = T.decree(cat)
    writer = _Writer(doc, _text_width(doc.sections[0]))
    if not template:
        writer.kop(words)
    writer.keputusan(words)
    lampiran = doc.add_section(WD_SECTION.NEW_PAGE)
    _a4(lampiran, landscape=True, keep_size=bool(template))
    lampiran.header.is_linked_to_previous = False  # a template's kop stays on the decree
    writer.width = _text_width(lampiran)
    writer.lampiran(words, cat)
    return doc


class _Writer:
    def __init__(self, doc: DocxDocument, width: int):
        self.doc, self.width = doc, width

    def para(self, text: str = "", bold: bool = False, align=None, size: float | None = None,
             underline: bool = False, indent=None):
        p = self.doc.add_paragraph()
        if text:
            run = p.add_run(text)
            run.bold, run.underline = bold, underline
            if size:
                run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        if indent is not None:
            p.paragraph_format.left_indent = indent
        return p

    # -- the decree ---------------------------------------------------------------------------
    def kop(self, w: T.Decree) -> None:
        self.para(w.kop[0], bold=True, align=CENTER, size=14)
        last = self.para(w.kop[1], bold=True, align=CENTER, size=16)
        if w.alamat:
            last = self.para(w.alamat, align=CENTER, size=9)
        _bottom_rule(last)
        self.para()

    def keputusan(self, w: T.Decree) -> None:
        self.para(w.judul, bold=True, align=CENTER)
        self.para(f"NOMOR : {w.nomor}", bold=True, align=CENTER)
        self.para()
        self.para("TENTANG", bold=True, align=CENTER)
        self.para(w.tentang, bold=True, align=CENTER)
        self.para()
        self.para(f"{w.pejabat},", bold=True, align=CENTER)
        self.para()
        self.preamble([("Menimbang" if n == 0 else "", f"{T.letter(n)}.", t)
                       for n, t in enumerate(w.menimbang)])
        self.preamble([("Mengingat" if n == 0 else "", f"{n + 1}.", t)
                       for n, t in enumerate(w.mengingat)])
        self.para()
        self.para("MEMUTUSKAN :", bold=True, align=CENTER)
        self.preamble([("Menetapkan", "", f"{w.judul} TENTANG {w.tentang}."),
                       *((T.ordinal(n), "", t) for n, t in enumerate(w.menetapkan))],
                      bold=bool(w.menetapkan))
        self.para()
        self.signature(w)

    def preamble(self, rows: list[tuple[str, str, str]], bold: bool = False) -> None:
        """Label, colon, marker and text in a borderless table (how decrees align them);
        a row without a marker gives its text the marker's room too."""
        table = self._table(4, [Mm(x) for x in PREAMBLE], borders=False)
        for n, (label, marker, text) in enumerate(rows):
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(label).bold = bold and n > 0
            cells[1].paragraphs[0].add_run(":" if label else "")
            body = cells[3]
            if marker:
                cells[2].paragraphs[0].add_run(marker)
            else:
                body = cells[2].merge(cells[3])
            body.paragraphs[0].add_run(text)
            body.paragraphs[0].alignment = JUSTIFY

    def signature(self, w: T.Decree) -> None:
        """Place, date, title, room to sign, name, rank, NIP: one row that never splits."""
        table = self._table(2, [SIGN_INDENT], borders=False)
        row = table.add_row()
        mark = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().insert_element_before(mark, "w:trHeight", "w:tblHeader",
                                                        "w:tblCellSpacing", "w:jc", "w:hidden")
        cell = row.cells[1]
        lines = [(f"Ditetapkan di : {w.tempat}", False, False),
                 (f"pada tanggal : {w.tanggal}", False, False), ("", False, False),
                 (f"{w.pejabat},", True, False), *[("", False, False)] * 3,
                 (w.nama or "(nama penandatangan)", True, True),
                 *((line, False, False) for line in (w.pangkat, f"NIP. {w.nip}" if w.nip else "")
                   if line)]
        for n, (line, bold, underline) in enumerate(lines):
            p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            run = p.add_run(line)
            run.bold, run.underline = bold, underline

    # -- the Lampiran -------------------------------------------------------------------------
    def lampiran(self, w: T.Decree, cat: Catalogue) -> None:
        head = self._table(4, [Mm(25), Mm(4), Mm(80)], borders=False)
        for label, value in (("LAMPIRAN", f"{w.judul}"), ("NOMOR", w.nomor),
                             ("TANGGAL", w.tanggal)):
            cells = head.add_row().cells
            for cell, text in zip(cells, (label, ":", value)):
                cell.paragraphs[0].add_run(text).font.size = Pt(9)
        _indent_table(head, self.width - Mm(109))  # the block sits at the right edge
        inst = cat.instansi
        for n, jab in enumerate(cat.jabatan):
            first = self.para("INDIKATOR KINERJA INDIVIDU", bold=True, align=CENTER)
            if n:
                first.paragraph_format.page_break_before = True
            self.para(f"{inst.nama} {inst.pemda}".upper(), bold=True, align=CENTER)
            self.para(f"TAHUN {inst.tahun}", bold=True, align=CENTER)
            self.para()
            self.jabatan_header(jab)
            self.para()
            self.indicator_table(jab, cat)
        self.para()
        self.signature(w)

    def jabatan_header(self, jab) -> None:
        table = self._table(4, [Mm(8), Mm(28), Mm(4)], borders=False)
        for n, (label, lines) in enumerate(T.header_fields(jab), start=1):
            cells = table.add_row().cells
            for cell, text in zip(cells, (f"{n}.", label, ":")):
                cell.paragraphs[0].add_run(text)
            numbered = len(lines) > 1
            for k, line in enumerate(lines, start=1):
                p = cells[3].paragraphs[0] if k == 1 else cells[3].add_paragraph()
                p.add_run(f"{k}. {line}" if numbered else line)
                p.alignment = JUSTIFY
                if numbered:
                    p.paragraph_format.left_indent = Mm(6)
                    p.paragraph_format.first_line_indent = -Mm(6)

    def indicator_table(self, jab, cat: Catalogue) -> None:
        table = self._table(len(T.TABLE_HEADER), [Mm(x) for x in WIDTHS], borders=True)
        header = table.add_row()
        _repeat_header(header)
        for cell, text in zip(header.cells, T.TABLE_HEADER):
            p = cell.paragraphs[0]
            p.add_run(text).bold = True
            p.alignment = CENTER
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _shade(cell, HEADER_FILL)
        rows = T.rows(jab, cat)
        group_start = 1
        for k, row in enumerate(rows, start=1):
            ind = row.indikator
            values = (f"{row.group}." if row.first_of_group else "",
                      ind.sasaran if row.first_of_group else "", ind.nama, row.penjelasan,
                      T.satuan(ind), ind.sumber_data, ind.penanggung_jawab, row.target)
            cells = table.add_row().cells
            for col, (cell, value) in enumerate(zip(cells, values)):
                if value:  # an empty run would survive the merge of No and Sasaran
                    cell.paragraphs[0].add_run(value)
                if col in (0, 4, 7):
                    cell.paragraphs[0].alignment = CENTER
            if row.first_of_group:
                group_start = k
            last_of_group = k == len(rows) or rows[k].first_of_group
            if last_of_group and k > group_start:  # one No and Sasaran for the whole group
                for col in (0, 1):
                    table.cell(group_start, col).merge(table.cell(k, col))
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(9)

    def _table(self, cols: int, widths: list, borders: bool) -> Table:
        """An empty fixed-layout table; a column without a width takes the rest of the line."""
        table = self.doc.add_table(rows=0, cols=cols)
        table.autofit = False
        _borders(table, "single" if borders else "nil")
        widths = [*widths, *[None] * (cols - len(widths))]
        rest = (self.width - sum(w for w in widths if w)) // max(1, widths.count(None))
        for column, width in zip(table.columns, widths):
            column.width = width or rest
        return table


def _plain_styles(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _a4(section, landscape: bool, keep_size: bool = False) -> None:
    short, long = ((min(section.page_width, section.page_height),
                    max(section.page_width, section.page_height)) if keep_size
                   else (Mm(210), Mm(297)))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    if not keep_size:
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)


def _text_width(section) -> int:
    return section.page_width - section.left_margin - section.right_margin


def _indent_table(table: Table, indent: int) -> None:
    ind = OxmlElement("w:tblInd")
    ind.set(qn("w:w"), str(int(indent / 635)))  # EMU to twentieths of a point
    ind.set(qn("w:type"), "dxa")
    table._tbl.tblPr.insert_element_before(ind, "w:tblBorders", "w:shd", "w:tblLayout",
                                           "w:tblCellMar", "w:tblLook")


def _borders(table: Table, kind: str) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), kind)
        if kind != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    table._tbl.tblPr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar",
                                           "w:tblLook")


def _repeat_header(row) -> None:
    """The row repeats at the top of every page the table runs onto."""
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().insert_element_before(mark, "w:tblCellSpacing", "w:jc",
                                                    "w:hidden")


def _shade(cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().insert_element_before(
        shd, "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def _bottom_rule(paragraph) -> None:
    """The double line under the kop."""
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "thickThinSmallGap"), ("sz", "18"), ("space", "4"),
                        ("color", "000000")):
        bottom.set(qn(f"w:{name}"), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(
        border, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc")

