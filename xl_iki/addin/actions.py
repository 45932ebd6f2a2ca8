"""What the buttons of the IKI ribbon tab do: button id -> handler of the calling workbook.

The ribbon (``macros/customUI14.xml``) sends every button to :func:`run_button` with the
button's id, so a new button is one XML element and one entry in :data:`ACTIONS`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import xlwings as xw

from .. import __version__, udfs
from ..workbook.template import GUIDE
from . import handlers
from .build import ADDIN_FILE
from .handlers import tell

Handler = Callable[[xw.Book], None]


def run_button(button_id: str, book: xw.Book | None = None) -> None:
    """Run the action of a ribbon button on the calling workbook (``book`` for tests).

    Any failure becomes a message box in Bahasa Indonesia, never a VBA error dialog.
    """
    if book is None:
        book = xw.Book.caller()
    handler = ACTIONS.get(button_id)
    if handler is None:
        tell(book, f"Tombol {button_id!r} tidak dikenal oleh xl-iki {__version__}. Add-in dan "
                   "paket Python xl-iki mungkin berbeda versi: jalankan 'pip install -U xl-iki' "
                   "lalu 'xl-iki addin install', dan buka ulang Excel.", problem=True)
        return
    try:
        handler(book)
    except Exception as exc:
        tell(book, "Perintah tidak dapat diselesaikan.\n\n"
                   f"{exc}\n\n"
                   "Simpan pekerjaan Anda, tutup dan buka lagi Excel, lalu coba sekali lagi. Bila "
                   "masalah berlanjut, kirim pesan ini kepada pengelola xl-iki.\n"
                   f"(Rincian teknis: {type(exc).__name__}, xl-iki {__version__})", problem=True)


def not_available(feature: str, hint: str, book: xw.Book) -> None:
    """Tell the user that ``feature`` is not in this version, and what to do meanwhile."""
    tell(book, f"Fitur {feature} belum tersedia di xl-iki {__version__}.\n\n{hint}")


def import_functions(book: xw.Book) -> None:
    """Register the UDFs of :mod:`xl_iki.udfs` in the add-in, for every workbook."""
    addin = book.app.api.Workbooks(ADDIN_FILE)
    try:
        xw.import_udfs(udfs.__name__, addin)
    except Exception as exc:
        raise RuntimeError(
            "Excel menolak mendaftarkan fungsi. Buka File > Options > Trust Center > Trust "
            "Center Settings > Macro Settings, centang 'Trust access to the VBA project object "
            f"model', lalu tekan Impor Fungsi lagi. (Pesan asli: {exc})") from exc
    addin.Save()
    tell(book, f"Fungsi {', '.join(udfs.__all__)} sudah terdaftar dan bisa dipakai di semua "
               "workbook. Ketik =IKI_ di sebuah sel untuk melihatnya.")


def show_help(book: xw.Book) -> None:
    """Open the workbook's guide sheet, if it has one, and say where the full guide is."""
    if GUIDE in [sheet.name for sheet in book.sheets]:
        book.sheets[GUIDE].activate()
        where = f"Cara mengisi workbook IKI ada di lembar {GUIDE} (sudah dibuka)."
    else:
        where = f"Cara mengisi workbook IKI ada di lembar {GUIDE} pada workbook buatan xl-iki."
    tell(book, f"xl-iki {__version__} (xlwings {xw.__version__})\n\n{where}\n"
               "Arahkan tetikus ke sebuah tombol di tab IKI untuk membaca kegunaannya.\n"
               "Panduan pemasangan add-in dan penyelesaian masalah: dokumen "
               "'pasang-add-in.md' di dokumentasi xl-iki. Perintah baris: xl-iki --help")


NEW_YEAR_HINT = ("Untuk sementara, buat workbook tahun berikutnya dari katalog (YAML/JSON) "
                 "dengan perintah: xl-iki new KATALOG.yaml -o IKI_TAHUN.xlsx")

#: button id (the ``id`` in customUI14.xml) -> what the button does
ACTIONS: dict[str, Handler] = {
    "iki_validasi": handlers.validate_book,
    "iki_hapus_tanda": handlers.clear_marks,
    "iki_perbarui_rekap": handlers.refresh_rekap,
    "iki_gabungkan": handlers.consolidate_folder,
    "iki_tahun_baru": partial(not_available, "Tahun Baru", NEW_YEAR_HINT),
    "iki_impor_fungsi": import_functions,
    "iki_bantuan": show_help,
}
