"""The confirming second reading of a line is cached like the first: a re-audit of the same
picture runs Tesseract for neither."""

from __future__ import annotations

from pathlib import Path

import pytest

from brandaudit.brand_assets import DEMO_SITE_DIR
from brandaudit.checks.imaging.fingerprints.hash_cache import HashCache
from brandaudit.checks.ocr import read

CAMPAIGN = DEMO_SITE_DIR / "img" / "banner-campaign.png"


def test_a_second_look_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = CAMPAIGN.read_bytes()
    cache = HashCache(tmp_path / "hashes.sqlite")
    text = read.read_picture(data, "sha-campaign", "eng", cache=cache)
    line = max(text.lines, key=lambda candidate: len(candidate.text))
    first = read.second_look(data, line.box, "eng", cache=cache)
    assert first  # Tesseract read the line alone

    def no_tesseract(*args: object, **kwargs: object) -> object:
        raise AssertionError("Tesseract ran again for a cached second look")

    monkeypatch.setattr(read, "read_words", no_tesseract)
    assert read.second_look(data, line.box, "eng", cache=cache) == first
    moved = (line.box[0] + 1, *line.box[1:])  # another box is another reading
    with pytest.raises(AssertionError):
        read.second_look(data, moved, "eng", cache=cache)
    cache.close()
