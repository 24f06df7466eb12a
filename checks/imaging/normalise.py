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


@dataclass(frozen=True)
class View:
    """One background-free map of a picture, cropped to content and re-padded."""

    distance: np.ndarray  # float32 2-D, 0 = background, larger = farther from it
    aspect: float  # width / height of the content box
    cropped: bool = False  # a reference view of the logo cut at its edges


@dataclass(frozen=True)
class Prepared:
    """What hashing needs from one picture: its views and the colours of its content."""

    views: tuple[View, ...]
    colours: np.ndarray  # (n, 3) uint8 RGB samples of the content, for the colour signature


def reduce_for_hashing(image: Image.Image, side: int = HASH_SIDE) -> np.ndarray:
    """RGBA float32 array (0..1) of the picture at most `side` pixels on its long side."""
    # Long side at most `side`, but keep at least side/2 across, so wide logos keep detail.
    scale = max(side / max(image.size), min(1.0, (side / 2) / min(image.size)))
    if scale < 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.BOX)
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


def crop_view(distance: np.ndarray) -> View | None:
    """Crop a distance map to its content and re-pad by MARGIN; None if there is no content."""
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
    return View(distance=padded, aspect=width / height)


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
    prepared, box = _prepare(reduce_for_hashing(image))
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
    detailed, _ = _prepare(reduce_for_hashing(image.crop(region)))
    return detailed if detailed.views else prepared


def _prepare(rgba: np.ndarray) -> tuple[Prepared, tuple[tuple, tuple] | None]:
    """Views of a reduced RGBA array, and the content box of its main view."""
    # Channel planes: the per-pixel arithmetic below runs on contiguous 2-D arrays, several
    # times faster than on the interleaved RGBA layout, with the same float32 operations
    # (so the same values) as flatten() + distance_map().
    planes = np.ascontiguousarray(np.moveaxis(rgba, 2, 0))
    alpha = planes[3]
    maps: list[np.ndarray] = []
    if has_transparency(rgba):
        maps.extend((alpha, *_alpha_distance_maps(planes)))
        content = alpha > 0.5
    else:
        candidates = background_candidates(rgba[..., :3])
        maps.extend(_plane_distance(planes, colour) for colour in candidates)
        content = maps[0] > 2 * CONTENT_LEVEL
    views = tuple(v for v in (crop_view(m) for m in maps) if v is not None)
    box = content_box(maps[0]) if maps else None
    return Prepared(views=views, colours=_sample(rgba[..., :3][content])), (
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
