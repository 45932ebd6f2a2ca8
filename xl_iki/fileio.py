"""Writing files safely: a crash, a kill or a full disk never leaves a half-written file.

Every write goes to a temporary file next to the real target (``.~NAME.XXXXXXXX.tmp``), is
flushed to disk, then renamed over the target; a symlinked target is updated through its link.
While it is written the temporary file is locked, so a later run can tell the leftovers of a
killed run (unlocked) from the file another run is still writing, and removes them.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from glob import escape
from pathlib import Path
from typing import TYPE_CHECKING

from .ooxml import require_whole

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted, which protects it just as well
    fcntl = None


def real_target(path: str | Path) -> Path:
    """The file a write to ``path`` must change: the end of its symlinks, if any."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def atomic_save(wb: Workbook, path: str | Path) -> Path:
    """Save an openpyxl workbook atomically (see :func:`atomic_write`), checked whole first."""

    def save(tmp: Path) -> None:
        wb.save(tmp)
        require_whole(tmp, Path(path))

    return atomic_write(path, save)


def atomic_write(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Let ``write`` fill a temporary file next to ``path``, then rename it over ``path``.

    Returns ``path`` as given. Any error names ``path``; the temporary file never outlives
    the call (except when the process is killed: the next write to ``path`` removes it).
    """
    target = real_target(path)
    with _Temporary(target) as temporary:
        write(temporary.path)
        temporary.finish()
        os.replace(temporary.path, target)
        _fsync_folder(target.parent)
    return Path(path)


def keep_backup(path: str | Path, now: dt.datetime | None = None) -> Path:
    """Copy the file at ``path`` to a new ``NAME.cadangan-YYYYmmdd-HHMMSS[-N].ext`` beside it.

    The copy is complete before it gets its name, and the name is claimed atomically: two runs
    never share a backup, and a killed run leaves no partial one.
    """
    source = real_target(path)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    with _Temporary(source) as temporary:
        shutil.copy2(source, temporary.path)
        temporary.finish()
        for n in range(1, 10_000):
            suffix = "" if n == 1 else f"-{n}"
            backup = source.with_name(f"{source.stem}.cadangan-{stamp}{suffix}{source.suffix}")
            if _claim(temporary.path, backup):
                _fsync_folder(source.parent)
                return backup
    raise OSError(errno.EEXIST, "terlalu banyak cadangan dengan waktu yang sama", str(path))


def _claim(tmp: Path, name: Path) -> bool:
    """Give the finished ``tmp`` the new ``name`` unless that name exists (atomically)."""
    try:
        os.link(tmp, name)
        return True
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links (FAT, some network shares)
        if name.exists():
            return False
        os.replace(tmp, name)
        return True


class _Temporary:
    """A locked temporary file next to ``target``; removed on every way out of the block."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.fd = -1
        self.path = target

    def __enter__(self) -> _Temporary:
        remove_stale(self.target)
        try:
            self.fd, name = tempfile.mkstemp(prefix=f"{_PREFIX}{self.target.name}.",
                                             suffix=_SUFFIX, dir=self.target.parent)
        except OSError as exc:
            raise _named(exc, self.target) from exc
        self.path = Path(name)
        try:
            if fcntl is not None:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            os.chmod(self.path, _mode_for(self.target))
        except BaseException as exc:
            self.__exit__(type(exc), exc, None)
            raise
        return self

    def finish(self) -> None:
        """The content is written: flush it to the disk (and let Windows rename it)."""
        _fsync(self.path)
        if fcntl is None:
            self._close()

    def _close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __exit__(self, kind, exc, tb) -> None:
        self._close()
        self.path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _named(exc, self.target) from exc


_PREFIX, _SUFFIX = ".~", ".tmp"


def remove_stale(target: Path) -> list[Path]:
    """Remove temporary files of earlier writes to ``target`` that were killed; which."""
    removed = []
    for leftover in target.parent.glob(f"{_PREFIX}{escape(target.name)}.*{_SUFFIX}"):
        random_part = leftover.name[len(_PREFIX) + len(target.name) + 1:-len(_SUFFIX)]
        if len(random_part) == 8 and random_part.replace("_", "").isalnum() \
                and _unused(leftover):
            try:
                leftover.unlink()
                removed.append(leftover)
            except OSError:  # in use (Windows) or already gone
                continue
    return removed


def _unused(path: Path) -> bool:
    if fcntl is None:
        return True  # Windows refuses to delete a file another run holds open
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _named(exc: OSError, path: Path) -> OSError:
    """The same error, naming the file the user asked for rather than a temporary one."""
    return type(exc)(exc.errno, exc.strerror, str(path))


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _mode_for(path: Path) -> int:
    """Permissions of the file being replaced, or the usual ones for a new file."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
