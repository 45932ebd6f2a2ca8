"""Nilai capaian: capaian (%) converted to a nilai by bands with linear interpolation
(PermenPANRB 8/2021, Lampiran, Bab VI A.1.b.2), and the presets offered by name."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NilaiBand:
    """Capaian from ``capaian_min`` to ``capaian_max`` maps linearly onto ``nilai_min`` to
    ``nilai_max``: nilai_min + (nilai_max - nilai_min) / (capaian_max - capaian_min)
    × (capaian - capaian_min). A point band (capaian_min == capaian_max) has one nilai,
    ``nilai_min``."""

    capaian_min: float
    capaian_max: float
    nilai_min: float
    nilai_max: float
    label: str = ""


@dataclass(frozen=True)
class NilaiTable:
    """Bands (highest capaian first; each reaches up to the next higher one, the highest up to
    its own capaian_max), and the nilai of every capaian above ``above``."""

    bands: tuple[NilaiBand, ...]
    above: float | None = None
    above_nilai: float | None = None
    name: str = ""  # the preset's name; "" for a table written in the catalogue


#: PermenPANRB 8/2021, Lampiran: rows (e) Cukup, (f) Kurang, (g) Sangat Kurang and (h) above
#: 110% -> 120 (p. 93), and Baik: capaian 100% -> nilai 109 (the worked example on p. 243,
#: target 85, realisasi 85). The Sangat Baik row (capaian 101-110%) could not be sourced:
#: capaian above 100 up to 110 has no nilai with this preset (write a table of your own).
PERMENPANRB_8_2021 = NilaiTable(
    (NilaiBand(100.0, 100.0, 109.0, 109.0, "Baik"), NilaiBand(80.0, 99.0, 70.0, 89.0, "Cukup"),
     NilaiBand(60.0, 79.0, 50.0, 69.0, "Kurang"), NilaiBand(0.0, 59.0, 0.0, 49.0, "Sangat Kurang")),
    above=110.0, above_nilai=120.0, name="permenpanrb_8_2021")

NILAI_PRESETS = {PERMENPANRB_8_2021.name: PERMENPANRB_8_2021}
