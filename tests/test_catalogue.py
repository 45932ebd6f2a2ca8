"""The catalogue format v1: what loads, and a clear message for everything that does not."""

from __future__ import annotations

import json
import textwrap

import pytest

from xl_iki.catalogue import load, loads
from xl_iki.errors import CatalogueError
from xl_iki.model import evaluate

HEAD = """\
versi: 1
instansi:
  nama: Dinas Komunikasi dan Informatika
  pemda: Kabupaten Lumajang
  tahun: 2021
jabatan:
  - id: kadis
    nama: Kepala Dinas
    indikator:
"""


def problems(text: str) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        loads(textwrap.dedent(text), "katalog.yaml")
    return [str(p) for p in info.value.problems]


def with_indicator(body: str) -> str:
    return HEAD + textwrap.indent(textwrap.dedent(body), "      ")


def test_minimal_catalogue_loads_with_defaults():
    cat = loads(with_indicator("""\
        - nama: Indeks SPBE
          jenis: indeks
          komponen:
            - {nama: Domain Kebijakan Internal, bobot: 13}
            - {nama: Domain Tata Kelola, bobot: 25}
        - nama: Jumlah dokumen
          jenis: jumlah
          sasaran: Sasaran dua
        - nama: Jumlah laporan
          jenis: jumlah
        """))
    spbe, dok, lap = cat.jabatan[0].indikator
    assert spbe.id == "indeks_spbe" and spbe.satuan == "Indeks" and spbe.akumulasi == "terakhir"
    assert dok.akumulasi == "jumlah" and dok.arah == "naik"
    assert lap.sasaran == "Sasaran dua"  # blank sasaran = the one above
    assert [b.min for b in cat.predikat] == [91, 76, 66, 51, 0]


def test_json_catalogue_is_accepted(tmp_path):
    data = {"versi": 1, "instansi": {"nama": "Dinas", "pemda": "Kota", "tahun": 2024},
            "jabatan": [{"nama": "Kepala", "indikator": [
                {"nama": "Persentase A", "jenis": "persentase", "target": "80-90",
                 "komponen": [{"nama": "a", "realisasi": [1, 2, None, None]},
                              {"nama": "b", "realisasi": [2, 2, None, None]}]}]}]}
    path = tmp_path / "katalog.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    cat = load(path)
    ind = cat.jabatan[0].indikator[0]
    assert (ind.target, ind.target_max) == (80.0, 90.0)
    assert evaluate(cat).indikator["kepala", ind.id].realisasi == 100.0


BAD = [
    ("unknown jenis", """\
        - nama: X
          jenis: persen
        """, "katalog.yaml:11", "jenis 'persen' tidak dikenal; pilih salah satu: jumlah, "),
    ("missing jenis", """\
        - nama: X
        """, "katalog.yaml:10", "kolom 'jenis' wajib diisi"),
    ("persentase with one komponen", """\
        - nama: X
          jenis: persentase
          komponen: [{nama: a}]
        """, "katalog.yaml:12", "tepat dua komponen: pembilang lalu penyebut (sekarang 1)"),
    ("persentase without komponen", """\
        - nama: X
          jenis: persentase
        """, "katalog.yaml:10", "tepat dua komponen"),
    ("indeks without bobot", """\
        - nama: X
          jenis: indeks
          komponen:
            - {nama: a}
        """, "katalog.yaml:13", "membutuhkan 'bobot' berupa angka lebih dari 0"),
    ("bobot outside indeks", """\
        - nama: X
          jenis: jumlah
          komponen:
            - {nama: a, bobot: 3}
        """, "katalog.yaml:13", "'bobot' hanya untuk komponen indeks"),
    ("komponen on skor", """\
        - nama: X
          jenis: skor
          skala: [1, 5]
          komponen: [{nama: a}]
        """, "katalog.yaml:13", "tidak memakai komponen"),
    ("duplicate indicator ids", """\
        - {id: a, nama: X, jenis: jumlah}
        - {id: a, nama: Y, jenis: jumlah}
        """, "katalog.yaml:11", "id indikator 'a' dipakai lebih dari sekali"),
    ("ref to a missing indicator", """\
        - nama: X
          jenis: indeks
          komponen:
            - {ref: kadis.tidak_ada, bobot: 1}
        """, "katalog.yaml", "ref 'kadis.tidak_ada' merujuk indikator yang tidak ada"),
    ("malformed ref", """\
        - nama: X
          jenis: rata_rata
          komponen:
            - {ref: "kadis tidak"}
        """, "katalog.yaml:13", "harus ditulis sebagai id_jabatan.id_indikator"),
    ("ref cycle", """\
        - id: a
          nama: A
          jenis: rata_rata
          komponen: [{ref: kadis.b}]
        - id: b
          nama: B
          jenis: rata_rata
          komponen: [{ref: kadis.a}]
        """, "katalog.yaml", "rujukan melingkar antar indikator: kadis.a -> kadis.b -> kadis.a"),
    ("self reference", """\
        - id: a
          nama: A
          jenis: jumlah
          komponen: [{ref: kadis.a}]
        """, "katalog.yaml", "rujukan melingkar antar indikator: kadis.a -> kadis.a"),
    ("target text for a number", """\
        - nama: X
          jenis: persentase
          target: tinggi
          komponen: [{nama: a}, {nama: b}]
        """, "katalog.yaml:12", "target 'tinggi' tidak cocok dengan jenis persentase"),
    ("target range reversed", """\
        - nama: X
          jenis: jumlah
          target: "90-80"
        """, "katalog.yaml:12", "angka pertama harus lebih kecil"),
    ("target number for ada_tidak", """\
        - nama: X
          jenis: ada_tidak
          target: 1
        """, "katalog.yaml:12", "pilih salah satu: Ada, Tidak Ada"),
    ("target label outside skala", """\
        - nama: X
          jenis: kualitatif
          skala: [TMP, TW, WDP, WTP]
          target: AAA
        """, "katalog.yaml:13", "pilih salah satu: TMP, TW, WDP, WTP"),
    ("skor target outside skala", """\
        - nama: X
          jenis: skor
          skala: [1, 5]
          target: 7
        """, "katalog.yaml:13", "target 7 di luar skala 1-5"),
    ("skor without skala", """\
        - nama: X
          jenis: skor
        """, "katalog.yaml:10", "membutuhkan skala [min, max]"),
    ("skor skala reversed", """\
        - nama: X
          jenis: skor
          skala: [5, 1]
        """, "katalog.yaml:12", "dua angka [min, max] dengan min < max"),
    ("skala on jumlah", """\
        - nama: X
          jenis: jumlah
          skala: [1, 5]
        """, "katalog.yaml:12", "'skala' hanya untuk jenis skor atau kualitatif"),
    ("kualitatif with one label", """\
        - nama: X
          jenis: kualitatif
          skala: [WTP]
        """, "katalog.yaml:12", "minimal dua label yang berbeda"),
    ("kualitatif label with a comma", """\
        - nama: X
          jenis: kualitatif
          skala: ["Baik, sekali", Buruk]
        """, "katalog.yaml:12", "tidak boleh memuat koma"),
    ("akumulasi jumlah on kualitatif", """\
        - nama: X
          jenis: kualitatif
          skala: [A, B]
          akumulasi: jumlah
        """, "katalog.yaml:13", "akumulasi 'jumlah' tidak berlaku untuk jenis kualitatif"),
    ("unknown arah", """\
        - nama: X
          jenis: jumlah
          arah: bawah
        """, "katalog.yaml:12", "arah 'bawah' tidak dikenal; pilih salah satu: naik, turun"),
    ("realisasi with three values", """\
        - nama: X
          jenis: jumlah
          realisasi: [1, 2, 3]
        """, "katalog.yaml:12", "daftar empat nilai TW I-IV"),
    ("realisasi text", """\
        - nama: X
          jenis: jumlah
          realisasi: [1, "12 dokumen", null, null]
        """, "katalog.yaml:12", "realisasi TW 2: '12 dokumen' bukan angka"),
    ("realisasi on an indicator with komponen", """\
        - nama: X
          jenis: jumlah
          realisasi: [1, null, null, null]
          komponen: [{nama: a}]
        """, "katalog.yaml:12", "isi 'realisasi' pada setiap komponen"),
    ("misspelt field", """\
        - nama: X
          jenis: jumlah
          sumberdata: BPS
        """, "katalog.yaml:12", "kolom 'sumberdata' tidak dikenal; maksud Anda 'sumber_data'?"),
    ("duplicate key", """\
        - nama: X
          jenis: jumlah
          jenis: persentase
        """, "katalog.yaml:12", "kolom 'jenis' ditulis dua kali"),
    ("indicator without nama", """\
        - jenis: jumlah
        """, "katalog.yaml:10", "kolom 'nama' wajib diisi"),
]


@pytest.mark.parametrize(("case", "body", "where", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_indicator_is_reported_with_place(case, body, where, message):
    found = problems(with_indicator(body))
    assert any(p.startswith(where) and message in p for p in found), found


def test_bad_instansi_and_jabatan():
    found = problems("""\
        versi: 2
        instansi:
          nama: Dinas
          tahun: dua ribu
          batas_capaian: -5
        jabatan:
          - {id: a, nama: A, atasan: z, indikator: []}
          - {id: a, nama: B, indikator: []}
          - {id: "b c", nama: C}
          - {nama: A}
        """)
    expected = [
        ("katalog.yaml:1", "versi 2 tidak didukung"),
        ("katalog.yaml:3", "instansi: kolom 'pemda' wajib diisi"),
        ("katalog.yaml", "jabatan 'a': atasan 'z' tidak ada di katalog"),
        ("katalog.yaml:4", "tahun harus berupa angka tahun"),
        ("katalog.yaml:5", "'batas_capaian' tidak boleh kurang dari 0"),
        ("katalog.yaml:8", "id jabatan 'a' dipakai lebih dari sekali"),
        ("katalog.yaml:9", "id 'b c' hanya boleh berisi huruf, angka dan garis bawah"),
    ]
    for where, message in expected:
        assert any(p.startswith(where) and message in p for p in found), (message, found)


def test_cross_checks_name_the_jabatan():
    found = problems("""\
        instansi: {nama: Dinas, pemda: Kota, tahun: 2024}
        jabatan:
          - {id: a, nama: Staf, unit_kerja: Seksi A, atasan: z}
          - {id: b, nama: Staf, unit_kerja: Seksi A}
          - {id: c, nama: Staf, unit_kerja: Seksi B, atasan: c}
        """)
    assert any("jabatan 'a': atasan 'z' tidak ada di katalog" in p for p in found), found
    assert any("jabatan 'b': nama 'Staf' dengan unit kerja 'Seksi A' sudah dipakai" in p
               for p in found), found
    assert any("jabatan 'c': jabatan tidak bisa menjadi atasan dirinya sendiri" in p
               for p in found), found


def test_two_indicators_with_the_same_nama_get_distinct_ids():
    cat = loads(with_indicator("""\
        - {nama: Indeks SPBE, jenis: skor, skala: [1, 5]}
        - {nama: Indeks SPBE, jenis: skor, skala: [1, 5]}
        - {id: indeks_spbe_3, nama: Lain, jenis: jumlah}
        - {nama: Indeks SPBE, jenis: skor, skala: [1, 5]}
        """))
    assert [i.id for i in cat.jabatan[0].indikator] == [
        "indeks_spbe", "indeks_spbe_2", "indeks_spbe_3", "indeks_spbe_4"]


def test_same_nama_in_two_units_is_fine_and_gets_distinct_ids():
    cat = loads("""\
instansi: {nama: Dinas, pemda: Kota, tahun: 2024}
jabatan:
  - {nama: Pranata Komputer, unit_kerja: Bidang Aptika}
  - {nama: Pranata Komputer, unit_kerja: Bidang Statistik}
""")
    assert [j.id for j in cat.jabatan] == ["pranata_komputer", "pranata_komputer_2"]


def test_all_problems_of_a_file_at_once():
    found = problems(with_indicator("""\
        - nama: X
          jenis: persen
        - nama: Y
          jenis: jumlah
          arah: bawah
        - jenis: skor
        """))
    assert len(found) >= 4, found


def test_yaml_syntax_error_names_the_line():
    found = problems("instansi:\n  nama: [tidak ditutup\njabatan: []\n")
    assert found and found[0].startswith("katalog.yaml:") and "format YAML/JSON salah" in found[0]


def test_not_a_mapping():
    assert "harus berupa pasangan kolom" in problems("- satu\n- dua\n")[0]


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(CatalogueError) as info:
        load(tmp_path / "tidak_ada.yaml")
    assert "tidak_ada.yaml: berkas tidak ditemukan" in info.value.report()
    binary = tmp_path / "biner.yaml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(CatalogueError) as info:
        load(binary)
    assert "UTF-8" in info.value.report()


def test_report_is_indonesian_and_lists_everything():
    with pytest.raises(CatalogueError) as info:
        loads(with_indicator("- {nama: X, jenis: persen}\n- {nama: Y, jenis: bogus}\n"),
              "k.yaml")
    report = info.value.report()
    assert report.startswith("k.yaml: ditemukan 2 masalah, perbaiki lalu coba lagi:")
    assert report.count("\n  - ") == 2
