"""The plain-shape fingerprints shipped with the code: current, equal to what the code builds,
and used instead of building (a first audit's process built them for 3.9 CPU s)."""

from __future__ import annotations

import importlib

from brandaudit.checks.imaging.matching import plain_shape_table
from brandaudit.checks.imaging.references import cached_reference
from brandaudit.checks.imaging.references.reference_fingerprint import fingerprint_reference

module = importlib.import_module("brandaudit.checks.imaging.matching.plain_shapes")
REBUILD = (
    'python -c "from brandaudit.checks.imaging.matching import plain_shapes as p; p.build_table()"'
)


def _arrays(fingerprint) -> list[bytes]:
    return [
        fingerprint.bits.tobytes(), fingerprint.aspects.tobytes(), fingerprint.colours.tobytes(),
        fingerprint.sides.tobytes(), fingerprint.cropped_views.tobytes(),
        b"" if fingerprint.fine is None else fingerprint.fine.tobytes(),
        bytes(f"{fingerprint.width}x{fingerprint.height}", "ascii"),
    ]  # fmt: skip


def test_the_shipped_table_holds_what_the_code_builds_for_every_shape():
    shipped = plain_shape_table.shipped_fingerprints()
    shapes = module.drawn_shapes()
    missing = [i for i, im in enumerate(shapes) if module.shape_key(im) not in shipped]
    assert not missing, f"plain-shape table stale (fingerprint code changed?): run {REBUILD}"
    assert len(shipped) == len(shapes)
    for image in shapes:
        built = fingerprint_reference(image, *image.size)
        assert _arrays(shipped[module.shape_key(image)]) == _arrays(built)


def test_plain_shapes_come_from_the_table_without_building_or_a_cache(tmp_path, monkeypatch):
    def refuse(*_args):
        raise AssertionError("a plain shape was fingerprinted although the table holds it")

    monkeypatch.setattr(cached_reference, "fingerprint_reference", refuse)
    monkeypatch.setattr(module, "HashCache", refuse)  # no cache opened either
    index = module.plain_shapes.__wrapped__(None)
    assert len(index.references) == len(module.drawn_shapes())


def test_a_shape_the_table_lacks_is_built(monkeypatch):
    shipped = dict(plain_shape_table.shipped_fingerprints())
    first = module.shape_key(module.drawn_shapes()[0])
    del shipped[first]
    monkeypatch.setattr(module, "shipped_fingerprints", lambda: shipped)
    built = []

    def counting(image, width, height):
        built.append((width, height))
        return fingerprint_reference(image, width, height)

    monkeypatch.setattr(cached_reference, "fingerprint_reference", counting)
    index = module.plain_shapes.__wrapped__(module.HashCache(None))
    assert built == [module.drawn_shapes()[0].size]
    assert len(index.references) == len(module.drawn_shapes())


def test_bytes_that_are_not_a_table_give_no_entries():
    assert plain_shape_table.unpack(b"not lzma") == {}
    assert plain_shape_table.unpack(__import__("lzma").compress(b"other\n")) == {}
    one = fingerprint_reference(module.drawn_shapes()[0], 240, 240)
    round_trip = plain_shape_table.unpack(plain_shape_table.pack({"k" * 64: one}))
    assert list(round_trip) == ["k" * 64]
    assert _arrays(round_trip["k" * 64]) == _arrays(one)
