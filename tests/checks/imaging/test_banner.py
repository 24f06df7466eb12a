"""Logos inside banners: found with their region; other marks and plain photos stay silent."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from brandaudit.checks.imaging.banner_search import BannerSearch, is_banner_sized
from brandaudit.checks.imaging.banner_search.mattes import flat_colour_matte
from brandaudit.checks.imaging.banner_search.regions import Box, propose

BANNER = (1200, 400)


def _glyph(seed: int, colour: tuple[int, int, int]) -> Image.Image:
    """A flat one-colour mark (few keypoints, like a simple-icons glyph), on transparency."""
    rng = np.random.default_rng(seed)
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 230, 230), fill=(*colour, 255))
    for _ in range(4):  # holes where the background shows through
        x, y = (int(v) for v in rng.integers(40, 160, 2))
        w, h = (int(v) for v in rng.integers(20, 60, 2))
        shape = draw.rectangle if rng.random() < 0.5 else draw.ellipse
        shape((x, y, x + w, y + h), fill=(0, 0, 0, 0))
    return image


def _photo(seed: int, dark: bool) -> Image.Image:
    """A soft photo-like background: bicubic-upscaled colour noise plus blurred blobs."""
    rng = np.random.default_rng(seed)
    low, high = (10, 110) if dark else (140, 250)
    cells = rng.uniform(low, high, (5, 14, 3)).astype(np.uint8)
    photo = Image.fromarray(cells).resize(BANNER, Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(photo)
    for _ in range(6):
        x, y = int(rng.integers(0, 1100)), int(rng.integers(0, 300))
        fill = tuple(int(v) for v in rng.integers(low, high, 3))
        draw.ellipse((x, y, x + 200, y + 150), fill=fill)
    return photo.filter(ImageFilter.GaussianBlur(8))


def _jpeg(image: Image.Image) -> Image.Image:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=85)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGBA")


def _banner(
    logo: Image.Image | None, seed: int, dark: bool, side: int, plate: bool
) -> tuple[Image.Image, Box | None]:
    canvas = _photo(seed, dark).convert("RGBA")
    if logo is None:
        return _jpeg(canvas), None
    mark = logo.resize((side, side), Image.Resampling.LANCZOS)
    x, y = 150 + seed % 200, 40 + seed % 60
    if plate:
        backing = Image.new("RGBA", (side + 40, side + 40), (255, 255, 255, 255))
        canvas.alpha_composite(backing, (x - 20, y - 20))
    canvas.alpha_composite(mark, (x, y))
    return _jpeg(canvas), Box(x, y, side, side)  # the logo's own box, not its plate


OURS = [_glyph(seed, (20, 90, 200)) for seed in range(6)]


@pytest.fixture(scope="module")
def search() -> BannerSearch:
    return BannerSearch(OURS)


@pytest.mark.parametrize(
    ("dark", "side", "plate"),
    [(False, 120, False), (True, 90, False), (False, 60, True), (True, 160, True)],
    ids=["light-photo", "dark-photo", "small-on-plate", "large-on-plate"],
)
def test_an_approved_logo_is_found_with_its_region(search, dark, side, plate) -> None:
    for which in (1, 4):
        image, box = _banner(OURS[which], seed=which * 7 + side, dark=dark, side=side, plate=plate)
        hits = search.search(image)
        assert [h.index for h in hits] == [which]
        assert box is not None and Box(*hits[0].region).iou(box) > 0.5


def test_another_brands_logo_and_plain_photos_stay_silent(search) -> None:
    others = [_glyph(seed, (200, 40, 40)) for seed in range(100, 106)]
    for seed, other in enumerate(others):
        image, _ = _banner(other, seed=seed, dark=seed % 2 == 0, side=120, plate=seed % 3 == 0)
        assert search.search(image) == []
    for seed in range(6):
        image, _ = _banner(None, seed=seed, dark=seed % 2 == 1, side=0, plate=False)
        assert search.search(image) == []


def test_a_repeated_shape_is_a_pattern_not_a_logo(search) -> None:
    """One approved mark tiled over the picture is wallpaper: no single logo to report."""
    canvas = _photo(3, dark=False).convert("RGBA")
    mark = OURS[2].resize((70, 70), Image.Resampling.LANCZOS)
    for x in range(100, 1100, 200):
        canvas.alpha_composite(mark, (x, 160))
    assert all(hit.index != 2 for hit in search.search(_jpeg(canvas)))


def test_a_region_is_proposed_around_a_flat_glyph_and_cut_out_without_its_photo() -> None:
    image, box = _banner(OURS[0], seed=5, dark=True, side=100, plate=False)
    assert box is not None
    proposals = propose(image)
    best = max(proposals.boxes, key=box.iou)
    assert best.iou(box) > 0.8
    cut = flat_colour_matte(image, best)
    assert cut is not None
    alpha = np.asarray(cut.image.getchannel("A"))
    assert cut.content().iou(box) > 0.8
    # The glyph's ink is opaque, the photo around it and inside its holes transparent.
    assert alpha[:6, :6].max() == 0 and alpha[-6:, -6:].max() == 0
    assert (alpha > 128).mean() == pytest.approx(
        (np.asarray(OURS[0].resize((100, 100)).getchannel("A")) > 128).mean(), abs=0.12
    )


def test_only_pictures_clearly_larger_than_a_logo_are_searched() -> None:
    assert is_banner_sized(1200, 400)
    assert not is_banner_sized(256, 256)
    assert not is_banner_sized(1200, 100)


def test_a_guideline_without_usable_logos_finds_nothing() -> None:
    blank = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    image, _ = _banner(OURS[0], seed=1, dark=False, side=120, plate=False)
    assert BannerSearch([blank]).search(image) == []
