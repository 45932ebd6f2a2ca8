"""Excel's status bar as the progress of long work (Gabungkan reads hundreds of files), given
back to Excel when the work ends; nothing on engines without one (the remote engine)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import xlwings as xw

STEPS = 50  # updates over a whole run: each is a call into Excel


@contextmanager
def reading_files(book: xw.Book) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` that shows "membaca berkas 120 dari 500" in the status
    bar, at most :data:`STEPS` times a run."""
    app = book.app
    shown: list[int] = []

    def progress(done: int, total: int) -> None:
        step = done * STEPS // max(total, 1)
        if shown and shown[-1] == step:
            return
        with suppress(NotImplementedError):
            app.status_bar = f"xl-iki: membaca berkas {done} dari {total}..."
            shown.append(step)

    try:
        yield progress
    finally:
        if shown:
            app.status_bar = False  # Excel's own messages again
