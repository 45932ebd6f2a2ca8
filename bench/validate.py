"""Benchmark: validating a filled workbook of 100 jabatan x 20 indicators (goal: under 2 s).

Reports how the time splits between reading the file and checking it.

    python -m bench.validate [--jabatan 100] [--indikator 20] [--repeat 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import tempfile
import time
from pathlib import Path

import yaml

from bench.generate import catalogue
from xl_iki.catalogue import loads
from xl_iki.model import Catalogue
from xl_iki.reader import read_file, recover
from xl_iki.validation import validate
from xl_iki.workbook import write_workbook


def filled(cat: Catalogue, seed: int = 1) -> Catalogue:
    """Every quarter of every input filled, with a few typical mistakes."""
    rng = random.Random(seed)

    def value(ind, q: int):
        if ind.jenis == "ada_tidak":
            return rng.choice(("Ada", "Tidak Ada"))
        if ind.jenis == "kualitatif":
            return rng.choice(ind.skala)
        if ind.jenis == "skor":
            return rng.choice((3, 4, 4.5))
        return rng.choice((5, 8, 12, 20, "12 dokumen")) if q == 3 else rng.randint(1, 20)

    jabatan = []
    for jab in cat.jabatan:
        inds = []
        for ind in jab.indikator:
            if ind.komponen:
                parts = tuple(dataclasses.replace(k, realisasi=tuple(
                    rng.randint(5, 10) * (2 if n else 1) for _ in range(4)))
                    for n, k in enumerate(ind.komponen))
                ind = dataclasses.replace(ind, komponen=parts)
            else:
                ind = dataclasses.replace(ind, realisasi=tuple(value(ind, q) for q in range(4)))
            inds.append(ind)
        jabatan.append(dataclasses.replace(jab, indikator=tuple(inds)))
    return dataclasses.replace(cat, jabatan=tuple(jabatan))


def run(n_jabatan: int, n_indikator: int, repeat: int) -> None:
    cat = filled(loads(yaml.safe_dump(catalogue(n_jabatan, n_indikator))))
    with tempfile.TemporaryDirectory() as tmp:
        path = write_workbook(cat, Path(tmp) / "terisi.xlsx")
        best = None
        for _ in range(repeat):
            t0 = time.perf_counter()
            book = read_file(path)
            t1 = time.perf_counter()
            findings = validate(recover(book))
            t2 = time.perf_counter()
            if best is None or t2 - t0 < best[0] + best[1]:
                best = (t1 - t0, t2 - t1)
    read, check = best
    print(f"{n_jabatan} jabatan x {n_indikator} indikator, semua triwulan terisi: "
          f"{len(findings)} temuan")
    print(f"  membaca berkas : {read:6.2f} s")
    print(f"  memeriksa      : {check:6.2f} s")
    print(f"  total          : {read + check:6.2f} s (sasaran < 2 s, terbaik dari {repeat})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jabatan", type=int, default=100)
    parser.add_argument("--indikator", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run(args.jabatan, args.indikator, args.repeat)
