"""Benchmark: `xl-iki new` on 100 jabatan x 20 indicators against a bare openpyxl script.

The baseline writes the same number of cells (same sheets, same count per sheet) with plain
openpyxl and saves; the goal is generation time < 1.5 x baseline, measured in the same run.

    python -m bench.generate [--jabatan 100] [--indikator 20] [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
import zipfile
from pathlib import Path

import openpyxl
import yaml

from xl_iki.cli import main as xl_iki_main

JENIS_CYCLE = ("jumlah", "persentase", "jumlah", "indeks", "rata_rata", "skor", "ada_tidak",
               "persentase", "jumlah", "kualitatif")


def indicator(j: int, n: int) -> dict:
    jenis = JENIS_CYCLE[n % len(JENIS_CYCLE)]
    ind: dict = {"id": f"i{n}", "nama": f"Jumlah dokumen kegiatan {j}.{n} yang tersusun",
                 "jenis": jenis, "sasaran": f"Meningkatnya kualitas layanan {n // 5}",
                 "sumber_data": "Laporan Kinerja", "penanggung_jawab": f"Jabatan {j}"}
    if jenis == "persentase":
        ind["komponen"] = [{"nama": "Jumlah dokumen selesai"}, {"nama": "Jumlah dokumen"}]
        ind["target"] = "80-90"
    elif jenis == "indeks":
        ind["komponen"] = [{"nama": f"Domain {d}", "bobot": w} for d, w in
                           ((1, 13), (2, 25), (3, 16.5), (4, 45.5))]
        ind["target"] = 3.5
    elif jenis == "skor":
        ind["skala"], ind["target"] = [1, 5], 4
    elif jenis == "ada_tidak":
        ind["target"] = "Ada"
    elif jenis == "kualitatif":
        ind["skala"], ind["target"] = ["TMP", "TW", "WDP", "WTP"], "WTP"
    else:
        ind["target"] = 12
    return ind


def catalogue(n_jabatan: int, n_indikator: int) -> dict:
    return {
        "versi": 1,
        "instansi": {"nama": "Dinas Komunikasi dan Informatika", "pemda": "Kabupaten Contoh",
                     "tahun": 2025},
        "jabatan": [{"id": f"j{j}", "nama": f"Kepala Seksi Pengelolaan Layanan {j}",
                     "unit_kerja": f"Bidang {j // 5}", "tugas": "Melaksanakan tugas.",
                     "fungsi": ["Fungsi satu;", "Fungsi dua;", "Fungsi tiga."],
                     "indikator": [indicator(j, n) for n in range(n_indikator)]}
                    for j in range(n_jabatan)],
    }


def cells_per_sheet(path: Path) -> list[tuple[str, int]]:
    """(sheet title, number of cells stored in the file) for every sheet, in order."""
    wb = openpyxl.load_workbook(path, read_only=True)
    titles = wb.sheetnames
    wb.close()
    with zipfile.ZipFile(path) as z:
        parts = sorted((n for n in z.namelist() if re.match(r"xl/worksheets/sheet\d+\.xml", n)),
                       key=lambda n: int(re.findall(r"\d+", n)[0]))
        counts = [len(re.findall(rb"<c ", z.read(n))) for n in parts]
    return list(zip(titles, counts))


def baseline(shape: list[tuple[str, int]], path: Path) -> None:
    """What a user would write with bare openpyxl: the same number of cells, then save."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, n in shape:
        ws = wb.create_sheet(title)
        for k in range(n):
            row, col = divmod(k, 20)
            ws.cell(row + 1, col + 1, f"teks {k}" if col < 8 else k * 0.5)
    wb.save(path)


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run(n_jabatan: int, n_indikator: int, repeat: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "katalog.yaml"
        source.write_text(yaml.safe_dump(catalogue(n_jabatan, n_indikator), allow_unicode=True),
                          encoding="utf-8")
        out, base = tmp / "iki.xlsx", tmp / "baseline.xlsx"
        ours = best_of(repeat, lambda: xl_iki_main(["new", str(source), "-o", str(out), "--timpa"]))
        shape = cells_per_sheet(out)
        theirs = best_of(repeat, lambda: baseline(shape, base))
    cells = sum(n for _, n in shape)
    ratio = ours / theirs
    print(f"{n_jabatan} jabatan x {n_indikator} indikator: {cells} sel dalam {len(shape)} lembar")
    print(f"  xl-iki new     : {ours:6.2f} s (terbaik dari {repeat})")
    print(f"  openpyxl polos : {theirs:6.2f} s (terbaik dari {repeat})")
    print(f"  rasio          : {ratio:6.2f} x (sasaran < 1.5 x)")
    return ratio


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jabatan", type=int, default=100)
    parser.add_argument("--indikator", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run(args.jabatan, args.indikator, args.repeat)
