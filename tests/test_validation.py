"""Validation: a catalogue of bad inputs, each found with its rule code and sheet!cell."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import openpyxl
import pytest
from cases import ind, k, q

from xl_iki.model import Catalogue, Instansi, Jabatan
from xl_iki.reader import read_workbook
from xl_iki.validation import GALAT, INFO, PERINGATAN, RULES, validate
from xl_iki.validation.numbers_id import parse_number
from xl_iki.workbook import layout as L
from xl_iki.workbook import write_workbook
from xl_iki.workbook.jabatan_sheet import plan
from xl_iki.workbook.sheetnames import sheet_name

KUAL = ("TMP", "TW", "WDP", "WTP")


def catalogue() -> Catalogue:
    v = Jabatan(id="v", nama="Kepala Seksi Validasi", unit_kerja="Bidang Uji", indikator=(
        ind("jml", "jumlah", target=10.0, realisasi=q(2, 3)),
        ind("pct", "persentase", target=80.0, komponen=(k("Selesai", 4, 5), k("Semua", 5, 5))),
        ind("skor", "skor", skala=(1.0, 5.0), target=4.0, realisasi=q(3)),
        ind("ada", "ada_tidak", target="Ada", realisasi=q("Ada")),
        ind("kual", "kualitatif", skala=KUAL, target="WTP", realisasi=q("WDP")),
        ind("idx", "indeks", target=25.0, komponen=(k("", ref="w.pct2", bobot=1),
                                                   k("Survei", 3, 3, bobot=1))),
        ind("langsung", "jumlah", satuan="%", akumulasi="terakhir", target=90.0,
            realisasi=q(80)),
    ))
    w = Jabatan(id="w", nama="Staf Pengolah Data", unit_kerja="Bidang Uji", indikator=(
        ind("pct2", "persentase", target=50.0, komponen=(k("A", 1, 2), k("B", 2, 4))),))
    return Catalogue(Instansi("Dinas Uji", "Kota Uji", 2025), (v, w))


CAT = catalogue()
TITLES: dict[str, str] = {}
PLANS = {}
_taken = {"Sampul", "Petunjuk", "Rekap", "_iki"}
for _jab in CAT.jabatan:
    PLANS[_jab.id] = plan(_jab, sheet_name(_jab.nama, _taken))


def at(ind_id: str, col: str, part: int | None = None, jab: str = "v") -> tuple[str, str]:
    """(sheet title, cell) of an indicator's column, or of its komponen row ``part``."""
    p = PLANS[jab]
    row, parts = p.rows[ind_id]
    return p.title, f"{col}{parts[part] if part is not None else row}"


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    return write_workbook(CAT, tmp_path_factory.mktemp("val") / "bersih.xlsx")


def edited(clean: Path, tmp_path: Path, edits) -> Path:
    """A copy of the clean workbook edited with openpyxl (values, or a callable on the book)."""
    wb = openpyxl.load_workbook(clean)
    for edit in edits:
        if callable(edit):
            edit(wb)
        else:
            (sheet, cell), value = edit
            wb[sheet][cell].value = value
            if isinstance(value, str) and value.startswith("="):
                wb[sheet][cell].data_type = "s"
    out = tmp_path / "diisi.xlsx"
    wb.save(out)
    return out


def copy_sheet(wb):
    wb.copy_worksheet(wb[PLANS["v"].title]).title = "Salinan"


def copy_indicator_key(wb):
    ws = wb[PLANS["v"].title]
    row = PLANS["v"].rows["skor"][0]
    ws[f"A{row}"].value = ws[f"A{PLANS['v'].rows['jml'][0]}"].value


def delete_part_row(wb):
    ws = wb[PLANS["v"].title]
    ws.delete_rows(PLANS["v"].rows["pct"][1][1])


def percent_typed(wb):
    """85% typed the Excel way: stored as 0.85, the cell formatted as a percentage."""
    sheet, cell = at("langsung", "L")
    wb[sheet][cell].value = 0.85
    wb[sheet][cell].number_format = "0%"


def delete_index_part(wb):
    ws = wb[PLANS["v"].title]
    ws.delete_rows(PLANS["v"].rows["idx"][1][1])


def own_sheet(wb):
    wb.create_sheet("Catatan Saya")["A1"] = "catatan rapat"


def verifikasi_row(ind_id: str, jab: str = "v") -> int:
    """The row of an indicator on the Verifikasi sheet (one per indicator, in order)."""
    order = [(j.id, i.id) for j in CAT.jabatan for i in j.indikator]
    return 6 + order.index((jab, ind_id))


def bukti_required(wb) -> None:  # the catalogue asked for bukti; realisasi is typed without
    wb["Verifikasi"][f"Z{verifikasi_row('jml')}"] = '{"jabatan":"v","ind":"jml","bukti_wajib":true}'
    sheet, cell = at("jml", "K")
    wb[sheet][cell] = 5


def capaian_of_version_0_1(wb) -> None:
    """The capaian formulas as xl-iki 0.1 wrote them, before capaian was rounded (the text
    of ``workbook.formulas.capaian`` at commit 2a5a986^), on two sheets."""
    for jab, ind_id in (("v", "jml"), ("w", "pct2")):
        sheet, cell = at(ind_id, L.CAPAIAN.letter, jab=jab)
        r = cell[len(L.CAPAIAN.letter):]
        y, lo, hi, t = (f"{c.letter}{r}" for c in (L.REAL_NUM, L.TARGET_LO, L.TARGET_HI,
                                                     L.TARGET_EFF))
        wb[sheet][cell] = (f'=IF(COUNT({y},{lo},{hi})<3,"",IF(AND({lo}<{hi},{y}>={lo},'
                           f'{y}<={hi}),100,IF({t}=0,"",{y}/{t}*100)))')


def verified_then_changed(wb) -> None:  # kunci recorded 7; the cell now holds something else
    wb["Verifikasi"][f"P{verifikasi_row('jml')}"] = "[7.0]"


BAD = [
    ("text with unit", [(at("jml", "K"), "12 dokumen")], "teks-di-angka", at("jml", "K"), 12.0),
    ("indonesian decimal", [(at("jml", "L"), "1.234,5")], "teks-di-angka", at("jml", "L"),
     1234.5),
    ("text target", [(at("jml", "I"), "sepuluh")], "teks-di-angka", at("jml", "I"), None),
    ("range typed in one cell", [(at("jml", "I"), "80-90")], "teks-di-angka", at("jml", "I"),
     None),
    ("text in target s.d.", [(at("pct", "J"), "95%")], "teks-di-angka", at("pct", "J"), 95.0),
    ("text in komponen", [(at("idx", "K", 1), "3,5 poin")], "teks-di-angka", at("idx", "K", 1),
     3.5),
    ("negative count", [(at("jml", "M"), -3)], "angka-negatif", at("jml", "M"), None),
    ("negative pembilang", [(at("pct", "K", 0), -1)], "angka-negatif", at("pct", "K", 0), None),
    ("score above skala", [(at("skor", "L"), 7)], "skor-di-luar-skala", at("skor", "L"), None),
    ("score target below skala", [(at("skor", "I"), 0)], "skor-di-luar-skala", at("skor", "I"),
     None),
    ("unknown ada label", [(at("ada", "L"), "Mungkin")], "label-tidak-dikenal", at("ada", "L"),
     None),
    ("unknown kualitatif label", [(at("kual", "L"), "Baik")], "label-tidak-dikenal",
     at("kual", "L"), None),
    ("number in a label cell", [(at("ada", "M"), 1)], "label-tidak-dikenal", at("ada", "M"),
     None),
    ("unknown target label", [(at("kual", "I"), "Wajar")], "label-tidak-dikenal",
     at("kual", "I"), None),
    ("pembilang above penyebut", [(at("pct", "M", 0), 12), (at("pct", "M", 1), 10)],
     "pembilang-melebihi-penyebut", at("pct", "M", 0), None),
    ("penyebut zero", [(at("pct", "M", 0), 0), (at("pct", "M", 1), 0)], "penyebut-nol",
     at("pct", "M", 1), None),
    ("quarter skipped", [(at("jml", "K"), None), (at("jml", "L"), 4)], "triwulan-terlewat",
     at("jml", "K"), None),
    ("target missing", [(at("jml", "I"), None)], "target-kosong", at("jml", "I"), None),
    ("far beyond target", [(at("jml", "M"), 5000)], "capaian-tidak-wajar", at("jml", "P"), None),
    ("percent above 100", [(at("langsung", "L"), 150)], "persen-di-atas-100",
     at("langsung", "L"), None),
    ("85% typed in a percent cell", [percent_typed], "persen-pecahan", at("langsung", "L"),
     85.0),
    ("upper bound typed as 95%", [(at("langsung", "I"), 80), (at("langsung", "J"), 0.95)],
     "persen-pecahan", at("langsung", "J"), 95.0),
    ("fraction among percentages", [(at("langsung", "L"), 0.85)], "persen-mungkin-pecahan",
     at("langsung", "L"), 85.0),
    ("persentase target as a fraction", [(at("pct", "I"), 0.8)], "persen-mungkin-pecahan",
     at("pct", "I"), 80.0),
    ("range typed backwards", [(at("jml", "I"), 85), (at("jml", "J"), 75)], "target-terbalik",
     at("jml", "I"), 75.0),
    ("capaian overwritten", [(at("jml", "P"), 100)], "rumus-berubah", at("jml", "P"), None),
    ("realisasi deleted", [(at("jml", "O"), None)], "rumus-berubah", at("jml", "O"), None),
    ("quarter formula overwritten", [(at("pct", "K"), 80)], "rumus-berubah", at("pct", "K"),
     None),
    ("helper formula changed", [(at("skor", "S"), "=K1")], "rumus-berubah", at("skor", "S"),
     None),
    ("predikat typed over", [(at("kual", "Q"), "Baik")], "rumus-berubah", at("kual", "Q"), None),
    ("capaian formulas of xl-iki 0.1", [capaian_of_version_0_1], "rumus-versi-lama",
     (PLANS["v"].title, ""), None),
    ("referenced sheet deleted", [lambda wb: wb.remove(wb[PLANS["w"].title])], "ref-hilang",
     at("idx", "D", 0), None),
    ("copied sheet", [copy_sheet], "id-ganda", ("Salinan", "A1"), None),
    ("copied sheet, same jabatan", [copy_sheet], "jabatan-ganda", ("Salinan", "D5"), None),
    ("copied indicator row", [copy_indicator_key], "id-ganda", at("skor", "D"), None),
    ("komponen row deleted", [delete_part_row], "struktur-rusak", at("pct", "D"), None),
    ("index part deleted", [delete_index_part], "struktur-rusak", at("idx", "D"), None),
    ("the user's own sheet", [own_sheet], "lembar-lain", ("Catatan Saya", ""), None),
    ("realisasi without required bukti", [bukti_required], "bukti-kosong",
     ("Verifikasi", f"D{verifikasi_row('jml')}"), None),
    ("realisasi changed after kunci", [verified_then_changed], "berubah-setelah-verifikasi",
     at("jml", "K"), None),
]


@pytest.mark.parametrize(("case", "edits", "code", "where", "suggestion"), BAD,
                         ids=[b[0] for b in BAD])
def test_bad_input_is_found_at_its_cell(case, edits, code, where, suggestion, clean, tmp_path):
    findings = validate(read_workbook(edited(clean, tmp_path, edits)))
    hits = [f for f in findings if f.code == code and (f.sheet, f.cell) == where]
    assert hits, [(f.code, f.where) for f in findings]
    assert hits[0].severity == RULES[code].severity
    if suggestion is not None:
        assert hits[0].suggestion == pytest.approx(suggestion)


def test_every_rule_is_exercised_by_the_catalogue_above():
    assert {b[2] for b in BAD} == set(RULES)
    assert len(BAD) >= 25


def test_clean_workbook_has_no_problem(clean):
    assert validate(read_workbook(clean)) == []


def test_severities_and_messages_are_indonesian(clean, tmp_path):
    findings = validate(read_workbook(edited(clean, tmp_path, [(at("jml", "K"), "12 dokumen")])))
    (f,) = [f for f in findings if f.code == "teks-di-angka"]
    assert f.severity == GALAT and "bukan angka; ketik angkanya saja: 12" in f.message
    assert {r.severity for r in RULES.values()} == {GALAT, PERINGATAN, INFO}


@pytest.mark.parametrize(("text", "number"), [
    ("1.234,5", 1234.5), ("12 dokumen", 12), ("85%", 85), ("Rp 1.000.000", 1e6), ("1,5", 1.5),
    ("1.5", 1.5), ("1.500", 1500), ("0,75", 0.75), ("2.000,00", 2000), ("1,234.5", 1234.5),
    ("abc", None), ("1 dari 2", None),
])
def test_indonesian_number_reading(text, number):
    assert parse_number(text) == (None if number is None else pytest.approx(number))


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xl_iki", *args], capture_output=True,
                          text=True, timeout=120)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_validate_cli_exit_codes_json_and_never_writes(clean, tmp_path):
    bad = edited(clean, tmp_path, [(at("jml", "K"), "12 dokumen"), (at("pct", "P"), 1)])
    before = digest(bad), bad.stat().st_mtime_ns
    result = cli("validate", str(bad), "--json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert {"code", "severity", "sheet", "cell", "message"} <= set(data[0])
    assert {(d["code"], d["cell"]) for d in data} >= {("teks-di-angka", at("jml", "K")[1]),
                                                       ("rumus-berubah", at("pct", "P")[1])}
    text = cli("validate", str(bad))
    assert text.returncode == 1 and f"Lembar '{PLANS['v'].title}'" in text.stdout
    assert (digest(bad), bad.stat().st_mtime_ns) == before
    assert cli("validate", str(clean)).returncode == 0


def test_validate_cli_unreadable_inputs_exit_2(tmp_path):
    junk = tmp_path / "rusak.xlsx"
    junk.write_bytes(b"bukan zip")
    foreign = tmp_path / "lain.xlsx"
    openpyxl.Workbook().save(foreign)
    for path in (junk, foreign, tmp_path / "tidak-ada.xlsx"):
        result = cli("validate", str(path))
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "tidak ada lembar IKI" in cli("validate", str(foreign)).stderr


def test_write_sheet_goes_into_a_copy_with_links_and_marks(clean, tmp_path):
    bad = edited(clean, tmp_path, [(at("jml", "K"), "12 dokumen")])
    before = digest(bad)
    out = tmp_path / "hasil-validasi.xlsx"
    assert cli("validate", str(bad), "--write-sheet", "-o", str(out)).returncode == 1
    assert digest(bad) == before
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Validasi"
    rows = list(wb["Validasi"].iter_rows(min_row=2))
    sheet, cell = at("jml", "K")
    row = next(r for r in rows if r[4].value == "teks-di-angka")
    assert (row[1].value, row[2].value) == (sheet, cell)
    assert row[2].hyperlink.location == f"'{sheet}'!{cell}" or \
        row[2].hyperlink.target == f"#'{sheet}'!{cell}"
    marked = wb[sheet][cell]
    assert "teks-di-angka" in marked.comment.text and marked.fill.fgColor.rgb.endswith("F8696B")
    refused = cli("validate", str(bad), "--write-sheet", "-o", str(bad))
    assert refused.returncode == 2 and digest(bad) == before


# --- workbooks made by an older xl-iki --------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
#: the commit before capaian was rounded to two decimals: xl-iki 0.1's formulas
VERSION_0_1 = "2a5a986d90c452a620bc9e6b743dce440b180721^"


def test_capaian_formulas_of_version_0_1_are_said_once_not_per_cell(clean, tmp_path):
    findings = validate(read_workbook(edited(clean, tmp_path, [capaian_of_version_0_1])))
    assert [(f.code, f.severity, f.where) for f in findings] == [
        ("rumus-versi-lama", PERINGATAN, PLANS["v"].title)]
    assert "2 rumus capaian di 2 lembar" in findings[0].message
    assert "jalankan 'xl-iki summary --repair-formulas' untuk memperbarui rumus" in \
        findings[0].message


def test_an_overwritten_capaian_next_to_old_ones_is_still_an_error(clean, tmp_path):
    sheet, cell = at("skor", L.CAPAIAN.letter)
    findings = validate(read_workbook(edited(clean, tmp_path, [
        capaian_of_version_0_1, lambda wb: wb[sheet].__setitem__(cell, "=Y1/Z1*100")])))
    assert sorted((f.code, f.where) for f in findings) == [
        ("rumus-berubah", f"{sheet}!{cell}"), ("rumus-versi-lama", PLANS["v"].title)]


def test_a_workbook_made_by_xl_iki_0_1_gets_one_warning_and_the_repair_clears_it(tmp_path):
    """The real thing: xl-iki 0.1's code (from git history) writes an example's workbook."""
    old = tmp_path / "xl-iki-0.1"
    archive = subprocess.run(["git", "archive", VERSION_0_1, "xl_iki", "templates", "examples"],
                             cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(old, filter="data")
    made = tmp_path / "lama.xlsx"
    subprocess.run([sys.executable, "-m", "xl_iki", "new", "examples/lumajang_2021.yaml", "-o",
                    str(made)], cwd=old, env={"PYTHONPATH": str(old), "PATH": ""}, check=True,
                   capture_output=True)
    findings = validate(read_workbook(made))
    assert [f.code for f in findings] == ["rumus-versi-lama"], [f.where for f in findings]
    assert "66 rumus capaian di 16 lembar" in findings[0].message
    result = cli("validate", str(made))
    assert result.returncode == 1 and result.stdout.count("rumus-versi-lama") == 1
    fixed = tmp_path / "baru.xlsx"
    assert cli("summary", str(made), "--repair-formulas", "-o", str(fixed)).returncode == 0
    assert validate(read_workbook(fixed)) == []


def test_unrounded_takes_off_exactly_the_rounding_wrappers():
    from xl_iki.validation.expected import older_form, unrounded
    from xl_iki.workbook.formulas import rounded

    inner = "MAX(0,(2*Z5-Y5)/Z5*100)"
    assert unrounded(f"=MIN(120,{rounded(inner)})") == f"=MIN(120,{inner})"
    assert unrounded(rounded(rounded("A1")) + "+" + rounded("B1")) == "A1+B1"
    for other in ("=ROUND(ROUND(A1,3),0)", "=ROUND(ROUND(A1*100,6),1)/100", "=ROUND(ROUND(A1"):
        assert unrounded(other) == other
    assert older_form(f"={rounded('Y5/Z5*100')}", "=Y5/Z5*100")
    assert older_form(f"={rounded('Y5/Z5*100')}", "= $Y$5 / $Z$5 * 100")  # as re-saved
    assert not older_form("=Y5/Z5*100", "=Y5/Z5*100")  # nothing rounded: not an old form
    assert not older_form(f"={rounded('Y5/Z5*100')}", "=Y5/Z5*10")
