"""The decree document (xl-iki dokumen): Word tables that hold the catalogue, PDF by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from xl_iki.catalogue import load, loads
from xl_iki.cli import main
from xl_iki.document import write_document
from xl_iki.document.text import TABLE_HEADER
from xl_iki.errors import CatalogueError
from xl_iki.workbook import write_workbook

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def lampiran(path: Path) -> list[tuple[list[str], list[list[str]]]]:
    """Each jabatan's (header lines, indicator table rows) in document order."""
    out: list[tuple[list[str], list[list[str]]]] = []
    header: list[str] = []
    for table in docx.Document(str(path)).tables:
        first = [c.text for c in table.rows[0].cells] if table.rows else []
        if first[:2] == ["1.", "Jabatan"]:
            header = [row.cells[-1].text for row in table.rows]
        elif tuple(first) == TABLE_HEADER:
            out.append((header, [[c.text for c in row.cells] for row in table.rows[1:]]))
    return out


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_jabatan_table_holds_the_catalogue_indicators_in_order(example, tmp_path):
    cat = load(example)
    out = write_document(cat, tmp_path / "keputusan.docx")
    found = lampiran(out)
    assert len(found) == len(cat.jabatan)
    for jab, (header, rows) in zip(cat.jabatan, found):
        assert header[0] == jab.nama
        assert [r[2] for r in rows] == [i.nama for i in jab.indikator]
        sasaran = [r[1] for r in rows]  # a group's merged cell repeats its text per row
        assert sasaran == [i.sasaran for i in jab.indikator]
        assert [r[5] for r in rows] == [i.sumber_data for i in jab.indikator]


def test_layout_a4_repeated_headers_and_grouped_sasaran(tmp_path):
    cat = load(ROOT / "examples" / "padang_panjang_2020.yaml")
    doc = docx.Document(str(write_document(cat, tmp_path / "k.docx")))
    decree, appendix = doc.sections
    assert (round(decree.page_width.mm), round(decree.page_height.mm)) == (210, 297)
    assert (round(appendix.page_width.mm), round(appendix.page_height.mm)) == (297, 210)
    tables = [t for t in doc.tables if tuple(c.text for c in t.rows[0].cells) == TABLE_HEADER]
    for table in tables:
        marks = table.rows[0]._tr.trPr.findall(qn("w:tblHeader"))
        assert [m.get(qn("w:val")) for m in marks] == ["true"]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "NOMOR : 050/8/DISKOMINFO-PP/2020" in text
    assert "PEMERINTAH KOTA PADANG PANJANG" in text
    rows = tables[-1].rows  # Penata Liputan: three indicators under one sasaran, numbered once
    assert [r.cells[0].text for r in rows[1:]] == ["1."] * 3
    assert rows[1].cells[0]._tc is rows[3].cells[0]._tc  # one merged cell


DECREE = """versi: 1
instansi:
  nama: Dinas Contoh
  pemda: Kabupaten Uji
  tahun: 2026
  keputusan:
    nomor: 188/1/2026
    tanggal: 2026-01-05
    tempat: Uji
    tentang: Penetapan IKI Tahun 2026
    alamat: Jl. Merdeka No. 1
    menimbang: [bahwa perlu alasan pertama;, bahwa perlu alasan kedua;]
    mengingat: Undang-Undang Nomor 1 Tahun 2000;
    menetapkan: [Diktum pertama., Diktum kedua.]
  penandatangan: {jabatan: Kepala Dinas Contoh, nama: Budi, pangkat: Pembina, nip: "1970"}
jabatan:
  - id: kadis
    nama: Kepala Dinas Contoh
    indikator:
      - {nama: Indeks A, jenis: jumlah, target: 12.5, sasaran: S1}
      - {nama: Persen B, jenis: jumlah, target: "80-90", sasaran: S1}
"""


def test_decree_text_from_the_catalogue(tmp_path):
    out = write_document(loads(DECREE), tmp_path / "k.docx")
    doc = docx.Document(str(out))
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    for words in ("bahwa perlu alasan pertama;", "bahwa perlu alasan kedua;",
                  "Undang-Undang Nomor 1 Tahun 2000;", "Diktum pertama.", "Diktum kedua.",
                  "KESATU", "KEDUA", "Ditetapkan di : Uji", "pada tanggal : 5 Januari 2026",
                  "Budi", "NIP. 1970"):
        assert words in cells
    assert "KETIGA" not in cells  # the catalogue's two diktum replace the three defaults
    assert "PENETAPAN IKI TAHUN 2026" in paragraphs
    assert "Jl. Merdeka No. 1" in paragraphs
    assert [r[7] for r in lampiran(out)[0][1]] == ["12,5", "80 – 90"]


def test_defaults_when_the_catalogue_says_nothing(tmp_path):
    text = DECREE.split("  keputusan:")[0] + "jabatan:" + DECREE.split("\njabatan:", 1)[1]
    doc = docx.Document(str(write_document(loads(text), tmp_path / "k.docx")))
    cells = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Peraturan Pemerintah Nomor 30 Tahun 2019" in cells
    assert "KETIGA" in cells and "Keputusan ini mulai berlaku" in cells
    assert "(nama penandatangan)" in cells
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    assert "INDIKATOR KINERJA INDIVIDU (IKI) PADA DINAS CONTOH KABUPATEN UJI" in paragraphs


def test_decree_fields_with_their_yaml_lines():
    bad = DECREE.replace("    tentang: Penetapan IKI Tahun 2026\n",
                         "    tentang: [satu, dua]\n    judul: x\n")
    with pytest.raises(CatalogueError) as info:
        loads(bad, "k.yaml")
    report = info.value.report()
    assert "k.yaml:10: instansi.keputusan: 'tentang' harus berupa teks" in report
    assert "k.yaml:11: instansi.keputusan: kolom 'judul' tidak dikenal" in report


def test_agency_template_keeps_its_kop_and_fonts(tmp_path):
    template = docx.Document()
    template.styles["Normal"].font.name = "Times New Roman"
    template.sections[0].header.paragraphs[0].text = "KOP DINAS CONTOH"
    template.add_paragraph("Naskah pembuka templat")
    template.save(str(tmp_path / "templat.docx"))
    code = main(["dokumen", str(_catalogue(tmp_path)), "-o", str(tmp_path / "k.docx"),
                 "--template-dokumen", str(tmp_path / "templat.docx")])
    assert code == 0
    doc = docx.Document(str(tmp_path / "k.docx"))
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert doc.sections[0].header.paragraphs[0].text == "KOP DINAS CONTOH"
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Naskah pembuka templat"
    assert "PEMERINTAH KABUPATEN UJI" not in texts  # the template carries the kop
    assert len(lampiran(tmp_path / "k.docx")) == 1


def test_from_a_workbook_with_its_targets(tmp_path):
    book = write_workbook(loads(DECREE), tmp_path / "iki.xlsx")
    assert main(["dokumen", str(book), "-o", str(tmp_path / "k.docx")]) == 0
    [(header, rows)] = lampiran(tmp_path / "k.docx")
    assert header[0] == "Kepala Dinas Contoh"
    assert [(r[2], r[7]) for r in rows] == [("Indeks A", "12,5"), ("Persen B", "80 – 90")]
    cells = "\n".join(c.text for t in docx.Document(str(tmp_path / "k.docx")).tables
                      for r in t.rows for c in r.cells)
    assert "Diktum pertama." in cells  # the decree text travels in the workbook


def test_missing_libreoffice_is_said_plainly_before_anything_is_written(tmp_path, monkeypatch,
                                                                        capsys):
    monkeypatch.setenv("PATH", str(tmp_path))
    code = main(["dokumen", str(_catalogue(tmp_path)), "-o", str(tmp_path / "k.docx"), "--pdf"])
    assert code == 1
    assert "LibreOffice tidak ditemukan" in capsys.readouterr().err
    assert not (tmp_path / "k.docx").exists()


def test_outputs_are_checked(tmp_path, capsys):
    source = _catalogue(tmp_path)
    (tmp_path / "k.docx").write_text("lama")
    assert main(["dokumen", str(source), "-o", str(tmp_path / "k.docx")]) == 2
    assert "--timpa" in capsys.readouterr().err
    assert (tmp_path / "k.docx").read_text() == "lama"


@pytest.mark.office
def test_libreoffice_makes_the_pdf_and_it_renders(tmp_path):
    source = ROOT / "examples" / "lumajang_2021.yaml"
    assert main(["dokumen", str(source), "-o", str(tmp_path / "k.docx"), "--pdf"]) == 0
    pdf = tmp_path / "k.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert not list(tmp_path.glob(".~*"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(line.split()[-1] for line in info.stdout.splitlines()
                     if line.startswith("Pages:")))
    assert pages > len(load(source).jabatan)  # the decree, then a page per jabatan at least
    subprocess.run([shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", "30", "-f", "2",
                    "-l", "2", str(pdf), str(tmp_path / "hal")], check=True)
    [png] = tmp_path.glob("hal*.png")
    assert png.stat().st_size > 1000


def _catalogue(folder: Path) -> Path:
    path = folder / "k.yaml"
    path.write_text(DECREE, encoding="utf-8")
    return path
