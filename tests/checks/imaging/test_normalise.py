"""Normalisation: the fast per-plane paths give exactly what the plain definitions give, thin
pictures are enlarged before hashing, a padded logo's content is hashed as a tight copy's, and a
plate's view is the drawing cut out of it."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from brandaudit.checks.imaging.fingerprints import fingerprint_image, view_bits
from brandaudit.checks.imaging.matching import ReferenceIndex, ReferenceLogo
from brandaudit.checks.imaging.picture.content_fit import content_edges
from brandaudit.checks.imaging.picture.distance_planes import alpha_distance_maps, plane_distance
from brandaudit.checks.imaging.picture.normalise import _prepare_picture, prepare
from brandaudit.checks.imaging.picture.resolution import hashing_scale, reduce_for_hashing
from brandaudit.checks.imaging.picture.views import (
    CONTENT_LEVEL,
    MARGIN,
    crop_view,
    distance_map,
    flatten,
)
from brandaudit.checks.imaging.references import fingerprint_reference


def _rgba(seed: int, shape: tuple[int, int] = (37, 53)) -> np.ndarray:
    """Random RGBA in 0..1 as reduce_for_hashing makes it (k/255 in float32)."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (*shape, 4)).astype(np.float32) / 255.0


def _planes(rgba: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.moveaxis(rgba, 2, 0))


def test_alpha_maps_equal_flatten_then_distance_bit_for_bit() -> None:
    for seed in range(5):
        rgba = _rgba(seed)
        on_white, on_black = alpha_distance_maps(_planes(rgba))
        white, black = np.ones(3, np.float32), np.zeros(3, np.float32)
        assert np.array_equal(on_white, distance_map(flatten(rgba, (1.0, 1.0, 1.0)), white))
        assert np.array_equal(on_black, distance_map(flatten(rgba, (0.0, 0.0, 0.0)), black))


def test_plane_distance_equals_distance_map() -> None:
    rgba = _rgba(9)
    for colour in (np.asarray([0.2, 0.5, 0.9], np.float32), np.ones(3, np.float32)):
        assert np.array_equal(
            plane_distance(_planes(rgba), colour), distance_map(rgba[..., :3], colour)
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


def _line_art() -> Image.Image:
    """Thin rings and strokes, drawn large and reduced: the kind of logo whose hash bits
    depend on the resolution its content is reduced to."""
    big = Image.new("RGBA", (1600, 1100), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    for i in range(5):
        draw.ellipse((i * 90, i * 60, 1599 - i * 120, 1099 - i * 50), outline="black", width=14)
    for i in range(6):
        draw.line((i * 260, 1099, 1599 - i * 200, 0), fill="black", width=12)
    return big.resize((800, 550), Image.Resampling.LANCZOS)


def _fit(image: Image.Image, side: int) -> Image.Image:
    scale = side / max(image.size)
    size = (round(image.width * scale), round(image.height * scale))
    return image.resize(size, Image.Resampling.LANCZOS)


def _on_white(image: Image.Image, margin: float) -> Image.Image:
    pad = round(margin * max(image.size))
    canvas = Image.new("RGBA", (image.width + 2 * pad, image.height + 2 * pad), "white")
    canvas.alpha_composite(image, (pad, pad))
    return canvas.convert("RGB")


def _nearest(views: tuple, references: tuple) -> int:
    bits = [view_bits(r) for r in references]
    return min(int((view_bits(v) != b).sum()) for v in views for b in bits)


@pytest.mark.parametrize("side", [200, 300])
@pytest.mark.parametrize("margin", [0.10, 0.25])
def test_a_padded_logos_content_is_hashed_as_a_tight_copys(side, margin) -> None:
    """Padding leaves the views of the content as a tight copy's: before, a 10 % margin
    (content 83 % of the picture) hashed the content at ~107 px instead of 128, and 25 % re-read
    it at ~121 px on a shifted grid: 88-137 bits from the tight copy; now 14-39."""
    art = _fit(_line_art(), side)
    tight = prepare(_on_white(art, 0.0))
    padded = prepare(_on_white(art, margin))
    assert padded.views[0].distance.shape == tight.views[0].distance.shape
    assert _nearest(padded.views, tight.views) <= 40


def test_a_gradient_plate_is_not_cut_to_one_corners_colour() -> None:
    """Read against one corner's colour, a gradient plate's content box is a part of it, up
    against two picture edges: that is no padded logo, and its views keep the whole plate."""
    ramp = np.linspace(0, 1, 256, dtype=np.float32)
    rgb = np.zeros((256, 256, 3), np.uint8)
    rgb[..., 1] = np.round(80 + 120 * np.add.outer(ramp, ramp) / 2).astype(np.uint8)
    plate = Image.fromarray(rgb, "RGB")
    ImageDraw.Draw(plate).ellipse((60, 60, 196, 196), outline="white", width=12)
    views = prepare(plate).views
    assert any(v.distance.shape == (144, 144) for v in views)  # the whole plate, re-padded


def _plate(drawing: str, hole: bool = True) -> Image.Image:
    """An orange square with a drawing cut out of it (see-through) or painted white on it."""
    image = Image.new("RGBA", (256, 256), (255, 100, 50, 255))
    draw = ImageDraw.Draw(image)
    ink = (0, 0, 0, 0) if hole else (255, 255, 255, 255)
    if drawing == "bolt":
        bolt = [(140, 40), (90, 130), (135, 130), (110, 216), (170, 112), (125, 112)]
        draw.polygon(bolt, ink)
    elif drawing == "ring":
        draw.ellipse((80, 80, 176, 176), outline=ink, width=14)
    return image


def test_a_plate_is_viewed_as_the_drawing_cut_out_of_it() -> None:
    """A plate with a small drawing cut out used to give no view at all (a plain box): its
    copies, small, transparent or padded on white, now match its large picture."""
    plate = _plate("bolt")
    reference = prepare(_fit(plate, 512)).views
    assert reference, "the plate's drawing should give a view"
    small = _fit(plate, 128)
    assert _nearest(prepare(small).views, reference) <= 8
    assert _nearest(prepare(_on_white(_fit(plate, 256), 0.25)).views, reference) <= 8
    ring = prepare(_plate("ring"))
    assert ring.views and _nearest(ring.views, reference) > 100  # another drawing: far


def test_an_empty_plate_has_no_view_and_rounded_corners_are_not_holes() -> None:
    assert prepare(_plate("none")).views == ()
    rounded = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    ImageDraw.Draw(rounded).rounded_rectangle((0, 0, 255, 255), 60, fill=(30, 90, 200, 255))
    assert prepare(rounded).views == ()


def _lettered_plate(side: int) -> Image.Image:
    """White letters on a red square filling the picture (a wordmark on its plate)."""
    image = Image.new("RGB", (side, side), (255, 0, 0))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=side * 0.35)
    draw.text((side * 0.12, side * 0.14), "UNI", fill="white", font=font)
    draw.text((side * 0.12, side * 0.55), "QLO", fill="white", font=font)
    return image


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGBA")


def _edges(image: Image.Image) -> tuple[float, float, float, float]:
    _, (box, shape, background) = _prepare_picture(image)
    return content_edges(image, box, shape, background, CONTENT_LEVEL)


@pytest.mark.parametrize("quality", [25, 35, 50])
def test_jpeg_ringing_around_the_content_is_not_taken_for_its_edge(quality) -> None:
    """The letters read on a plate's colour are re-read at a tight copy's resolution. A JPEG's
    ringing a few pixels off the letters passed the content level on the coarse reduction, and
    the edge search near that box found only ringing: q25 edges 10 px off, q35 3 px (the copy
    then hashed 81 bits from the logo, the PNG 34); now within a pixel, 30 bits."""
    picture = _lettered_plate(200)
    clean = _edges(picture.convert("RGBA"))
    compressed = _jpeg(picture, quality)
    assert np.abs(np.subtract(_edges(compressed), clean)).max() <= 1
    reference = prepare(_lettered_plate(512).convert("RGBA")).views
    if quality == 35:
        assert _nearest(prepare(compressed).views, reference) <= 40


def _app_icon(side: int = 512) -> Image.Image:
    """A navy rounded square with blue letters painted on it (not cut out): an app icon."""
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, side - 1, side - 1), radius=side // 6, fill=(0, 30, 54, 255))
    font = ImageFont.load_default(size=side * 0.45)
    draw.text((side * 0.2, side * 0.22), "Lr", fill=(49, 168, 255, 255), font=font)
    return image


@pytest.mark.parametrize(("side", "margin"), [(200, 0.25), (300, 0.25), (256, 0.10)])
def test_an_app_icon_padded_on_white_is_viewed_without_the_margin(side, margin) -> None:
    """Against white the icon is a plain plate (no view); against black its letters show,
    but the page's white margin framed them (215-217 bits from the logo's views). The margin
    is no ink in that map either: 0-4 bits."""
    logo = _app_icon()
    icon = logo.resize((side, side), Image.Resampling.LANCZOS)
    assert _nearest(prepare(_on_white(icon, margin)).views, prepare(logo).views) <= 8


def _lined_plate(side: int) -> Image.Image:
    """An orange rounded square with a "K" of see-through lines running out to its edge."""
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, side - 1, side - 1), radius=side // 8, fill=(255, 160, 0, 255))
    s, clear = side / 256, (0, 0, 0, 0)
    draw.line([(110 * s, 40 * s), (110 * s, 216 * s)], fill=clear, width=round(6 * s))
    draw.line([(110 * s, 128 * s), (256 * s, 30 * s)], fill=clear, width=round(6 * s))
    draw.line([(110 * s, 128 * s), (256 * s, 226 * s)], fill=clear, width=round(6 * s))
    return image


def test_a_plate_cut_from_its_side_keeps_its_view_without_anti_aliasing() -> None:
    """Saved with one transparent index (a palette GIF), the plate's ink is one even level on
    over 90 % of its box and its cuts are open to the edge, not enclosed holes: it read as a
    plain plate and had no view at all. Its rounded corners alone still make no view."""
    reference = prepare(_lined_plate(512)).views
    small = np.asarray(_lined_plate(512).resize((128, 128), Image.Resampling.LANCZOS)).copy()
    small[..., 3] = np.where(small[..., 3] >= 128, 255, 0)  # one-bit transparency
    views = prepare(Image.fromarray(small, "RGBA")).views
    assert views and _nearest(views, reference) <= 8
    rounded = Image.new("RGBA", (128, 128), (0, 0, 0, 0))
    ImageDraw.Draw(rounded).rounded_rectangle((0, 0, 127, 127), 20, fill=(255, 160, 0, 255))
    assert prepare(rounded).views == ()


def _tile(side: int) -> Image.Image:
    """A green square filling its picture with a white "H" and a white block painted on it."""
    image = Image.new("RGBA", (side, side), (40, 160, 80, 255))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=side * 0.3)
    draw.text((side * 0.25, side * 0.33), "H", fill="white", font=font)
    draw.rectangle((side * 0.55, side * 0.38, side * 0.72, side * 0.6), fill="white")
    return image


def test_a_plate_filling_its_picture_keeps_its_whole_view_when_its_drawing_is_re_read() -> None:
    """Opaque, the plate's colour is the border colour, so the drawing on it is the content
    and is re-read alone; the views of the whole picture (against white or black) went with
    the first reading, and the logo's own views are of the whole plate: a JPEG q35 copy was
    judged redrawn at 52 bits. Now faithful within a few bits."""
    logo = _tile(512)
    index = ReferenceIndex(
        [ReferenceLogo("tile", "approved", fingerprint_reference(logo, 512, 512))]
    )
    copy = _jpeg(logo.resize((300, 300), Image.Resampling.LANCZOS), 35)
    match = index.match(fingerprint_image(copy, copy.width, copy.height))
    assert match is not None and match.verdict == "faithful" and match.distance <= 10
