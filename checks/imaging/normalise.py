"""Turn any logo picture into background-free "views" that hash the same however it is shown.

A logo reaches the web on white, on black, on a brand colour, transparent, padded or cropped
tight. Hashing the raw pixels mixes the logo with all of that (MEASURED: a transparent PNG
hashed directly was ~50/64 bits from itself on white). So each picture is reduced to maps of
"how far each pixel is from the background": the alpha channel when there is one, else the
colour distance to the background colour read off the border. Each map is cropped to its
content and re-padded by a fixed margin, so padding and slight crops cost almost nothing, and
a distance map does not care whether the logo is dark on light or light on dark.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

HASH_SIDE = 128  # longest side an image is reduced to before views are made
CONTENT_LEVEL = 0.12  # a pixel this far from the background (0..1) is content
BORDER_SHARE = 0.15  # a border colour this common may be the background
MARGIN = 0.06  # margin re-added around the cropped content, as a share of each side
LOOSE_FIT = 0.75  # content spanning less of the image than this is re-read at full detail
SOLID_SHARE = 0.9  # content filling this much of its box, evenly, is a plain plate
SOLID_SPREAD = 0.08
# A thin picture (a wordmark 128 × 14 px, as GIFs and small JPEGs show it) is enlarged until
# its short side reaches HASH_SIDE / 2, as large references are kept: at 14 rows the content box
# and margin round to whole pixels, a tenth of the height. Bilinear, at most MAX_UPSCALE×, and
# only when the long side is at least HASH_SIDE: favicon-sized pictures and the references'
# favicon-sized views are compared as they are (enlarging png_16 lost it 98.2 → 74 %; enlarging
# 64 px reference views made a wordmark's blurred view match 4 of 300 photo-like pictures).
# `python benchmarks/logo_bench.py --sample 300 --banners 0` (seed 7), identified: gif_palette
# 96.66 → 97.99 % (faithful 90.97 → 96.99 %), padded_25 97.99 → 98.33 %, on_grey, on_brand and
# cropped_3 +0.3-0.7, no transform lower, false matches 13 = 13, throughput 360 → 362/CPU-s.
MAX_UPSCALE = 8.0


@dataclass(frozen=True)
class View:
    """One background-free map of a picture, cropped to content and re-padded."""

    distance: np.ndarray  # float32 2-D, 0 = background, larger = farther from it
    aspect: float  # width / height of the content box
    cropped: bool = False  # a reference view of the logo cut at its edges
    enlarged: float = 1.0  # how much a thin picture was enlarged before hashing (else 1)


@dataclass(frozen=True)
class Prepared:
    """What hashing needs from one picture: its views and the colours of its content."""

    views: tuple[View, ...]
    colours: np.ndarray  # (n, 3) uint8 RGB samples of the content, for the colour signature


def hashing_scale(size: tuple[int, int], side: int = HASH_SIDE) -> float:
    """How much reduce_for_hashing scales a picture of `size`: below 1 shrinks, above enlarges."""
    short, long = min(size), max(size)
    # Long side at most `side`, but keep at least side/2 across, so wide logos keep detail.
    scale = min(1.0, max(side / long, min(1.0, (side / 2) / short)))
    if scale == 1.0 and short < side / 2 and long >= side:
        # A thin picture: enlarged so its short side is read at sub-pixel precision.
        return max(1.0, min(MAX_UPSCALE, (side / 2) / short, 4 * side / long))
    return scale


def enlargement(size: tuple[int, int]) -> float:
    """How much a thin picture of `size` is enlarged before hashing (1: not enlarged)."""
    return max(1.0, hashing_scale(size))


def reduce_for_hashing(image: Image.Image, side: int = HASH_SIDE) -> np.ndarray:
    """RGBA float32 array (0..1) of the picture at `hashing_scale`."""
    scale = hashing_scale(image.size, side)
    if scale != 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        if scale < 1.0:
            image = image.resize(size, Image.Resampling.BOX)
        else:
            image = image.convert("RGBA").resize(size, Image.Resampling.BILINEAR)
    if image.mode != "RGBA":
        image = image.convert("RGBA")  # (decode_image already gives RGBA: no copy then)
    return np.asarray(image, dtype=np.float32) / 255.0


def flatten(rgba: np.ndarray, background: tuple[float, float, float]) -> np.ndarray:
    """Composite an RGBA array onto a solid colour (0..1 RGB), as a browser would."""
    alpha = rgba[..., 3:4]
    return rgba[..., :3] * alpha + np.asarray(background, dtype=np.float32) * (1.0 - alpha)


def border_colours(rgb: np.ndarray, most: int = 2) -> list[np.ndarray]:
    """The commonest colours on the image border: candidates for the background.

    A logo saved without margin has its own colour on much of the border, so the runner-up
    (when it covers a fair share of the border) is tried as the background too.
    """
    edge = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
    codes = np.round(edge * 15).astype(np.int32)
    keys = codes[:, 0] * 256 + codes[:, 1] * 16 + codes[:, 2]
    values, counts = np.unique(keys, return_counts=True)
    order = np.argsort(-counts)[:most]
    return [
        edge[keys == values[i]].mean(axis=0)
        for rank, i in enumerate(order)
        if rank == 0 or counts[i] >= BORDER_SHARE * len(edge)
    ]


def background_candidates(rgb: np.ndarray) -> list[np.ndarray]:
    """Border colours, plus white and black: a logo saved without margin hides its background."""
    candidates = border_colours(rgb)
    for plain in (np.ones(3, dtype=np.float32), np.zeros(3, dtype=np.float32)):
        if all(np.abs(plain - c).max() > 2 * CONTENT_LEVEL for c in candidates):
            candidates.append(plain)
    return candidates


def distance_map(rgb: np.ndarray, background: np.ndarray) -> np.ndarray:
    """Per-pixel colour distance to the background (largest channel difference, 0..1)."""
    gap = np.abs(rgb - np.asarray(background, dtype=np.float32))
    return np.maximum(np.maximum(gap[..., 0], gap[..., 1]), gap[..., 2])  # faster than max(2)


def crop_view(distance: np.ndarray, enlarged: float = 1.0) -> View | None:
    """Crop a distance map to its content and re-pad by MARGIN; None if there is no content.

    `enlarged`: the factor reduce_for_hashing enlarged a thin picture by (1: not enlarged).
    """
    content = distance > CONTENT_LEVEL
    rows = np.flatnonzero(content.any(axis=1))
    cols = np.flatnonzero(content.any(axis=0))
    if rows.size == 0 or cols.size == 0:
        return None
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    crop = distance[top:bottom, left:right]
    inside = crop[content[top:bottom, left:right]]
    if inside.size > SOLID_SHARE * crop.size and inside.std() < SOLID_SPREAD:
        return None  # a plain filled box (a background plate, a frame) has no shape to match
    height, width = crop.shape
    # The margin is a share of each side, so a stretched copy squashes to the same grid.
    pad_y, pad_x = max(1, round(MARGIN * height)), max(1, round(MARGIN * width))
    padded = np.zeros((height + 2 * pad_y, width + 2 * pad_x), dtype=np.float32)
    padded[pad_y : pad_y + height, pad_x : pad_x + width] = crop  # np.pad, without its overhead
    return View(distance=padded, aspect=width / height, enlarged=enlarged)


def has_transparency(rgba: np.ndarray) -> bool:
    return bool((rgba[..., 3] < 0.95).mean() > 0.01)


def content_box(distance: np.ndarray) -> tuple[int, int, int, int] | None:
    """(top, bottom, left, right) of the pixels far enough from the background."""
    content = distance > CONTENT_LEVEL
    rows = np.flatnonzero(content.any(axis=1))
    cols = np.flatnonzero(content.any(axis=0))
    if rows.size == 0 or cols.size == 0:
        return None
    return int(rows[0]), int(rows[-1]) + 1, int(cols[0]), int(cols[-1]) + 1


def prepare(image: Image.Image, refine: bool = True) -> Prepared:
    """Views of a picture as a web page would show it (queries and references alike).

    A logo padded with a wide margin would keep only a fraction of the hashing pixels, so
    when its content spans little of the picture, the content region is cut from the full
    picture and prepared again at full detail.
    """
    prepared, box = _prepare_picture(image)
    if not refine or box is None:
        return prepared
    (top, bottom, left, right), (height, width) = box
    if (bottom - top) >= LOOSE_FIT * height and (right - left) >= LOOSE_FIT * width:
        return prepared
    sx, sy = image.width / width, image.height / height
    grow = 2  # keep a little background around the content for the border colours
    region = (
        max(0, round((left - grow) * sx)),
        max(0, round((top - grow) * sy)),
        min(image.width, round((right + grow) * sx)),
        min(image.height, round((bottom + grow) * sy)),
    )
    detailed, _ = _prepare_picture(image.crop(region))
    return detailed if detailed.views else prepared


def _prepare_picture(image: Image.Image) -> tuple[Prepared, tuple[tuple, tuple] | None]:
    enlarged = enlargement(image.size)
    if enlarged == 1.0:
        return _prepare(reduce_for_hashing(image))
    # Border and content colours are read off the picture itself: enlarging blends the
    # background with the logo where they meet, so a background colour on 15 % of the border
    # can drop below BORDER_SHARE (a wordmark on grey, 256 × 34 px: 16 % → 12 %), and the
    # blends would shift the colour signature (a wordmark on its brand colour read as
    # recoloured).
    picture = np.asarray(image.convert("RGBA"), dtype=np.float32) / 255.0
    return _prepare(reduce_for_hashing(image), enlarged, picture)


def _prepare(
    rgba: np.ndarray, enlarged: float = 1.0, picture: np.ndarray | None = None
) -> tuple[Prepared, tuple[tuple, tuple] | None]:
    """Views of a reduced RGBA array and its main content box. `enlarged`: see crop_view;
    `picture`: the RGBA picture before enlargement, for its border and content colours."""
    # Channel planes: the per-pixel arithmetic below runs on contiguous 2-D arrays, several
    # times faster than on the interleaved RGBA layout, with the same float32 operations
    # (so the same values) as flatten() + distance_map().
    planes = np.ascontiguousarray(np.moveaxis(rgba, 2, 0))
    alpha = planes[3]
    maps: list[np.ndarray] = []
    source = rgba if picture is None else picture  # where colours are read
    if has_transparency(rgba):
        maps.extend((alpha, *_alpha_distance_maps(planes)))
        content = source[..., 3] > 0.5
    else:
        candidates = background_candidates(source[..., :3])
        maps.extend(_plane_distance(planes, colour) for colour in candidates)
        content = (
            maps[0] if picture is None else distance_map(picture[..., :3], candidates[0])
        ) > 2 * CONTENT_LEVEL
    views = tuple(v for v in (crop_view(m, enlarged) for m in maps) if v is not None)
    box = content_box(maps[0]) if maps else None
    return Prepared(views=views, colours=_sample(source[..., :3][content])), (
        (box, maps[0].shape) if box else None
    )


def _alpha_distance_maps(planes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """distance_map(flatten(rgba, bg), bg) on white and on black, sharing the products.

    Flattened on black a channel is rgb·alpha (+ 0·(1 − alpha) = +0), at distance rgb·alpha
    from black; on white it is rgb·alpha + (1 − alpha), at |that − 1| from white.
    """
    alpha = planes[3]
    rest = np.float32(1.0) - alpha
    on_black = None
    on_white = None
    for channel in planes[:3]:
        inked = channel * alpha
        gap = np.abs((inked + rest) - np.float32(1.0))
        on_black = inked if on_black is None else np.maximum(on_black, inked)
        on_white = gap if on_white is None else np.maximum(on_white, gap)
    assert on_white is not None and on_black is not None
    return on_white, on_black


def _plane_distance(planes: np.ndarray, background: np.ndarray) -> np.ndarray:
    """distance_map() on channel planes: the largest channel difference to the background."""
    colour = np.asarray(background, dtype=np.float32)
    gaps = [np.abs(planes[c] - colour[c]) for c in range(3)]
    return np.maximum(np.maximum(gaps[0], gaps[1]), gaps[2])


def _sample(pixels: np.ndarray, limit: int = 4096) -> np.ndarray:
    if len(pixels) > limit:
        pixels = pixels[:: len(pixels) // limit + 1]
    return np.round(pixels * 255).astype(np.uint8)
