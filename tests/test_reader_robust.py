"""Reading what real files contain: damaged hidden structure, lying declarations, far cells.

Every command answers a damaged workbook with exit 2 and one Indonesian message naming the
file and the place, never a traceback, and never changes the file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import openpyxl
import pytest
from damage import DAMAGES, HARMLESS, jabatan_part, parts_of, write_parts
from engines import rekap_rows
from test_consolidate import office

from xl_iki.cli import main
from xl_iki.consolidate import consolidate
from xl_iki.reader import read_workbook
from xl_iki.workbook import write_workbook


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    return write_workbook(office(1), tmp_path_factory.mktemp("baik") / "baik.xlsx")


@pytest.fixture(autouse=True)
def crash_logs(tmp_path, monkeypatch):
    monkeypatch.setenv("XL_IKI_LOG_DIR", str(tmp_path / "log"))


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


COMMANDS = {
    "validate": lambda p, tmp: ("validate", str(p)),
    "summary": lambda p, tmp: ("summary", str(p), "-o", str(tmp / "ringkas.xlsx")),
    "export-yaml": lambda p, tmp: ("export", str(p), "-o", str(tmp / "k.yaml")),
    "export-csv": lambda p, tmp: ("export", str(p), "--format", "csv"),
    "export-json": lambda p, tmp: ("export", str(p), "--format", "json"),
}

#: what each damage's message names (the place, or what is wrong)
NAMED = {
    "tahun-bukan-angka": "_iki!B4", "instansi-daftar": "_iki!B4", "predikat-min": "_iki!B5",
    "kunci-daftar": "!A12", "jenis-asing": "'acak' tidak dikenal", "komponen-n": "!A14",
    "sel-jauh-z": "melewati baris 10.000", "xml-rusak": "rusak (",
    "bagian-hilang": "hilang dari berkas", "zip-terpotong": "terpotong",
    "angka-400-digit": "!K12 berisi angka di luar jangkauan Excel",
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", sorted(set(DAMAGES) - HARMLESS))
def test_damaged_workbook_exit_2_with_the_place_and_no_traceback(kind, command, good, tmp_path):
    bad = DAMAGES[kind](good, tmp_path / f"{kind}.xlsx")
    before = digest(bad)
    code, out, err = run(*COMMANDS[command](bad, tmp_path))
    assert code == 2, (out, err)
    assert NAMED[kind] in err and str(bad) in err, err
    assert "Traceback" not in out + err and "tak terduga" not in err
    assert digest(bad) == before
    assert not (tmp_path / "ringkas.xlsx").exists()


def _table(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_lying_dimension_is_not_believed(good, tmp_path):
    """<dimension ref="A1"> on every sheet: export and summary still see every indicator."""
    liar = DAMAGES["dimensi-bohong"](good, tmp_path / "dimensi.xlsx")
    expected = _table(run("export", str(good), "--format", "csv")[1])
    code, out, _ = run("export", str(liar), "--format", "csv")
    assert code == 0 and _table(out) == expected and len(expected) == 8
    code, out, _ = run("summary", str(liar), "-o", str(tmp_path / "rekap.xlsx"))
    assert code == 0 and "8 indikator" in out
    assert len(rekap_rows(tmp_path / "rekap.xlsx")[1]) == 8
    assert run("validate", str(liar))[0] == run("validate", str(good))[0]


def _user_sheet_with_far_cell(good: Path, out: Path) -> Path:
    wb = openpyxl.load_workbook(good)
    ws = wb.create_sheet("Catatan Saya")
    ws["A1"], ws["XFD1048576"] = "catatan", "x"
    wb.save(out)
    return out


def test_a_far_cell_on_the_users_own_sheet_is_harmless(good, tmp_path):
    """Only the sheets the reader needs are read whole; the user's own are left alone."""
    path = _user_sheet_with_far_cell(good, tmp_path / "catatan.xlsx")
    assert len(_table(run("export", str(path), "--format", "csv")[1])) == 8
    hasil = consolidate([str(path)], tmp_path / "gabung.xlsx")
    assert hasil.files_taken == 1 and hasil.indicators == 8 and hasil.problems == []


def test_far_cells_reach_calamine_only_through_the_screen(good, tmp_path):
    """consolidate (calamine) with a stray cell: never a huge grid; outside A..Z it is
    harmless, inside A..Z past row 10,000 it is a clear message."""
    far = DAMAGES["sel-jauh"](good, tmp_path / "jauh.xlsx")
    far_z = DAMAGES["sel-jauh-z"](good, tmp_path / "jauh-z.xlsx")
    hasil = consolidate([str(far), str(far_z)], tmp_path / "gabung.xlsx")
    assert hasil.files_taken == 1 and hasil.indicators == 8
    assert [(m.berkas, m.kode) for m in hasil.problems] == [(str(far_z), "terlalu-besar")]
    assert [(r["capaian"], r["predikat"]) for r in
            _table(run("export", str(far), "--format", "csv")[1])] == [
        (r["capaian"], r["predikat"]) for r in _table(run("export", str(good), "--format",
                                                          "csv")[1])]


def test_empty_rows_at_the_bottom_of_the_sheet_are_harmless(good, tmp_path):
    """LibreOffice writes empty rows 1048575 and 1048576 after rows were deleted."""
    parts = parts_of(good)
    sheet = jabatan_part(good)
    parts[sheet] = parts[sheet].replace(
        b"</sheetData>", b'<row r="1048575" ht="12.8"></row><row r="1048576"/></sheetData>')
    path = write_parts(tmp_path / "baris-kosong.xlsx", parts)
    assert run("validate", str(path))[0] == run("validate", str(good))[0]
    assert consolidate([str(path)], tmp_path / "g.xlsx").indicators == 8


@pytest.mark.parametrize("xml, safe", [
    (b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>',
     True),
    (b'<?xml version="1.0"?>\n<worksheet><sheetData><row r="9999"><c r="Z9999" t="s"/></row>'
     b"</sheetData></worksheet>", True),
    (b'<worksheet><sheetData><row r="1"><c r="AA1"/></row></sheetData></worksheet>', False),
    (b'<worksheet><sheetData><row r="10000"><c r="A10000"/></row></sheetData></worksheet>',
     False),
    (b'<worksheet><sheetData><row r="1"><c s="1"/></row></sheetData></worksheet>', False),
    (b'<worksheet><sheetData><row><c r="A1"/></row><row r="1048576"/></sheetData></worksheet>',
     True),
    (b'<worksheet><sheetData><row r="1"><c t="s" r="A1"/></row></sheetData></worksheet>',
     False),
    (b'<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1"/></x:row></x:sheetData>'
     b"</x:worksheet>", False),
    (b'<worksheet><sheetData><row r="1"><x:c r="A1"/></row></sheetData></worksheet>', False),
    (b'<worksheet><!-- <c r="XFD1"/> --><sheetData/></worksheet>', False),
    (b'<!DOCTYPE w [<!ENTITY e "x">]><worksheet/>', False),
])
def test_the_screen_lets_calamine_read_only_compact_sheets(xml, safe):
    from xl_iki.reader.package import dense_safe

    assert dense_safe(xml) is safe


def test_rows_out_of_order_and_cells_without_r_are_read_by_the_streaming_reader(good,
                                                                                 tmp_path):
    parts = parts_of(good)
    sheet = jabatan_part(good)
    parts[sheet] = parts[sheet].replace(b'<c r="A1"', b'<c', 1)
    path = write_parts(tmp_path / "tanpa-r.xlsx", parts)
    assert len(json.loads(run("export", str(path), "--format", "json")[1])) == 8
    assert consolidate([str(path)], tmp_path / "g.xlsx").indicators == 8


def _ole(tmp_path: Path, name: str, stream: str) -> Path:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
                     + stream.encode("utf-16-le") + b"\x00" * 96)
    return path


def test_old_xls_and_password_protected_files_are_told_apart(tmp_path):
    xls = _ole(tmp_path, "lama.xlsx", "Workbook")
    locked = _ole(tmp_path, "terkunci.xlsx", "EncryptedPackage")
    code, _, err = run("validate", str(xls))
    assert code == 2 and "format Excel lama (.xls): simpan sebagai .xlsx" in err
    assert "kata sandi" not in err
    code, _, err = run("export", str(locked))
    assert code == 2 and "kata sandi" in err


@pytest.mark.parametrize("content, message", [
    (b"", "bukan workbook"),
    (b"PK\x05\x06" + b"\x00" * 18, "bukan workbook Excel (.xlsx) atau LibreOffice"),
])
def test_empty_and_foreign_zip_files(content, message, tmp_path):
    path = tmp_path / "aneh.xlsx"
    path.write_bytes(content)
    code, _, err = run("validate", str(path))
    assert code == 2 and message in err and "Traceback" not in err


def test_a_folder_or_device_is_not_a_workbook(tmp_path):
    for target in (tmp_path, Path("/dev/zero")):
        code, _, err = run("export", str(target))
        assert code == 2 and "bukan berkas" in err, err


def test_a_part_bigger_than_it_says_is_damage_not_a_bomb(good, tmp_path):
    """A part whose declared size understates its content is caught by its checksum."""
    parts = parts_of(good)
    sheet = jabatan_part(good)
    path = write_parts(tmp_path / "bohong.xlsx", parts)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(sheet)
    data = bytearray(path.read_bytes())
    # its central directory entry repeats the local header's fields after 'version made by'
    central = data.index(data[info.header_offset + 4:info.header_offset + 26],
                         data.index(b"PK\x01\x02")) - 6
    for offset in (info.header_offset + 22, central + 24):  # the declared unpacked size
        data[offset:offset + 4] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    hasil = consolidate([str(path)], tmp_path / "g.xlsx")
    assert hasil.files_taken == 0 and [m.kode for m in hasil.problems] == ["berkas-rusak"]
    assert run("validate", str(path))[0] == 2


def test_read_workbook_raises_input_error_not_a_library_error(good, tmp_path):
    from xl_iki.errors import InputError

    for kind in sorted(set(DAMAGES) - HARMLESS):
        with pytest.raises(InputError):
            read_workbook(DAMAGES[kind](good, tmp_path / f"{kind}.xlsx"))


def test_ods_extent_counts_repeats_and_only_cells_with_values():
    from xl_iki.reader.package import ods_extents

    t = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    o = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    x = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    content = (
        f'<office:document-content xmlns:office="{o}" xmlns:table="{t}" xmlns:text="{x}">'
        '<office:body><office:spreadsheet><table:table table:name="Isi">'
        '<table:table-row><table:table-cell office:value-type="float" office:value="1"/>'
        '<table:table-cell table:number-columns-repeated="3"/>'
        "<table:table-cell><text:p>teks</text:p></table:table-cell></table:table-row>"
        '<table:table-row table:number-rows-repeated="1048574"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>'
        '<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
        '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
        '</table:table-row></table:table><table:table table:name="Kosong"/>'
        "</office:spreadsheet></office:body></office:document-content>").encode()
    assert ods_extents(content) == {"Isi": (1_048_576, 16_384), "Kosong": (0, 0)}
