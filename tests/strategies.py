"""Hypothesis strategies: random but valid catalogues with filled inputs.

``catalogues()`` fills inputs the way people do, mistakes included ("12 dokumen", "wdp");
``catalogues(exact=True)`` only what the catalogue format loads back unchanged, with numbers
that test lossless writing: big, fractional, shortest-repr-hard (0.1 + 0.2), range targets
such as 12345.678-12400.5, and atasan.
"""

from __future__ import annotations

from hypothesis import strategies as st

from xl_iki.model import (
    DEFAULT_PREDIKAT,
    Catalogue,
    Indikator,
    Instansi,
    Jabatan,
    Komponen,
    PredikatBand,
)
from xl_iki.model.jenis import ADA, JENIS, TIDAK_ADA

KUAL = ("TMP", "TW", "WDP", "WTP")
numbers = st.one_of(
    st.sampled_from([0.0, 1.0, 2.5, 7.0, 10.0, 100.0]),
    st.floats(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False).map(
        lambda x: round(x, 3)),
)
# Text that merely looks like a number ("4") is left out here: the formulas package's ISNUMBER
# accepts it, unlike Excel and LibreOffice (test_engines checks that case against LibreOffice).
entries = st.one_of(st.none(), numbers, st.just("12 dokumen"))
exact_numbers = st.one_of(
    st.sampled_from([0.0, 12345.678, 12400.5, 1500000.0, 2000000.0, 0.1 + 0.2, 1 / 3, 1e15,
                     1e-7]),
    st.floats(min_value=0, max_value=1e15, allow_nan=False, allow_infinity=False),
    st.integers(0, 10**12).map(float),
)


def quarters(values) -> st.SearchStrategy:
    return st.tuples(values, values, values, values)


@st.composite
def indicator(draw, ind_id: str, refs: list[str], exact: bool = False) -> Indikator:
    jenis = draw(st.sampled_from(sorted(JENIS)))
    spec = JENIS[jenis]
    akumulasi = "terakhir" if spec.only_terakhir else draw(
        st.sampled_from(("jumlah", "terakhir", "rata_rata")))
    arah = "naik" if spec.labels else draw(st.sampled_from(("naik", "turun")))
    skala: tuple = ()
    target_max = None
    komponen: tuple = ()
    realisasi: tuple = (None,) * 4
    values = st.one_of(st.none(), exact_numbers) if exact else entries
    if jenis == "ada_tidak":
        target = draw(st.sampled_from((ADA, TIDAK_ADA, None)))
        realisasi = draw(quarters(st.sampled_from((None, ADA, TIDAK_ADA,
                                                   *(() if exact else ("ada", "x"))))))
    elif jenis == "kualitatif":
        skala = KUAL
        target = draw(st.sampled_from((*KUAL, None)))
        realisasi = draw(quarters(st.sampled_from((None, *KUAL,
                                                   *(() if exact else ("wdp", "Baik"))))))
    else:
        if jenis == "skor" and exact:
            skala = tuple(sorted(draw(st.lists(exact_numbers, min_size=2, max_size=2,
                                               unique=True))))
            inside = st.floats(*skala)
            target = draw(st.one_of(st.none(), inside))
            realisasi = draw(quarters(st.one_of(st.none(), inside)))
        elif jenis == "skor":
            skala = (1.0, 5.0)
            target = draw(st.sampled_from((1.0, 3.0, 4.5, 5.0, None)))
            realisasi = draw(quarters(st.sampled_from((None, 1.0, 2.0, 3.5, 5.0, "4 poin"))))
        elif exact:
            bounds = sorted(draw(st.lists(exact_numbers, min_size=2, max_size=2, unique=True)))
            target, target_max = draw(st.sampled_from(
                ((None, None), (bounds[0], None), (bounds[0], bounds[1]))))
        else:
            target = draw(st.one_of(st.none(), numbers))
            if target is not None and draw(st.booleans()):
                target_max = target + draw(st.sampled_from((0.5, 5.0, 20.0)))
        n_parts = {"two": 2, "some": draw(st.integers(1, 3)),
                   "optional": draw(st.integers(0, 3)), "none": 0}[spec.komponen]
        parts = []
        for _ in range(n_parts):
            use_ref = refs and jenis != "skor" and draw(st.integers(0, 4)) == 0
            bobot = draw(st.sampled_from((1.0, 2.5, 13.0))) if jenis == "indeks" else None
            if use_ref:
                parts.append(Komponen("", bobot, draw(st.sampled_from(refs))))
            else:
                parts.append(Komponen("bagian", bobot, None, draw(quarters(values))))
        komponen = tuple(parts)
        if not komponen and jenis != "skor":
            realisasi = draw(quarters(values))
    return Indikator(id=ind_id, nama=f"Indikator {ind_id}", jenis=jenis, akumulasi=akumulasi,
                     arah=arah, target=target, target_max=target_max, skala=skala,
                     komponen=komponen, realisasi=realisasi, sasaran="S")


@st.composite
def catalogues(draw, exact: bool = False) -> Catalogue:
    jabatan = []
    refs: list[str] = []
    for j in range(draw(st.integers(1, 2))):
        inds = []
        for n in range(draw(st.integers(1, 4))):
            ind = draw(indicator(f"i{n}", list(refs), exact))
            inds.append(ind)
            refs.append(f"j{j}.i{n}")
        atasan = draw(st.sampled_from([None, *(f"j{a}" for a in range(j))]))
        jabatan.append(Jabatan(id=f"j{j}", nama=f"Jabatan {j}", atasan=atasan,
                               indikator=tuple(inds)))
    cap = draw(st.sampled_from((None, 100.0, 120.0)))
    bands = draw(st.sampled_from((DEFAULT_PREDIKAT, (PredikatBand(90, "A"),
                                                     PredikatBand(50.5, "B")))))
    return Catalogue(Instansi("Dinas Uji", "Kota Uji", 2025, batas_capaian=cap),
                     tuple(jabatan), bands)
