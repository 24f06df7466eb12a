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

from brandaudit.checks.imaging.picture.plate_views import cut_from_a_side
from brandaudit.checks.imaging.picture.plates import plate_holes

CONTENT_LEVEL = 0.12  # a pixel this far from the background (0..1) is content
BORDER_SHARE = 0.15  # a border colour this common may be the background
MARGIN = 0.06  # margin re-added around the cropped content, as a share of each side
SOLID_SHARE = 0.9  # content filling this much of its box, evenly, is a plain plate
SOLID_SPREAD = 0.08


@dataclass(frozen=True)
class View:
    """One background-free map of a picture, cropped to content and re-padded."""

    distance: np.ndarray  # float32 2-D, 0 = background, larger = farther from it
    aspect: float  # width / height of the content box
    cropped: bool = False  # a reference view of the logo cut at its edges
    enlarged: float = 1.0  # how much a thin picture was enlarged before hashing (else 1)


def flatten(rgba: np.ndarray, background: tuple[float, float, float]) -> np.ndarray:
    """Composite an RGBA array onto a solid colour (0..1 RGB), as a browser would."""
    alpha = rgba[..., 3:4]
    return rgba[..., :3] * alpha + np.asarray(background, dtype=np.float32) * (1.0 - alpha)


def border_colours(rgb: np.ndarray, most: int = 2) -> list[np.ndarray]:
    """The commonest colours on the image border: candidates for the background.

    A logo saved without margin has its own colour on much of the border, so the runner-up
    (when it covers a fair share of the border) is tried as the background too.
    """
    edge, keys = _border_keys(rgb)
    values, counts = np.unique(keys, return_counts=True)
    order = np.argsort(-counts)[:most]
    return [
        edge[keys == values[i]].mean(axis=0)
        for rank, i in enumerate(order)
        if rank == 0 or counts[i] >= BORDER_SHARE * len(edge)
    ]


def border_share(rgb: np.ndarray) -> float:
    """The share of the image border in its commonest colour (quantised as border_colours
    reads it)."""
    _, keys = _border_keys(rgb)
    return float(np.unique(keys, return_counts=True)[1].max() / len(keys))


def _border_keys(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The border pixels, and each one's colour quantised to 16 levels per channel."""
    edge = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
    codes = np.round(edge * 15).astype(np.int32)
    return edge, codes[:, 0] * 256 + codes[:, 1] * 16 + codes[:, 2]


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


def crop_view(distance: np.ndarray, enlarged: float = 1.0, plate: bool = True) -> View | None:
    """Crop a distance map to its content and re-pad by MARGIN; None if there is no content.

    `enlarged`: the factor reduce_for_hashing enlarged a thin picture by (1: not enlarged);
    `plate`: a plain filled box is viewed as the holes cut out of it (else: no view).
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
        # A plain filled box (a background plate, a frame) has no shape to match but the
        # drawing cut out of it, if any (checks/imaging/picture/plates.py).
        level = float(np.median(inside))
        holes = plate_holes(crop, level) if plate else None
        if holes is not None:
            return crop_view(holes, enlarged, plate=False)
        if not (plate and cut_from_a_side(crop, level)):
            return None
        # (else a drawing cut in from its sides: the plate and its cuts are the shape)
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
