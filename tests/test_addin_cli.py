"""`xl-iki addin build|bundle|lite`: outputs follow the safe-output rule (an existing file is
only replaced with --timpa, checked before any work) and a wrong source folder is bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from xl_iki.addin import bundle
from xl_iki.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_build_keeps_an_existing_addin_without_timpa(tmp_path: Path, capsys) -> None:
    assert main(["addin", "build", "-o", str(tmp_path)]) == 0
    built = tmp_path / "xl_iki.xlam"
    before = built.read_bytes()
    built.write_bytes(b"punya saya")
    assert main(["addin", "build", "-o", str(tmp_path)]) == 2
    assert "--timpa" in capsys.readouterr().err
    assert built.read_bytes() == b"punya saya"
    assert main(["addin", "build", "-o", str(tmp_path), "--timpa"]) == 0
    assert built.read_bytes()[:2] == before[:2] == b"PK"


def test_bundle_checks_before_downloading(tmp_path: Path, monkeypatch, capsys) -> None:
    def no_download(*args):
        raise AssertionError("the bundle was built although its output was refused")

    monkeypatch.setattr(bundle, "build_bundle", no_download)
    existing = tmp_path / f"{bundle.bundle_name()}.zip"
    existing.write_bytes(b"lama")
    assert main(["addin", "bundle", "-o", str(tmp_path)]) == 2
    assert "--timpa" in capsys.readouterr().err and existing.read_bytes() == b"lama"


def test_bundle_from_a_folder_that_is_no_source_tree(tmp_path: Path, capsys) -> None:
    assert main(["addin", "bundle", "-o", str(tmp_path / "dist"), "--sumber",
                 str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "bukan folder sumber xl-iki" in err and "--sumber" in err
    assert not (tmp_path / "dist").exists()


def test_bundle_builds_from_this_source_tree_by_default() -> None:
    assert bundle.source_root() == ROOT


@pytest.mark.parametrize("script", ["build_bundle.py", "build_addin.py"])
def test_scripts_are_the_cli(script: str, tmp_path: Path) -> None:
    """The scripts only pass their arguments to `xl-iki addin ...` (same options, same rule)."""
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--help"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0 and "--timpa" in done.stdout and "bundle" in done.stdout
