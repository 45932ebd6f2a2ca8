"""Problems only visible across files: another year, the same jabatan in two files."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter

from ..formatting import tanggal_id
from .collect import FileResult, Masalah
from .records import Row


def check_across(results: list[FileResult], tahun: int | None) -> int | None:
    """Problems only visible across files: another year, the same jabatan twice.

    Of two files holding the same jabatan (instansi, pemda, nama, unit kerja), an identical
    copy loses to the file that comes first; otherwise the later revision wins: the later
    keputusan date of the catalogue (kept in the workbook's hidden structure), then the later
    file modification time. The loser's Masalah line names the winner and the reason.
    """
    years = Counter(r.tahun for r in results if r.tahun)
    expected = tahun or (years.most_common(1)[0][0] if years else None)
    holders: dict[tuple, list[FileResult]] = {}
    jabatan_of = Row.picker(*JABATAN_KEY)
    for result in results:
        if not result.rows:
            continue
        if expected and result.tahun != expected:
            result.masalah.append(Masalah(result.path, "tahun-berbeda",
                                          f"tahun {result.tahun}, bukan {expected}; berkas "
                                          "tidak diambil", False))
            result.rows = []
            continue
        for key in dict.fromkeys(map(jabatan_of, result.rows)):  # in the file's order
            holders.setdefault(key, []).append(result)
    dropped: dict[int, set[tuple]] = {}
    for key, files in holders.items():
        for loser, message in _losers(key, files):
            dropped.setdefault(id(loser), set()).add(key)
            loser.masalah.append(Masalah(loser.path, "jabatan-ganda", message, False))
    for result in results:
        if id(result) in dropped:
            gone = dropped[id(result)]
            result.rows = [row for row in result.rows if jabatan_of(row) not in gone]
    return expected


#: the jabatan a row belongs to, and what is compared of two files' copies of it
JABATAN_KEY = ("instansi", "pemda", "jabatan", "unit_kerja")
CONTENT = tuple(n for n in Row.FIELDS if n not in ("berkas", "lembar"))


def by_jabatan(rows: list[tuple]) -> dict[tuple, list[tuple]]:
    """Each jabatan of a file with its content (its rows without file and sheet names)."""
    get, content = Row.picker(*JABATAN_KEY), Row.picker(*CONTENT)
    out: dict[tuple, list[tuple]] = {}
    for row in rows:
        out.setdefault(get(row), []).append(content(row))
    return out


def _losers(key: tuple, files: list[FileResult]) -> list[tuple[FileResult, str]]:
    """The files that give way for this jabatan, each with its message."""
    if len(files) < 2:
        return []
    jabatan = f"jabatan '{key[2]}' ({key[3] or 'tanpa unit'})"
    out: list[tuple[FileResult, str]] = []
    distinct: list[tuple[FileResult, list[tuple]]] = []
    for result in files:
        content = by_jabatan(result.rows)[key]
        original = next((r for r, c in distinct if c == content), None)
        if original is None:
            distinct.append((result, content))
        else:
            out.append((result, f"{jabatan} sama persis dengan di berkas {original.path} "
                                f"(salinan); yang dari berkas ini tidak diambil"))
    winner = max((r for r, _ in distinct), key=_revision)
    for result, _ in distinct:
        if result is not winner:
            out.append((result, f"{jabatan} juga ada di berkas {winner.path}, revisi yang "
                                f"lebih baru ({_why(winner, result)}); yang dari berkas ini "
                                "tidak diambil"))
    return out


def _revision(result: FileResult) -> tuple:
    return (result.revisi or "", _mtime(result.path))


def _mtime(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def _why(winner: FileResult, loser: FileResult) -> str:
    if (winner.revisi or "") != (loser.revisi or ""):
        return (f"keputusan {_date(winner.revisi)}, berkas ini "
                f"{_date(loser.revisi) if loser.revisi else 'tanpa tanggal keputusan'}")
    a, b = _mtime(winner.path), _mtime(loser.path)
    if a != b:
        return f"diubah {_stamp(a)}, berkas ini diubah {_stamp(b)}"
    return "tanggal sama; dipakai berkas yang namanya lebih dulu"


def _date(iso: str | None) -> str:
    try:
        return tanggal_id(dt.date.fromisoformat(iso or ""))
    except ValueError:
        return iso or "-"


def _stamp(seconds: float) -> str:
    moment = dt.datetime.fromtimestamp(seconds)
    return f"{tanggal_id(moment.date())} {moment:%H:%M}"
