"""The extra views a guideline logo is indexed with, for the ways sites show a logo.

A page shows the logo at favicon size, on grey or on its own brand colour, printed reversed
(an app-icon plate in white, its cut-outs showing the background), or cut a few percent at
its edges. Each of those looks different after normalisation, so the reference carries a
view of each; queries are only ever prepared plainly (normalise.prepare).
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from checks.imaging.normalise import (
    Prepared,
    View,
    background_candidates,
    content_box,
    crop_view,
    distance_map,
    flatten,
    has_transparency,
    prepare,
    reduce_for_hashing,
)

FAVICON_SIDES = (16, 24, 32, 48, 64)
CROP_SHARE = 0.03  # reference views of the logo cut this much on each side (cropped copies)
PLATE_BORDER = 0.8  # a logo opaque on this much of its box border is a plate (app icon)
FRAGMENT = 0.6  # reference views much smaller than the logo (one part left) are dropped


def prepare_reference(image: Image.Image) -> Prepared:
    """Views of a guideline logo: also on grey and on its own main colours, as sites show it."""
    rgba = reduce_for_hashing(image)
    base = prepare(image)
    # As a favicon the logo is a few pixels of blur: hash it at those sizes too.
    for side in FAVICON_SIDES:
        small = image.copy()
        small.thumbnail((side, side), Image.Resampling.LANCZOS)
        base = Prepared(views=base.views + prepare(small).views, colours=base.colours)
    base = Prepared(views=base.views + _cropped_views(image), colours=base.colours)
    if not has_transparency(rgba):
        return base
    extra: list[np.ndarray] = [_plate_holes(rgba)] if _is_plate(rgba) else []
    backgrounds = [np.asarray((0.5, 0.5, 0.5), dtype=np.float32)]
    backgrounds += [c.astype(np.float32) / 255.0 for c in dominant_colours(base.colours, 2)]
    for background in backgrounds:
        extra.append(distance_map(flatten(rgba, tuple(background)), background))
    largest = max((max(v.distance.shape) for v in base.views), default=0)
    # (the favicon-sized views above are smaller by design and were added unfiltered)
    views = base.views + tuple(
        v
        for v in (crop_view(m) for m in extra)
        if v is not None and max(v.distance.shape) >= FRAGMENT * largest
    )
    return Prepared(views=views, colours=base.colours)


def _cropped_views(image: Image.Image) -> tuple[View, ...]:
    """Views of the logo cut by CROP_SHARE on every side of its content, as a cropped copy is."""
    rgba = reduce_for_hashing(image)
    box = content_box(rgba[..., 3] if has_transparency(rgba) else _main_map(rgba))
    if box is None:
        return ()
    top, bottom, left, right = box
    dy, dx = round(CROP_SHARE * (bottom - top)), round(CROP_SHARE * (right - left))
    if dx < 1 or dy < 1:
        return ()
    sx, sy = image.width / rgba.shape[1], image.height / rgba.shape[0]
    region = (
        round((left + dx) * sx),
        round((top + dy) * sy),
        round((right - dx) * sx),
        round((bottom - dy) * sy),
    )
    views = prepare(image.crop(region), refine=False).views
    return tuple(View(v.distance, v.aspect, cropped=True) for v in views)


def _main_map(rgba: np.ndarray) -> np.ndarray:
    return distance_map(rgba[..., :3], background_candidates(rgba[..., :3])[0])


def _is_plate(rgba: np.ndarray) -> bool:
    """An app-icon style logo: opaque along most of its content box's border."""
    box = content_box(rgba[..., 3])
    if box is None:
        return False
    top, bottom, left, right = box
    alpha = rgba[top:bottom, left:right, 3]
    edge = np.concatenate([alpha[0], alpha[-1], alpha[:, 0], alpha[:, -1]])
    return bool((edge > 0.5).mean() >= PLATE_BORDER)


def _plate_holes(rgba: np.ndarray) -> np.ndarray:
    """The see-through parts of a plate logo: what shows when it is printed reversed."""
    top, bottom, left, right = content_box(rgba[..., 3]) or (0, rgba.shape[0], 0, rgba.shape[1])
    holes = np.zeros(rgba.shape[:2], dtype=np.float32)
    holes[top:bottom, left:right] = 1.0 - rgba[top:bottom, left:right, 3]
    return holes


def dominant_colours(colours: np.ndarray, count: int) -> list[np.ndarray]:
    """The `count` most common (coarsely quantised) colours among the samples."""
    if len(colours) == 0:
        return []
    codes = (colours // 32).astype(np.int32)
    keys = codes[:, 0] * 64 + codes[:, 1] * 8 + codes[:, 2]
    values, counts = np.unique(keys, return_counts=True)
    order = np.argsort(-counts)[:count]
    return [colours[keys == values[i]].mean(axis=0) for i in order]
