"""Test-suite wiring: the ``office`` marker and its guard.

Tests that start LibreOffice or Gnumeric carry ``@pytest.mark.office`` so that
``pytest -m "not office"`` is a quick loop. The guard keeps the marker honest: an unmarked
test that reaches for an office program fails with a message saying so.
"""

from __future__ import annotations

import office_guard
import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "office: starts LibreOffice or Gnumeric (deselect with -m 'not office')")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    office_guard.current_test = (item.nodeid, item.get_closest_marker("office") is not None)
