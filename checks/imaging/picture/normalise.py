"""Prepare a picture for hashing: its views (views.py), read at the resolution a tight copy of
its content would be, and the colours of its content.

A padded logo is reduced more than a tight copy of it, so its content is re-read from the
full picture at a tight copy's resolution (content_fit.py); the views of the whole picture
are kept beside it. Queries and references alike go through `prepare`, so both are read the
same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from brandaudit.checks.imaging.picture.content_fit import GROW, content_edges, reduce_content
from brandaudit.checks.imaging.picture.distance_planes import alpha_distance_maps, plane_distance
from brandaudit.checks.imaging.picture.plate_views import without_margin
from brandaudit.checks.imaging.picture.resolution import (
    enlargement,
    hashing_scale,
    reduce_for_hashing,
)
from brandaudit.checks.imaging.picture.views import (
    CONTENT_LEVEL,
    MARGIN,
    View,
    background_candidates,
    content_box,
    crop_view,
    distance_map,
    flatten,
    has_transparency,
)

# Re-exported for the reference-view modules, which import them from here (the maps and
# views are in views.py since the split, the scale rule in resolution.py).
__all__ = [
    "Prepared",
    "View",
    "background_candidates",
    "content_box",
    "crop_view",
    "distance_map",
    "enlargement",
    "flatten",
    "has_transparency",
    "prepare",
    "reduce_for_hashing",
]

LOOSE_FIT = 0.75  # content spanning less of the image than this is re-read at full detail
# Content reduced this much more than a tight copy of it is re-read (content_fit.py). 0.02
# re-read the sample NovaBridge wordmark (a 1 % margin, but its short side sets the scale:
# ratio 1.11) and its JPEG q60 then hashed 72 bits off; 0.15 still re-reads 10 % padding (1.2).
FIT_SLACK = 0.15


@dataclass(frozen=True)
class Prepared:
    """What hashing needs from one picture: its views and the colours of its content."""

    views: tuple[View, ...]
    colours: np.ndarray  # (n, 3) uint8 RGB samples of the content, for the colour signature


def prepare(image: Image.Image, refine: bool = True) -> Prepared:
    """Views of a picture as a web page would show it (queries and references alike).

    When a margin changes the resolution the content is reduced to (a padded logo), the
    content is re-read from the full picture at the resolution of a tight copy of it
    (checks/imaging/picture/content_fit.py); a logo padded so wide that it kept only a fraction of
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
