"""The consolidated workbook as a Kepala Dinas gets it: formats, print setup, labels, charts."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from cases import broad_catalogue, ind, q

from xl_iki.consolidate import consolidate, output
from xl_iki.consolidate.output import HEADER_ROW
from xl_iki.model import Instansi, Jabatan
from xl_iki.workbook import write_workbook

FORMATS = {output.INTEGER, output.DECIMAL, output.CAPAIAN, output.YEAR}
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def office(name: str):
    """The broad catalogue as another office, with a Sekretariat jabatan that has no realisasi."""
    cat = broad_catalogue()
    baru = Jabatan(id="baru", nama="Staf Baru", unit_kerja="Sekretariat",
                   indikator=(ind("kosong", "jumlah", target=5.0),))
    lama = Jabatan(id="lama", nama="Kasubag Umum", unit_kerja="Sekretariat",
                   indikator=(ind("rp", "jumlah", satuan="Rupiah", target=45e9,
                                  realisasi=q(1.5e10, 2.25e10)),))
    return dataclasses.replace(cat, instansi=Instansi(name, "Kabupaten Contoh", 2025),
                               jabatan=(*cat.jabatan, baru, lama))


@pytest.fixture(scope="module")
def rekap(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("pimpinan")
    paths = [str(write_workbook(office(n), tmp / f"{n}.xlsx"))
             for n in ("Dinas Kesehatan", "Dinas Pendidikan")]
    consolidate(paths, tmp / "rekap.xlsx")
    return tmp / "rekap.xlsx"


def table(ws) -> tuple[list[str], list[tuple]]:
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1))
    return [c.value for c in rows[0]], rows[1:]


def test_every_number_has_a_readable_format(rekap):
    wb = openpyxl.load_workbook(rekap)
    numbers = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    numbers += 1
                    assert cell.number_format in FORMATS, (ws.title, cell.coordinate)
    assert numbers > 100
    header, rows = table(wb["Rekap"])
    col = {h: n for n, h in enumerate(header)}
    for row in rows:
        assert row[col["Capaian (%)"]].value is None or \
            row[col["Capaian (%)"]].number_format == "0.00"
        assert row[col["Tahun"]].number_format == "0"
    rupiah = next(r for r in rows if r[col["Indikator Kinerja"]].value == "Indikator rp")
    assert rupiah[col["Target"]].value == 45e9
    assert rupiah[col["Target"]].number_format == "#,##0"


def test_every_sheet_prints_a4_landscape_fit_to_width_with_headers(rekap):
    wb = openpyxl.load_workbook(rekap)
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9), ws.title
        assert (setup.fitToWidth in (None, 1), int(setup.fitToHeight)) == (True, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        first, last = ws.print_title_rows.replace("$", "").split(":")  # the table's header
        assert first == last and ws.cell(int(first), 1).fill.fgColor.rgb.endswith("D9E2F3")
        assert "Tahun 2025" in ws["A2"].value and ws["A1"].font.b
        assert ws.oddFooter.center.text == "Halaman &P dari &N"
    assert wb["Rekap"].freeze_panes == f"A{HEADER_ROW + 2}" and wb["Rekap"].auto_filter.ref
    with zipfile.ZipFile(rekap) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/chartsheets/sheet")]
        assert len(charts) == 2
        for name in charts:
            setup = ET.fromstring(z.read(name)).find(f"{MAIN}pageSetup")
            assert (setup.get("paperSize"), setup.get("orientation")) == ("9", "landscape")


def test_labels_not_codes(rekap):
    header, rows = table(openpyxl.load_workbook(rekap)["Rekap"])
    values = {c.value for r in rows for c in r}
    col = {h: n for n, h in enumerate(header)}
    ada = next(r for r in rows if r[col["Indikator Kinerja"]].value == "Indikator ada")
    assert (ada[col["TW I"]].value, ada[col["TW II"]].value) == ("Ada", "Tidak Ada")
    kual = next(r for r in rows if r[col["Indikator Kinerja"]].value == "Indikator kual_top")
    assert kual[col["TW I"]].value == "TW"
    assert "Ada/Tidak Ada" in values and "ada_tidak" not in values and "rata_rata" not in values


def test_chart_bars_are_named_by_unit_and_instansi(rekap):
    wb = openpyxl.load_workbook(rekap)
    header, rows = table(wb["Per Unit"])
    labels = [r[header.index("Label Grafik (Unit — Instansi)")].value for r in rows]
    assert "Sekretariat — Dinas Kesehatan" in labels and "Sekretariat — Dinas Pendidikan" in labels
    with zipfile.ZipFile(rekap) as z:
        names = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        chart = ET.fromstring(z.read(names[0]))
    series = chart.find(f".//{C}ser")
    assert series.find(f"{C}tx/{C}v").text == "Rata-rata capaian (%)"
    assert series.find(f"{C}cat//{C}f").text == f"'Per Unit'!$G${HEADER_ROW + 2}:$G$" \
        f"{HEADER_ROW + 1 + len(rows)}"
    title = "".join(t.text for t in chart.find(f".//{C}title").iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}t"))
    assert "Unit — Instansi" in title and "Tahun 2025" in title


def test_ringkasan_states_coverage_not_run_times(rekap):
    ws = openpyxl.load_workbook(rekap)["Ringkasan"]
    text = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any("waktu" in t.lower() or "detik" in t.lower() for t in text)
    facts = {r[0].value: r[1].value for r in ws.iter_rows(min_row=HEADER_ROW + 1, max_row=14)}
    assert (facts["Berkas dibaca"], facts["Berkas diambil"]) == (2, 2)
    assert facts["Indikator belum ada realisasi"] > 0
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r[0] in (
        "Dinas Kesehatan", "Dinas Pendidikan")}
    assert len(rows) == 2 and all("Staf Baru" in r[7] for r in rows.values())
    missing = openpyxl.load_workbook(rekap)["Belum Ada Realisasi"]
    assert any(r[3] == "Indikator kosong" for r in missing.iter_rows(values_only=True))


def test_a_large_table_stays_in_the_dataset(rekap, tmp_path, monkeypatch):
    monkeypatch.setattr(output, "REKAP_MAX_ROWS", 5)
    source = tmp_path / "a.xlsx"
    write_workbook(office("Dinas A"), source)
    hasil = consolidate([str(source)], tmp_path / "r.xlsx", csv=tmp_path / "d.csv")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["Rekap"]
    assert "lihat data rapi" in ws.cell(HEADER_ROW + 1, 1).value and ws.max_row == HEADER_ROW + 1
    assert sum(1 for _ in (tmp_path / "d.csv").open()) == hasil.indicators + 1


def test_parquet_dataset_partitioned_by_tahun_pemda_instansi(tmp_path):
    import pyarrow.dataset as ds

    paths = [str(write_workbook(office(n), tmp_path / f"{n}.xlsx")) for n in ("Dinas A", "Dinas B")]
    consolidate(paths, tmp_path / "r.xlsx", parquet=tmp_path / "data")
    folders = sorted(p.relative_to(tmp_path / "data").as_posix()
                     for p in (tmp_path / "data").glob("*/*/*"))
    assert folders == ["tahun=2025/pemda=Kabupaten%20Contoh/instansi=Dinas%20A",
                       "tahun=2025/pemda=Kabupaten%20Contoh/instansi=Dinas%20B"]
    table = ds.dataset(tmp_path / "data", partitioning="hive").to_table().to_pandas()
    assert len(table) == 2 * sum(len(j.indikator) for j in office("x").jabatan)
    assert {table[c].dtype.kind for c in ("capaian", "tw1_nilai", "realisasi_nilai")} == {"f"}
    consolidate(paths[:1], tmp_path / "r2.xlsx", parquet=tmp_path / "data", timpa=True)
    assert len(list((tmp_path / "data").glob("*/*/*"))) == 1  # replaced whole
