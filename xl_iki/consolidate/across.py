"""Problems only visible across files: another year, the same jabatan in two files."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter

from ..workbook.cover import tanggal_id
from .collect import JABATAN_KEY, FileResult, Masalah, by_jabatan
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
    holders: dict[tuple, list[tuple[FileResult, str]]] = {}
    for result in results:
        if not result.rows:
            continue
        if expected and result.tahun != expected:
            result.masalah.append(Masalah(result.path, "tahun-berbeda",
                                          f"tahun {result.tahun}, bukan {expected}; berkas "
                                          "tidak diambil", False))
            result.rows = []
            continue
        for key, fingerprint in result.sidik.items():
            holders.setdefault(key, []).append((result, fingerprint))
    dropped: dict[int, set[tuple]] = {}
    for key, files in holders.items():
        for loser, message in _losers(key, files):
            dropped.setdefault(id(loser), set()).add(key)
            loser.masalah.append(Masalah(loser.path, "jabatan-ganda", message, False))
    for result in results:
        if id(result) in dropped:
            gone, get = dropped[id(result)], Row.picker(*JABATAN_KEY)
            result.rows = [row for row in result.rows if get(row) not in gone]
    return expected


def _losers(key: tuple, files: list[tuple[FileResult, str]]) -> list[tuple[FileResult, str]]:
    """The files that give way for this jabatan, each with its message."""
    if len(files) < 2:
        return []
    jabatan = f"jabatan '{key[2]}' ({key[3] or 'tanpa unit'})"
    out, distinct = [], []
    for result, fingerprint in files:
        original = next((r for r, f in distinct if f == fingerprint and
                         by_jabatan(r.rows)[key] == by_jabatan(result.rows)[key]), None)
        if original is None:
            distinct.append((result, fingerprint))
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
