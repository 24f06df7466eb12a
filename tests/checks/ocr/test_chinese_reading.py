"""Chinese text in pictures is read by RapidOCR, only where Tesseract saw Chinese first: a
planted Traditional misquote is found, the correct banner stays silent, and both readings
land in the hash cache's `ocr` table."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_GUIDELINE
from brandaudit.brand_assets.guideline import load_guideline
from brandaudit.checks import image_text
from brandaudit.checks.imaging.fingerprints.hash_cache import HashCache
from brandaudit.checks.ocr import read as read_module
from brandaudit.checks.ocr.rapid import _line_words
from brandaudit.checks.ocr.read import assemble, read_picture
from brandaudit.crawler.artifacts import Box, ImageArtifact, ImageRef, PageArtifact
from brandaudit.crawler.run_store import CrawlResult

CAMPAIGN = DEMO_SITE_DIR / "img" / "banner-campaign.png"
CHINESE = DEMO_SITE_DIR / "zh" / "banner.png"
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")  # Debian fonts-wqy-zenhei (.ci/run)


@pytest.fixture
def rapid_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts RapidOCR readings while letting them happen."""
    calls: list[int] = []
    real = read_module.read_words_rapid

    def counted(gray: object) -> object:
        calls.append(1)
        return real(gray)  # type: ignore[arg-type]

    monkeypatch.setattr(read_module, "read_words_rapid", counted)
    return calls


def _banner(text: str) -> bytes:
    face = ImageFont.truetype(str(FONT), 40)
    image = Image.new("RGB", (720, 200), (10, 31, 68))
    ImageDraw.Draw(image).text((50, 78), text, font=face, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=60)
    return buffer.getvalue()


def _audit_picture(data: bytes, lang: str, run_dir: Path) -> list:  # type: ignore[type-arg]
    sha = hashlib.sha256(data).hexdigest()
    (run_dir / "blobs").mkdir(parents=True)
    (run_dir / "blobs" / sha).write_bytes(data)
    ref = ImageRef("http://127.0.0.1/banner.jpg", "img", "main > img", None, Box(720, 200))
    page = PageArtifact(url="http://127.0.0.1/zh/", status=200, lang=lang, images=(ref,))
    image = ImageArtifact(ref.url, 200, "image/jpeg", sha, len(data))
    result = CrawlResult(run_dir=run_dir, pages=[page], images={ref.url: image})
    return list(image_text.run(result, load_guideline(SAMPLE_GUIDELINE)))


def test_chinese_is_read_by_rapidocr_and_english_is_left_to_tesseract(
    rapid_calls: list[int],
) -> None:
    chinese = read_picture(CHINESE.read_bytes(), "zh", "chi_sim+eng", cache=None)
    assert "承载创意的大桥梁" in "".join(line.text for line in chinese.lines)
    assert len(rapid_calls) == 1
    english = read_picture(CAMPAIGN.read_bytes(), "en", "chi_sim+eng", cache=None)
    assert "Bridges that carry bright ideas" in " ".join(line.text for line in english.lines)
    assert len(rapid_calls) == 1  # no Chinese seen: RapidOCR's 1.6 CPU s not spent


@pytest.mark.skipif(not FONT.exists(), reason="needs Debian fonts-wqy-zenhei (.ci/run installs it)")
def test_a_traditional_misquote_is_found_and_the_correct_banner_is_silent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRANDAUDIT_CACHE", "off")
    planted = _audit_picture(_banner("承載創新的橋梁。"), "zh-TW", tmp_path / "planted")
    assert [f.rule for f in planted] == ["text.slogan_misquoted"]
    assert planted[0].evidence["image_url"] == "http://127.0.0.1/banner.jpg"
    assert planted[0].location.box is not None
    assert _audit_picture(_banner("承載創意的橋梁。"), "zh-TW", tmp_path / "correct") == []


def test_a_chinese_reading_is_cached_in_the_hash_cache(
    tmp_path: Path, rapid_calls: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = HashCache(tmp_path / "hashes.sqlite")
    first = read_picture(CHINESE.read_bytes(), "sha-zh", "chi_sim+eng", cache=cache)
    cache.close()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an engine ran for a cached picture")

    monkeypatch.setattr(read_module, "read_words", refuse)
    monkeypatch.setattr(read_module, "read_words_rapid", refuse)
    cache = HashCache(tmp_path / "hashes.sqlite")
    again = read_picture(CHINESE.read_bytes(), "sha-zh", "chi_sim+eng", cache=cache)
    assert [line.text for line in again.lines] == [line.text for line in first.lines]
    assert len(rapid_calls) == 1
    cache.close()


def test_ocr_rows_share_the_hash_cache_switch_and_failure_path(tmp_path: Path) -> None:
    off = HashCache(None)
    off.put_ocr("a", "v", [["x", [0, 0, 1, 1], 90.0, 0]])
    assert off.get_ocr("a", "v") is None
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    unusable = HashCache(blocker / "sub" / "c.sqlite")  # cannot be created: skipped, not fatal
    assert not unusable.enabled and unusable.get_ocr("a", "v") is None


def test_a_mixed_line_keeps_its_spaces_and_per_character_confidences() -> None:
    text = "欢迎来到 NovaBridge 新桥云"
    flat = "".join(text.split())
    chars = [(c, 0.5 if c == "桥" else 0.99, [[i, 0], [i + 1, 0], [i + 1, 9], [i, 9]])
             for i, c in enumerate(flat)]  # fmt: skip
    words = _line_words(text, 0.98, (0, 0, len(flat), 9), chars, 0)
    assert [w.text for w in words][:5] == ["欢", "迎", "来", "到", "NovaBridge"]
    (line,) = assemble(words)
    assert line.text == text
    assert line.confidence(text.index("桥"), text.index("桥") + 1) == pytest.approx(50.0)
    assert line.confidence(0, 4) == pytest.approx(99.0)
