"""Writing the standardized IKI workbook (openpyxl), and the layout the readers share.

The writer (:mod:`.writer`) is imported on first use of ``build_workbook`` or
``write_workbook``: the readers and the add-in's buttons import this package's light modules
(:mod:`.layout`, :mod:`.formulas`, :mod:`.plan`, :mod:`.refs`, :mod:`.verifikasi_cols`; for
Perbarui Rekap :mod:`.rekap_sheet` writing into a :class:`.plainsink.GridSink`, with the
styles of :mod:`.stylebook`) without loading openpyxl.
"""

from __future__ import annotations

import importlib

__all__ = ["build_workbook", "write_workbook"]


def __getattr__(name: str) -> object:
    if name in __all__:
        return getattr(importlib.import_module(f"{__name__}.writer"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
