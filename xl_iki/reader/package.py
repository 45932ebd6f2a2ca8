"""What a workbook file really is, checked before any reader trusts it.

A file's own declarations are never trusted: the format comes from its bytes (not its name),
every part of a zip package is bounded in size and compression ratio before anything is
unpacked, and the sheets a fast reader would lay out densely are screened for their real
extent (a single stray cell at XFD1048576 would otherwise mean hundreds of GB).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from ..errors import InputError, Problem
from ..ooxml import package_problems, sheet_parts
from .heads import SHARED_STRINGS, Row1, first_row, shared_texts, told

MAX_PART = 64 * 2**20  # one unpacked part (a sheet, the shared strings)
MAX_UNPACKED = 256 * 2**20  # all parts together
MAX_RATIO = 100  # unpacked/packed size of a part above RATIO_FROM; zip bombs reach 1000+
RATIO_FROM = 2**20
MAX_ROWS = 10_000  # rows of a sheet a reader lays out or reads in full
MAX_CELLS = 2_000_000  # cells of a sheet laid out densely (an .ods is read that way)

OLE = b"\xd0\xcf\x11\xe0"  # a Compound File: old Excel (.xls) or Excel's password-protected .xlsx
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")

# what reading a damaged package raises (zipfile, zlib and the XML parsers)
DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError,
          NotImplementedError, RuntimeError, ElementTree.ParseError, expat.ExpatError)
WHAT_TO_DO = ("buka berkas di Excel atau LibreOffice, simpan ulang sebagai .xlsx, atau pakai "
              "cadangan/salinan yang masih baik")


TRIM = ("hapus baris dan sel yang tidak dipakai (Ctrl+End menunjukkan sel terakhir yang "
        "terpakai), simpan, lalu coba lagi")


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


OLD_FORMAT = ("format Excel lama (.xls): simpan sebagai .xlsx (di Excel: File > Simpan Sebagai "
              "> Buku Kerja Excel .xlsx), lalu coba lagi")


def bad(path: Path, message: str) -> InputError:
    return InputError(str(path), [Problem(str(path), message)])


#: a sheet's row 1, texts only, by column number (what says whose sheet it is)
Head = dict[int, str]


@dataclass
class Package:
    """A checked workbook file: its format and, for .xlsx, the sheets safe for a dense reader."""

    path: Path
    kind: str  # "xlsx" or "ods"
    dense_safe: dict[str, bool] = field(default_factory=dict)  # sheet name -> screen passed
    #: sheets a reader can leave out (see :func:`check`), with the texts of their row 1
    left_out: dict[str, Head] = field(default_factory=dict)


def check(path: Path, screen: bool = False,
          needed: Callable[[str, Head], bool] | None = None) -> Package:
    """The file's format, or InputError saying why it cannot be read and what to do.

    With ``screen``, every part is unpacked once (bounded) to verify it against its checksum,
    and each worksheet is screened for :func:`dense_safe`. With ``needed`` too, a worksheet
    whose row 1 (title, texts by column) is provably not needed is not screened but listed in
    ``left_out``: a sheet whose row 1 cannot be told for sure counts as needed.
    """
    if not path.exists():
        raise bad(path, "berkas tidak ditemukan")
    if not path.is_file():
        raise bad(path, "yang disebut bukan berkas (folder atau perangkat?)")
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise bad(path, f"berkas tidak bisa dibuka ({exc.strerror}); periksa hak aksesnya"
                  ) from None
    if head == OLE:
        raise bad(path, _ole_message(path))
    if not zipfile.is_zipfile(path):
        raise bad(path, OLD_FORMAT if path.suffix.lower() == ".xls" else
                  "bukan workbook Excel (.xlsx) yang bisa dibaca; mungkin rusak, terpotong, "
                  "atau berformat lain")
    try:
        with zipfile.ZipFile(path) as zf:
            _bounded(path, zf)
            kind = _kind(path, zf)
            sheets = sheet_parts(zf) if kind == "xlsx" else {}
            missing = [n for n, part in sheets.items() if part not in zf.NameToInfo]
            if missing:
                raise bad(path, f"lembar '{missing[0]}' hilang dari berkas (bagian "
                                f"{sheets[missing[0]]}); {WHAT_TO_DO}")
            package = Package(path, kind)
            if screen:
                package.dense_safe, package.left_out = _unpack_all(zf, sheets, needed)
            if screen and kind == "ods":
                _ods_bounded(path, zf)
    except InputError:
        raise
    except DAMAGE as exc:
        raise bad(path, f"workbook rusak ({type(exc).__name__}); {WHAT_TO_DO}") from None
    return package


def require_sound(path: Path) -> None:
    """InputError naming every XML part that is not well-formed or referenced but missing.

    Readers that stream only what they need never see a damaged chart or drawing; a command
    that loads the whole workbook to write it back does, so it checks every part first.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            wrong = package_problems(zf)
    except DAMAGE as exc:
        raise bad(path, f"workbook rusak ({type(exc).__name__}); {WHAT_TO_DO}") from None
    if wrong:
        raise InputError(str(path), [Problem(str(path), f"bagian {w}; {WHAT_TO_DO}")
                                     for w in wrong])


def _ole_message(path: Path) -> str:
    """An old .xls and a password-protected .xlsx share the container; its directory tells."""
    with path.open("rb") as handle:
        tail = b""
        while chunk := handle.read(2**20):
            if _ENCRYPTED in tail + chunk:
                return ("berkas dilindungi kata sandi; buka di Excel, hapus kata sandinya, "
                        "simpan, lalu coba lagi")
            tail = chunk[-len(_ENCRYPTED):]
    return OLD_FORMAT


def _bounded(path: Path, zf: zipfile.ZipFile) -> None:
    """Refuse a package whose parts unpack beyond the bounds (checked before unpacking)."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART or (info.file_size > RATIO_FROM and ratio > MAX_RATIO):
            raise bad(path, f"bagian '{info.filename}' terlalu besar saat dibuka "
                            f"({info.file_size / 2**20:,.0f} MB dari "
                            f"{info.compress_size / 2**20:,.1f} MB; bom zip?); berkas tidak "
                            "dibaca. Periksa asal berkas ini")
    if total > MAX_UNPACKED:
        raise bad(path, f"isi workbook terlalu besar ({total / 2**20:,.0f} MB setelah dibuka, "
                        f"batas {MAX_UNPACKED / 2**20:,.0f} MB); berkas tidak dibaca")


def _kind(path: Path, zf: zipfile.ZipFile) -> str:
    names = set(zf.namelist())
    if "mimetype" in names and zf.read("mimetype").strip() == ODS_MIME:
        return "ods"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise bad(path, "berkas zip ini bukan workbook Excel (.xlsx) atau LibreOffice (.ods)")


def _unpack_all(zf: zipfile.ZipFile, sheets: dict[str, str],
                needed: Callable[[str, Head], bool] | None
                ) -> tuple[dict[str, bool], dict[str, Head]]:
    """Unpack every part once (zipfile stops at the declared size and checks the CRC); screen
    the worksheets, but for those ``needed`` says no to: they are left out."""
    by_part = {part: name for name, part in sheets.items()}
    safe: dict[str, bool] = {}
    left_out: dict[str, Head] = {}
    waiting: dict[str, tuple[bytes, Row1]] = {}  # row 1 holds shared texts: told afterwards
    strings = b""
    for info in zf.infolist():
        with zf.open(info) as member:
            name = by_part.get(info.filename)
            if name is None and info.filename == SHARED_STRINGS and needed:
                strings = member.read()
            elif name is None:
                while member.read(2**20):
                    pass
            else:
                xml = member.read()
                row = first_row(xml) if needed else None
                if row is not None and any(kind == "s" for kind, _ in row.values()):
                    waiting[name] = (xml, row)
                else:
                    _screen(name, xml, told(row, []), needed, safe, left_out)
    if waiting:
        texts = shared_texts(strings, max(int(value) for _, row in waiting.values()
                                          for kind, value in row.values() if kind == "s"))
        for name, (xml, row) in waiting.items():
            _screen(name, xml, told(row, texts), needed, safe, left_out)
    return safe, left_out


def _screen(name: str, xml: bytes, head: Head | None, needed, safe: dict[str, bool],
            left_out: dict[str, Head]) -> None:
    if head is not None and needed is not None and not needed(name, head):
        left_out[name] = head
    else:
        safe[name] = dense_safe(xml)


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _ods_bounded(path: Path, zf: zipfile.ZipFile) -> None:
    """Refuse an .ods with a sheet whose cells reach beyond the bounds (a stray far cell)."""
    for name, (rows, cols) in ods_extents(zf.read("content.xml")).items():
        if rows > MAX_ROWS or rows * cols > MAX_CELLS:
            raise bad(path, f"lembar '{name}' berisi data sampai baris {thousands(rows)} kolom "
                            f"{thousands(cols)}, melewati batas yang bisa dibaca "
                            f"({thousands(MAX_ROWS)} baris); {TRIM}")


def ods_extents(content: bytes) -> dict[str, tuple[int, int]]:
    """Sheet name -> (last row, last column) holding a value, with repeats counted."""
    extent = _OdsExtent()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler, parser.EndElementHandler = extent.start, extent.end
    parser.Parse(content, True)
    return extent.sheets


class _OdsExtent:
    """Follows rows and cells (and their repeat counts) through an .ods content.xml."""

    CELLS = (f"{_TABLE} table-cell", f"{_TABLE} covered-table-cell")

    def __init__(self) -> None:
        self.sheets: dict[str, tuple[int, int]] = {}
        self.table, self.row, self.rows, self.col, self.in_cell = "", 0, 1, 0, False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{_TABLE} table":
            self.table, self.row, self.rows = attrs.get(f"{_TABLE} name", ""), 0, 1
            self.sheets.setdefault(self.table, (0, 0))
        elif tag == f"{_TABLE} table-row":
            self.row += self.rows
            self.rows, self.col = _count(attrs, "number-rows-repeated"), 0
        elif tag in self.CELLS:
            self.col += _count(attrs, "number-columns-repeated")
            self.in_cell = True
            if f"{_OFFICE} value-type" in attrs or f"{_TABLE} formula" in attrs:
                self._reach()
        elif tag == f"{_TEXT} p" and self.in_cell:
            self._reach()

    def end(self, tag: str) -> None:
        if tag in self.CELLS:
            self.in_cell = False

    def _reach(self) -> None:
        rows, cols = self.sheets[self.table]
        self.sheets[self.table] = (max(rows, self.row + self.rows - 1), max(cols, self.col))


def _count(attrs: dict[str, str], name: str) -> int:
    value = attrs.get(f"{_TABLE} {name}", "1")
    return int(value) if value.isdigit() else 1


# A fast reader lays a sheet out densely from its first to its last cell. One byte-level scan
# proves that every cell lies within A1:Z9999 without parsing: every <c> start tag opens with
# a small r attribute (none is positioned by counting; a cell's r, not its row's, places it,
# so empty rows far down, as LibreOffice writes them, do not matter), and nothing could hide
# or rename markup (comments, CDATA, declarations, processing instructions, a prefixed <c>).
# A sheet that fails is not damaged: it is read by the streaming reader instead.
_UNSAFE = re.compile(rb'<(?:c(?=[\s/>])(?! r="[A-Z][1-9][0-9]{0,3}")|!|\?(?!xml ))')
_PREFIXED = re.compile(rb":c[\s/>]")  # two scans are faster than one with this
_ROOT = re.compile(rb"\s*(<\?xml [^>]*\?>)?\s*<worksheet[\s>]")


def dense_safe(xml: bytes) -> bool:
    """True when a worksheet part provably has no cell outside A1:Z9999."""
    return bool(_ROOT.match(xml)) and not _UNSAFE.search(xml) and not _PREFIXED.search(xml)
