"""Plain-shape fingerprints kept in the hash cache: a second process reads them (~0.2 CPU s)
instead of building them again (~5 CPU s), and reads exactly what was built."""

from __future__ import annotations

import importlib
import shutil
import sqlite3
from pathlib import Path

from PIL import ImageDraw

from brandaudit.checks.imaging.fingerprints import HashCache
from brandaudit.checks.imaging.references import cached_reference
from brandaudit.checks.imaging.references.cached_reference import code_version, source_digest

# the package re-exports the function under the module's name
module = importlib.import_module("brandaudit.checks.imaging.matching.plain_shapes")


def _rows(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM fingerprints").fetchone()[0]


def _index_bytes(index) -> list[bytes]:
    return [
        index.bits.tobytes(), index.sides.tobytes(), index.aspects.tobytes(),
        index.cropped.tobytes(), index.fine.tobytes(),
        *(r.fingerprint.colours.tobytes() for r in index.references),
    ]  # fmt: skip


def test_a_second_process_reads_the_plain_shapes_it_did_not_build(tmp_path, monkeypatch):
    monkeypatch.setattr(module, "shipped_fingerprints", dict)  # as when the table is stale
    path = tmp_path / "hashes.sqlite"
    first_store = HashCache(path)
    built = module.plain_shapes(first_store)
    first_store.close()  # the first process ends: its fingerprints are on disk
    assert _rows(path) == len(module.drawn_shapes())

    def refuse(*_args):
        raise AssertionError("a plain shape was fingerprinted again")

    monkeypatch.setattr(cached_reference, "fingerprint_reference", refuse)
    second_store = HashCache(path)  # another connection, as another process has
    read = module.plain_shapes(second_store)
    second_store.close()
    assert [r.name for r in read.references] == [r.name for r in built.references]
    assert _index_bytes(read) == _index_bytes(built)


def test_a_redrawn_shape_or_changed_code_is_a_new_key(monkeypatch):
    shape = module.drawn_shapes()[0]
    key = module.shape_key(shape)
    assert module.shape_key(shape.copy()) == key
    redrawn = shape.copy()
    ImageDraw.Draw(redrawn).point((0, 0), fill="black")
    assert module.shape_key(redrawn) != key
    monkeypatch.setattr(cached_reference, "code_version", lambda: "other code")
    assert module.shape_key(shape) != key


def test_the_code_version_follows_the_fingerprint_source(tmp_path):
    """Any edit under fingerprints/, picture/ or references/ changes it (no stale entries)."""
    copy = tmp_path / "imaging"
    for package in ("fingerprints", "picture", "references"):
        shutil.copytree(cached_reference.IMAGING / package, copy / package)
    assert source_digest(copy) == code_version()
    source = copy / "references" / "side_cuts.py"
    source.write_bytes(source.read_bytes() + b"\n# edited\n")
    assert source_digest(copy) != code_version()
