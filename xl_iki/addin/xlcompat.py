"""The two calls the add-in makes that xlwings 0.37.0 (the last xlwings for Python 3.10) lacks:
a note added to a cell and a hidden column. With xlwings 0.37.8 they are xlwings' own; with
0.37.0 they are Excel's own through COM, the engine the desktop add-in runs on. An engine
with neither (0.37.0's remote engine) raises NotImplementedError: the callers treat notes and
hidden columns as extras, as for other engines without them."""

from __future__ import annotations

import xlwings as xw


def _com(rng: xw.Range, member: str) -> object:
    """Excel's own Range object (COM), which must have ``member``."""
    api = rng.api
    if not hasattr(api, member):
        raise NotImplementedError(f"xlwings {xw.__version__}: {member} on Excel (COM) only")
    return api


def add_note(cell: xw.Range, text: str) -> None:
    """A note (Excel's former "comment") on one cell that has none."""
    if hasattr(cell, "add_note"):
        cell.add_note(text)
    else:
        _com(cell, "AddComment").AddComment(text)


def hide_columns(columns: xw.Range) -> None:
    """Hide the whole columns of ``columns``."""
    if isinstance(getattr(type(columns.columns), "hidden", None), property):
        columns.columns.hidden = True
    else:  # xlwings 0.37.0: setting .hidden would only add an attribute to a Python object
        _com(columns, "EntireColumn").EntireColumn.Hidden = True
