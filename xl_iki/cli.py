"""Command line: parses arguments (in Bahasa Indonesia) and calls the library."""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__, resources
from .catalogue import load
from .errors import InputError
from .workbook import write_workbook

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2

_OS_ERRORS = {
    errno.ENOENT: "folder atau berkas tidak ada",
    errno.EACCES: "tidak ada izin menulis/membaca",
    errno.EPERM: "tidak ada izin menulis/membaca",
    errno.ENOSPC: "disk penuh",
    errno.EROFS: "disk hanya bisa dibaca",
    errno.EISDIR: "yang disebut adalah folder, bukan berkas",
}

# argparse's own messages, in Bahasa Indonesia
_ARGPARSE_ID = {
    "usage: ": "Penggunaan: ",
    "positional arguments": "argumen",
    "options": "opsi",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "pilihan tidak dikenal: %(value)r (pilih salah satu: %(choices)s)",
    "expected one argument": "membutuhkan satu nilai",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s":
        "opsi ambigu: %(option)s bisa berarti %(matches)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
}


def _translate(message: str) -> str:
    return _ARGPARSE_ID.get(message, message)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit code 2 like argparse, message in Indonesian
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: galat: {message}\n")


def _command_new(args: argparse.Namespace) -> int:
    source = Path(args.katalog) if args.katalog else resources.example_path()
    out = Path(args.output) if args.output else Path(source.stem + ".xlsx")
    cat = load(source)
    write_workbook(cat, out, args.template)
    n_ind = sum(len(j.indikator) for j in cat.jabatan)
    print(f"Workbook IKI ditulis: {out} ({len(cat.jabatan)} jabatan, {n_ind} indikator)")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    argparse._ = _translate  # argparse looks its messages up through this name
    parser = _Parser(
        prog="xl-iki",
        description="xl-iki: membuat dan mengolah workbook Indikator Kinerja Individu (IKI) "
                    "dengan rumus Excel yang hidup.",
    )
    parser.add_argument("--version", action="version", version=f"xl-iki {__version__}",
                        help="tampilkan versi program lalu keluar")
    sub = parser.add_subparsers(title="perintah", dest="perintah", metavar="PERINTAH",
                                parser_class=_Parser)
    new = sub.add_parser(
        "new", help="buat workbook IKI dari katalog (YAML/JSON)",
        description="Membuat workbook IKI standar dari katalog YAML/JSON: satu lembar per "
                    "jabatan, lembar Rekap, rumus capaian dan predikat yang hidup. Tanpa "
                    "KATALOG dipakai contoh bawaan (Diskominfo Kota Padang Panjang 2020).",
    )
    new.add_argument("katalog", nargs="?", metavar="KATALOG",
                     help="berkas katalog .yaml/.yml/.json (bawaan: contoh Diskominfo)")
    new.add_argument("-o", "--output", metavar="KELUARAN.xlsx",
                     help="nama berkas hasil (bawaan: nama katalog dengan akhiran .xlsx)")
    new.add_argument("--template", metavar="TEMPLAT.xlsx",
                     help="templat milik instansi sendiri (bawaan: templates/IKI_template.xlsx)")
    new.set_defaults(run=_command_new)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] | None = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return run(args)
    except InputError as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        reason = _OS_ERRORS.get(exc.errno, exc.strerror or str(exc))
        print(f"Gagal: {exc.filename or ''}: {reason}. Periksa nama folder dan hak akses, "
              "lalu coba lagi.", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
