"""xl-iki: standardized Indikator Kinerja Individu (IKI) workbooks with live Excel formulas."""

__version__ = "0.1.0"
