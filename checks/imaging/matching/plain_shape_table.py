"""The plain shapes' reference fingerprints, shipped beside the code that builds them.

The 47 plain shapes (plain_shapes.py) are drawn by code, not read from a guideline, so their
reference fingerprints are constants of this installation: building them cost 3.9 CPU s, a
sixth of the audit process of a first `crawl_bench` audit (cold hash cache). The table holds
each fingerprint under its hash-cache key (`shape_key`: the fingerprint code's version and the
drawn pixels), so a shape redrawn, or fingerprint code edited, finds no entry and is built as
before (and kept in the hash cache). `tests/checks/imaging/test_plain_shape_table.py` fails
while the table is stale; rebuild it with

  python -c "from brandaudit.checks.imaging.matching import plain_shapes as p; p.build_table()"
"""

from __future__ import annotations

import lzma
import struct
from functools import cache
from pathlib import Path

from brandaudit.checks.imaging.fingerprints import Fingerprint

TABLE = Path(__file__).with_name("plain_shapes.table.xz")
MAGIC = b"brandaudit plain-shape fingerprints 1\n"
_ENTRY = struct.Struct("<64sI")  # hex key, length of the fingerprint's bytes


def pack(entries: dict[str, Fingerprint]) -> bytes:
    """The table's bytes: each key and its fingerprint (`Fingerprint.to_bytes`), compressed."""
    parts = [MAGIC]
    for key, fingerprint in entries.items():
        data = fingerprint.to_bytes()
        parts += [_ENTRY.pack(key.encode("ascii"), len(data)), data]
    return lzma.compress(b"".join(parts), preset=9)


def unpack(packed: bytes) -> dict[str, Fingerprint]:
    """The entries of a table's bytes; {} for bytes that are not a table."""
    try:
        data = lzma.decompress(packed)
    except lzma.LZMAError:
        return {}
    if not data.startswith(MAGIC):
        return {}
    entries, offset = {}, len(MAGIC)
    while offset + _ENTRY.size <= len(data):
        key, length = _ENTRY.unpack_from(data, offset)
        offset += _ENTRY.size
        entries[key.decode("ascii")] = Fingerprint.from_bytes(data[offset : offset + length])
        offset += length
    return entries


@cache
def shipped_fingerprints() -> dict[str, Fingerprint]:
    """The shipped table's entries by key ({} when the file is missing or unreadable)."""
    try:
        return unpack(TABLE.read_bytes())
    except OSError:
        return {}
