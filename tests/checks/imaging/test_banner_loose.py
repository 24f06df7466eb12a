"""Banner search beyond the close threshold: a logo on a busy photo is still found when no
other logo and no plain shape comes near; near-twins, text bars and headlines are not."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from brandaudit.checks.imaging.banner_search.banner import REGION_BITS, BannerSearch
from brandaudit.checks.imaging.banner_search.regions import Box
from brandaudit.checks.imaging.image_matches import searches_inside
from brandaudit.checks.imaging.matching import LogoMatch


def _glyph(seed: int, colour: tuple[int, int, int] = (20, 90, 200)) -> Image.Image:
    """A flat disc with holes where the photo shows through (like a simple-icons glyph)."""
    rng = np.random.default_rng(seed)
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 230, 230), fill=(*colour, 255))
    for _ in range(4):
        x, y = (int(v) for v in rng.integers(40, 160, 2))
        w, h = (int(v) for v in rng.integers(20, 60, 2))
        shape = draw.rectangle if rng.random() < 0.5 else draw.ellipse
        shape((x, y, x + w, y + h), fill=(0, 0, 0, 0))
    return image


def _wordmark(text: str) -> Image.Image:
    font = ImageFont.load_default(size=60)
    image = Image.new("RGBA", (700, 140), (0, 0, 0, 0))
    ImageDraw.Draw(image).text((10, 20), text, fill=(20, 20, 20, 255), font=font)
    return image.crop(image.getbbox())


def _busy_photo(seed: int) -> Image.Image:
    """Saturated colour noise upscaled: every hue shows through the logo's holes."""
    cells = np.random.default_rng(seed).uniform(0, 255, (6, 16, 3)).astype(np.uint8)
    return Image.fromarray(cells).resize((1200, 400), Image.Resampling.BICUBIC).convert("RGBA")


def _jpeg(image: Image.Image) -> Image.Image:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=85)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGBA")


OURS = [_glyph(seed) for seed in range(6)] + [_wordmark("Shields IO")]


@pytest.fixture(scope="module")
def search() -> BannerSearch:
    return BannerSearch(OURS)


@pytest.mark.parametrize("which", [1, 4])
def test_a_logo_on_a_busy_photo_is_found_beyond_the_close_threshold(search, which) -> None:
    banner = _busy_photo(which)
    banner.alpha_composite(OURS[which].resize((260, 260)), (200, 70))
    hits = search.search(_jpeg(banner))
    assert [h.index for h in hits] == [which]
    # The photo in its holes costs bits: this is the loose path, not the close one.
    assert hits[0].distance is not None and hits[0].distance > REGION_BITS
    assert Box(*hits[0].region).iou(Box(200, 70, 260, 260)) > 0.7


def test_a_loose_cut_out_near_two_logos_names_neither_wrongly() -> None:
    """With a near-twin of the logo in the guideline, a loose cut-out is no evidence of the
    twin: only the planted logo (or nothing) may be named."""
    twin = _glyph(1)
    ImageDraw.Draw(twin).ellipse((100, 100, 130, 130), fill=(0, 0, 0, 0))
    banner = _busy_photo(1)
    banner.alpha_composite(OURS[1].resize((260, 260)), (200, 70))
    hits = BannerSearch([*OURS, twin]).search(_jpeg(banner))
    assert {h.index for h in hits} <= {1}


def test_headlines_do_not_match_a_wordmark(search) -> None:
    for seed, text in enumerate(["Join us live", "Spring sale: 30% off", "Shop the new line"]):
        banner = _busy_photo(seed + 10)
        font = ImageFont.load_default(size=50)
        ImageDraw.Draw(banner).text((600, 150), text, fill=(20, 20, 20, 255), font=font)
        assert search.search(_jpeg(banner)) == []


def test_a_text_bar_matches_no_wide_logo() -> None:
    """White text bars on a photo (a wide wordmark's rough shape) are matte noise or plain."""
    search = BannerSearch([*OURS, _wordmark("PRERENDER")])
    for seed in range(3):
        banner = _busy_photo(seed + 20)
        draw = ImageDraw.Draw(banner)
        for i, width in enumerate((306, 232, 380)):
            draw.rectangle((600, 150 + 50 * i, 600 + width, 176 + 50 * i), fill=(255, 255, 255))
        assert search.search(_jpeg(banner)) == []


def _match(verdict: str) -> LogoMatch:
    return LogoMatch("x", "approved", verdict, None, 10, 0.0, 1.0)  # type: ignore[arg-type]


def test_a_banner_is_searched_unless_it_is_faithfully_a_logo_as_a_whole() -> None:
    assert searches_inside(None, 1200, 400)
    assert searches_inside(_match("altered"), 1200, 400)  # a loose resemblance hides nothing
    assert not searches_inside(_match("faithful"), 1200, 400)
    assert not searches_inside(None, 300, 300)
