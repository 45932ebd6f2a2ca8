"""Turning parsed catalogue data (format v1) into the model, with every problem reported."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..model.catalogue import (
    DEFAULT_PREDIKAT,
    IKU_ID,
    PERAN,
    PERIODE,
    PREDIKAT_PRESETS,
    QUARTERS,
    Catalogue,
    Entry,
    Indikator,
    Instansi,
    Jabatan,
    Keputusan,
    Komponen,
    Penandatangan,
    PredikatBand,
    iku_jabatan,
    resolve_salin,
)
from ..model.jenis import AKUMULASI, ARAH, JENIS, label_values
from ..model.nilai import NILAI_PRESETS, NilaiBand, NilaiTable
from .fields import MAX_TEXT, Fields, Problems, describe
from .limits import label_problem, predikat_problem, skala_problem
from .source import Mapping, Sequence

TOP_KEYS = ("versi", "instansi", "predikat", "nilai", "iku", "jabatan")
INSTANSI_KEYS = ("nama", "pemda", "tahun", "keputusan", "penandatangan", "batas_capaian")
JABATAN_KEYS = ("id", "nama", "unit_kerja", "atasan", "tugas", "fungsi", "indikator")
INDIKATOR_KEYS = (
    "id", "sasaran", "nama", "jenis", "satuan", "arah", "akumulasi", "target", "penjelasan",
    "sumber_data", "penanggung_jawab", "skala", "komponen", "realisasi", "keterangan", "periode",
    "target_triwulan", "rencana_aksi", "peran", "salin", "tujuan", "target_tahunan", "bukti_wajib",
)
#: the fields a salin indicator may have of its own (the rest comes from its source)
SALIN_OWN = ("id", "sasaran", "nama", "peran", "keterangan", "salin")
REF = re.compile(r"^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$")
KOMPONEN_KEYS = ("nama", "bobot", "ref", "realisasi")
RANGE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(?:-|–|—|s\.?d\.?|s/d)\s*(-?\d+(?:[.,]\d+)?)\s*$")
ID = re.compile(r"^[A-Za-z0-9_]+$")
MAX_ID = 64


def slug(text: str, limit: int = 40) -> str:
    """A lowercase identifier made from a name: 'Kepala Seksi A' -> 'kepala_seksi_a'."""
    out = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return out[:limit].rstrip("_") or "x"


def unique(base: str, taken: set[str]) -> str:
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def build(data: Any, problems: Problems) -> Catalogue | None:
    """The catalogue (valid only if no problem was recorded); None if data is not a mapping."""
    top = Fields(data, problems, "", TOP_KEYS, line=1)
    if not isinstance(data, Mapping):
        return None
    versi = top.raw("versi")
    if versi not in (None, 1):
        top.error(f"versi {versi!r} tidak didukung; tulis 'versi: 1'", top.line_of("versi"))
    instansi = _instansi(Fields(top.raw("instansi"), problems, "instansi", INSTANSI_KEYS,
                                top.line_of("instansi")))
    if not top.has("instansi"):
        top.error("bagian 'instansi' (nama, pemda, tahun) wajib ada")
    predikat = _predikat(top)
    jabatan_items = top.items("jabatan")
    if not jabatan_items:
        top.error("belum ada jabatan; tulis minimal satu jabatan di bagian 'jabatan'")
    ids: set[str] = {str(item["id"]) for item, _ in jabatan_items
                     if isinstance(item, Mapping) and item.get("id") not in (None, "")}
    taken: set[str] = set()
    salin_lines: dict[tuple[str, str], int] = {}
    jabatan = [_jabatan(item, line, n, problems, ids, taken, salin_lines)
               for n, (item, line) in enumerate(jabatan_items, start=1)]
    if top.has("iku"):
        jabatan.insert(0, _iku(top, instansi, ids, salin_lines))
    # with a broken instansi the jabatan are still cross-checked; problems are recorded already
    cat = Catalogue(instansi or Instansi("", "", 0), tuple(jabatan), predikat, 1, _nilai(top))
    _check_salin(cat, salin_lines, problems)
    return resolve_salin(cat)


def _check_salin(cat: Catalogue, lines: dict[tuple[str, str], int], problems: Problems) -> None:
    """Every salin names an existing indicator that is not itself a salin."""
    for (jab_id, ind_id), line in lines.items():
        ref = cat.indikator(f"{jab_id}.{ind_id}").salin  # type: ignore[union-attr]
        source = cat.indikator(ref) if ref else None
        where = f"jabatan '{jab_id}', indikator '{ind_id}'"
        if source is None:
            problems.add(line, where, f"salin '{ref}' merujuk indikator yang tidak ada; tulis "
                         "id_jabatan.id_indikator yang ada di katalog")
        elif source.salin:
            problems.add(line, where, f"salin '{ref}' merujuk indikator yang juga salinan; "
                         f"rujuk langsung '{source.salin}'")


def _instansi(f: Fields) -> Instansi | None:
    nama, pemda = f.text("nama", required=True), f.text("pemda", required=True)
    tahun = f.raw("tahun")
    if tahun is None:
        f.error("kolom 'tahun' wajib diisi", f.line_of("tahun"))
    elif isinstance(tahun, bool) or not isinstance(tahun, int) or not 2000 <= tahun <= 2100:
        f.error(f"tahun harus berupa angka tahun seperti 2025, bukan {describe(tahun)}",
                f.line_of("tahun"))
        tahun = None
    batas = f.number("batas_capaian", minimum=0)
    if batas == 0:
        f.error("batas_capaian 0 membuat semua capaian 0; hapus atau isi misalnya 120",
                f.line_of("batas_capaian"))
    kep = Fields(f.raw("keputusan"), f.problems, "instansi.keputusan",
                 ("nomor", "tanggal", "tempat", *DECREE_TEXT), f.line_of("keputusan"))
    tanggal = kep.raw("tanggal")
    if tanggal is not None and not isinstance(tanggal, (dt.date, str)):
        kep.error("tanggal harus ditulis seperti 2021-05-07", kep.line_of("tanggal"))
        tanggal = None
    keputusan = (Keputusan(kep.text("nomor"), tanggal, kep.text("tempat"), **_decree_text(kep))
                 if f.has("keputusan") else None)
    pen = Fields(f.raw("penandatangan"), f.problems, "instansi.penandatangan",
                 ("jabatan", "nama", "pangkat", "nip"), f.line_of("penandatangan"))
    penandatangan = (Penandatangan(pen.text("jabatan"), pen.text("nama"), pen.text("pangkat"),
                                   pen.text("nip")) if f.has("penandatangan") else None)
    if len(nama) + len(pemda) >= MAX_TEXT:
        f.error("'nama' dan 'pemda' bersama-sama menjadi judul setiap lembar (satu sel Excel); "
                f"persingkat keduanya hingga kurang dari {MAX_TEXT} karakter", f.line_of("nama"))
    if not (nama and pemda and tahun):
        return None
    return Instansi(nama, pemda, tahun, keputusan, penandatangan, batas)


DECREE_TEXT = ("tentang", "menimbang", "mengingat", "menetapkan", "alamat")


def _decree_text(kep: Fields) -> dict:
    """The decree's own wording (optional; ``xl-iki dokumen`` has defaults)."""
    return {"tentang": kep.text("tentang"), "alamat": kep.text("alamat"),
            **{key: kep.texts(key) for key in ("menimbang", "mengingat", "menetapkan")}}


def _predikat(top: Fields) -> tuple[PredikatBand, ...]:
    if isinstance(top.raw("predikat"), str):
        return _preset(top, "predikat", PREDIKAT_PRESETS) or DEFAULT_PREDIKAT
    items = top.items("predikat")
    if not items:
        return DEFAULT_PREDIKAT
    bands = []
    for item, line in items:
        f = Fields(item, top.problems, "predikat", ("min", "label"), line)
        low, label = f.number("min"), f.text("label", required=True)
        if low is None and not f.has("min"):
            f.error("kolom 'min' wajib diisi")
        if label and (why := label_problem(label)):
            f.error(why, f.line_of("label"))
            label = ""
        if low is not None and label:
            bands.append(PredikatBand(low, label))
    mins = [b.min for b in bands]
    labels = [b.label.casefold() for b in bands]
    if len(set(mins)) != len(mins) or len(set(labels)) != len(labels):
        top.error("setiap pita predikat harus punya 'min' dan 'label' yang berbeda",
                  top.line_of("predikat"))
    elif why := predikat_problem(bands):
        top.error(why, top.line_of("predikat"))
    return tuple(sorted(bands, key=lambda b: b.min, reverse=True))


def _iku(top: Fields, instansi: Instansi | None, ids: set[str],
         salin_lines: dict[tuple[str, str], int]) -> Jabatan:
    """The office's own indicators (``iku``), referenced as ``iku.<id>``."""
    if IKU_ID in ids:
        top.error(f"id jabatan '{IKU_ID}' dipakai untuk indikator kinerja utama (bagian 'iku'); "
                  "ganti id jabatan itu", top.line_of("jabatan"))
    f = Fields(None, top.problems, "iku", (), top.line_of("iku"))
    items = top.items("iku")
    seen: set[str] = set()
    explicit = {str(i["id"]) for i, _ in items
                if isinstance(i, Mapping) and i.get("id") not in (None, "")}
    indikator: list[Indikator] = []
    for k, (item, line) in enumerate(items, start=1):
        prev = indikator[-1].sasaran if indikator else ""
        indikator.append(_indikator(item, line, k, f, prev, explicit, seen))
        if indikator[-1].salin:
            salin_lines[IKU_ID, indikator[-1].id] = item.key_lines.get("salin", line)
    return iku_jabatan(tuple(indikator), instansi.nama if instansi else "")


def _preset(top: Fields, key: str, presets: dict) -> Any:
    name = top.raw(key)
    if name not in presets:
        top.error(f"{key} '{name}' tidak dikenal; pilih salah satu: {', '.join(presets)}, "
                  "atau tulis daftar pita", top.line_of(key))
    return presets.get(name)


def _nilai(top: Fields) -> NilaiTable | None:
    """The nilai table: a preset's name, or bands of capaian and nilai ranges."""
    if top.raw("nilai") is None:
        return None
    if isinstance(top.raw("nilai"), str):
        return _preset(top, "nilai", NILAI_PRESETS)
    bands: list[NilaiBand] = []
    above: tuple[float | None, float | None] = (None, None)
    for item, line in top.items("nilai"):
        f = Fields(item, top.problems, "nilai", ("capaian", "nilai", "label", "di_atas"), line)
        if f.has("di_atas"):
            above = (f.number("di_atas"), f.number("nilai"))
            continue
        capaian, nilai = _pair(f, "capaian"), _pair(f, "nilai")
        if capaian and nilai and capaian[0] == capaian[1] and nilai[0] != nilai[1]:
            f.error("pita satu titik (capaian satu angka) memakai satu nilai, misalnya "
                    "{capaian: 100, nilai: 109}", f.line_of("nilai"))
        elif capaian and nilai:
            bands.append(NilaiBand(*capaian, *nilai, f.text("label")))
    if not bands:
        top.error("nilai: tulis minimal satu pita {capaian: [80, 99], nilai: [70, 89]}, atau "
                  "nama tabel seperti permenpanrb_8_2021", top.line_of("nilai"))
        return None
    top_max = max(b.capaian_max for b in bands)
    if above[0] is not None and top_max < above[0]:
        # the unsourced Sangat Baik row of PermenPANRB 8/2021 (docs/katalog.md) is required here
        top.error(f"nilai: capaian di atas {top_max:g} sampai {above[0]:g} tidak punya nilai; "
                  "tambahkan pita yang menutupnya, misalnya {capaian: [101, 110], nilai: "
                  "[110, 120], label: Sangat Baik} sesuai salinan resmi PermenPANRB 8/2021 "
                  "Anda", top.line_of("nilai"))
    return NilaiTable(tuple(sorted(bands, key=lambda b: b.capaian_min, reverse=True)), *above)


def _pair(f: Fields, key: str) -> tuple[float, float] | None:
    """[awal, akhir] of a nilai band, awal < akhir, or one number (a point: awal = akhir);
    None (reported) otherwise."""
    raw = f.raw(key)
    point = isinstance(raw, (int, float)) and not isinstance(raw, bool)
    raw = [raw, raw] if point else raw
    ok = (isinstance(raw, (Sequence, list)) and len(raw) == 2
          and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                  and f.usable(v, f.line_of(key), key) for v in raw)
          and (point or raw[0] < raw[1]))
    if not ok:
        f.error(f"'{key}' harus berupa dua angka [awal, akhir] dengan awal < akhir, "
                "misalnya [80, 99], atau satu angka", f.line_of(key))
        return None
    return float(raw[0]), float(raw[1])


def _jabatan(item: Any, line: int, n: int, problems: Problems, ids: set[str],
             taken: set[str], salin_lines: dict[tuple[str, str], int]) -> Jabatan:
    raw_nama = str(item.get("nama") or "")[:60] if isinstance(item, Mapping) else ""
    f = Fields(item, problems, f"jabatan ke-{n}" + (f" '{raw_nama}'" if raw_nama else ""),
               JABATAN_KEYS, line)
    nama = f.text("nama", required=True)
    jab_id = _identify(f, nama or f"jabatan_{n}", taken, ids,
                       "id jabatan '{}' dipakai lebih dari sekali; setiap id harus unik")
    f.context = f"jabatan '{jab_id}'"
    seen: set[str] = set()
    explicit = {str(i["id"]) for i, _ in f.items("indikator")
                if isinstance(i, Mapping) and i.get("id") not in (None, "")}
    indikator: list[Indikator] = []
    for k, (ind, ind_line) in enumerate(f.items("indikator"), start=1):
        prev = indikator[-1].sasaran if indikator else ""
        indikator.append(_indikator(ind, ind_line, k, f, prev, explicit, seen))
        if indikator[-1].salin:
            salin_lines[jab_id, indikator[-1].id] = ind.key_lines.get("salin", ind_line)
    return Jabatan(jab_id, nama, f.text("unit_kerja"), f.text("atasan") or None,
                   f.texts("tugas"), f.texts("fungsi"), tuple(indikator))


def _identify(f: Fields, nama: str, taken: set[str], explicit: set[str], duplicate: str) -> str:
    """The entry's own id (checked), or one derived from its nama; recorded in ``taken``."""
    own = f.text("id")
    if not own:
        derived = unique(slug(nama), taken | explicit)
        taken.add(derived)
        return derived
    if not ID.match(own):
        f.error(f"id '{own[:MAX_ID]}' hanya boleh berisi huruf, angka dan garis bawah",
                f.line_of("id"))
    elif len(own) > MAX_ID:
        f.error(f"id '{own[:20]}…' terlalu panjang ({len(own)} karakter; paling banyak "
                f"{MAX_ID})", f.line_of("id"))
    if own in taken:
        f.error(duplicate.format(own), f.line_of("id"))
    taken.add(own)
    return own


def _indikator(item: Any, line: int, n: int, parent: Fields, prev_sasaran: str,
               explicit: set[str], seen: set[str]) -> Indikator:
    f = Fields(item, parent.problems, f"{parent.context}, indikator ke-{n}", INDIKATOR_KEYS, line)
    if isinstance(item, Mapping) and item.get("salin") not in (None, ""):
        return _salinan(f, n, prev_sasaran, explicit, seen)
    nama = f.text("nama", required=True)
    ind_id = _identify(f, nama or f"indikator_{n}", seen, explicit,
                       "id indikator '{}' dipakai lebih dari sekali dalam jabatan ini")
    f.context = f"{parent.context}, indikator '{ind_id}'"
    jenis = f.raw("jenis")
    if jenis is None:
        f.error(f"kolom 'jenis' wajib diisi; pilih salah satu: {', '.join(JENIS)}",
                f.line_of("jenis"))
        jenis = "jumlah"
    elif jenis not in JENIS:
        f.error(f"jenis '{jenis}' tidak dikenal; pilih salah satu: {', '.join(JENIS)}",
                f.line_of("jenis"))
        jenis = "jumlah"
    spec = JENIS[jenis]
    arah = f.choice("arah", ARAH, "naik") or "naik"
    if arah == "turun" and not spec.turun:
        f.error(f"arah 'turun' tidak berlaku untuk jenis {jenis}; hapus 'arah'", f.line_of("arah"))
    akumulasi = f.choice("akumulasi", AKUMULASI, spec.default_akumulasi) or "terakhir"
    if spec.only_terakhir and akumulasi != "terakhir":
        f.error(f"akumulasi '{akumulasi}' tidak berlaku untuk jenis {jenis}; "
                "hanya 'terakhir' yang bisa dipakai", f.line_of("akumulasi"))
        akumulasi = "terakhir"
    periode = f.choice("periode", PERIODE, PERIODE[0]) or PERIODE[0]
    skala = _skala(f, jenis)
    komponen = _komponen_list(f, jenis, periode)
    probe = Indikator(ind_id, nama, jenis, skala=skala, komponen=komponen)
    target, target_max = _target(f, probe)
    realisasi = _quarters(f, "realisasi", probe, periode)
    target_triwulan, target_triwulan_max = _quarterly_targets(f, probe, periode)
    if komponen and any(v is not None for v in realisasi):
        f.error("indikator dengan komponen tidak diisi 'realisasi' sendiri; "
                "isi 'realisasi' pada setiap komponen", f.line_of("realisasi"))
    return Indikator(
        id=ind_id, nama=nama, jenis=jenis, sasaran=f.text("sasaran") or prev_sasaran,
        satuan=f.text("satuan") or spec.satuan, arah=arah, akumulasi=akumulasi,
        target=target, target_max=target_max, penjelasan=f.text("penjelasan"),
        sumber_data=f.text("sumber_data"), penanggung_jawab=f.text("penanggung_jawab"),
        skala=skala, komponen=komponen, realisasi=realisasi, keterangan=f.text("keterangan"),
        periode=periode, target_triwulan=target_triwulan,
        target_triwulan_max=target_triwulan_max, rencana_aksi=_rencana_aksi(f),
        peran=f.choice("peran", PERAN, PERAN[0]) or PERAN[0], tujuan=f.text("tujuan"),
        target_tahunan=_target_tahunan(f, probe), bukti_wajib=_yes_no(f, "bukti_wajib"),
    )


def _salinan(f: Fields, n: int, prev_sasaran: str, explicit: set[str], seen: set[str]
             ) -> Indikator:
    """An indicator that is another one (``salin``), shown live here: only its own place."""
    ref = f.text("salin")
    if not REF.match(ref):
        f.error(f"salin '{ref}' harus ditulis sebagai id_jabatan.id_indikator",
                f.line_of("salin"))
    for key in f.data:
        if key in INDIKATOR_KEYS and key not in SALIN_OWN:
            f.error(f"indikator dengan 'salin' mengambil '{key}' dari indikator yang disalin; "
                    f"hapus '{key}'", f.line_of(key))
    nama = f.text("nama")
    ind_id = _identify(f, nama or ref.rpartition(".")[2] or f"indikator_{n}", seen, explicit,
                       "id indikator '{}' dipakai lebih dari sekali dalam jabatan ini")
    return Indikator(id=ind_id, nama=nama, jenis="jumlah", sasaran=f.text("sasaran") or
                     prev_sasaran, keterangan=f.text("keterangan"), salin=ref,
                     peran=f.choice("peran", PERAN, PERAN[0]) or PERAN[0])


def _quarterly_targets(f: Fields, ind: Indikator, periode: str
                       ) -> tuple[tuple[Entry, ...], tuple[float | None, ...]]:
    """The target to date of each triwulan (a number, a label or a range "lo-hi", checked
    like ``target``) and the upper bounds of the ranges; () for each when none is given."""
    raw, line = f.raw("target_triwulan"), f.line_of("target_triwulan")
    if raw is None:
        return (), ()
    if periode == "tahunan":
        f.error("indikator tahunan tidak memakai 'target_triwulan'; hapus salah satunya", line)
        return (), ()
    if not isinstance(raw, Sequence) or len(raw) != QUARTERS:
        f.error("'target_triwulan' harus berupa daftar empat target s.d. TW I-IV, misalnya "
                "[2, 4, 6, 8] atau [\"70-80\", 80, 85, \"85-90\"]", line)
        return (), ()
    lines = getattr(raw, "item_lines", None) or [line] * QUARTERS
    bounds = [_target(_single(f, f"target_triwulan TW {q + 1}", value, lines[q]), ind)
              for q, value in enumerate(raw)]
    if all(lo is None for lo, _ in bounds):
        return (), ()
    highs = tuple(hi for _, hi in bounds)
    return tuple(lo for lo, _ in bounds), highs if any(h is not None for h in highs) else ()


def _single(f: Fields, what: str, value: object, line: int) -> Fields:
    """A target written inside another field (a year's, a triwulan's), checked as ``target``
    with its own place in messages."""
    one = Mapping({"target": value})
    one.line, one.key_lines, one.duplicates = line, {"target": line}, []
    return Fields(one, f.problems, f"{f.context}, {what}", ("target",), line)


def _rencana_aksi(f: Fields) -> tuple[str, ...]:
    """The planned action of each triwulan (four texts); () when none is given."""
    raw, line = f.raw("rencana_aksi"), f.line_of("rencana_aksi")
    if raw is None:
        return ()
    if not isinstance(raw, Sequence) or len(raw) != QUARTERS or \
            any(isinstance(v, (Mapping, Sequence)) for v in raw):
        f.error("'rencana_aksi' harus berupa daftar empat teks TW I-IV, misalnya "
                "[Penyusunan draf, Pembahasan, null, Penetapan]", line)
        return ()
    texts = tuple("" if v is None else f.clean("rencana_aksi", str(v), line) for v in raw)
    return texts if any(texts) else ()


def _skala(f: Fields, jenis: str) -> tuple:
    raw, line = f.raw("skala"), f.line_of("skala")
    kind = JENIS[jenis].skala
    fallback = (1.0, 5.0) if kind == "range" else ()
    if raw is None:
        if kind == "range":
            f.error(f"jenis {jenis} membutuhkan skala [min, max], misalnya 'skala: [1, 5]'", line)
        if kind == "labels":
            f.error(f"jenis {jenis} membutuhkan skala berupa daftar label dari yang terburuk, "
                    "misalnya 'skala: [TMP, TW, WDP, WTP]'", line)
        return fallback
    if kind == "none":
        with_skala = " atau ".join(n for n, s in JENIS.items() if s.skala != "none")
        f.error(f"'skala' hanya untuk jenis {with_skala}, bukan {jenis}; hapus 'skala'", line)
        return ()
    if not isinstance(raw, Sequence):
        f.error(f"skala harus berupa daftar, bukan {describe(raw)}", line)
        return fallback
    if kind == "range":
        ok = (len(raw) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                    and f.usable(v, line, "skala") for v in raw)
              and raw[0] < raw[1])
        if not ok:
            f.error("skala skor harus berupa dua angka [min, max] dengan min < max, "
                    "misalnya [1, 5]", line)
            return (1.0, 5.0)
        return (float(raw[0]), float(raw[1]))
    labels = [str(v).strip() for v in raw if v is not None]
    if len(labels) < 2 or len({x.casefold() for x in labels}) != len(labels):
        f.error("skala kualitatif harus berisi minimal dua label yang berbeda, dari yang terburuk",
                line)
    if any("," in x or '"' in x for x in labels):
        f.error("label skala tidak boleh memuat koma atau tanda kutip (dipakai daftar pilihan "
                "Excel)", line)
    too_long = [(why, n) for x, n in zip(raw, raw.item_lines)
                if (why := label_problem(str(x).strip()))]
    for why, label_line in too_long:
        f.error(f"skala: {why}", label_line)
    if not too_long and (why := skala_problem(labels)):
        f.error(f"skala: {why}", line)
    return tuple(labels)


def _komponen_list(f: Fields, jenis: str, periode: str) -> tuple[Komponen, ...]:
    spec, items = JENIS[jenis], f.items("komponen")
    rule = spec.komponen
    line = f.line_of("komponen")
    if rule == "none" and items:
        f.error(f"jenis {jenis} tidak memakai komponen; hapus 'komponen'", line)
        return ()
    if rule == "two" and len(items) != 2:
        f.error(f"jenis {jenis} membutuhkan tepat dua komponen: pembilang lalu penyebut "
                f"(sekarang {len(items)})", line)
    if rule == "some" and not items:
        f.error(f"jenis {jenis} membutuhkan komponen beserta bobotnya", line)
    out = []
    for n, (item, item_line) in enumerate(items, start=1):
        k = Fields(item, f.problems, f"{f.context}, komponen ke-{n}", KOMPONEN_KEYS, item_line)
        ref = k.text("ref") or None
        if ref and not re.match(r"^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$", ref):
            k.error(f"ref '{ref}' harus ditulis sebagai id_jabatan.id_indikator", k.line_of("ref"))
        nama = k.text("nama", required=ref is None)
        bobot = k.number("bobot")
        if spec.bobot and (bobot is None or bobot <= 0):
            k.error(f"komponen {jenis} membutuhkan 'bobot' berupa angka lebih dari 0")
        elif not spec.bobot and bobot is not None:
            k.error(f"'bobot' hanya untuk komponen indeks, bukan {jenis}", k.line_of("bobot"))
        probe = Indikator("", "", "jumlah")
        realisasi = _quarters(k, "realisasi", probe, periode)
        if ref and any(v is not None for v in realisasi):
            k.error("komponen dengan 'ref' mengambil nilainya dari indikator yang dirujuk; "
                    "hapus 'realisasi'", k.line_of("realisasi"))
        out.append(Komponen(nama, bobot, ref, realisasi))
    return tuple(out)


def _number_text(text: str) -> float:
    return float(text.replace(",", "."))


def _target(f: Fields, ind: Indikator) -> tuple[Entry, float | None]:
    raw, line = f.raw("target"), f.line_of("target")
    if raw is None or raw == "":
        return None, None
    labels = label_values(ind.jenis, ind.skala)
    if labels:
        match = next((label for label in labels if str(raw).casefold() == label.casefold()), None)
        if match is None:
            f.error(f"target '{raw}' tidak cocok dengan jenis {ind.jenis}; "
                    f"pilih salah satu: {', '.join(labels)}", line)
        return match, None
    if isinstance(raw, bool):
        f.error(f"target harus berupa angka atau rentang seperti \"80-90\", bukan {raw}", line)
        return None, None
    if isinstance(raw, (int, float)):
        if not f.usable(raw, line, "target"):
            return None, None
        _check_in_skala(f, ind, float(raw), line, "target")
        return float(raw), None
    match = RANGE.match(str(raw))
    if not match:
        f.error(f"target '{raw}' tidak cocok dengan jenis {ind.jenis}; tulis angka (misalnya 85) "
                "atau rentang (misalnya \"80-90\")", line)
        return None, None
    lo, hi = _number_text(match[1]), _number_text(match[2])
    if not (f.usable(lo, line, "rentang target") and f.usable(hi, line, "rentang target")):
        return None, None
    if lo >= hi:
        f.error(f"rentang target '{raw}': angka pertama harus lebih kecil dari yang kedua", line)
        return None, None
    for v in (lo, hi):
        _check_in_skala(f, ind, v, line, "target")
    return lo, hi


def _target_tahunan(f: Fields, ind: Indikator) -> tuple[tuple[int, Entry, float | None], ...]:
    """``target_tahunan: {2026: 90, 2027: 95}``: each year's target, checked like ``target``."""
    raw, line = f.raw("target_tahunan"), f.line_of("target_tahunan")
    if raw is None:
        return ()
    if not isinstance(raw, Mapping):
        f.error("target_tahunan harus berupa pasangan tahun: target, misalnya "
                "{2026: 90, 2027: 95}", line)
        return ()
    out = []
    for year, value in raw.items():
        year_line = raw.key_lines.get(year, line)
        if not re.fullmatch(r"\d{4}", str(year)) or not 2000 <= int(year) <= 2100:
            f.error(f"target_tahunan: '{year}' bukan tahun seperti 2026", year_line)
            continue
        year = int(year)
        target, target_max = _target(_single(f, f"target_tahunan {year}", value, year_line), ind)
        if target is not None:
            out.append((year, target, target_max))
    return tuple(sorted(out, key=lambda t: t[0]))


def _yes_no(f: Fields, key: str) -> bool:
    value = f.raw(key)
    if value is None:
        return False
    if not isinstance(value, bool):
        f.error(f"'{key}' harus bernilai true atau false, bukan {describe(value)}",
                f.line_of(key))
        return False
    return value


def _check_in_skala(f: Fields, ind: Indikator, value: float, line: int, what: str) -> None:
    ranged = JENIS[ind.jenis].skala == "range" and ind.skala
    if ranged and not ind.skala[0] <= value <= ind.skala[1]:
        f.error(f"{what} {value:g} di luar skala {ind.skala[0]:g}-{ind.skala[1]:g}", line)


def _quarters(f: Fields, key: str, ind: Indikator, periode: str = PERIODE[0]
              ) -> tuple[Entry, ...]:
    raw, line = f.raw(key), f.line_of(key)
    empty: tuple[Entry, ...] = (None,) * QUARTERS
    if raw is None:
        return empty
    if not isinstance(raw, Sequence) or len(raw) != QUARTERS:
        f.error(f"'{key}' harus berupa daftar empat nilai TW I-IV, misalnya "
                "[10, null, null, null]", line)
        return empty
    labels = label_values(ind.jenis, ind.skala)
    out: list[Entry] = []
    for q, value in enumerate(raw):
        if value is None:
            out.append(None)
        elif labels:
            match = next((lb for lb in labels if str(value).casefold() == lb.casefold()), None)
            if match is None:
                f.error(f"{key} TW {q + 1}: '{value}' bukan salah satu dari: {', '.join(labels)}",
                        line)
            out.append(match)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            usable = f.usable(value, line, f"{key} TW {q + 1}")
            if usable:
                _check_in_skala(f, ind, float(value), line, f"{key} TW {q + 1}")
            out.append(float(value) if usable else None)
        else:
            f.error(f"{key} TW {q + 1}: '{value}' bukan angka", line)
            out.append(None)
    if periode == "tahunan" and any(v is not None for v in out[:-1]):
        f.error(f"indikator tahunan hanya diisi '{key}' TW IV; kosongkan TW I-III "
                "(tulis null)", line)
    return tuple(out)
