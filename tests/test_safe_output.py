"""One safe-output rule for every command: inputs are never replaced, existing outputs only
with --timpa, writes are atomic (also through symlinks), backups are unique and complete."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_validation import CAT, at, edited

import xl_iki
from xl_iki import fileio
from xl_iki.cli import main
from xl_iki.reader import read_workbook
from xl_iki.workbook import write_workbook

ROOT = Path(__file__).resolve().parent.parent
# child processes run the xl_iki this test imports
PACKAGE_ENV = {**os.environ, "PYTHONPATH": str(Path(xl_iki.__file__).parent.parent)}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".~*"))


@pytest.fixture
def filled(tmp_path) -> Path:
    """A workbook staff have filled: realisasi entered."""
    book = write_workbook(CAT, tmp_path / "kosong.xlsx")
    out = edited(book, tmp_path, [(at("jml", "M"), 7), (at("pct", "M", 0), 3)])
    return out.rename(tmp_path / "IKI_2025.xlsx")


@pytest.fixture
def katalog(tmp_path) -> Path:
    path = tmp_path / "katalog.yaml"
    path.write_text("instansi: {nama: Dinas, pemda: Kota, tahun: 2025}\n"
                    "jabatan: [{nama: Kepala, indikator: [{nama: Jumlah X, jenis: jumlah}]}]\n",
                    encoding="utf-8")
    return path


def refused(capsys, argv: list[str], *kept: Path, because: str = "masukan") -> str:
    """Run a command that must be refused (exit 2, saying ``because``) with every named file
    left as it was; its messages."""
    before = [digest(p) for p in kept]
    assert main(argv) == 2
    assert [digest(p) for p in kept] == before
    err = capsys.readouterr().err
    assert because in err and str(argv[argv.index("-o") + 1]) in err, err
    return err


# --- Why 2: an output that names an input ---------------------------------------------------


def test_export_onto_its_own_workbook_is_refused(filled, capsys):
    refused(capsys, ["export", str(filled), "-o", str(filled), "--format", "csv"], filled)


def test_consolidate_onto_an_input_is_refused(filled, tmp_path, capsys):
    other = edited(filled, tmp_path, [(at("jml", "N"), 1)]).rename(tmp_path / "lain.xlsx")
    refused(capsys, ["consolidate", str(filled), str(other), "-o", str(other)], filled, other)
    refused(capsys, ["consolidate", str(filled), "-o", str(tmp_path / "r.xlsx"),
                     "--csv", str(filled)], filled)
    refused(capsys, ["consolidate", str(tmp_path), "-o", str(other)], filled, other)
    assert not (tmp_path / "r.xlsx").exists()


def test_new_onto_its_catalogue_or_template_is_refused(katalog, tmp_path, capsys):
    refused(capsys, ["new", str(katalog), "-o", str(katalog)], katalog)
    template = ROOT / "templates" / "IKI_template.xlsx"
    own = tmp_path / "templat.xlsx"
    own.write_bytes(template.read_bytes())
    refused(capsys, ["new", str(katalog), "--template", str(own), "-o", str(own)], own)


def test_an_output_symlinked_to_an_input_is_refused(filled, tmp_path, capsys):
    link = tmp_path / "laporan.csv"
    link.symlink_to(filled)
    refused(capsys, ["export", str(filled), "-o", str(link), "--format", "csv"], filled)
    refused(capsys, ["validate", str(filled), "--write-sheet", "-o", str(link)], filled)
    assert link.is_symlink()


def test_two_outputs_with_one_name_are_refused(filled, tmp_path):
    same = tmp_path / "r.xlsx"
    assert main(["consolidate", str(filled), "-o", str(same), "--csv", str(same)]) == 2
    assert not same.exists()


# --- Why 3: an existing output is never overwritten silently --------------------------------


def test_new_does_not_overwrite_a_filled_workbook(filled, katalog, capsys):
    refused(capsys, ["new", str(katalog), "-o", str(filled)], filled, because="--timpa")
    before = digest(filled)
    assert main(["new", str(katalog), "-o", str(filled), "--timpa"]) == 0
    [backup] = filled.parent.glob("IKI_2025.cadangan-*.xlsx")
    assert digest(backup) == before and f"Cadangan berkas lama: {backup}" in \
        capsys.readouterr().out
    assert 7 in read_workbook(backup).sheet_of("v").plan.jabatan.indikator[0].realisasi
    assert len(read_workbook(filled).sheets) == 1


@pytest.mark.parametrize("command", [
    ["export", "{book}", "-o", "{out}"],
    ["summary", "{book}", "-o", "{out}"],
    ["validate", "{book}", "--write-sheet", "-o", "{out}"],
    ["consolidate", "{book}", "-o", "{out}"],
    ["authoring-sheet", "-o", "{out}"],
])
def test_every_command_keeps_an_existing_output_without_timpa(command, filled, tmp_path,
                                                             capsys):
    out = tmp_path / "sudah_ada.xlsx"
    out.write_bytes(b"milik orang lain")
    argv = [a.format(book=filled, out=out) for a in command]
    refused(capsys, argv, out, filled, because="--timpa")
    assert main([*argv, "--timpa"]) in (0, 1)
    assert out.read_bytes() != b"milik orang lain" and not leftovers(tmp_path)


def test_in_place_summary_needs_no_timpa_and_keeps_a_backup(filled):
    before = digest(filled)
    assert main(["summary", str(filled), "-o", str(filled)]) == 0
    assert [digest(b) for b in filled.parent.glob("IKI_2025.cadangan-*")] == [before]


# --- Why 4: export -o is atomic, and says which file it could not write ---------------------


def export_on_a_small_disk(book: Path, report: Path, room: int, *flags: str):
    """``export --format json -o report`` in a process that may write only ``room`` bytes
    per file: write() fails with a real EFBIG, as on a full disk."""
    code = ("import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({room}, {room})); "
            "from xl_iki.cli import main; sys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, "export", str(book), "--format", "json",
                           "-o", str(report), *flags], capture_output=True, text=True,
                          cwd=report.parent, env=PACKAGE_ENV, timeout=120)


def test_export_on_a_full_disk_names_the_file_and_keeps_the_old_report(filled, tmp_path):
    report = tmp_path / "laporan.json"
    assert main(["export", str(filled), "--format", "json", "-o", str(report)]) == 0
    full = report.read_bytes()
    report.unlink()
    proc = export_on_a_small_disk(filled, report, len(full) // 2)
    assert proc.returncode == 1, proc.stderr
    assert f"Gagal: {report}:" in proc.stderr  # the message names the file
    assert not report.exists() and not leftovers(tmp_path)  # no partial report
    report.write_bytes(full)  # an existing report is kept whole when the new one fails
    proc = export_on_a_small_disk(filled, report, len(full) // 2, "--timpa")
    assert proc.returncode == 1 and report.read_bytes() == full and not leftovers(tmp_path)


# --- Why 5: backups, killed runs, symlinks, macro workbooks ---------------------------------


class _Clock(dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(2025, 7, 1, 9, 30, 0)


def test_two_runs_in_one_second_keep_two_backups(filled, monkeypatch):
    import xl_iki.edit as edit

    clock = type("dt", (), {"datetime": _Clock})
    monkeypatch.setattr(fileio, "dt", clock, raising=False)
    monkeypatch.setattr(edit, "dt", clock, raising=False)  # where older code read the clock
    original = digest(filled)
    assert main(["summary", str(filled)]) == 0
    after_first = digest(filled)
    assert main(["summary", str(filled)]) == 0
    backups = sorted(filled.parent.glob("IKI_2025.cadangan-*"))
    assert [b.name for b in backups] == ["IKI_2025.cadangan-20250701-093000-2.xlsx",
                                         "IKI_2025.cadangan-20250701-093000.xlsx"]
    assert {digest(b) for b in backups} == {original, after_first}


def test_a_killed_run_leaves_no_temporary_file_behind(tmp_path):
    """A real kill -9 while the temporary file is written; the next run clears it away."""
    import yaml

    from bench.generate import catalogue as bench_catalogue
    from xl_iki.catalogue import loads

    big = write_workbook(loads(yaml.safe_dump(bench_catalogue(15, 10))), tmp_path / "besar.xlsx")
    proc = subprocess.Popen([sys.executable, "-m", "xl_iki", "summary", str(big)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=PACKAGE_ENV)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not leftovers(tmp_path):
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert leftovers(tmp_path)  # what the kill left
    assert main(["summary", str(big)]) == 0
    assert leftovers(tmp_path) == []
    for backup in tmp_path.glob("besar.cadangan-*"):
        assert read_workbook(backup).sheets


def test_a_file_another_run_is_writing_is_not_taken_for_a_leftover(tmp_path):
    target = tmp_path / "a.xlsx"
    with fileio._Temporary(target) as busy:
        assert fileio.remove_stale(target) == [] and busy.path.exists()
    assert not busy.path.exists()


def test_only_our_own_leftovers_are_removed(tmp_path):
    target = tmp_path / "a.xlsx"
    ours, foreign = tmp_path / ".~a.xlsx.k3_x9qzp.tmp", tmp_path / ".~a.xlsx.catatan-saya.tmp"
    ours.write_bytes(b"PK setengah")
    foreign.write_bytes(b"milik orang lain")
    assert fileio.remove_stale(target) == [ours]
    assert foreign.exists() and not ours.exists()


def test_in_place_summary_through_a_symlink_updates_the_real_file(filled, tmp_path):
    folder = tmp_path / "bersama"
    folder.mkdir()
    link = folder / "IKI.xlsx"
    link.symlink_to(filled)
    before = digest(filled)
    assert main(["summary", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == filled.resolve()
    assert digest(filled) != before and read_workbook(link).rekap_title == "Rekap"
    backups = list(tmp_path.rglob("*.cadangan-*"))
    assert [digest(b) for b in backups] == [before]


def test_export_through_a_symlinked_report_updates_its_target(filled, tmp_path):
    real = tmp_path / "arsip" / "laporan.csv"
    real.parent.mkdir()
    real.write_text("lama\n", encoding="utf-8")
    link = tmp_path / "laporan.csv"
    link.symlink_to(real)
    assert main(["export", str(filled), "--format", "csv", "-o", str(link), "--timpa"]) == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith('"instansi"')


def xlsm(tmp_path: Path) -> Path:
    """A filled IKI workbook with a VBA project (as a user adds one in Excel)."""
    from pyopenvba import ExcelFile

    from xl_iki.addin.build import XLSM_CONTENT_TYPE, with_main_content_type

    plain = write_workbook(CAT, tmp_path / "tanpa_makro.xlsm")
    with ExcelFile(plain) as vba:
        vba.add_vba_project().add_module("Modul1", 'Sub Halo()\r\n MsgBox "hai"\r\nEnd Sub\r\n')
        vba.save()
    book = tmp_path / "IKI.xlsm"
    with zipfile.ZipFile(plain) as zf, zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as out:
        for info in zf.infolist():
            data = zf.read(info.filename)
            out.writestr(info, with_main_content_type(data, XLSM_CONTENT_TYPE)
                         if info.filename == "[Content_Types].xml" else data)
    plain.unlink()
    return book


def vba_state(path: Path) -> tuple[bytes, str]:
    import xml.etree.ElementTree as ET

    with zipfile.ZipFile(path) as zf:
        types = ET.fromstring(zf.read("[Content_Types].xml"))
        main_type = next(o.get("ContentType") for o in types if o.get("PartName") ==
                         "/xl/workbook.xml")
        return zf.read("xl/vbaProject.bin"), main_type


def test_in_place_summary_of_an_xlsm_keeps_its_macros(tmp_path):
    book = xlsm(tmp_path)
    project, main_type = vba_state(book)
    assert main_type.endswith("macroEnabled.main+xml")
    assert main(["summary", str(book)]) == 0
    assert vba_state(book) == (project, main_type)
    assert openpyxl.load_workbook(book, keep_vba=True).vba_archive is not None


def test_an_xlsm_is_not_written_under_an_xlsx_name(tmp_path, capsys):
    book = xlsm(tmp_path)
    out = tmp_path / "hasil.xlsx"
    assert main(["summary", str(book), "-o", str(out)]) == 2
    assert ".xlsm" in capsys.readouterr().err and not out.exists()


# --- the mechanics ------------------------------------------------------------------------


def test_backups_never_share_a_name_and_are_complete(filled):
    now = dt.datetime(2025, 1, 2, 3, 4, 5)
    names = [fileio.keep_backup(filled, now) for _ in range(3)]
    assert len(set(names)) == 3
    assert all(digest(n) == digest(filled) for n in names)
    assert not leftovers(filled.parent)


def test_a_failed_csv_write_keeps_the_old_csv(filled, tmp_path, monkeypatch):
    data = tmp_path / "data.csv"
    data.write_text("lama\n", encoding="utf-8")
    write_text = Path.write_text

    def broken(self, text, *args, **kwargs):
        if self.suffix == ".tmp":  # the CSV's temporary file: half written, then the disk is full
            write_text(self, text[:10], *args, **kwargs)
            raise OSError(28, "No space left on device")
        return write_text(self, text, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", broken)
    out = tmp_path / "r.xlsx"
    assert main(["consolidate", str(filled), "-o", str(out), "--csv", str(data),
                 "--timpa"]) == 1
    assert data.read_text(encoding="utf-8") == "lama\n" and not leftovers(tmp_path)


def test_validate_still_leaves_its_input_byte_identical(filled, tmp_path):
    before = digest(filled)
    main(["validate", str(filled), "--write-sheet", "-o", str(tmp_path / "v.xlsx")])
    assert digest(filled) == before
