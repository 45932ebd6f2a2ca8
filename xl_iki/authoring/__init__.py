"""Authoring a catalogue in Excel: a flat list of indicators instead of YAML."""

from .load import load_authoring
from .read import read_authoring
from .write import write_authoring_sheet

__all__ = ["load_authoring", "read_authoring", "write_authoring_sheet"]
