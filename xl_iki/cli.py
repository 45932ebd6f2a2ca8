"""Command line: parses arguments (in Bahasa Indonesia) and calls the library."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__, crashlog, resources
from .catalogue import load
from .errors import InputError, Problem
from .fileio import atomic_write
from .ooxml import WriteError
from .outputs import FLAG, backup_if_filled, check_outputs
from .workbook import write_workbook

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3

_OS_ERRORS = {
    errno.ENOENT: "folder atau berkas tidak ada",
    errno.EACCES: "tidak ada izin menulis/membaca",
    errno.EPERM: "tidak ada izin menulis/membaca",
    errno.ENOSPC: "disk penuh",
    errno.EROFS: "disk hanya bisa dibaca",
    errno.EISDIR: "yang disebut adalah folder, bukan berkas",
    errno.EFBIG: "berkas melebihi batas ukuran (disk penuh?)",
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
    check_outputs([out], [source, args.template], args.timpa)
    cat = load(source)
    backup = backup_if_filled(out)
    write_workbook(cat, out, args.template)
    n_ind = sum(len(j.indikator) for j in cat.jabatan)
    print(f"Workbook IKI ditulis: {out} ({len(cat.jabatan)} jabatan, {n_ind} indikator)")
    _print_backup(backup)
    return EXIT_OK


def _print_backup(backup: Path | None) -> None:
    if backup:
        print(f"Cadangan berkas lama: {backup}")


def _command_authoring(args: argparse.Namespace) -> int:
    from .authoring import write_authoring_sheet

    check_outputs([Path(args.output)], [], args.timpa)
    out = write_authoring_sheet(args.output)
    print(f"Lembar penyusunan ditulis: {out}. Isi, lalu jalankan: xl-iki new {out.name}")
    return EXIT_OK


def _command_validate(args: argparse.Namespace) -> int:
    from .edit import edit_workbook
    from .edit.validasi import write_validasi_sheet
    from .reader import read_workbook
    from .validation import INFO, Options, validate
    from .validation.report import as_json, as_text

    source = Path(args.workbook)
    out = Path(args.output) if args.output else source.with_name(
        f"{source.stem}-validasi{source.suffix}")
    if args.write_sheet:
        check_outputs([out], [source], args.timpa)
    rec = _iki_workbook(read_workbook(source), source)
    findings = validate(rec, Options(batas_capaian_wajar=args.batas_capaian))
    print(as_json(findings) if args.json else as_text(str(source), findings))
    if args.write_sheet:
        edit_workbook(source, out, lambda wb, _: write_validasi_sheet(wb, findings, source),
                      args.timpa)
        print(f"Lembar Validasi ditulis ke salinan: {out}", file=sys.stderr)
    return EXIT_FAILED if any(f.severity != INFO for f in findings) else EXIT_OK


def _command_summary(args: argparse.Namespace) -> int:
    from .edit import edit_workbook
    from .edit.listings import rebuild_listings
    from .edit.rekap import rebuild_rekap, repair_formulas
    from .reader import read_workbook

    source = Path(args.workbook)
    rec = _iki_workbook(read_workbook(source), source)
    repaired: list = []

    def change(wb, rec):
        if args.repair_formulas:
            repaired.extend(repair_formulas(wb, rec))
        rebuild_listings(wb, rec)  # Pohon Kinerja and Verifikasi (the Rekap counts its rows)
        rebuild_rekap(wb, rec)

    out, backup = edit_workbook(source, args.output, change, args.timpa)
    n_ind = sum(len(s.plan.jabatan.indikator) for s in rec.sheets)
    print(f"Rekap diperbarui: {out} ({len(rec.sheets)} lembar jabatan, {n_ind} indikator)")
    left = [f for f in repaired if f.severity != "info"]
    if args.repair_formulas:
        print(f"Rumus diperbaiki: {len(repaired) - len(left)} sel")
    for f in left:
        print(f"Tidak diperbaiki: {f.where}: {f.message}", file=sys.stderr)
    _print_backup(backup)
    return EXIT_FAILED if left else EXIT_OK


def _command_export(args: argparse.Namespace) -> int:
    from .export import render
    from .reader import read_workbook

    source = Path(args.workbook)
    if args.output:
        check_outputs([Path(args.output)], [source], args.timpa)
    rec = _iki_workbook(read_workbook(source), source)
    text = render(rec, args.format, args.csv_locale)
    if args.output:
        atomic_write(args.output, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        print(f"Diekspor ({args.format}): {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _command_dokumen(args: argparse.Namespace) -> int:
    from .document import source_catalogue, write_document
    from .document.pdf import ToolMissing, convert_to_pdf, soffice

    source = Path(args.sumber)
    out = Path(args.output) if args.output else Path(source.stem + "-keputusan.docx")
    pdf = out.with_suffix(".pdf") if args.pdf else None
    check_outputs([out, pdf], [source, args.template_dokumen], args.timpa)
    try:
        program = soffice() if pdf else None  # before anything is written
    except ToolMissing as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    cat = source_catalogue(source)
    write_document(cat, out, args.template_dokumen)
    n_ind = sum(len(j.indikator) for j in cat.jabatan)
    print(f"Keputusan ditulis: {out} ({len(cat.jabatan)} jabatan, {n_ind} indikator)")
    if pdf and program:
        convert_to_pdf(out, pdf, program)
        print(f"PDF ditulis: {pdf}")
    return EXIT_OK


def _command_tahun_baru(args: argparse.Namespace) -> int:
    from .reader import read_workbook
    from .rollover import catalogue_path, default_output, write_next_year

    source = Path(args.workbook)
    rec = _iki_workbook(read_workbook(source), source)
    old = rec.catalogue.instansi.tahun
    out = Path(args.output) if args.output else default_output(
        source, old, args.tahun or old + 1)
    check_outputs([out, catalogue_path(out)], [source, args.template], args.timpa)
    backup = backup_if_filled(out)
    result = write_next_year(rec, str(source), out, args.tahun, args.template)
    cat = result.catalogue
    n_ind = sum(len(j.indikator) for j in cat.jabatan)
    print(f"Workbook tahun {cat.instansi.tahun} ditulis: {out} ({len(cat.jabatan)} jabatan, "
          f"{n_ind} indikator; target dari target_tahunan: {result.from_plan})")
    print(f"Katalog tahun {cat.instansi.tahun}: {catalogue_path(out)}")
    if result.to_fix:
        print(f"Perhatian: perbaiki katalog ini sebelum dipakai dengan 'xl-iki new' "
              f"({len(result.to_fix)} masalah):", file=sys.stderr)
        for problem in result.to_fix:
            print(f"  - {problem}", file=sys.stderr)
    _print_backup(backup)
    return EXIT_OK


def _command_kunci(args: argparse.Namespace) -> int:
    from .edit import edit_workbook
    from .verification import lock_quarter

    locked: list[str] = []
    source = Path(args.workbook)
    if not 1 <= args.triwulan <= 4:
        raise InputError(str(source), [Problem("--triwulan", "pilih triwulan 1, 2, 3 atau 4")])
    out, backup = edit_workbook(source, args.output, lambda wb, rec: locked.extend(
        lock_quarter(wb, _iki_workbook(rec, source), args.triwulan - 1, str(source))),
        args.timpa)
    print(f"Triwulan {args.triwulan} dikunci di {out}: {len(locked)} indikator yang Disetujui")
    for name in locked:
        print(f"  - {name}")
    _print_backup(backup)
    return EXIT_OK


def _command_addin(args: argparse.Namespace) -> int:
    from .addin.build import AddinError

    try:
        return _ADDIN[args.tindakan](args)
    except AddinError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED


def _addin_install(args: argparse.Namespace) -> int:
    from .addin.build import install_addin

    print(f"Add-in dipasang: {install_addin()}. Buka ulang Excel; tab IKI akan muncul.")
    return EXIT_OK


def _addin_build(args: argparse.Namespace) -> int:
    from .addin.build import build_addin
    from .addin.names import ADDIN_FILE, XLSM_FILE

    check_outputs([Path(args.output) / (XLSM_FILE if args.xlsm else ADDIN_FILE)], [], args.timpa)
    print(f"Add-in ditulis: {build_addin(Path(args.output), xlsm=args.xlsm)}")
    return EXIT_OK


def _addin_bundle(args: argparse.Namespace) -> int:
    from .addin.bundle import build_bundle, bundle_name, source_root

    root = source_root(args.sumber)
    check_outputs([Path(args.output) / f"{bundle_name()}.zip"], [], args.timpa)
    print(f"Paket pemasangan ditulis: {build_bundle(Path(args.output), root)}")
    return EXIT_OK


def _addin_lite(args: argparse.Namespace) -> int:
    from .addin.lite import output_paths, write_lite

    check_outputs(output_paths(Path(args.output)), [], args.timpa)
    written = write_lite(Path(args.output))
    print("Berkas xlwings Lite ditulis: " + ", ".join(str(p) for p in written) + ". Salin "
          "isinya ke tab main.py dan requirements.txt di xlwings Lite (docs/xlwings-lite.md).")
    return EXIT_OK


_ADDIN: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _addin_build, "install": _addin_install, "bundle": _addin_bundle,
    "lite": _addin_lite,
}


class _Progress:
    """A progress bar on the terminal (only when there is one, and for more than a few files)."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total <= 5 or not sys.stderr.isatty():
            return
        filled = done * 30 // total
        print(f"\rMembaca berkas [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}",
              end="" if done < total else "\n", file=sys.stderr, flush=True)


def _command_consolidate(args: argparse.Namespace) -> int:
    from .consolidate import consolidate

    hasil = consolidate(args.input, args.output, args.csv, args.parquet, args.tahun,
                        _Progress(), csv_locale=args.csv_locale, timpa=args.timpa,
                        cache=args.cache)
    print(f"Rekap gabungan ditulis: {hasil.output}")
    print(f"  berkas dibaca  : {hasil.files_read}")
    print(f"  berkas diambil : {hasil.files_taken}")
    if args.cache:
        print(f"  dibaca ulang   : {hasil.files_reread} (lainnya dari cache {args.cache})")
    print(f"  indikator      : {hasil.indicators}")
    print(f"  masalah        : {len(hasil.problems)}" + (" (lihat lembar Masalah)"
                                                        if hasil.problems else ""))
    print(f"  waktu          : {hasil.seconds:.1f} detik")
    for m in hasil.problems[:20]:
        print(f"  - {m.berkas}: [{m.kode}] {m.pesan}", file=sys.stderr)
    if len(hasil.problems) > 20:
        print(f"  ... dan {len(hasil.problems) - 20} masalah lain", file=sys.stderr)
    if not hasil.files_taken:
        return EXIT_BAD_INPUT
    return EXIT_OK if hasil.complete else EXIT_FAILED


def _iki_workbook(rec, source: Path):
    if not rec.sheets:
        raise InputError(str(source), [Problem(str(source), "tidak ada lembar IKI di workbook "
                                               "ini (bukan workbook buatan xl-iki?)")])
    return rec


def _timpa(command: argparse.ArgumentParser, note: str = "") -> None:
    command.add_argument(FLAG, action="store_true",
                         help="ganti berkas keluaran yang sudah ada" + (f" ({note})"
                                                                       if note else ""))


def _template_and_timpa(command: argparse.ArgumentParser) -> None:
    """The options of a command that writes a new workbook."""
    command.add_argument("--template", metavar="TEMPLAT.xlsx",
                         help="templat milik instansi sendiri (bawaan: "
                              "templates/IKI_template.xlsx)")
    _timpa(command, "bila sudah berisi realisasi, cadangannya disimpan lebih dulu")


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
                     help="katalog .yaml/.yml/.json atau workbook penyusunan .xlsx "
                          "(bawaan: contoh Diskominfo)")
    new.add_argument("-o", "--output", metavar="KELUARAN.xlsx",
                     help="nama berkas hasil (bawaan: nama katalog dengan akhiran .xlsx)")
    _template_and_timpa(new)
    new.set_defaults(run=_command_new)

    auth = sub.add_parser(
        "authoring-sheet", help="buat workbook kosong untuk menyusun daftar IKI di Excel",
        description="Menulis workbook penyusunan kosong: lembar Instansi, Jabatan dan Daftar "
                    "IKI (satu baris per indikator, dengan daftar pilihan) serta Petunjuk. "
                    "Setelah diisi: xl-iki new DAFTAR.xlsx.",
    )
    auth.add_argument("-o", "--output", metavar="DAFTAR.xlsx", default="DAFTAR_IKI.xlsx",
                      help="nama berkas (bawaan: DAFTAR_IKI.xlsx)")
    _timpa(auth)
    auth.set_defaults(run=_command_authoring)

    val = sub.add_parser(
        "validate", help="periksa isian workbook IKI",
        description="Memeriksa workbook IKI yang sudah diisi: angka yang berupa teks, skor di "
                    "luar skala, penyebut 0, rumus yang ditimpa, dan lain-lain, lengkap dengan "
                    "lembar dan selnya. Berkas yang diperiksa tidak pernah diubah. Kode keluar: "
                    "0 = bersih, 1 = ada masalah, 2 = bukan workbook IKI yang bisa dibaca.",
    )
    val.add_argument("workbook", metavar="WORKBOOK.xlsx", help="workbook IKI yang diperiksa")
    val.add_argument("--json", action="store_true", help="hasil dalam format JSON")
    val.add_argument("--write-sheet", action="store_true",
                     help="tulis lembar Validasi dan tandai sel bermasalah di salinan workbook")
    val.add_argument("-o", "--output", metavar="SALINAN.xlsx",
                     help="nama salinan untuk --write-sheet (bawaan: NAMA-validasi.xlsx)")
    _timpa(val)
    val.add_argument("--batas-capaian", type=float, default=200.0, metavar="PERSEN",
                     help="capaian di atas angka ini diberi peringatan (bawaan: 200)")
    val.set_defaults(run=_command_validate)

    summ = sub.add_parser(
        "summary", help="perbarui lembar Rekap dari lembar jabatan yang ada",
        description="Menyusun ulang lembar Rekap (ringkasan dan grafik) dari semua lembar "
                    "jabatan yang benar-benar ada. Bila ditulis ke berkas yang sama, cadangan "
                    "bertanggal dibuat lebih dulu dan penulisan dilakukan dengan aman.",
    )
    summ.add_argument("workbook", metavar="WORKBOOK.xlsx", help="workbook IKI")
    summ.add_argument("-o", "--output", metavar="KELUARAN.xlsx",
                      help="tulis ke berkas lain (bawaan: berkas yang sama, dengan cadangan)")
    summ.add_argument("--repair-formulas", action="store_true",
                      help="tulis ulang rumus bawaan yang ditimpa atau terhapus (kecuali "
                           "pada indikator yang baris komponennya hilang)")
    _timpa(summ, "menulis ke berkas yang sama tidak memerlukannya: cadangan selalu dibuat")
    summ.set_defaults(run=_command_summary)

    exp = sub.add_parser(
        "export", help="ekspor workbook IKI ke katalog YAML, atau CSV/JSON per indikator",
        description="Membaca workbook IKI (yang sudah diisi) dan menulis katalog format versi 1 "
                    "(yaml, termasuk target dan realisasi yang diisi), atau satu baris per "
                    "indikator dengan Realisasi, Capaian dan Predikat yang dihitung (csv, json).",
    )
    exp.add_argument("workbook", metavar="WORKBOOK.xlsx", help="workbook IKI")
    exp.add_argument("--format", choices=("yaml", "csv", "json"), default="yaml",
                     help="format keluaran (bawaan: yaml)")
    exp.add_argument("-o", "--output", metavar="BERKAS",
                     help="tulis ke berkas ini (bawaan: ke layar)")
    _csv_locale_option(exp)
    _timpa(exp)
    exp.set_defaults(run=_command_export)

    cons = sub.add_parser(
        "consolidate", help="gabungkan banyak workbook IKI menjadi satu rekap",
        description="Membaca semua workbook IKI (berkas, folder, atau pola seperti data/*.xlsx), "
                    "menghitung ulang setiap angka, lalu menulis rekap gabungan (Rekap, per "
                    "unit, per sasaran, distribusi predikat, grafik, dan lembar Masalah) serta, "
                    "bila diminta, data rapi satu baris per indikator. Berkas masukan hanya "
                    "dibaca. Kode keluar: 0 = semua berkas diambil tanpa masalah, 1 = ada "
                    "masalah atau berkas yang tidak diambil, 2 = tidak ada berkas yang bisa "
                    "diambil.",
    )
    cons.add_argument("input", nargs="+", metavar="MASUKAN",
                      help="berkas .xlsx, folder, atau pola (glob)")
    cons.add_argument("-o", "--output", metavar="REKAP.xlsx", required=True,
                      help="workbook rekap gabungan")
    cons.add_argument("--csv", metavar="DATA.csv", help="tulis juga data rapi (CSV)")
    cons.add_argument("--parquet", metavar="DATA.parquet",
                      help="tulis juga data rapi (Parquet; membutuhkan pyarrow)")
    cons.add_argument("--cache", metavar="FOLDER",
                      help="simpan hasil baca tiap berkas di folder ini; penggabungan berikutnya "
                           "hanya membaca ulang berkas yang isinya berubah atau baru")
    cons.add_argument("--tahun", type=int, metavar="TAHUN",
                      help="tahun yang diambil (bawaan: tahun terbanyak di antara berkas)")
    _csv_locale_option(cons)
    _timpa(cons)
    cons.set_defaults(run=_command_consolidate)

    dok = sub.add_parser(
        "dokumen", help="tulis Keputusan IKI beserta Lampirannya (Word, dan PDF)",
        description="Menulis Keputusan Kepala Dinas tentang Indikator Kinerja Individu (kop, "
                    "nomor, tentang, menimbang, mengingat, menetapkan, penandatangan) dan "
                    "Lampirannya: per jabatan tugas, fungsi dan tabel indikator. Teks keputusan "
                    "diambil dari instansi.keputusan di katalog (ada teks bawaan bila kosong).",
    )
    dok.add_argument("sumber", metavar="KATALOG|WORKBOOK",
                     help="katalog .yaml/.json, workbook penyusunan, atau workbook IKI .xlsx")
    dok.add_argument("-o", "--output", metavar="KEPUTUSAN.docx",
                     help="nama berkas hasil (bawaan: NAMA-keputusan.docx)")
    dok.add_argument("--pdf", action="store_true",
                     help="tulis juga PDF di sebelahnya (membutuhkan LibreOffice)")
    dok.add_argument("--template-dokumen", metavar="TEMPLAT.docx",
                     help="dokumen Word instansi sendiri (kop, huruf, ukuran kertas); isi "
                          "keputusan ditambahkan sesudah isinya")
    _timpa(dok)
    dok.set_defaults(run=_command_dokumen)

    baru = sub.add_parser(
        "tahun-baru", help="buat workbook tahun berikutnya dari workbook tahun ini",
        description="Membuat workbook IKI tahun berikutnya dari workbook tahun ini (yang sudah "
                    "diisi): instansi, jabatan dan indikator yang sama (termasuk lembar yang "
                    "disalin), realisasi dan keterangan kosong, target dari target_tahunan "
                    "katalog bila ada (selain itu kosong untuk diisi), dan lembar Tahun Lalu "
                    "berisi target, realisasi, capaian dan predikat tahun ini. Katalog tahun "
                    "baru ditulis di sebelahnya (.yaml). Berkas masukan hanya dibaca.",
    )
    baru.add_argument("workbook", metavar="WORKBOOK.xlsx", help="workbook IKI tahun ini")
    baru.add_argument("-o", "--output", metavar="BARU.xlsx",
                      help="nama workbook baru (bawaan: nama lama dengan tahun baru, misalnya "
                           "IKI_2025.xlsx -> IKI_2026.xlsx)")
    baru.add_argument("--tahun", type=int, metavar="TAHUN",
                      help="tahun workbook baru (bawaan: tahun workbook + 1)")
    _template_and_timpa(baru)
    baru.set_defaults(run=_command_tahun_baru)

    kunci = sub.add_parser(
        "kunci", help="kunci isian triwulan yang sudah diverifikasi (Disetujui)",
        description="Mengunci sel realisasi triwulan yang di lembar Verifikasi sudah berstatus "
                    "Disetujui, beserta baris verifikasinya, dan mencatat nilainya: bila nanti "
                    "diubah, xl-iki validate memberi peringatan. Indikator yang belum disetujui "
                    "tetap bisa diisi. Bila ditulis ke berkas yang sama, cadangan dibuat dulu.",
    )
    kunci.add_argument("workbook", metavar="WORKBOOK.xlsx", help="workbook IKI")
    kunci.add_argument("--triwulan", type=int, required=True, metavar="N",
                       help="triwulan yang dikunci: 1, 2, 3 atau 4")
    kunci.add_argument("-o", "--output", metavar="KELUARAN.xlsx",
                       help="tulis ke berkas lain (bawaan: berkas yang sama, dengan cadangan)")
    _timpa(kunci, "menulis ke berkas yang sama tidak memerlukannya: cadangan selalu dibuat")
    kunci.set_defaults(run=_command_kunci)

    addin = sub.add_parser(
        "addin", help="buat atau pasang add-in Excel (tab IKI)",
        description="build: menulis add-in xl_iki.xlam (tab IKI di Excel) ke folder. install: "
                    "memasang add-in ke folder XLSTART Excel di komputer Windows ini. bundle: "
                    "menulis paket pemasangan Windows tanpa internet (zip berisi semua wheel "
                    "dan pasang.bat; membutuhkan PyPI dan folder sumber xl-iki). lite: menulis "
                    "main.py dan requirements.txt untuk xlwings Lite (Excel 365 tanpa "
                    "memasang Python). Berkas yang sudah ada hanya diganti dengan --timpa.",
    )
    addin.add_argument("tindakan", choices=tuple(_ADDIN), metavar="TINDAKAN",
                       help="build, install, bundle atau lite")
    addin.add_argument("-o", "--output", metavar="FOLDER", default="dist",
                       help="folder hasil build, bundle dan lite (bawaan: dist)")
    addin.add_argument("--xlsm", action="store_true",
                       help="buat .xlsm berisi proyek VBA yang sama (untuk pemeriksaan)")
    addin.add_argument("--sumber", metavar="FOLDER",
                       help="bundle: folder sumber xl-iki (berisi pyproject.toml; bawaan: "
                            "folder sumber paket yang berjalan ini)")
    _timpa(addin)
    addin.set_defaults(run=_command_addin)
    return parser


def _csv_locale_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--csv-locale", choices=("id", "en"), metavar="id|en",
                        help="bentuk CSV: id = pemisah ';', koma desimal, BOM UTF-8 (Excel "
                             "berbahasa Indonesia); en = pemisah ',', titik desimal (bawaan: id "
                             "bila pengaturan wilayah komputer ini Indonesia, selain itu en)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] | None = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return run(args)
    except BrokenPipeError:  # output piped into a program that stopped reading (head, less)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except InputError as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_BAD_INPUT
    except WriteError as exc:  # the written file failed its checks: the old one is untouched
        print(f"Gagal: {exc.filename}: {exc.strerror}.", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        reason = _OS_ERRORS.get(exc.errno, exc.strerror or str(exc))
        print(f"Gagal: {exc.filename or ''}: {reason}. Periksa nama folder dan hak akses, "
              "lalu coba lagi.", file=sys.stderr)
        return EXIT_FAILED
    except Exception:  # a bug of ours: one sentence for the user, the traceback in a log
        print(crashlog.report(_subject(args)), file=sys.stderr)
        return EXIT_BUG


def _subject(args: argparse.Namespace) -> str:
    """The file a command was working on, for the one-sentence crash report."""
    for name in ("workbook", "katalog", "input", "sumber"):
        value = getattr(args, name, None)
        if value:
            return ", ".join(value) if isinstance(value, list) else str(value)
    return "(tanpa berkas)"


if __name__ == "__main__":
    sys.exit(main())
