"""Hostile catalogues: each ends fast, in little memory, with an Indonesian message and exit 2.

Every case runs ``xl-iki new`` in a child process under ``RLIMIT_AS`` (1 GB) and ``RLIMIT_CPU``,
so a regression fails the test instead of taking the machine down.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

GB = 1 << 30
CHILD = textwrap.dedent("""\
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    resource.setrlimit(resource.RLIMIT_CPU, (30, 30))
    from xl_iki.cli import main
    code = main(sys.argv[1:])
    print("MAXRSS_KB=%d" % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
    sys.exit(code)
    """).format(limit=GB)

HEAD = """\
versi: 1
instansi: {nama: Dinas Uji, pemda: Kota Uji, tahun: 2025}
jabatan:
  - nama: Kepala Dinas
    indikator:
"""

# the classic "billion laughs": nine levels of nine aliases, 9**9 items once expanded
LAUGHS = "".join(
    f"x{k}: &{c} [" + ",".join([f"*{p}"] * 9 if p else ['"lol"'] * 9) + "]\n"
    for k, (c, p) in enumerate(zip("abcdefghi", ["", *"abcdefgh"])))
BOMB = LAUGHS + HEAD + "      - {nama: Bom, jenis: jumlah, target: *i}\n"


def run_new(catalogue: str, tmp_path) -> tuple[int, str, float, int]:
    """Exit code, stderr, seconds and peak memory (bytes) of ``xl-iki new catalogue``."""
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", CHILD, "new", catalogue, "-o",
                           str(tmp_path / "hasil.xlsx")], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path)
    seconds = time.monotonic() - start
    peak = [int(line.split("=")[1]) * 1024 for line in done.stderr.splitlines()
            if line.startswith("MAXRSS_KB=")]
    assert peak, f"the child died (exit {done.returncode}): {done.stderr[-2000:]}"
    return done.returncode, done.stderr, seconds, peak[0]


def assert_refused(catalogue: str, tmp_path, *expected: str) -> str:
    code, err, seconds, peak = run_new(catalogue, tmp_path)
    assert code == 2, err
    assert "Traceback" not in err, err
    assert seconds < 20 and peak < GB, (seconds, peak)
    for text in expected:
        assert text in err, err
    assert not (tmp_path / "hasil.xlsx").exists()
    return err


def test_billion_laughs_is_refused_quickly_in_little_memory(tmp_path):
    assert len(BOMB.encode()) < 700
    (tmp_path / "bom.yaml").write_text(BOMB, encoding="utf-8")
    err = assert_refused("bom.yaml", tmp_path, "bom.yaml:", "alias YAML", "tulis isinya langsung")
    assert "juta unsur" in err


def test_alias_to_itself_is_refused(tmp_path):
    (tmp_path / "diri.yaml").write_text(HEAD + "      - &a [*a]\n", encoding="utf-8")
    assert_refused("diri.yaml", tmp_path, "diri.yaml:6:", "merujuk dirinya sendiri")


@pytest.mark.parametrize("nesting", ["[" * 100_000 + "]" * 100_000,
                                     "- " * 900 + "x"],
                         ids=["flow", "block"])
def test_deep_nesting_is_refused_not_a_crash(nesting, tmp_path):
    """900 nested lists pass libyaml's own bound but overflow Python's stack when built."""
    (tmp_path / "dalam.yaml").write_text(HEAD + "      - " + nesting + "\n", encoding="utf-8")
    assert_refused("dalam.yaml", tmp_path, "dalam.yaml:", "format YAML/JSON salah"
                   if nesting.startswith("[") else "terlalu dalam")


def test_dev_zero_and_a_huge_file_are_refused(tmp_path):
    assert_refused("/dev/zero", tmp_path, "/dev/zero: berkas terlalu besar")
    with (tmp_path / "besar.yaml").open("w", encoding="utf-8") as out:
        out.write(HEAD)
        out.write("# catatan yang sangat panjang\n" * 400_000)
    assert_refused("besar.yaml", tmp_path, "besar.yaml: berkas terlalu besar")


def test_impossible_date_and_400_digit_integer_name_their_line(tmp_path):
    text = (HEAD.replace("tahun: 2025}", "tahun: 2025,\n  keputusan: {nomor: '1', tanggal: "
                                         "2021-13-45}}")
            + f"      - {{nama: A, jenis: jumlah, target: {'9' * 400}}}\n")
    (tmp_path / "salah.yaml").write_text(text, encoding="utf-8")
    err = assert_refused("salah.yaml", tmp_path)
    assert "salah.yaml:3: tanggal '2021-13-45' tidak ada di kalender" in err
    assert "salah.yaml:7: angka '99999999999999999999… (400 karakter)': angka terlalu besar" in err
