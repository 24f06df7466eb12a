"""OCR reads English and Chinese banners fully offline, once per picture, and keeps noise
from becoming findings."""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFilter

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_DIR
from brandaudit.checks.finding import Finding, Location, Severity
from brandaudit.checks.image_text import MIN_CONFIDENCE, ReadLine, _in_picture
from brandaudit.checks.imaging.fingerprints.hash_cache import HashCache
from brandaudit.checks.ocr import engine
from brandaudit.checks.ocr.detector import detect_text
from brandaudit.checks.ocr.engine import Word
from brandaudit.checks.ocr.read import assemble, read_picture
from brandaudit.crawler.artifacts import ImageRef, PageArtifact

CAMPAIGN = DEMO_SITE_DIR / "img" / "banner-campaign.png"
CHINESE = DEMO_SITE_DIR / "zh" / "banner.png"
SIGN = SAMPLE_DIR / "documents" / "shop-sign.jpg"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse every connection but loopback: the OCR must need none."""
    real = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if host not in ("127.0.0.1", "::1", "localhost") and self.family != socket.AF_UNIX:
            raise OSError(f"network blocked in this test: {address}")
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def _text(path: Path, languages: str) -> str:
    read = read_picture(path.read_bytes(), "sha-" + path.name, languages, cache=None)
    assert read.status == "read", read.reason
    return " ".join(line.text for line in read.lines)


def test_english_chinese_and_a_photo_are_read_with_the_network_blocked(no_network: None) -> None:
    assert "Bridges that carry bright ideas" in _text(CAMPAIGN, "eng")
    assert "承载创意的大桥梁" in _text(CHINESE, "chi_sim+eng")
    assert "NovaBrdge" in _text(SIGN, "eng")


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs util-linux unshare")
def test_ocr_runs_in_a_network_namespace_without_any_interface() -> None:
    """Tesseract is a child process: block its network at the kernel, not only in Python."""
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("user namespaces are not available here")
    code = (
        "from pathlib import Path; from brandaudit.checks.ocr.read import read_picture;"
        f"r = read_picture(Path({str(CHINESE)!r}).read_bytes(), 'x', 'chi_sim+eng', cache=None);"
        "print(' '.join(l.text for l in r.lines))"
    )
    done = subprocess.run(
        ["unshare", "-rn", sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "承载创意的大桥梁" in done.stdout


def test_a_picture_is_read_once_then_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = HashCache(tmp_path / "cache.sqlite")
    first = read_picture(CAMPAIGN.read_bytes(), "abc", "eng", cache=cache)
    cache.close()
    cache = HashCache(tmp_path / "cache.sqlite")  # the words outlive the audit that read them

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("Tesseract ran for a cached picture")

    monkeypatch.setattr("brandaudit.checks.ocr.read.read_words", refuse)
    second = read_picture(CAMPAIGN.read_bytes(), "abc", "eng", cache=cache)
    assert [line.text for line in second.lines] == [line.text for line in first.lines]
    assert second.lines[0].box == first.lines[0].box
    cache.close()


def test_detector_passes_text_and_skips_flat_and_smooth_pictures() -> None:
    banner = np.asarray(Image.open(CAMPAIGN).convert("L"))
    assert detect_text(banner).likely
    flat = np.full((300, 900), 200, dtype=np.uint8)
    gradient = np.tile(np.linspace(0, 255, 900, dtype=np.uint8), (300, 1))
    assert not detect_text(flat).likely
    assert not detect_text(gradient).likely
    logo = Image.open(DEMO_SITE_DIR / "img" / "logo-2019.png")
    assert read_picture(_png(logo), "logo", "eng", cache=None).status == "no_text"


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _finding(start: int, end: int) -> Finding:
    return Finding(
        rule="text.brand_name",
        severity=Severity.ERROR,
        url="http://127.0.0.1/",
        message="Brand name misspelled as 'NovaBrldge'.",
        location=Location(selector="ocr:0", start=start, end=end),
        evidence={"found": "NovaBrldge"},
    )


def test_a_finding_needs_every_word_it_covers_read_with_confidence() -> None:
    page = PageArtifact(url="http://127.0.0.1/", status=200)
    ref = ImageRef(url="http://127.0.0.1/b.png", kind="img", selector="main > img")
    unsure = assemble([Word("NovaBrldge", (10, 10, 200, 40), MIN_CONFIDENCE - 20, 0)])[0]
    sure = assemble(
        [Word("Visit", (0, 10, 80, 40), 95.0, 0), Word("NovaBrldge", (90, 10, 200, 40), 93.0, 0)]
    )[0]
    assert _in_picture(_finding(0, 10), ReadLine(page, ref, unsure)) is None
    kept = _in_picture(_finding(6, 16), ReadLine(page, ref, sure))
    assert kept is not None
    assert kept.location.box == (90, 10, 200, 40)  # the word's box, not the line's
    assert kept.evidence["image_url"] == "http://127.0.0.1/b.png"
    assert kept.location.selector == "main > img"


def test_blurred_text_is_not_reported_as_a_misspelling() -> None:
    """A correct name blurred past reading: whatever is read, nothing confident is wrong."""
    sharp = Image.open(DEMO_SITE_DIR / "img" / "banner-welcome.png").convert("RGB")
    blurred = sharp.resize((300, 90)).filter(ImageFilter.GaussianBlur(2.5))
    read = read_picture(_png(blurred), "blurred", "eng", cache=None)
    for line in read.lines:
        for word in line.words:
            assert (
                word.text.strip(".") in "Bridges that carry ideas"
                or word.confidence < MIN_CONFIDENCE
            )


def test_missing_language_model_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "installed_languages", lambda: frozenset({"eng"}))
    read = read_picture(CAMPAIGN.read_bytes(), "x", "chi_sim+eng", cache=None)
    assert read.status == "unread" and "chi_sim" in read.reason
