"""Filled IKI workbooks as other programs save them, made at test time: every command works.

LibreOffice (.xlsx, .ods, .xls) and Gnumeric (.xlsx) re-save a filled workbook; the numbers
read back are the original's, and what cannot be read (.xls) is told plainly.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import office_guard
import pytest
from damage import DAMAGES
from engines import libreoffice_convert
from test_consolidate import office

from xl_iki.cli import main
from xl_iki.workbook import write_workbook

pytestmark = pytest.mark.office
NUMBERS = ("jabatan", "indikator", "target", "tw1", "tw2", "tw3", "tw4", "realisasi", "capaian",
           "predikat")


def gnumeric_convert(src: Path, dst: Path) -> Path:
    """Open ``src`` in Gnumeric (ssconvert), recalculate and save as ``dst``."""
    office_guard.check("Gnumeric")
    ssconvert = shutil.which("ssconvert")
    if not ssconvert:
        pytest.fail("Gnumeric (ssconvert) tidak ditemukan: apt-get install gnumeric; tests that "
                    "need it must not be skipped")
    subprocess.run([ssconvert, "--recalc", str(src), str(dst)], check=True, capture_output=True,
                   timeout=300)
    return dst


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def numbers(path: Path) -> list[tuple]:
    code, out, err = run("export", str(path), "--format", "csv")
    assert code == 0, err
    return [tuple(_plain(row[c]) for c in NUMBERS) for row in csv.DictReader(io.StringIO(out))]


def _plain(text: str) -> object:
    try:
        return round(float(text), 9)
    except ValueError:
        return text


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("program")
    originals = {n: write_workbook(office(n), tmp / f"dinas{n}.xlsx") for n in (1, 2, 3)}
    lo = libreoffice_convert([originals[1]], tmp / "lo")[0]
    ods, xls = (libreoffice_convert([originals[3]], tmp / fmt, fmt)[0] for fmt in ("ods", "xls"))
    gnumeric = gnumeric_convert(originals[2], tmp / "gnumeric.xlsx")
    return {"asli-1": originals[1], "asli-2": originals[2], "asli-3": originals[3],
            "libreoffice": lo, "gnumeric": gnumeric, "ods": ods, "xls": xls}


@pytest.mark.parametrize("program, original", [("libreoffice", "asli-1"),
                                               ("gnumeric", "asli-2")])
def test_every_command_on_a_workbook_saved_by_another_program(program, original, saved,
                                                              tmp_path):
    path = saved[program]
    before = path.read_bytes()
    assert numbers(path) == numbers(saved[original])
    code, out, err = run("validate", str(path))
    assert code == 0, out + err
    code, out, err = run("summary", str(path), "-o", str(tmp_path / "ringkas.xlsx"))
    assert code == 0 and "8 indikator" in out, err
    for fmt in ("yaml", "json"):
        assert run("export", str(path), "--format", fmt)[0] == 0
    code, out, err = run("consolidate", str(path), str(saved["asli-3"]),
                         "-o", str(tmp_path / "gabung.xlsx"))
    assert code == 0 and "berkas diambil : 2" in out, out + err
    assert path.read_bytes() == before


def test_ods_reads_like_xlsx_and_writing_commands_say_what_to_do(saved, tmp_path):
    ods = saved["ods"]
    assert numbers(ods) == numbers(saved["asli-3"])
    code, out, err = run("validate", str(ods))
    assert code == 0, out + err
    assert run("export", str(ods), "--format", "yaml")[0] == 0
    code, out, _ = run("consolidate", str(ods), str(saved["asli-1"]),
                       "-o", str(tmp_path / "gabung.xlsx"))
    assert code == 0 and "berkas diambil : 2" in out
    for args in (("summary", str(ods)), ("validate", str(ods), "--write-sheet")):
        code, _, err = run(*args)
        assert code == 2 and "Simpan Sebagai" in err and ".xlsx" in err, err


def test_old_xls_is_told_to_be_saved_as_xlsx(saved, tmp_path):
    xls = saved["xls"]
    for args in (("validate", str(xls)), ("export", str(xls)), ("summary", str(xls))):
        code, _, err = run(*args)
        assert code == 2 and "format Excel lama (.xls): simpan sebagai .xlsx" in err, err
        assert "kata sandi" not in err
    code, _, err = run("consolidate", str(xls), str(saved["asli-1"]),
                       "-o", str(tmp_path / "g.xlsx"))
    assert code == 1 and "[format-lama]" in err


@pytest.mark.parametrize("kind", ["sel-jauh", "dimensi-bohong"])
def test_damage_saved_again_by_libreoffice(kind, saved, tmp_path):
    """Damage that LibreOffice carries over when it saves: still a clear answer. A stray cell
    outside A..Z is read past in .xlsx; an .ods is laid out whole, so there it is refused."""
    damaged = DAMAGES[kind](saved["asli-1"], tmp_path / f"{kind}.xlsx")
    for fmt in ("xlsx", "ods"):
        path = libreoffice_convert([damaged], tmp_path / fmt, fmt)[0]
        gabung = str(tmp_path / f"gabung-{fmt}.xlsx")
        for args in (("validate", str(path)), ("export", str(path), "--format", "csv"),
                     ("consolidate", str(path), "-o", gabung)):
            code, out, err = run(*args)
            assert code in (0, 1, 2) and "Traceback" not in out + err, (args, err)
            refused = kind == "sel-jauh" and fmt == "ods"
            assert (code == 2 and "melewati" in err) if refused else code == 0, (args, err)
