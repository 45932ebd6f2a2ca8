"""What the buttons of the IKI ribbon tab do: button id -> handler of the calling workbook.

The ribbon (``macros/customUI14.xml``) sends every button to :func:`run_button` with the
button's id, so a new button is one XML element and one entry in :data:`ACTIONS`.

This module is the button path: with xlwings' COM server (``Use UDF Server``) it is imported
once per Excel session, and it imports nothing but xlwings and :mod:`.names`. A handler's
module (the workbook reader, validation, openpyxl for the styles, pandas for Gabungkan) is
imported on the first click of a button that needs it, and stays loaded for the next click.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import xlwings as xw

from .. import __version__
from .names import ADDIN_FILE, GUIDE

Handler = Callable[[xw.Book], None]
TITLE = "xl-iki"
UDF_MODULE = "xl_iki.udfs"
REINSTALL = ("Pasang ulang add-in dan paket Python dari paket pemasangan yang sama (jalankan lagi "
             "pasang.bat, atau 'xl-iki addin install'), lalu tutup semua jendela Excel dan buka "
             "lagi.")

#: button id (the ``id`` in customUI14.xml) -> "module:function" of its handler in this
#: package, imported on the button's first click; "module:function:N" binds the number N as
#: the function's first argument (the Kunci Triwulan menu's triwulan)
ACTIONS: dict[str, str] = {
    "iki_validasi": "handlers:validate_book",
    "iki_hapus_tanda": "handlers:clear_marks",
    "iki_perbarui_rekap": "handlers:refresh_rekap",
    "iki_gabungkan": "handlers:consolidate_folder",
    "iki_tahun_baru": "handlers:new_year",
    **{f"iki_kunci_tw{n}": f"kunci:lock_triwulan:{n}" for n in range(1, 5)},
    "iki_impor_fungsi": "actions:import_functions",
    "iki_bantuan": "actions:show_help",
}


def tell(book: xw.Book, message: str, problem: bool = False) -> None:
    """Show ``message`` in a message box over the workbook's Excel window."""
    book.app.alert(message, title=TITLE, mode="critical" if problem else "info")


def handler(button_id: str) -> Handler | None:
    """The handler of a button (its module imported now), None for an unknown id."""
    target = ACTIONS.get(button_id)
    if target is None:
        return None
    module, name, *number = target.split(":")
    action = getattr(importlib.import_module(f"{__package__}.{module}"), name)
    return partial(action, *map(int, number)) if number else action


def run_button(button_id: str, book: xw.Book | None = None,
               addin_version: str | None = None) -> None:
    """Run the action of a ribbon button on the calling workbook (``book`` for tests).

    ``addin_version`` is the xl-iki version the add-in was built with; a different one here
    (an update while Excel kept the old Python running) is said, not run. Any failure becomes
    a message box in Bahasa Indonesia, never a VBA error dialog.
    """
    if book is None:
        book = xw.Book.caller()
    if addin_version not in (None, __version__):
        tell(book, f"Add-in xl-iki di Excel ini versi {addin_version}, sedangkan paket Python "
                   f"xl-iki versi {__version__}.\n\n{REINSTALL}", problem=True)
        return
    guarded(book, lambda b: _dispatch(button_id, b))


def _dispatch(button_id: str, book: xw.Book) -> None:
    action = handler(button_id)
    if action is None:
        tell(book, f"Tombol {button_id!r} tidak dikenal oleh xl-iki {__version__}: add-in "
                   f"dan paket Python xl-iki berbeda versi.\n\n{REINSTALL}", problem=True)
        return
    action(book)


def guarded(book: xw.Book, action: Handler) -> None:
    """Run ``action`` on the workbook; a failure becomes a message box in Bahasa Indonesia
    (the ribbon's buttons and the xlwings Lite scripts both run through here)."""
    try:
        action(book)
    except Exception as exc:
        if hasattr(exc, "report"):  # errors.InputError (not imported: the path stays light)
            tell(book, exc.report(), problem=True)
            return
        tell(book, "Perintah tidak dapat diselesaikan.\n\n"
                   f"{exc}\n\n"
                   "Simpan pekerjaan Anda, tutup dan buka lagi Excel, lalu coba sekali lagi. Bila "
                   "masalah berlanjut, kirim pesan ini kepada pengelola xl-iki.\n"
                   f"(Rincian teknis: {type(exc).__name__}, xl-iki {__version__})", problem=True)


def import_functions(book: xw.Book) -> None:
    """Register the UDFs of :mod:`xl_iki.udfs` in the add-in, for every workbook."""
    udfs = importlib.import_module(UDF_MODULE)
    addin = book.app.api.Workbooks(ADDIN_FILE)
    try:
        xw.import_udfs(UDF_MODULE, addin)
    except Exception as exc:
        raise RuntimeError(
            "Excel menolak mendaftarkan fungsi. Buka File > Options > Trust Center > Trust "
            "Center Settings > Macro Settings, centang 'Trust access to the VBA project object "
            f"model', lalu tekan Impor Fungsi lagi. (Pesan asli: {exc})") from exc
    addin.Save()
    tell(book, f"Fungsi {', '.join(udfs.__all__)} sudah terdaftar dan bisa dipakai di semua "
               "workbook. Ketik =IKI_ di sebuah sel untuk melihatnya.")


class Edition(NamedTuple):
    """What Bantuan says differs between the ribbon add-in and the xlwings Lite scripts."""

    hint: str
    guide: str


DESKTOP = Edition("Arahkan tetikus ke sebuah tombol di tab IKI untuk membaca kegunaannya.",
                  "Panduan pemasangan add-in dan penyelesaian masalah: dokumen "
                  "'pasang-add-in.md' di dokumentasi xl-iki. Perintah baris: xl-iki --help")
LITE = Edition("Di panel xlwings Lite, setiap tombol (Validasi, Perbarui Rekap, Bantuan) membawa "
               "keterangannya; fungsi IKI_CAPAIAN, IKI_PREDIKAT dan IKI_CEK bisa diketik di sel.",
               "Panduan edisi xlwings Lite dan penyelesaian masalah: dokumen 'xlwings-lite.md' "
               "di dokumentasi xl-iki.")


def show_help(book: xw.Book, edition: Edition = DESKTOP) -> None:
    """Open the workbook's guide sheet, if it has one, and say where the full guide is."""
    if GUIDE in [sheet.name for sheet in book.sheets]:
        book.sheets[GUIDE].activate()
        where = f"Cara mengisi workbook IKI ada di lembar {GUIDE} (sudah dibuka)."
    else:
        where = f"Cara mengisi workbook IKI ada di lembar {GUIDE} pada workbook buatan xl-iki."
    tell(book, f"xl-iki {__version__} (xlwings {xw.__version__})\n\n{where}\n{edition.hint}\n"
               f"{edition.guide}")
