"""Verifikasi counts per jabatan: one model (model/verdicts.py), the Rekap's live formulas,
consolidation's reading; model = formulas package = LibreOffice = Gnumeric, also when the
verdicts and a realisasi were typed in LibreOffice."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import xlwings as xw
from engines import cached_values, formulas_values, recalculated, rekap_rows
from office import edit_with_libreoffice
from test_addin_handlers import actions, payload, remote_engine  # noqa: F401 (autouse fixture)

from xl_iki.addin import run_button
from xl_iki.catalogue import load, loads
from xl_iki.cli import main
from xl_iki.consolidate import consolidate
from xl_iki.consolidate.collect import read_one
from xl_iki.consolidate.output import HEADER_ROW
from xl_iki.model import evaluate
from xl_iki.model.verdicts import Verdicts, count_verdicts, shows_realisasi
from xl_iki.reader import read_workbook
from xl_iki.workbook import layout as L
from xl_iki.workbook import write_workbook
from xl_iki.workbook.listing import KEY_COL
from xl_iki.workbook.rekap_sheet import COLS, SUMMARY_HEADER
from xl_iki.workbook.rekap_verifikasi import HEADER
from xl_iki.workbook.verifikasi_sheet import TITLE, verdict

CATALOGUE = """versi: 1
instansi: {nama: Dinas Contoh, pemda: Kabupaten Uji, tahun: 2025}
iku:
  - {id: ikm, tujuan: Layanan prima, sasaran: Meningkatnya kepuasan, nama: IKM, jenis: skor,
     skala: [0, 100], target: 80, realisasi: [70, null, null, null]}
jabatan:
  - id: kadis
    nama: Kepala Dinas Contoh
    indikator:
      - {id: laporan, nama: Jumlah laporan, jenis: jumlah, target: 12,
         realisasi: [3, null, null, null]}
      - id: pct
        nama: Persentase layanan
        jenis: persentase
        target: 90
        komponen:
          - {nama: dilayani, realisasi: [8, 9, 4, null]}
          - {nama: diajukan, realisasi: [10, 10, null, null]}
      - {id: aspek, nama: Indeks aspek, jenis: rata_rata, target: 3, peran: pendukung,
         realisasi: [2.5, null, null, null]}
      - {id: dok, nama: Dokumen rencana, jenis: ada_tidak, target: Ada, periode: tahunan,
         realisasi: [null, null, null, Ada]}
  - id: sekretaris
    nama: Sekretaris
    atasan: kadis
    indikator:
      - {id: rapat, nama: Jumlah rapat, jenis: jumlah, target: 4, realisasi: [1, null, null, null]}
      - {id: laporan_kadis, salin: kadis.laporan}
"""

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
#: (indikator, triwulan 0-based) -> verdict typed by the atasan
VERDICTS = {("ikm", 0): "Disetujui", ("laporan", 0): "Disetujui", ("laporan", 2): "Disetujui",
            ("pct", 0): "disetujui", ("pct", 1): "Perlu Perbaikan", ("aspek", 0): "Disetujui",
            ("rapat", 0): "Perlu Perbaikan", ("laporan_kadis", 1): "Disetujui"}
# kadis: Disetujui laporan TW1 + TW3 (no realisasi, still a verdict), pct TW1 (any case),
# aspek TW1 (pendukung counts: verification is about entries) = 4; Perlu Perbaikan pct TW2;
# Belum: laporan TW2 (text is an entry), pct TW3 blank (half a ratio: no value), dok TW4 = 2.
# sekretaris: Perlu Perbaikan rapat TW1; Disetujui laporan_kadis TW2; Belum laporan_kadis TW1
# (a salin row shows its source's realisasi) = 1.
BY_HAND = {"iku": Verdicts(1, 0, 0), "kadis": Verdicts(4, 1, 2),
           "sekretaris": Verdicts(1, 1, 1)}


def rows_of(path: Path) -> dict[tuple[str, str], int]:
    """(jabatan id, indikator id) -> its row on the Verifikasi sheet."""
    ws = openpyxl.load_workbook(path)[TITLE]
    out = {}
    for r in range(1, ws.max_row + 1):
        key = L.parse_key(ws[f"{KEY_COL}{r}"].value) or {}
        if "ind" in key:
            out[key["jabatan"], key["ind"]] = r
    return out


def verdict_cells(path: Path) -> dict[str, tuple[str, str]]:
    """indikator id -> (sheet, first verdict column row) for typing."""
    return {ind: (TITLE, str(r)) for (_, ind), r in rows_of(path).items()}


def typed(tmp_path: Path, name: str = "iki.xlsx") -> Path:
    """The workbook with the verdicts typed (openpyxl, as a program would), and text typed
    as the TW II realisasi of laporan."""
    path = write_workbook(loads(CATALOGUE), tmp_path / name)
    at = verdict_cells(path)
    laporan = next(s for s in read_workbook(path).sheets if "laporan" in s.indikator_rows)
    wb = openpyxl.load_workbook(path)
    wb[laporan.title][f"{L.TW[1].letter}{laporan.indikator_rows['laporan'].row}"] = "3 dokumen"
    for (ind, q), value in VERDICTS.items():
        wb[TITLE][f"{verdict(q)}{at[ind][1]}"] = value
    wb.save(path)
    return path


def model(path: Path) -> dict[str, Verdicts]:
    """The counts the model gives for the workbook as read back (entries and verdicts)."""
    rec = read_workbook(path)
    results = evaluate(rec.catalogue).indikator
    shown = shows_realisasi(rec.catalogue, {k: r.quarters for k, r in results.items()})
    ws = openpyxl.load_workbook(path)[TITLE]
    verdicts = {key: [ws[f"{verdict(q)}{r}"].value for q in range(4)]
                for key, r in rows_of(path).items()}
    return count_verdicts(shown, verdicts)


def rekap_counts(path: Path, values: dict, bands: int = 5) -> dict[str, tuple]:
    """jabatan id -> the Rekap's (Disetujui, Perlu Perbaikan, Belum) as the engine has them
    (after the ``bands`` columns of the predikat counts)."""
    title, _, summary = rekap_rows(path)
    first = len(SUMMARY_HEADER) + bands
    cols = COLS[first:first + len(HEADER)]
    return {jab: tuple(values.get((title.upper(), f"{c}{r}")) for c in cols)
            for jab, r in summary.items()}


def as_engine(counts: dict[str, Verdicts]) -> dict[str, tuple]:
    return {jab: (float(c.disetujui), float(c.perbaikan), float(c.belum))
            for jab, c in counts.items() if jab != "iku"}  # the Rekap has no IKU row


def test_model_counts_by_hand(tmp_path):
    path = typed(tmp_path)
    assert model(path) == BY_HAND
    assert read_one(str(path)).verifikasi == {j: (c.disetujui, c.perbaikan, c.belum)
                                              for j, c in BY_HAND.items()}


def test_rekap_headers_and_formulas_package(tmp_path):
    path = typed(tmp_path)
    ws = openpyxl.load_workbook(path)["Rekap"]
    _, _, summary = rekap_rows(path)
    header = [c.value for c in ws[summary["kadis"] - 1]]
    assert header[len(SUMMARY_HEADER) + 5:][:3] == list(HEADER)
    assert as_engine(BY_HAND) == rekap_counts(path, formulas_values(path))


def test_summary_after_a_copied_sheet_counts_the_rebuilt_rows(tmp_path):
    path = typed(tmp_path)
    wb = openpyxl.load_workbook(path)
    source = next(s.title for s in read_workbook(path).sheets if s.plan.jabatan.id == "kadis")
    wb.copy_worksheet(wb[source]).title = "Salinan"
    wb.save(path)
    out = tmp_path / "baru.xlsx"
    assert main(["summary", str(path), "-o", str(out)]) == 0
    counts = model(out)
    assert counts["kadis"] == BY_HAND["kadis"] and counts["kadis_2"] == Verdicts(0, 0, 6)
    assert as_engine(counts) == rekap_counts(out, formulas_values(out))


@pytest.mark.office
def test_office_engines_agree_also_after_typing_in_libreoffice(tmp_path):
    path = typed(tmp_path)
    books = {"openpyxl": path}
    # a person types in LibreOffice: a verdict, a realisasi, and clears another verdict
    sheet = next(s for s in read_workbook(path).sheets if s.plan.jabatan.id == "sekretaris")
    tw2 = f"{L.TW[1].letter}{sheet.indikator_rows['rapat'].row}"
    at = verdict_cells(path)
    books["libreoffice"] = edit_with_libreoffice(path, tmp_path / "lo.xlsx", [
        {"op": "set", "sheet": TITLE, "cell": f"{verdict(3)}{at['dok'][1]}",
         "value": "Perlu Perbaikan"},
        {"op": "set", "sheet": sheet.title, "cell": tw2, "value": 2},
        {"op": "clear", "sheet": TITLE, "cell": f"{verdict(0)}{at['rapat'][1]}"},
        {"op": "recalculate"}])
    edited = model(books["libreoffice"])
    # kadis: dok TW4 now to fix, no longer waiting; sekretaris: rapat TW1 and TW2 waiting
    assert edited["kadis"] == Verdicts(4, 2, 1) and edited["sekretaris"] == Verdicts(1, 0, 3)
    assert read_one(str(books["libreoffice"])).verifikasi["sekretaris"] == (1, 0, 3)
    consolidate([str(books["libreoffice"])], tmp_path / "gabungan.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "gabungan.xlsx")["Verifikasi"]
    assert {r[3]: r[5:8] for r in ws.iter_rows(min_row=HEADER_ROW + 2, values_only=True)} == {
        "Kepala Dinas Contoh": (4, 2, 1), "Sekretaris": (1, 0, 3)}
    expected = {"openpyxl": as_engine(BY_HAND), "libreoffice": as_engine(edited)}
    assert expected["libreoffice"] == rekap_counts(books["libreoffice"],
                                                   cached_values(books["libreoffice"]))
    for engine, files in recalculated(books, tmp_path / "engines").items():
        for name, saved in files.items():
            assert rekap_counts(saved, cached_values(saved)) == expected[name], (engine, name)


def test_addin_perbarui_rekap_counts_the_verifikasi_rows_as_they_are(tmp_path):
    """The add-in rebuilds only the Rekap: after the Kepala Dinas sheet is deleted, the
    Sekretaris still counts its own rows of the (unchanged) Verifikasi sheet."""
    path = typed(tmp_path)
    kadis = next(s.title for s in read_workbook(path).sheets if s.plan.jabatan.id == "kadis")
    data = payload(path)
    data["sheets"] = [s for s in data["sheets"] if s["name"] != kadis]
    book = xw.Book(json=data)
    run_button("iki_perbarui_rekap", book)
    (write,) = actions(book, "setValues")
    grid = write["values"]
    row = next(r for r in grid if r[-1] and '"ringkasan":"sekretaris"' in r[-1].replace(" ", ""))
    first = len(SUMMARY_HEADER) + len(loads(CATALOGUE).predikat)
    own = sorted(r for (jab, _), r in rows_of(path).items() if jab == "sekretaris")
    span = f"${own[0]}:$"
    assert all(span in str(f) and f"${own[-1]}" in str(f) for f in row[first:first + 3]), row


@pytest.mark.office
def test_bundled_examples_agree_in_every_engine(tmp_path):
    """No verdicts yet: every triwulan with a realisasi is waiting, on every kind of row."""
    cats = {p.stem: load(p) for p in sorted(EXAMPLES.glob("*.yaml"))}
    books = {name: write_workbook(cat, tmp_path / f"{name}.xlsx") for name, cat in cats.items()}
    expected = {name: as_engine(model(path)) for name, path in books.items()}
    assert any(c[2] for counts in expected.values() for c in counts.values())
    for engine, files in recalculated(books, tmp_path / "engines").items():
        for name, saved in files.items():
            got = rekap_counts(saved, cached_values(saved), len(cats[name].predikat))
            assert got == expected[name], (engine, name)
