"""Changing an existing (filled, edited) workbook without losing what its users put in it."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

from openpyxl.workbook import Workbook

from ..fileio import atomic_write
from ..reader import Recovered, load_editable, read_workbook
from .extensions import extensions, restore


def backup_path(path: Path, now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.cadangan-{stamp}{path.suffix}")


def edit_workbook(source: str | Path, output: str | Path | None,
                  change: Callable[[Workbook, Recovered], None]) -> tuple[Path, Path | None]:
    """Apply ``change`` to a copy of the workbook and save it atomically.

    Writing in place (no ``output``, or the same file) first keeps a timestamped backup next
    to the file. Sheet extensions openpyxl cannot keep (Excel's newer data validation and
    conditional formatting) are carried over. Returns (the written file, the backup or None).
    """
    source = Path(source)
    target = Path(output) if output else source
    rec = read_workbook(source)
    lost = extensions(source)
    wb = load_editable(source)
    change(wb, rec)
    backup = None
    if target.exists() and target.resolve() == source.resolve():
        backup = backup_path(source)
        shutil.copy2(source, backup)

    def save(tmp: Path) -> None:
        wb.save(tmp)
        restore(tmp, lost)

    atomic_write(target, save)
    return target, backup
