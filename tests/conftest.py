"""Test-suite wiring: the ``office`` marker and its guard.

``@pytest.mark.office`` is the slow lane: every test that starts LibreOffice or Gnumeric, and
the few long runs (kill loops, fuzzing, property tests through the ``formulas`` engine), so
that ``pytest -m "not office"`` is a quick loop. The guard keeps the marker honest: an
unmarked test that reaches for an office program fails with a message saying so.
"""

from __future__ import annotations

import office_guard
import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "office: slow lane: starts LibreOffice or Gnumeric, or runs long "
        "(deselect with -m 'not office')")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    office_guard.current_test = (item.nodeid, item.get_closest_marker("office") is not None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that download (marked ``network``) belong to the slow lane too."""
    for item in items:
        if item.get_closest_marker("network") and not item.get_closest_marker("office"):
            item.add_marker(pytest.mark.office)
