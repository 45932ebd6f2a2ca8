"""Which test is running, and whether it is marked ``office`` (set by conftest.py)."""

from __future__ import annotations

import pytest

current_test: tuple[str, bool] = ("", True)


def check(program: str) -> None:
    """Fail the running test when it uses ``program`` without the ``office`` marker."""
    nodeid, marked = current_test
    if not marked:
        pytest.fail(f"{nodeid} starts {program} but is not marked @pytest.mark.office",
                    pytrace=False)
