# --- xl-iki untuk xlwings Lite: tombol dan fungsi -------------------------------------------
# The scripts of the xlwings Lite edition (pasted into Lite's main.py after the embedded
# package, see xl_iki/addin/lite/__init__.py): the desktop add-in's handlers, run on the
# workbook Lite hands over. Lite cannot lift a sheet's protection, so Validasi lists the
# problems with links instead of painting the (protected) jabatan sheets.
import xlwings as xw
from xlwings import script

from xl_iki.addin.actions import LITE, guarded, show_help
from xl_iki.addin.handlers import refresh_rekap, validate_book
from xl_iki.udfs import IKI_CAPAIAN, IKI_CEK, IKI_NILAI, IKI_PREDIKAT  # custom functions (=IKI_...)

__all__ = ["IKI_CAPAIAN", "IKI_CEK", "IKI_NILAI", "IKI_PREDIKAT", "bantuan", "perbarui_rekap",
           "validasi"]


@script(name="Validasi")
def validasi(book: xw.Book):
    """Memeriksa isian semua lembar jabatan dan menulis lembar Validasi berisi tautan ke sel."""
    guarded(book, lambda b: validate_book(b, mark=False))


@script(name="Perbarui Rekap")
def perbarui_rekap(book: xw.Book):
    """Menyusun ulang lembar Rekap dari lembar jabatan yang ada di workbook ini."""
    guarded(book, refresh_rekap)


@script(name="Bantuan")
def bantuan(book: xw.Book):
    """Membuka lembar Petunjuk dan menunjukkan panduan xl-iki."""
    guarded(book, lambda b: show_help(b, LITE))
