"""Normalisation: the fast per-plane paths give exactly what the plain definitions give, and
thin pictures are enlarged before hashing."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from checks.imaging.fingerprint import fingerprint_image, fingerprint_reference
from checks.imaging.matcher import ReferenceIndex, ReferenceLogo
from checks.imaging.normalise import (
    MARGIN,
    _alpha_distance_maps,
    _plane_distance,
    crop_view,
    distance_map,
    flatten,
    hashing_scale,
    prepare,
    reduce_for_hashing,
)


def _rgba(seed: int, shape: tuple[int, int] = (37, 53)) -> np.ndarray:
    """Random RGBA in 0..1 as reduce_for_hashing makes it (k/255 in float32)."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (*shape, 4)).astype(np.float32) / 255.0


def _planes(rgba: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.moveaxis(rgba, 2, 0))


def test_alpha_maps_equal_flatten_then_distance_bit_for_bit() -> None:
    for seed in range(5):
        rgba = _rgba(seed)
        on_white, on_black = _alpha_distance_maps(_planes(rgba))
        white, black = np.ones(3, np.float32), np.zeros(3, np.float32)
        assert np.array_equal(on_white, distance_map(flatten(rgba, (1.0, 1.0, 1.0)), white))
        assert np.array_equal(on_black, distance_map(flatten(rgba, (0.0, 0.0, 0.0)), black))


def test_plane_distance_equals_distance_map() -> None:
    rgba = _rgba(9)
    for colour in (np.asarray([0.2, 0.5, 0.9], np.float32), np.ones(3, np.float32)):
        assert np.array_equal(
            _plane_distance(_planes(rgba), colour), distance_map(rgba[..., :3], colour)
        )


def test_crop_view_crops_to_content_and_pads_by_margin() -> None:
    distance = np.zeros((40, 60), np.float32)
    distance[10:20, 5:45] = np.linspace(0.3, 1.0, 40, dtype=np.float32)[None, :]
    view = crop_view(distance)
    assert view is not None
    pad_y, pad_x = max(1, round(MARGIN * 10)), max(1, round(MARGIN * 40))
    assert view.distance.shape == (10 + 2 * pad_y, 40 + 2 * pad_x)
    assert view.distance.dtype == np.float32
    assert view.aspect == 4.0
    inner = view.distance[pad_y:-pad_y, pad_x:-pad_x]
    assert np.array_equal(inner, distance[10:20, 5:45])
    assert view.distance.sum() == inner.sum()  # the margin is background
    assert crop_view(np.zeros((8, 8), np.float32)) is None


def test_reduce_accepts_any_mode_and_caps_the_long_side() -> None:
    rgb = Image.new("RGB", (512, 256), (255, 0, 0))
    reduced = reduce_for_hashing(rgb)
    assert reduced.shape == (64, 128, 4) and reduced.dtype == np.float32
    assert np.allclose(reduced[0, 0], [1.0, 0.0, 0.0, 1.0])
    grey = reduce_for_hashing(Image.new("L", (10, 10), 0))
    assert np.allclose(grey[..., 3], 1.0)


def test_transparent_and_flattened_logo_share_a_view() -> None:
    """A dark mark on transparency and the same mark on white give the same distance map."""
    image = Image.new("RGBA", (120, 60), (0, 0, 0, 0))
    ImageDraw.Draw(image).polygon([(10, 50), (60, 5), (110, 50)], fill=(20, 20, 120, 255))
    on_white = Image.new("RGBA", image.size, (255, 255, 255, 255))
    on_white.alpha_composite(image)
    transparent, flat = prepare(image), prepare(on_white.convert("RGB"))
    assert transparent.views and flat.views
    shapes = {v.distance.shape for v in transparent.views}
    assert flat.views[0].distance.shape in shapes


def test_thin_picture_is_enlarged_but_favicons_and_large_pictures_are_not() -> None:
    assert hashing_scale((128, 14)) == 4.0  # 128 × 14 → 512 × 56: capped at 4 × HASH_SIDE long
    assert reduce_for_hashing(Image.new("RGBA", (128, 14))).shape == (56, 512, 4)
    assert hashing_scale((200, 40)) == pytest.approx(1.6)  # short side brought to 64
    assert reduce_for_hashing(Image.new("RGBA", (18, 6))).shape == (6, 18, 4)  # favicon size
    assert reduce_for_hashing(Image.new("RGBA", (64, 8))).shape == (8, 64, 4)  # a 64 px view
    assert reduce_for_hashing(Image.new("RGBA", (1024, 100))).shape == (64, 655, 4)
    assert reduce_for_hashing(Image.new("RGBA", (100, 100))).shape == (100, 100, 4)


def test_views_of_an_enlarged_picture_report_the_pictures_own_size() -> None:
    """The matcher's small-content allowance reads the side in pixels of the picture."""
    image = Image.new("RGBA", (128, 14), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((0, 0, 127, 13), outline=(0, 0, 0, 255), width=3)
    views = prepare(image).views
    assert views and all(v.enlarged == 4.0 for v in views)
    assert all(v.distance.shape[0] > 56 for v in views)  # hashed at the enlarged size
    fingerprint = fingerprint_image(image, *image.size)
    sides = fingerprint.sides
    assert sides.min() >= 128 and sides.max() <= 128 * (1 + 2 * MARGIN) + 2


WORDMARKS = ("NOVABRIDGE", "ORBITALIS", "QUANTUMRAY", "HELIOWAVE", "SILVERPEAK", "KESTRELCO")
WORDMARKS += ("LUMENFIELD", "ASTERWORKS")


def _wordmark(text: str) -> Image.Image:
    font = ImageFont.load_default(size=96)
    box = font.getbbox(text)
    image = Image.new("RGBA", (box[2] + 8, box[3] + 8), (0, 0, 0, 0))
    ImageDraw.Draw(image).text((4, 4), text, font=font, fill=(20, 60, 200, 255))
    return image.crop(image.getchannel("A").getbbox())


def _palette_gif(image: Image.Image, side: int) -> Image.Image:
    """A GIF as image editors export it: on white, 255 colours, transparent where alpha < 128
    (hard edges, the antialiasing left as a light halo)."""
    scale = side / max(image.size)
    small = image.resize(
        (round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS
    )
    plate = Image.new("RGBA", small.size, (255, 255, 255, 255))
    plate.alpha_composite(small)
    palette = plate.convert("RGB").quantize(255)
    indices = np.asarray(palette).copy()
    indices[np.asarray(small.getchannel("A")) < 128] = 255
    out = Image.fromarray(indices, "P")
    out.putpalette(palette.getpalette())
    buffer = io.BytesIO()
    out.save(buffer, "GIF", transparency=255)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGBA")


@pytest.fixture(scope="module")
def wordmark_index() -> ReferenceIndex:
    logos = []
    for text in WORDMARKS:
        mark = _wordmark(text)
        large = mark.resize((512, round(mark.height * 512 / mark.width)), Image.Resampling.LANCZOS)
        logos.append(ReferenceLogo(text, "approved", fingerprint_reference(large, *large.size)))
    return ReferenceIndex(logos)


@pytest.mark.parametrize("text", ["NOVABRIDGE", "ORBITALIS", "HELIOWAVE", "LUMENFIELD"])
def test_a_thin_wordmark_saved_as_a_small_gif_is_found(wordmark_index, text) -> None:
    """160 px wide, 18-24 rows: hashed as they are, content box and margin round to whole
    rows, and none of these was found (86-112 bits from its logo; enlarged: 52-62)."""
    gif = _palette_gif(_wordmark(text), 160)
    assert gif.height < 32  # thin: hashed at a quarter of the rows a large logo keeps
    match = wordmark_index.match(fingerprint_image(gif, *gif.size))
    assert match is not None and match.logo == text, match
