"""Consolidation compares the cached predikat too: a workbook whose stored predikat differs from
the recomputed one gets a Masalah line (the band-edge case of issue 11: capaian 91,00 stored
next to "Tinggi")."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from cases import ind, q
from engines import indicator_rows, libreoffice_convert

from xl_iki.consolidate import consolidate
from xl_iki.model import Catalogue, Instansi, Jabatan
from xl_iki.workbook import layout as L
from xl_iki.workbook import write_workbook

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CAT = Catalogue(Instansi("Dinas Uji", "Kota Uji", 2025), (Jabatan(
    id="a", nama="Kasi Pita", indikator=(
        ind("tepi", "rata_rata", target=5.0, realisasi=q(4.55)),  # 90.99999999999999 -> 91
        ind("biasa", "rata_rata", target=100.0, realisasi=q(80)),
    )),))


def with_cached_text(path: Path, cell: str, old: str, new: str, out: Path) -> Path:
    """A copy of ``path`` whose cached text ``old`` in ``cell`` of a worksheet reads ``new``."""
    ET.register_namespace("", NS)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    changed = 0
    for name, data in parts.items():
        if not name.startswith("xl/worksheets/sheet"):
            continue
        root = ET.fromstring(data)
        for c in root.iter(f"{{{NS}}}c"):
            v = c.find(f"{{{NS}}}v")
            if c.get("r") == cell and v is not None and v.text == old:
                v.text = new
                parts[name] = ET.tostring(root, xml_declaration=True, encoding="UTF-8")
                changed += 1
    assert changed == 1
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("pred")
    return libreoffice_convert([write_workbook(CAT, tmp / "pita.xlsx")], tmp / "lo")[0]


@pytest.mark.office
def test_band_edge_file_saved_by_libreoffice_agrees(saved, tmp_path):
    hasil = consolidate([str(saved)], tmp_path / "rekap.xlsx")
    assert hasil.problems == [] and hasil.files_taken == 1


@pytest.mark.office
def test_a_cached_predikat_that_disagrees_is_reported(saved, tmp_path):
    sheet, row = indicator_rows(saved)["a", "tepi"]
    tampered = with_cached_text(saved, f"{L.PREDIKAT.letter}{row}", "Sangat Tinggi", "Tinggi",
                                tmp_path / "diubah.xlsx")
    hasil = consolidate([str(tampered)], tmp_path / "rekap.xlsx")
    assert [m.kode for m in hasil.problems] == ["hitungan-berbeda"], hasil.problems
    pesan = hasil.problems[0].pesan
    assert sheet in pesan and "'Tinggi'" in pesan and "'Sangat Tinggi'" in pesan, pesan
    assert hasil.files_taken == 1
