"""Guideline logos: reference fingerprints kept in the hash cache by the logo file's content."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from brandaudit.brand_assets import SAMPLE_GUIDELINE
from brandaudit.brand_assets.guideline import load_guideline
from brandaudit.checks.imaging.fingerprints import HashCache
from brandaudit.checks.imaging.guideline_logos import _MEMO, guideline_logos, reference_key
from brandaudit.checks.imaging.references import cached_reference as module


@pytest.fixture
def guideline_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "brand"
    shutil.copytree(Path(SAMPLE_GUIDELINE).parent, folder)
    return folder


def _built(folder: Path, cache: HashCache):
    _MEMO.clear()  # the in-process memo would answer before the cache is asked
    return guideline_logos(load_guideline(folder / Path(SAMPLE_GUIDELINE).name), cache)


def _fingerprints(logos) -> list[tuple[bytes, ...]]:
    return [
        (f.bits.tobytes(), f.aspects.tobytes(), f.colours.tobytes(), f.sides.tobytes(),
         f.cropped_views.tobytes(), f.fine.tobytes())
        for f in (r.fingerprint for r in logos.index.references)
    ]  # fmt: skip


def test_a_second_build_reads_every_reference_from_the_cache(guideline_dir, tmp_path, monkeypatch):
    cache = HashCache(tmp_path / "hashes.sqlite")
    first = _built(guideline_dir, cache)
    assert len(first.index.references) >= 2
    calls: list[int] = []
    real = module.fingerprint_reference
    monkeypatch.setattr(module, "fingerprint_reference", lambda *a: calls.append(1) or real(*a))
    second = _built(guideline_dir, cache)
    assert calls == []  # nothing fingerprinted again
    assert _fingerprints(second) == _fingerprints(first)
    assert [r.name for r in second.index.references] == [r.name for r in first.index.references]


def test_a_changed_logo_file_is_fingerprinted_again(guideline_dir, tmp_path, monkeypatch):
    cache = HashCache(tmp_path / "hashes.sqlite")
    before = _built(guideline_dir, cache)
    icon = guideline_dir / "logos" / "icon.png"
    old_key = reference_key(icon.read_bytes())
    picture = Image.open(icon).convert("RGBA")
    ImageDraw.Draw(picture).rectangle((0, 0, picture.width // 2, picture.height), fill="red")
    picture.save(icon)
    assert reference_key(icon.read_bytes()) != old_key
    calls: list[int] = []
    real = module.fingerprint_reference
    monkeypatch.setattr(module, "fingerprint_reference", lambda *a: calls.append(1) or real(*a))
    after = _built(guideline_dir, cache)
    assert calls == [1]  # the changed file only
    changed = [
        i
        for i, (a, b) in enumerate(zip(_fingerprints(before), _fingerprints(after), strict=True))
        if a != b
    ]
    assert len(changed) == 1


def test_the_cache_key_is_not_the_pictures_own(guideline_dir):
    """A guideline logo also found on a page keeps its query fingerprint apart."""
    data = (guideline_dir / "logos" / "icon.png").read_bytes()
    assert reference_key(data) != hashlib.sha256(data).hexdigest()


def test_without_a_cache_the_references_are_the_same(guideline_dir, tmp_path):
    cached = _built(guideline_dir, HashCache(tmp_path / "hashes.sqlite"))
    _built(guideline_dir, HashCache(tmp_path / "hashes.sqlite"))  # from the cache
    plain = _built(guideline_dir, HashCache(None))
    assert _fingerprints(plain) == _fingerprints(cached)
    assert np.array_equal(plain.index.bits, cached.index.bits)
