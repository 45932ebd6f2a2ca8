"""Authoring a catalogue in Excel: a flat list of indicators instead of YAML."""

from .read import read_authoring
from .write import write_authoring_sheet

__all__ = ["read_authoring", "write_authoring_sheet"]
