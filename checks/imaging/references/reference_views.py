"""The extra views a guideline logo is indexed with, for the ways sites show a logo.

A page shows the logo at favicon size, on grey or on its own brand colour, printed reversed
(an app-icon plate in white, its cut-outs showing the background), or cut a few percent at
its edges. Each of those looks different after normalisation, so the reference carries a
view of each. Queries are only ever prepared plainly (normalise.prepare), so the extra views
are made by showing the logo as the page would (flattened on that background, cut) and
preparing that picture exactly as a query is prepared: whatever background the query's
preparation picks, and whatever region it re-reads at full detail, the reference did too.

Measured: benchmarks/NOTES.md, section `checks/imaging/references/reference_views.py`.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from brandaudit.checks.imaging.picture.normalise import (
    Prepared,
    View,
    content_box,
    crop_view,
    distance_map,
    flatten,
    has_transparency,
    prepare,
    reduce_for_hashing,
)
from brandaudit.checks.imaging.references.cut_views import cut_views
from brandaudit.checks.imaging.references.novel_views import novel_views
from brandaudit.checks.imaging.references.reversed_views import reversed_views
from brandaudit.checks.imaging.references.shown_on import shown_on
from brandaudit.checks.imaging.references.side_cuts import side_cut_views

FAVICON_SIDES = (16, 24, 32, 48, 64)
# Evidence (benchmarks/NOTES.md): 0.8 lost 2 reversed marks for 10 fewer views.
INKED_BORDER = 0.5  # opaque on this much of its border: reversed, its holes are the shape
# Evidence (benchmarks/NOTES.md): 16 bits: the same cropped_3 98.0 % with 1,086 more views.
SHIFTED_NEAR_BITS = 48  # a cut moved off centre this close to a kept cut view is left out
# Evidence (benchmarks/NOTES.md): every view per background: on_brand +0.6 %, false 9 -> 23.
BACKGROUND_VIEWS = 2  # views kept per background: against the border's colours, not corners
FRAGMENT = 0.6  # reference views much smaller than the logo (one part left) are dropped
GREY = (0.5, 0.5, 0.5)


def prepare_reference(image: Image.Image) -> Prepared:
    """Views of a guideline logo: also on grey and on its own main colours, as sites show it."""
    rgba = reduce_for_hashing(image)
    base = prepare(image)
    favicons: list[View] = []
    # As a favicon the logo is a few pixels of blur: hash it at those sizes too.
    for side in FAVICON_SIDES:
        small = image.copy()
        small.thumbnail((side, side), Image.Resampling.LANCZOS)
        favicons += prepare(small).views
    even, shifted = cut_views(image, rgba)
    # A cut moved off centre is kept only where it shows the logo much unlike the even cut,
    # and so is a cut on one side only (side_cuts.py).
    extra = [*even, *novel_views(list(even), list(shifted), SHIFTED_NEAR_BITS)]
    extra += novel_views(extra, side_cut_views(image, rgba), SHIFTED_NEAR_BITS)
    if has_transparency(rgba):
        extra += _background_views(image, rgba, base.colours)
    # (near copies are judged against full-size views only: favicon-sized views are kept
    # from large pictures by the matcher, so they cannot stand in for a full-size one)
    views = base.views + tuple(favicons) + novel_views(list(base.views), extra)
    return Prepared(views=views, colours=base.colours)


def _background_views(image: Image.Image, rgba: np.ndarray, colours: np.ndarray) -> list[View]:
    """The logo on grey and on its own main colours, prepared as such a query would be; and
    its see-through parts inside its box, which is the shape when it is shown reversed."""
    views: list[View] = []
    border = _box_border(rgba)
    # Opaque on much of its box border (all of it for an app-icon plate): shown reversed,
    # its see-through parts are the shape.
    if border is not None and float((border[0] > 0.5).mean()) >= INKED_BORDER:
        holes = _holes(rgba, border[1])
        view = crop_view(holes)
        if view is not None and _whole_shows(holes, rgba):
            views.append(view)
    backgrounds = [GREY] + [tuple(c / 255.0) for c in dominant_colours(colours, 2)]
    full = np.asarray(image.convert("RGBA"), dtype=np.float32) / 255.0
    views += reversed_views(full)
    for background in backgrounds:
        colour = np.asarray(background, dtype=np.float32)
        # On its own colour part of a logo vanishes: a fragment left is no view of the logo.
        if not _whole_shows(distance_map(flatten(rgba, background), colour), rgba):
            continue
        views += prepare(shown_on(image, background)).views[:BACKGROUND_VIEWS]
    return views


def _whole_shows(distance: np.ndarray, rgba: np.ndarray) -> bool:
    """Whether the logo still shows whole on a background, not only a part of it (FRAGMENT)."""
    shown, logo = content_box(distance), content_box(rgba[..., 3])
    if shown is None or logo is None:
        return False
    return _long_side(shown) >= FRAGMENT * _long_side(logo)


def _long_side(box: tuple[int, int, int, int]) -> int:
    return max(box[1] - box[0], box[3] - box[2])


def _box_border(rgba: np.ndarray) -> tuple[np.ndarray, tuple[int, int, int, int]] | None:
    """Alpha along the border of the logo's content box, and that box."""
    box = content_box(rgba[..., 3])
    if box is None:
        return None
    top, bottom, left, right = box
    alpha = rgba[top:bottom, left:right, 3]
    return np.concatenate([alpha[0], alpha[-1], alpha[:, 0], alpha[:, -1]]), box


def _holes(rgba: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """The see-through parts inside the logo's box: what shows when it is printed reversed."""
    top, bottom, left, right = box
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
