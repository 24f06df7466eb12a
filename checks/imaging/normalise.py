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

from checks.imaging.content_fit import GROW, content_edges, reduce_content
from checks.imaging.distance_planes import alpha_distance_maps, plane_distance
from checks.imaging.plate_views import cut_from_a_side, without_margin
from checks.imaging.plates import plate_holes
from checks.imaging.resolution import (
    enlargement,
    hashing_scale,
    reduce_for_hashing,
)

CONTENT_LEVEL = 0.12  # a pixel this far from the background (0..1) is content
BORDER_SHARE = 0.15  # a border colour this common may be the background
MARGIN = 0.06  # margin re-added around the cropped content, as a share of each side
LOOSE_FIT = 0.75  # content spanning less of the image than this is re-read at full detail
# Content reduced this much more than a tight copy of it is re-read (content_fit.py). 0.02
# re-read the sample NovaBridge wordmark (a 1 % margin, but its short side sets the scale:
# ratio 1.11) and its JPEG q60 then hashed 72 bits off; 0.15 still re-reads 10 % padding (1.2).
FIT_SLACK = 0.15
SOLID_SHARE = 0.9  # content filling this much of its box, evenly, is a plain plate
SOLID_SPREAD = 0.08


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
        # drawing cut out of it, if any (checks/imaging/plates.py).
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


def prepare(image: Image.Image, refine: bool = True) -> Prepared:
    """Views of a picture as a web page would show it (queries and references alike).

    When a margin changes the resolution the content is reduced to (a padded logo), the
    content is re-read from the full picture at the resolution of a tight copy of it
    (checks/imaging/content_fit.py); a logo padded so wide that it kept only a fraction of
    the hashing pixels is re-read so too.
    """
    prepared, found = _prepare_picture(image)
    if not refine or found is None:
        return prepared
    (top, bottom, left, right), (height, width), background = found
    scale = hashing_scale(image.size)
    loose = (bottom - top) < LOOSE_FIT * height or (right - left) < LOOSE_FIT * width
    # A box against one edge of the picture but not the opposite one is more likely part of
    # the logo (a gradient plate read against one corner's colour) than a padded logo.
    lopsided = ((top == 0) != (bottom == height)) or ((left == 0) != (right == width))
    if not loose and (scale >= 1.0 or lopsided):
        return prepared
    sx, sy = image.width / width, image.height / height
    coarse = hashing_scale(((right - left) * sx, (bottom - top) * sy))
    if not loose and abs(coarse / scale - 1.0) <= FIT_SLACK / 2:
        return prepared  # tight enough without measuring the content's edges exactly
    edges = content_edges(
        image, (top, bottom, left, right), (height, width), background, CONTENT_LEVEL
    )
    content = (edges[2] - edges[0], edges[3] - edges[1])
    target = hashing_scale(content)
    if not loose and abs(target / scale - 1.0) <= FIT_SLACK:
        return prepared  # already reduced as a tight copy would be
    if target >= 1.0 or enlargement(content) > 1.0:
        region = (
            max(0, round((left - GROW) * sx)),
            max(0, round((top - GROW) * sy)),
            min(image.width, round((right + GROW) * sx)),
            min(image.height, round((bottom + GROW) * sy)),
        )
        detailed, _ = _prepare_picture(image.crop(region))
    else:
        detailed, _ = _prepare(reduce_content(image, edges, target))
    if not detailed.views:
        return prepared
    # Views of the whole picture (a plate filling it, read against white or black) are kept:
    # the re-read region holds only the content found against the border colour, and a plate
    # logo's own views are of the whole plate (new:hackerrank as JPEG q75: judged cropped at
    # 43 bits through a cut view, now faithful at 4). Own-logo-alone probe of the full run's
    # misses: jpeg_q35 12 -> 24 of 63 found, padded_25 10 -> 22 of 49, gif_palette 4 -> 10.
    pad = 1 + 2 * MARGIN
    whole = tuple(
        v
        for v in prepared.views
        if abs(v.distance.shape[0] - height * pad) <= 2
        and abs(v.distance.shape[1] - width * pad) <= 2
    )
    return Prepared(views=detailed.views + whole, colours=detailed.colours)


def _prepare_picture(image: Image.Image) -> tuple[Prepared, tuple | None]:
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
) -> tuple[Prepared, tuple | None]:
    """Views of a reduced RGBA array and its main content box. `enlarged`: see crop_view;
    `picture`: the RGBA picture before enlargement, for its border and content colours."""
    # Channel planes: the per-pixel arithmetic below runs on contiguous 2-D arrays, several
    # times faster than on the interleaved RGBA layout, with the same float32 operations
    # (so the same values) as flatten() + distance_map().
    planes = np.ascontiguousarray(np.moveaxis(rgba, 2, 0))
    alpha = planes[3]
    maps: list[np.ndarray] = []
    source = rgba if picture is None else picture  # where colours are read
    background = None  # what the first map is the distance to: None for alpha
    if has_transparency(rgba):
        maps.extend((alpha, *alpha_distance_maps(planes)))
        content = source[..., 3] > 0.5
    else:
        candidates = background_candidates(source[..., :3])
        background = candidates[0]
        maps.extend(plane_distance(planes, colour) for colour in candidates)
        content = (
            maps[0] if picture is None else distance_map(picture[..., :3], candidates[0])
        ) > 2 * CONTENT_LEVEL
    box = content_box(maps[0]) if maps else None
    first = crop_view(maps[0], enlarged) if maps else None
    if first is None and background is not None and box:
        maps = without_margin(maps, box, CONTENT_LEVEL)  # a plate painted on (plate_views.py)
    rest = (crop_view(m, enlarged) for m in maps[1:])
    views = tuple(v for v in (first, *rest) if v is not None)
    return Prepared(views=views, colours=_sample(source[..., :3][content])), (
        (box, maps[0].shape, background) if box else None
    )


def _sample(pixels: np.ndarray, limit: int = 4096) -> np.ndarray:
    if len(pixels) > limit:
        pixels = pixels[:: len(pixels) // limit + 1]
    return np.round(pixels * 255).astype(np.uint8)
