"""The ribbon buttons that work on the calling workbook: Validasi, Hapus Tanda, Perbarui Rekap,
Gabungkan Berkas and Tahun Baru.

Each handler reads what it needs in whole ranges (:mod:`xl_iki.reader.xlwings_book`), runs
the command line's engine on plain data and writes back in few calls: a whole sheet in one
``.value`` assignment, fills and number formats per rectangle of equal cells, a note per
marked cell where the engine has notes. Failures become message boxes in
:func:`xl_iki.addin.actions.run_button`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

import xlwings as xw

from ..reader import Recovered, recover
from ..reader.recover import text
from ..reader.xlwings_book import read_book
from ..validation import GALAT, INFO, PERINGATAN, Finding, validate
from ..validation.marks import HEADER, MARK_COLOURS, WIDTHS
from ..validation.marks import TITLE as VALIDASI
from ..validation.rules import inputs
from ..workbook import colours
from ..workbook import layout as L
from ..workbook.formulas import Formula, quote_sheet, text_literal
from ..workbook.refs import locate
from ..workbook.sheetnames import sheet_name
from .actions import tell
from .grid import Cell, Grid, blocks, hex_of, write_grid
from .protection import unprotected
from .statusbar import reading_files
from .xlcompat import add_note

ORIGINAL = "Warna asal"
COLUMNS = (*HEADER, ORIGINAL)  # the Validasi sheet of the add-in
ORIGINAL_WIDTH = 12
CONSOLIDATED = "REKAP_GABUNGAN.xlsx"
FOREIGN = ("Lembar {sheet} di workbook ini tidak dibuat oleh tombol Validasi (tidak ada kolom "
           "'{column}'). Ganti nama lembar itu atau hapus, lalu tekan tombol ini lagi.")
NOT_IKI = ("Workbook ini tidak berisi lembar IKI buatan xl-iki (lembar jabatan dengan kunci di "
           "kolom A yang tersembunyi). Buka workbook IKI, lalu tekan tombol ini lagi.")

_REF = re.compile(r"[A-Z]{1,3}[1-9][0-9]*")
FORMULA_COLUMNS = {c.letter for c in (*L.TW, L.REALISASI, L.CAPAIAN, L.PREDIKAT)}
TW_COLUMNS = {c.letter for c in L.TW}
PART_COLUMNS = {c.letter for c in L.TABLE} - TW_COLUMNS - {L.SASARAN.letter}


# --- the buttons ---------------------------------------------------------------------------


UNMARKED = ("Di xlwings Lite sel bermasalah tidak diwarnai (lembar jabatan dikunci, dan xlwings "
            "Lite tidak bisa membuka kuncinya): klik alamat sel di lembar {sheet} untuk menuju "
            "ke selnya.")


def validate_book(book: xw.Book, mark: bool = True) -> None:
    """Validasi: the Validasi sheet (first, one row per finding) and, with ``mark``, the
    problem cells marked. Without it (xlwings Lite, which cannot lift a sheet's protection)
    nothing is painted or restored: the sheet's links lead to the cells."""
    old = _sheet(book, VALIDASI)
    old_rows = _validasi_rows(old) if old is not None else []
    if old_rows is None:
        tell(book, FOREIGN.format(sheet=VALIDASI, column=ORIGINAL), problem=True)
        return
    rec = read_iki(book)
    if rec is None:
        return
    findings = validate(rec)
    if old is not None:
        if mark:
            _restore(book, old_rows)
        old.delete()
    if findings:
        write_grid(book, _add_sheet(book, VALIDASI, 1), _validasi_grid(rec, findings))
        if mark:
            _mark(book, findings)
    errors = sum(f.severity == GALAT for f in findings)
    warnings = sum(f.severity == PERINGATAN for f in findings)
    if errors or warnings:
        message = f"{errors} galat, {warnings} peringatan; lihat lembar {VALIDASI}."
    else:
        message = "Tidak ada masalah." + (f" Catatan ada di lembar {VALIDASI}." if findings
                                          else "")
    if (errors or warnings) and not mark:
        message += "\n" + UNMARKED.format(sheet=VALIDASI)
    checked = f"Diperiksa: {len(rec.sheets)} lembar jabatan."
    if not rec.book.formulas:
        checked += " Rumus tidak diperiksa: Excel ini tidak memberikan rumus sel kepada xl-iki."
    tell(book, f"{message}\n\n{checked}")


def clear_marks(book: xw.Book) -> None:
    """Hapus Tanda: give the marked cells their fill back, take off the notes, drop the sheet."""
    sheet = _sheet(book, VALIDASI)
    if sheet is None:
        tell(book, f"Tidak ada lembar {VALIDASI} di workbook ini, jadi tidak ada tanda yang "
                   "perlu dihapus.")
        return
    rows = _validasi_rows(sheet)
    if rows is None:
        tell(book, FOREIGN.format(sheet=VALIDASI, column=ORIGINAL), problem=True)
        return
    count = _restore(book, rows)
    sheet.delete()
    tell(book, f"Tanda pada {count} sel sudah dihapus dan lembar {VALIDASI} ditutup.")


def refresh_rekap(book: xw.Book) -> None:
    """Perbarui Rekap: the Rekap rebuilt (in its place) from the jabatan sheets present."""
    rec = read_iki(book)
    if rec is None:
        return
    from .rekap_grid import rekap_grid  # the Rekap's writer: this button only

    grid = rekap_grid(rec)
    titles = [s.name for s in book.sheets]
    if rec.rekap_title:
        title = rec.rekap_title
        position = titles.index(title) + 1
        book.sheets[title].delete()
    else:
        title = sheet_name(L.REKAP, set(titles))
        position = titles.index(rec.sheets[0].title) + 1
    write_grid(book, _add_sheet(book, title, position), grid)
    count = sum(len(j.indikator) for j in rec.catalogue.jabatan)
    tell(book, f"Lembar {title} sudah diperbarui: {len(rec.sheets)} lembar jabatan, "
               f"{count} indikator.")


def pick_folder() -> str | None:
    """Ask for the folder of workbooks to consolidate; None when the person cancels."""
    try:  # not every Python has Tk (the embeddable one of python.org has not)
        import tkinter
        from tkinter import filedialog
    except ImportError as exc:
        raise RuntimeError("Jendela pemilihan folder tidak tersedia: Python yang dipakai "
                           "xl-iki tidak memiliki tkinter. Gunakan perintah 'xl-iki "
                           "consolidate FOLDER'.") from exc
    root = tkinter.Tk()
    root.withdraw()
    root.attributes("-topmost", True)  # over the Excel window
    try:
        return filedialog.askdirectory(parent=root, mustexist=True, title="Pilih folder "
                                       "berisi workbook IKI yang akan digabungkan") or None
    finally:
        root.destroy()


def consolidate_folder(book: xw.Book) -> None:
    """Gabungkan Berkas: every IKI workbook of a folder into REKAP_GABUNGAN.xlsx, opened."""
    folder = pick_folder()
    if not folder:
        tell(book, "Penggabungan dibatalkan: tidak ada folder yang dipilih.")
        return
    # imported here: consolidation loads pandas, which the other buttons do not need
    from ..consolidate import consolidate
    from ..consolidate.collect import expand

    home = Path(book.fullname)
    output = (home.parent if home.is_absolute() else Path(folder)) / CONSOLIDATED
    files = [str(p) for p in expand([folder]) if p.resolve() != output.resolve()]
    if not files:
        tell(book, f"Tidak ada workbook (.xlsx) di folder {folder}.", problem=True)
        return
    with reading_files(book) as progress:  # the button's own report, made anew
        result = consolidate(files, output, timpa=True, progress=progress)
    if book.app.engine.type == "desktop":  # the remote engine cannot open files
        book.app.books.open(str(result.output))
    message = (f"{result.files_taken} dari {result.files_read} berkas digabungkan: "
               f"{result.indicators} indikator.\n\nHasil: {result.output}")
    if result.problems:
        message += f"\n{len(result.problems)} masalah dicatat di lembar Masalah."
    tell(book, message)


def new_year(book: xw.Book) -> None:
    """Tahun Baru: next year's workbook (and its catalogue) beside this one, opened; this
    workbook is only read."""
    rec = read_iki(book)
    if rec is None:
        return
    from ..rollover import catalogue_path, default_output, write_next_year

    home = Path(book.fullname)
    if not home.is_absolute():
        tell(book, "Simpan workbook ini lebih dulu (File > Save As), lalu tekan Tahun Baru "
                   "lagi: workbook tahun berikutnya ditulis di folder yang sama.", problem=True)
        return
    old = rec.catalogue.instansi.tahun
    out = _free_name(default_output(home, old, old + 1))
    result = write_next_year(rec, str(home), out)
    if book.app.engine.type == "desktop":  # the remote engine cannot open files
        book.app.books.open(str(out))
    tahun = result.catalogue.instansi.tahun
    tell(book, f"Workbook IKI tahun {tahun} sudah dibuat: {out}\n\nJabatan dan indikator sama, "
               f"realisasi kosong; target dari target_tahunan: {result.from_plan} indikator "
               "(sisanya diisi). Capaian tahun ini ada di lembar Tahun Lalu.\nKatalog tahun "
               f"{tahun}: {catalogue_path(out)}"
               + "".join(f"\n\nPerbaiki katalog sebelum dipakai lagi: {p}"
                         for p in result.to_fix[:3]))


def _free_name(out: Path) -> Path:
    """``out``, or ``NAME (2).xlsx`` ... when it (or its catalogue) exists: never overwrite."""
    from ..rollover import catalogue_path

    candidate, n = out, 2
    while candidate.exists() or catalogue_path(candidate).exists():
        candidate, n = out.with_name(f"{out.stem} ({n}){out.suffix}"), n + 1
    return candidate


# --- reading -------------------------------------------------------------------------------


def read_iki(book: xw.Book) -> Recovered | None:
    """The recovered workbook (without the Validasi sheet); None, said, when it is not IKI."""
    rec = recover(read_book(book, skip={VALIDASI}))
    if rec.sheets:
        return rec
    tell(book, NOT_IKI, problem=True)
    return None


def _sheet(book: xw.Book, title: str) -> xw.Sheet | None:
    return next((s for s in book.sheets if s.name == title), None)


def _validasi_rows(sheet: xw.Sheet) -> list[list] | None:
    """The rows of the add-in's Validasi sheet (one read); None when the sheet is not one."""
    last = sheet.used_range.last_cell.row
    rows = sheet.range((1, 1), (last, len(COLUMNS))).options(ndim=2).value
    return rows if [text(v) for v in rows[0]] == list(COLUMNS) else None


# --- writing -------------------------------------------------------------------------------


def _add_sheet(book: xw.Book, title: str, position: int) -> xw.Sheet:
    """A new sheet at ``position`` (1-based), placed after its predecessor: the remote engine
    puts ``before=`` one place too early."""
    if position > 1:
        return book.sheets.add(title, after=book.sheets[position - 2])
    return book.sheets.add(title, before=book.sheets[0])


def _validasi_grid(rec: Recovered, findings: list[Finding]) -> Grid:
    """The Validasi sheet: a row per finding, a link to its cell and the cell's original fill."""
    grid = Grid()
    for col, (label, chars) in enumerate(zip(COLUMNS, (*WIDTHS, ORIGINAL_WIDTH)), start=1):
        grid.put(1, col, label)
        grid.fills[1, col] = hex_of(colours.HEADER)
        grid.widths[L.letter(col)] = chars
    fills = original_fills(rec, _marked(findings))
    for n, f in enumerate(findings, start=1):
        link = Formula(f"=HYPERLINK({text_literal(f'#{quote_sheet(f.sheet)}!{f.cell}')},"
                       f"{text_literal(f.cell)})") if f.cell else ""
        row = (n, f.sheet, link, f.severity, f.code, f.message, fills.get((f.sheet, f.cell), ""))
        for col, value in enumerate(row, start=1):
            grid.put(n + 1, col, value if value != "" else None)
    return grid


def original_fills(rec: Recovered, cells: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The fill the generator gave each (sheet, cell), from the cell's role in the layout:
    ``#RRGGBB``, or "" for none."""
    cells = list(cells)
    entered = {(i.js.title, i.cell) for i in inputs(rec, {title for title, _ in cells})}
    fills = {}
    for title, ref in cells:
        fill = colours.INPUT if (title, ref) in entered else _role_fill(rec, title, ref)
        fills[title, ref] = hex_of(fill) if fill else ""
    return fills


def _role_fill(rec: Recovered, title: str, ref: str) -> str | None:
    """The fill (RRGGBB) of a cell that is not an input."""
    js = next((s for s in rec.sheets if s.title == title), None)
    if js is None:
        return None
    row, letter = locate(ref)[0], ref.rstrip("0123456789")
    for place in js.indikator_rows.values():
        if row == place.row:
            if letter == L.KETERANGAN.letter:
                return colours.INPUT
            if letter == L.TARGET_MAX.letter:
                return colours.PART  # a label target has no upper bound
            return colours.FORMULA if letter in FORMULA_COLUMNS else None
        if any(part.row == row for part in place.parts):
            if letter in TW_COLUMNS:
                return colours.FORMULA  # a komponen taken from another sheet
            return colours.PART if letter in PART_COLUMNS else None
    return None


# --- marks ---------------------------------------------------------------------------------


def _marked(findings: list[Finding]) -> dict[tuple[str, str], list[Finding]]:
    """The findings that mark a cell (galat, peringatan), by (sheet, cell)."""
    cells: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.severity != INFO and f.cell:
            cells.setdefault((f.sheet, f.cell), []).append(f)
    return cells


def _note_line(code: str, message: str) -> str:
    return f"[{code}] {message}"


def _mark(book: xw.Book, findings: list[Finding]) -> None:
    colors: dict[str, dict[Cell, object]] = {}
    notes: dict[tuple[str, Cell], list[str]] = {}
    for (title, ref), group in _marked(findings).items():
        severity = GALAT if any(f.severity == GALAT for f in group) else PERINGATAN
        colors.setdefault(title, {})[locate(ref)] = hex_of(MARK_COLOURS[severity])
        notes[title, locate(ref)] = [_note_line(f.code, f.message) for f in group]
    _paint(book, colors, notes, add=True)


def _restore(book: xw.Book, rows: list[list]) -> int:
    """Undo the marks a Validasi sheet lists; the number of cells."""
    colors: dict[str, dict[Cell, object]] = {}
    notes: dict[tuple[str, Cell], list[str]] = {}
    for _, sheet, ref, severity, code, message, original in rows[1:]:
        title, ref = text(sheet), text(ref)
        if text(severity) not in MARK_COLOURS or not _REF.fullmatch(ref):
            continue
        colors.setdefault(title, {})[locate(ref)] = text(original) or None
        notes.setdefault((title, locate(ref)), []).append(_note_line(text(code), text(message)))
    _paint(book, colors, notes, add=False)
    return sum(len(cells) for cells in colors.values())


def _paint(book: xw.Book, colors: dict[str, dict[Cell, object]],
           notes: dict[tuple[str, Cell], list[str]], add: bool) -> None:
    """Fill the cells (a colour, or None for no fill) and add or take off their note lines."""
    for title, cells in colors.items():
        sheet = _sheet(book, title)
        if sheet is None:  # deleted since
            continue
        with unprotected(sheet):
            for r1, c1, r2, c2, color in blocks(cells):
                sheet.range((r1, c1), (r2, c2)).color = color
            for cell in cells:
                with suppress(NotImplementedError):  # engines without notes: the fill is enough
                    _note(sheet.range(cell), notes[title, cell], add)


def _note(cell: xw.Range, lines: list[str], add: bool) -> None:
    note = cell.note
    if add:
        if note is None:
            add_note(cell, "\n".join(lines))
        else:
            note.text = "\n".join([note.text, *lines])
    elif note is not None:
        rest = [line for line in note.text.splitlines() if line not in lines]
        if rest:
            note.text = "\n".join(rest)
        else:
            note.delete()
