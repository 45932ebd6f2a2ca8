"""The pure model: the catalogue as data and the numbers computed from it (no I/O)."""

from .catalogue import (
    DEFAULT_PREDIKAT,
    QUARTER_LABELS,
    QUARTERS,
    Catalogue,
    Indikator,
    Instansi,
    Jabatan,
    Keputusan,
    Komponen,
    Penandatangan,
    PredikatBand,
)
from .jenis import JENIS, JenisSpec, label_values
from .numbers import IndikatorResult, JabatanSummary, Results, evaluate

__all__ = [
    "DEFAULT_PREDIKAT",
    "JENIS",
    "QUARTERS",
    "QUARTER_LABELS",
    "Catalogue",
    "Indikator",
    "IndikatorResult",
    "Instansi",
    "Jabatan",
    "JabatanSummary",
    "JenisSpec",
    "Keputusan",
    "Komponen",
    "Penandatangan",
    "PredikatBand",
    "Results",
    "evaluate",
    "label_values",
]
