"""The one rule every command follows before it writes a file.

An output never replaces one of the command's inputs (the workbooks read, the catalogue, the
template), also not through a symlink or a hard link; an existing output is only replaced when
the user asked for it with ``--timpa``. All problems are reported at once, before any work.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError, Problem

FLAG = "--timpa"


def same_file(a: Path, b: Path) -> bool:
    """Whether two names lead to one file (symlinks and hard links included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return Path(os.path.realpath(a)) == Path(os.path.realpath(b))


def check_outputs(outputs: Iterable[Path | None], inputs: Iterable[Path | None],
                  timpa: bool) -> None:
    """Refuse outputs that are inputs, repeat each other, or exist without ``--timpa``."""
    inputs = [Path(p) for p in inputs if p]
    outputs = [Path(p) for p in outputs if p]
    problems = []
    for n, out in enumerate(outputs):
        source = next((p for p in inputs if same_file(out, p)), None)
        earlier = next((p for p in outputs[:n] if same_file(out, p)), None)
        if source is not None:
            problems.append(Problem(str(out), f"berkas keluaran ini adalah masukan ({source}); "
                                    "berkas masukan tidak pernah ditimpa. Pilih nama lain "
                                    "untuk hasilnya"))
        elif earlier is not None:
            problems.append(Problem(str(out), f"nama yang sama dipakai untuk dua keluaran "
                                    f"({earlier}); pilih nama yang berbeda"))
        elif out.exists() and not timpa:
            problems.append(Problem(str(out), f"berkas sudah ada dan tidak ditimpa; pilih nama "
                                    f"lain, atau tambahkan {FLAG} untuk menggantinya"))
    if problems:
        raise InputError(str(outputs[0]), problems)


def backup_if_filled(path: Path) -> Path | None:
    """Before ``path`` is replaced: keep a backup unless it is an IKI workbook nobody filled."""
    from .fileio import keep_backup
    from .reader import read_workbook

    if not path.is_file():
        return None
    try:
        rec = read_workbook(path)
        blank = bool(rec.sheets) and not any(_entered(i) for s in rec.sheets
                                             for i in s.plan.jabatan.indikator)
    except Exception:  # not a workbook we can read: its content is unknown, so keep it
        blank = False
    return None if blank else keep_backup(path)


def _entered(indikator) -> bool:
    values = [*indikator.realisasi, *(v for k in indikator.komponen for v in k.realisasi)]
    return any(v is not None and v != "" for v in values)
