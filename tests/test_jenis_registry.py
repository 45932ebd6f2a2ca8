"""The jenis registry is complete: every jenis has every behaviour, in every registry."""

from __future__ import annotations

import dataclasses

import pytest

from xl_iki.model import numbers
from xl_iki.model.jenis import (
    CAPAIAN_VARIANTS,
    INPUT_KINDS,
    JENIS,
    QUARTER_RULES,
    SKALA_KINDS,
    JenisSpec,
    default_penjelasan,
)
from xl_iki.workbook import formulas as fx

REQUIRED = [f.name for f in dataclasses.fields(JenisSpec)]


def test_the_registries_keyed_by_rule_cover_every_rule_and_nothing_else():
    assert set(numbers.QUARTER_VALUE) == set(QUARTER_RULES)
    assert set(fx.QUARTER_FORMULA) == set(QUARTER_RULES)


@pytest.mark.parametrize("name", sorted(JENIS))
def test_every_jenis_has_every_behaviour(name):
    spec = JENIS[name]
    assert spec.name == name
    for field in REQUIRED:
        value = getattr(spec, field)
        assert value is not None and value != "", f"{name}: {field} kosong"
    assert spec.quarter in QUARTER_RULES
    assert spec.capaian in CAPAIAN_VARIANTS
    assert spec.input in INPUT_KINDS
    assert spec.skala in SKALA_KINDS
    assert spec.komponen in ("none", "optional", "two", "some")
    assert spec.guide.startswith(f"{name}:")
    assert callable(spec.penjelasan) and callable(spec.label_map)
    skala = (1.0, 5.0) if spec.skala == "range" else ("X", "Y")
    assert default_penjelasan(name, [("A", 1.0), ("B", 2.0)], skala, "terakhir")
    # the rules agree with each other
    assert spec.labels == bool(spec.label_map(("X", "Y")))
    assert not (spec.labels and spec.turun)
    assert (spec.input == "between") == (spec.skala == "range")
    assert not spec.show_label or spec.skala == "labels"


@pytest.mark.parametrize("name", sorted(JENIS))
def test_every_jenis_is_offered_by_the_authoring_sheet(name):
    from xl_iki.authoring.write import GUIDE_LINES

    assert any(JENIS[name].guide in line for line in GUIDE_LINES)
