"""Gabungkan's progress in Excel's status bar: at most STEPS updates a run, in Indonesian,
Excel's own status bar given back at the end (also when the work fails), and nothing on an
engine without a status bar."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from test_addin_handlers import book_of, remote_engine, said  # noqa: F401 (a fixture)
from test_validation import CAT

from xl_iki.addin import handlers, statusbar
from xl_iki.addin.actions import run_button
from xl_iki.workbook import write_workbook


class App:
    """Excel's Application as xlwings shows it: every status bar setting recorded."""

    def __init__(self) -> None:
        self.shown: list[str | bool] = []

    @property
    def status_bar(self) -> str | bool:
        return self.shown[-1] if self.shown else False

    @status_bar.setter
    def status_bar(self, value: str | bool) -> None:
        self.shown.append(value)


def test_a_long_run_updates_the_bar_a_few_times_then_gives_it_back() -> None:
    book = SimpleNamespace(app=App())
    with statusbar.reading_files(book) as progress:
        for done in range(1, 501):
            progress(done, 500)
    *steps, end = book.app.shown
    assert end is False
    assert len(steps) <= statusbar.STEPS + 1
    assert steps[0] == "xl-iki: membaca berkas 1 dari 500..."
    assert steps[-1] == "xl-iki: membaca berkas 500 dari 500..."


def test_the_bar_is_given_back_when_the_work_fails() -> None:
    book = SimpleNamespace(app=App())
    with pytest.raises(OSError), statusbar.reading_files(book) as progress:
        progress(1, 3)
        raise OSError("disk penuh")
    assert book.app.shown[-1] is False


def test_gabungkan_shows_its_progress(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "masuk"
    folder.mkdir()
    for name in ("a", "b", "c"):
        write_workbook(CAT, folder / f"IKI_{name}.xlsx")
    seen: list[tuple[int, int]] = []
    real = statusbar.reading_files

    def recording(book):
        with real(book) as progress:
            yield lambda done, total: (seen.append((done, total)), progress(done, total))

    monkeypatch.setattr(handlers, "reading_files", contextmanager(recording))
    monkeypatch.setattr(handlers, "pick_folder", lambda: str(folder))
    book = book_of(folder / "IKI_a.xlsx")  # the remote engine: no status bar, no error
    run_button("iki_gabungkan", book)
    assert "dari 3 berkas digabungkan" in said(book)[0]  # the same jabatan thrice: one taken
    assert seen[-1] == (3, 3) and [total for _, total in seen] == [3] * len(seen)
