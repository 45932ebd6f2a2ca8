"""Reading YAML/JSON text into plain containers that remember their line numbers.

The text is untrusted: its size, nesting and alias expansion are bounded before anything is
built (a 700-byte "billion laughs" document expands to a billion items), and scalars Excel
cannot hold (``.nan``, ``.inf``, a 400-digit integer, the date 2021-13-45) are reported at
their line instead of reaching the workbook.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

MAX_CHARS = 10_000_000  # about a hundred times the largest real catalogue
MAX_ITEMS = 2_000_000  # scalars and collections, with every alias expanded
MAX_DEPTH = 64  # nesting of lists and mappings (a real catalogue uses fewer than ten)
EXCEL_MAX = 9.99999999999999e307  # the largest number an Excel cell holds
TOO_BIG = (f"berkas terlalu besar untuk sebuah katalog (lebih dari {MAX_CHARS // 1_000_000} juta "
           "karakter; katalog yang wajar di bawah 1 MB); periksa bahwa berkas yang dipilih "
           "memang katalog IKI")


class Mapping(dict):
    """A dict that knows the line of itself and of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[str, int]
    duplicates: list[tuple[str, int]]


class Sequence(list):
    """A list that knows its line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


def number_problem(value: float | int) -> str | None:
    """Why Excel cannot hold this number, or None when it can."""
    if isinstance(value, float) and math.isnan(value):
        return "bukan angka (NaN) tidak bisa ditulis di Excel"
    if isinstance(value, float) and math.isinf(value):
        return "angka tak hingga tidak bisa ditulis di Excel"
    if abs(value) > EXCEL_MAX:
        return "angka terlalu besar untuk Excel (paling besar 9,99999999999999E+307)"
    return None


# libyaml's parser when PyYAML was built with it (much faster); construction stays in Python
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    def __init__(self, stream: str):
        super().__init__(stream)
        self.problems: list[tuple[int, str]] = []

    def note(self, node: yaml.Node, message: str) -> None:
        self.problems.append((node.start_mark.line + 1, message))

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Mapping:
        self.flatten_mapping(node)
        result = Mapping()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        result.duplicates = []
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            key = key if isinstance(key, str) else str(key)
            line = key_node.start_mark.line + 1
            if key in result:
                result.duplicates.append((key, line))
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> Sequence:
        result = Sequence(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result

    def construct_number(self, node: yaml.ScalarNode) -> float | int | None:
        """An int or float scalar; None (and a problem at its line) when Excel cannot hold it."""
        try:
            value = (self.construct_yaml_int(node) if node.tag.endswith(":int")
                     else self.construct_yaml_float(node))
        except ValueError:  # more digits than Python converts
            value = 10 ** 400
        if (why := number_problem(value)) is None:
            return value
        shown = node.value if len(node.value) <= 24 else \
            f"{node.value[:20]}… ({len(node.value)} karakter)"
        self.note(node, f"angka '{shown}': {why}; tulis angka biasa (bila maksudnya teks, "
                        "tulis di antara tanda kutip)")
        return None

    def construct_date(self, node: yaml.ScalarNode) -> Any:
        """A date; the text itself (and a problem at its line) when no such day exists."""
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            self.note(node, f"tanggal '{node.value}' tidak ada di kalender; tulis "
                            "tahun-bulan-tanggal yang benar, misalnya 2021-05-07")
            return node.value


for _tag, _constructor in (("map", _LineLoader.construct_mapping),
                           ("seq", _LineLoader.construct_sequence),
                           ("int", _LineLoader.construct_number),
                           ("float", _LineLoader.construct_number),
                           ("timestamp", _LineLoader.construct_date)):
    _LineLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _constructor)


class SyntaxProblem(Exception):
    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


def _check_shape(text: str) -> None:
    """Reject, before building anything, a document too big, too deep or an alias bomb.

    One pass over libyaml's events (no recursion: a deep document cannot crash it) adds up
    the size of every collection with each alias counted as a full copy of its anchor.
    """
    sizes: list[list] = []  # per open collection: [items so far, anchor]
    anchors: dict[str, int] = {}
    for event in yaml.parse(text, Loader=_BaseLoader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.CollectionStartEvent):
            if len(sizes) >= MAX_DEPTH:
                raise SyntaxProblem(line, f"susunan bertingkat terlalu dalam (lebih dari "
                                          f"{MAX_DEPTH} tingkat); periksa kurung [ ] dan {{ }}")
            sizes.append([1, event.anchor])
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            size, anchor = sizes.pop()
        elif isinstance(event, yaml.ScalarEvent):
            size, anchor = 1, event.anchor
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors and any(a == event.anchor for _, a in sizes):
                raise SyntaxProblem(line, f"alias '*{event.anchor}' merujuk dirinya sendiri; "
                                          "tulis isinya langsung")
            size, anchor = anchors.get(event.anchor, 1), None
        else:
            continue
        if anchor is not None:
            anchors[anchor] = size
        if size > MAX_ITEMS:
            raise SyntaxProblem(line, "katalog terlalu besar setelah alias YAML (&nama dan "
                                      f"*nama) dijabarkan (lebih dari {MAX_ITEMS // 1_000_000} "
                                      "juta unsur); jangan memakai alias bertingkat, tulis "
                                      "isinya langsung")
        if sizes:
            sizes[-1][0] += size


def parse_text(text: str) -> tuple[Any, list[tuple[int, str]]]:
    """Parse YAML (JSON is read as YAML too) keeping line numbers.

    Returns the data and the (line, message) of every scalar that cannot be used; raises
    SyntaxProblem when the text cannot be read at all.
    """
    if len(text) > MAX_CHARS:
        raise SyntaxProblem(0, TOO_BIG)
    try:
        _check_shape(text)
        loader = _LineLoader(text)
        try:
            return loader.get_single_data(), loader.problems
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = exc.problem or exc.context or "tidak dapat dibaca"
        raise SyntaxProblem(line, f"format YAML/JSON salah ({what})") from exc
    except yaml.YAMLError as exc:
        raise SyntaxProblem(0, f"format YAML/JSON salah ({exc})") from exc
