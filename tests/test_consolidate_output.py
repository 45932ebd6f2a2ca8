"""The consolidated workbook as a Kepala Dinas gets it: formats, print setup, labels, charts."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pandas as pd
import pytest
from cases import broad_catalogue, ind, q

from xl_iki.consolidate import consolidate, output
from xl_iki.consolidate.collect import read_one
from xl_iki.consolidate.output import HEADER_ROW
from xl_iki.model import Instansi, Jabatan
from xl_iki.model.catalogue import iku_jabatan
from xl_iki.workbook import write_workbook
from xl_iki.workbook.listing import HEADER_ROW as LISTED
from xl_iki.workbook.verifikasi_sheet import TITLE as VERIFIKASI
from xl_iki.workbook.verifikasi_sheet import verdict

FORMATS = {output.INTEGER, output.DECIMAL, output.CAPAIAN, output.YEAR}
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


#: a pendukung indicator far below the unit's mean: counted, it would move it
DUKUNG = ind("dukung", "rata_rata", target=10.0, realisasi=q(1), peran="pendukung")
IKU = ind("iku_ikm", "rata_rata", nama="Indeks Kepuasan Masyarakat", target=80.0,
          realisasi=q(60), tujuan="Layanan publik yang prima", sasaran="Meningkatnya kepuasan")


def office(name: str, apart: bool = True):
    """The broad catalogue as another office, with a Sekretariat jabatan that has no realisasi;
    ``apart``: with an IKU and a pendukung indicator, which no average may count."""
    cat = broad_catalogue()
    baru = Jabatan(id="baru", nama="Staf Baru", unit_kerja="Sekretariat",
                   indikator=(ind("kosong", "jumlah", target=5.0),))
    lama = Jabatan(id="lama", nama="Kasubag Umum", unit_kerja="Sekretariat",
                   indikator=(ind("rp", "jumlah", satuan="Rupiah", target=45e9,
                                  realisasi=q(1.5e10, 2.25e10)), *((DUKUNG,) if apart else ())))
    iku = (iku_jabatan((IKU,), name),) if apart else ()
    return dataclasses.replace(cat, instansi=Instansi(name, "Kabupaten Contoh", 2025),
                               jabatan=(*iku, *cat.jabatan, baru, lama))


#: jabatan with indicators, not the IKU, in each office's file
TAKEN = sum(1 for j in office("x").jabatan if j.indikator and not j.iku)


def with_verdicts(path: Path) -> Path:
    """The atasan's verdicts on the first indicators of the Verifikasi sheet."""
    wb = openpyxl.load_workbook(path)
    ws = wb[VERIFIKASI]
    for r in range(LISTED + 2, LISTED + 8):  # after the IKU's row
        ws[f"{verdict(0)}{r}"] = "Disetujui"
        ws[f"{verdict(1)}{r}"] = "Perlu Perbaikan" if r % 2 else None
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def rekap(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("pimpinan")
    paths = [str(write_workbook(office(n), tmp / f"{n}.xlsx"))
             for n in ("Dinas Kesehatan", "Dinas Pendidikan")]
    with_verdicts(Path(paths[0]))
    consolidate(paths, tmp / "rekap.xlsx", csv=tmp / "data.csv")
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


def sheet_table(path: Path, name: str) -> list[dict]:
    """A sheet's table as dicts by header label."""
    header, rows = table(openpyxl.load_workbook(path)[name])
    return [{h: c.value for h, c in zip(header, r)} for r in rows]


def test_iku_reported_apart_with_their_tujuan(rekap):
    wb = openpyxl.load_workbook(rekap)
    assert wb.sheetnames.index("IKU") > wb.sheetnames.index("Rekap")
    iku = sheet_table(rekap, "IKU")
    assert [r["Instansi"] for r in iku] == ["Dinas Kesehatan", "Dinas Pendidikan"]
    assert iku[0]["Tujuan"] == "Layanan publik yang prima" and \
        iku[0]["Sasaran"] == "Meningkatnya kepuasan"
    assert (iku[0]["Indikator Kinerja Utama"], iku[0]["Target"], iku[0]["Realisasi"],
            iku[0]["Capaian (%)"], iku[0]["Predikat"]) == (
        "Indeks Kepuasan Masyarakat", 80, 60, 75, "Sedang")
    assert "Nilai" not in iku[0]  # the catalogue has no nilai table
    ws = wb["IKU"]
    assert ws.print_area.endswith(f"$K${HEADER_ROW + 3}")  # Berkas (L) is not printed
    others = ("Rekap", "Per Unit", "Per Sasaran", "Belum Ada Realisasi", "Verifikasi")
    everywhere = {c for name in others for r in sheet_table(rekap, name) for c in r.values()}
    assert "Indeks Kepuasan Masyarakat" not in everywhere
    assert "Indikator Kinerja Utama" not in everywhere and "Meningkatnya kepuasan" not in everywhere
    facts = {r[0]: r[1] for r in wb["Ringkasan"].iter_rows(values_only=True)}
    assert facts["Indikator Kinerja Utama (lihat lembar IKU)"] == 2
    assert facts["Jabatan"] == 2 * TAKEN  # two Kasi of one name in two bidang are two
    data = pd.read_csv(rekap.with_name("data.csv"), sep=None, engine="python")
    assert sorted(data.loc[data["kelompok"] == "IKU", "indikator"]) == [IKU.nama] * 2
    assert set(data["kelompok"]) == {"IKU", "IKI"} and "Pendukung" not in set(data["peran"])


def test_pendukung_and_iku_move_no_average_nor_distribution(rekap, tmp_path):
    plain = [str(write_workbook(office(n, apart=False), tmp_path / f"{n}.xlsx"))
             for n in ("Dinas Kesehatan", "Dinas Pendidikan")]
    with_verdicts(Path(plain[0]))
    consolidate(plain, tmp_path / "polos.xlsx")
    for name in ("Per Unit", "Per Sasaran", "Distribusi Predikat"):
        assert sheet_table(rekap, name) == sheet_table(tmp_path / "polos.xlsx", name), name
    units = {r["Label Grafik (Unit — Instansi)"]: r for r in sheet_table(rekap, "Per Unit")}
    sekretariat = units["Sekretariat — Dinas Kesehatan"]
    # the unit lists dukung (capaian 10) but its mean is far above: counted, it would move
    assert sekretariat["Rata-rata Capaian (%)"] > 50
    rows = sheet_table(rekap, "Rekap")
    dukung = [r for r in rows if r["Indikator Kinerja"] == DUKUNG.nama]
    assert [(r["Peran"], r["Capaian (%)"]) for r in dukung] == [("Pendukung", 10)] * 2
    assert {r["Peran"] for r in rows} == {"Utama", "Pendukung"}
    facts = {r[0]: r[1] for r in openpyxl.load_workbook(rekap)["Ringkasan"].iter_rows(
        values_only=True)}
    pendukung = [i for j in office("x").jabatan for i in j.indikator if not i.counted]
    assert facts["Indikator pendukung (di luar rata-rata)"] == 2 * len(pendukung)


def test_verifikasi_per_office_and_jabatan(rekap):
    rows = sheet_table(rekap, "Verifikasi")
    source = rekap.with_name("Dinas Kesehatan.xlsx")
    counts = read_one(str(source)).verifikasi
    names = {j.id: (j.unit_kerja, j.nama) for j in office("x").jabatan}
    kesehatan = {(r["Unit Kerja"] or "", r["Jabatan"]):
                 (r["Disetujui"], r["Perlu Perbaikan"], r["Belum Diverifikasi"])
                 for r in rows if r["Instansi"] == "Dinas Kesehatan"}
    assert kesehatan == {names[j]: c for j, c in counts.items() if j != "iku"}
    assert sum(c[0] for c in kesehatan.values()) == 6 and \
        sum(c[1] for c in kesehatan.values()) == 3
    pendidikan = [r for r in rows if r["Instansi"] == "Dinas Pendidikan"]
    assert all(r["Disetujui"] == r["Perlu Perbaikan"] == 0 for r in pendidikan)
    assert len(rows) == 2 * TAKEN
    ws = openpyxl.load_workbook(rekap)["Verifikasi"]
    assert "setahun" in ws["A1"].value
    assert ws.print_area.endswith(f"$H${HEADER_ROW + 1 + len(rows)}")
    facts = {r[0]: r[1] for r in openpyxl.load_workbook(rekap)["Ringkasan"].iter_rows(
        values_only=True)}
    assert facts["Entri disetujui (lihat lembar Verifikasi)"] == 6
    assert facts["Entri perlu perbaikan"] == 3


def test_a_workbook_without_verifikasi_sheet_has_blank_counts(rekap, tmp_path):
    paths = [write_workbook(office(n, apart=False), tmp_path / f"{n}.xlsx")
             for n in ("Dinas Lama", "Dinas Baru")]
    wb = openpyxl.load_workbook(paths[0])  # as made by an xl-iki before the Verifikasi sheet
    del wb[VERIFIKASI]
    wb.save(paths[0])
    consolidate([str(p) for p in paths], tmp_path / "r.xlsx")
    rows = sheet_table(tmp_path / "r.xlsx", "Verifikasi")
    lama = [r for r in rows if r["Instansi"] == "Dinas Lama"]
    assert len(lama) == TAKEN and all(r["Disetujui"] is r["Belum Diverifikasi"] is None
                                      for r in lama)
    assert all(isinstance(r["Belum Diverifikasi"], int) for r in rows if r not in lama)
    consolidate([str(paths[0])], tmp_path / "lama.xlsx")
    assert "Verifikasi" not in openpyxl.load_workbook(tmp_path / "lama.xlsx").sheetnames
