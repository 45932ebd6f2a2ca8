"""The command line: Indonesian help, exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl

from xl_iki.cli import main


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xl_iki", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_new_without_catalogue_uses_bundled_example(tmp_path):
    result = run("new", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "padang_panjang_2020.xlsx"
    assert "Workbook IKI ditulis" in result.stdout and out.exists()
    wb = openpyxl.load_workbook(out)
    assert "Rekap" in wb.sheetnames and len(wb.sheetnames) > 20


def test_output_gets_ordinary_permissions(tmp_path):
    import os
    import stat

    out = tmp_path / "baru.xlsx"
    assert main(["new", "-o", str(out)]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    out.chmod(0o640)
    assert main(["new", "-o", str(out)]) == 2  # an existing output is kept ...
    assert main(["new", "-o", str(out), "--timpa"]) == 0  # ... unless the user says so
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert not list(tmp_path.glob("*.cadangan-*"))  # nobody had filled it: no backup needed


def test_new_with_output_and_catalogue(tmp_path):
    cat = tmp_path / "k.yaml"
    cat.write_text("instansi: {nama: Dinas, pemda: Kota, tahun: 2024}\n"
                   "jabatan: [{nama: Kepala, indikator: [{nama: Jumlah X, jenis: jumlah}]}]\n",
                   encoding="utf-8")
    assert main(["new", str(cat), "-o", str(tmp_path / "hasil.xlsx")]) == 0
    assert (tmp_path / "hasil.xlsx").exists()


def test_help_is_indonesian(tmp_path):
    top = run("--help", cwd=tmp_path)
    sub = run("new", "--help", cwd=tmp_path)
    assert top.returncode == 0 and sub.returncode == 0
    for text in (top.stdout, sub.stdout):
        assert "Penggunaan:" in text and "tampilkan bantuan ini lalu keluar" in text
        assert "usage:" not in text and "show this help" not in text
    assert "KATALOG" in sub.stdout and "templat" in sub.stdout


def test_bad_catalogue_exit_2_with_every_problem_and_no_traceback(tmp_path):
    cat = tmp_path / "salah.yaml"
    cat.write_text("instansi: {nama: Dinas, pemda: Kota, tahun: 2024}\njabatan:\n"
                   "  - nama: A\n    indikator:\n      - {nama: X, jenis: persen}\n"
                   "      - {nama: Y, jenis: persentase}\n", encoding="utf-8")
    result = run("new", str(cat), "-o", str(tmp_path / "x.xlsx"), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "salah.yaml:5" in result.stderr and "salah.yaml:6" in result.stderr
    assert "ditemukan 2 masalah" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_unknown_command_and_option_exit_2_in_indonesian(tmp_path):
    result = run("hapus", cwd=tmp_path)
    assert result.returncode == 2 and "pilihan tidak dikenal" in result.stderr
    result = run("new", "--warna", cwd=tmp_path)
    assert result.returncode == 2 and "argumen tidak dikenal" in result.stderr


def test_unwritable_output_exit_1_without_traceback(tmp_path):
    result = run("new", "-o", str(tmp_path / "tidak" / "ada" / "x.xlsx"), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "folder atau berkas tidak ada" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_failed_save_leaves_existing_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "hasil.xlsx"
    target.write_bytes(b"isi lama")

    from openpyxl.writer.excel import ExcelWriter

    def broken_save(self):
        self._archive.writestr("setengah.xml", b"<setengah/>")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ExcelWriter, "save", broken_save)
    assert main(["new", "-o", str(target), "--timpa"]) == 1
    assert target.read_bytes() == b"isi lama"  # the half-written temporary file is gone
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names[0] == "hasil.cadangan-" + names[0][15:] and names[1:] == ["hasil.xlsx"]


def test_ci_runs_the_readme_test_command():
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    command = 'pip install -e ".[test]" && python -m pytest'
    assert command in readme
    assert command in (root / ".ci" / "run").read_text(encoding="utf-8")


def test_an_unexpected_error_is_one_sentence_exit_3_and_a_log(tmp_path, monkeypatch, capsys):
    import xl_iki.cli as cli

    def broken(args):
        raise KeyError("bug di xl-iki")

    monkeypatch.setenv("XL_IKI_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.setattr(cli, "_command_export", broken)
    assert main(["export", "apa.xlsx"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and "kesalahan tak terduga" in err and "apa.xlsx" in err
    (log,) = (tmp_path / "log").glob("galat-*.log")
    assert str(log) in err
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "bug di xl-iki" in text


def test_the_guard_still_answers_when_no_log_can_be_written(tmp_path, monkeypatch, capsys):
    import xl_iki.cli as cli

    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    monkeypatch.setenv("XL_IKI_LOG_DIR", str(blocker / "log"))
    monkeypatch.setattr(cli, "_command_export", lambda args: 1 / 0)
    assert main(["export", "apa.xlsx"]) == 3
    err = capsys.readouterr().err
    assert "tidak dapat disimpan" in err and "Traceback" not in err
