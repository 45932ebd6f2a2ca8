"""Sheet protection and locking in Excel desktop, against a stand-in for Excel's COM objects
(the calls xl-iki makes; what Excel does with them is on the manual checklist in
docs/pasang-add-in.md)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from xl_iki.addin import protection
from xl_iki.addin.protection import ALLOW, lock_cells, unprotected


class ComSheet:
    """The parts of a COM Worksheet that protection uses, recording every call."""

    def __init__(self, protected: bool, password: bool = False) -> None:
        self.ProtectContents = protected
        self.ProtectDrawingObjects, self.ProtectScenarios = True, False
        self.Protection = SimpleNamespace(**{name: name.endswith("Rows") for name in ALLOW})
        self.password, self.calls = password, []

    def Unprotect(self) -> None:  # COM's names
        if self.password:
            raise OSError("(-2147352567, 'Exception occurred.', ...)")
        self.calls.append(("Unprotect",))
        self.ProtectContents = False

    def Protect(self, **kwargs) -> None:
        self.calls.append(("Protect", kwargs))
        self.ProtectContents = True


def sheet_of(api: ComSheet, locked: list) -> SimpleNamespace:
    """An xlwings Sheet over ``api`` in Excel desktop; its ranges note what is locked."""
    def rng(first, last=None):
        cells = SimpleNamespace()
        cells.api = SimpleNamespace()
        cells.where = (first, last or first)
        locked.append(cells)
        return cells

    app = SimpleNamespace(engine=SimpleNamespace(type="desktop"))
    return SimpleNamespace(api=api, name="Kepala Dinas", range=rng,
                           book=SimpleNamespace(app=app))


def test_a_protected_sheet_is_lifted_then_protected_as_it_was() -> None:
    api = ComSheet(protected=True)
    with unprotected(sheet_of(api, [])):
        assert not api.ProtectContents
    assert api.calls[0] == ("Unprotect",)
    assert api.calls[1] == ("Protect", {"DrawingObjects": True, "Contents": True,
                                        "Scenarios": False,
                                        **{name: name.endswith("Rows") for name in ALLOW}})


def test_an_unprotected_sheet_stays_so_unless_kunci_asks_for_protection() -> None:
    api = ComSheet(protected=False)
    with unprotected(sheet_of(api, [])):
        pass
    assert api.calls == []
    with unprotected(sheet_of(api, []), protect=True):
        pass
    assert api.calls == [("Protect", {"DrawingObjects": True, "Contents": True,
                                      "Scenarios": True, **protection.GENERATED})]


def test_a_password_is_said_in_indonesian() -> None:
    with pytest.raises(RuntimeError, match=r"dikunci dengan kata sandi.*Unprotect Sheet"), \
            unprotected(sheet_of(ComSheet(protected=True, password=True), [])):
        pass


def test_cells_are_locked_by_rectangles_through_com() -> None:
    ranges: list = []
    lock_cells(sheet_of(ComSheet(protected=False), ranges),
               [(5, 11), (6, 11), (7, 11), (5, 12), (6, 12), (7, 12), (9, 4)])
    assert [(r.where, r.api.Locked) for r in ranges] == [
        (((5, 11), (7, 12)), True), (((9, 4), (9, 4)), True)]
