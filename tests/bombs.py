"""Oversized inputs made at test time: a zip bomb and a sheet of 1,048,576 rows (test helper)."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

from damage import jabatan_part, parts_of, write_parts

CHUNK = b" " * 2**20  # whitespace between elements: still a well-formed sheet


def _deflated(head: bytes, repeats: int, tail: bytes) -> tuple[bytes, int, int]:
    """Raw deflate of head + CHUNK * repeats + tail without compressing every copy.

    After a full flush the compressor starts afresh, so each copy of CHUNK compresses to
    the same bytes: compress it once and repeat them. Returns (data, crc32, unpacked size).
    """
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = z.compress(head) + z.flush(zlib.Z_FULL_FLUSH)
    block = z.compress(CHUNK) + z.flush(zlib.Z_FULL_FLUSH)
    data = start + block * repeats + z.compress(tail) + z.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(CHUNK, crc)
    return data, zlib.crc32(tail, crc), len(head) + len(CHUNK) * repeats + len(tail)


def _zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> Path:
    """A zip written by hand: (name, data, method, crc, unpacked size) per member."""
    local, central = bytearray(), bytearray()
    for name, data, method, crc, size in members:
        raw = name.encode()
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21,
                               crc, len(data), size, len(raw), 0, 0, 0, 0, 0, len(local)) + raw
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc,
                             len(data), size, len(raw), 0) + raw + data
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(central), len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path


def zip_bomb(good: Path, out: Path, gigabytes: float = 3.0) -> Path:
    """``good`` with its first jabatan sheet replaced by ~3 GB of XML packed into ~3 MB."""
    parts = parts_of(good)
    sheet = jabatan_part(good)
    xml = parts[sheet]
    cut = xml.index(b"<sheetData>") + len(b"<sheetData>")
    members = []
    for name, data in parts.items():
        if name == sheet:
            packed, crc, size = _deflated(xml[:cut], int(gigabytes * 1024), xml[cut:])
        else:
            packed, crc, size = zlib.compress(data, 9)[2:-4], zlib.crc32(data), len(data)
        members.append((name, packed, 8, crc, size))
    return _zip(out, members)


def million_rows(good: Path, out: Path) -> Path:
    """``good`` with its first jabatan sheet filled down to row 1,048,576 (about 50 MB)."""
    parts = parts_of(good)
    sheet = jabatan_part(good)
    xml = parts[sheet]
    last = max(int(r) for r in re.findall(rb'<row r="(\d+)"', xml))
    rows = b"".join(b'<row r="%d"><c r="M%d"><v>1</v></c></row>' % (r, r)
                    for r in range(last + 1, 1_048_577))
    xml = xml.replace(b"</sheetData>", rows + b"</sheetData>")
    parts[sheet] = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:Z1048576"', xml)
    return write_parts(out, parts)
