"""Reference views of a guideline logo cut on one side only, as a page's container crops it.

A box too narrow for the logo (overflow hidden), a carousel slide or a careless crop cuts
the logo on one side, not all four: its content box then loses that side's edge, and the
16 × 16 hash grid stretches over what is left, so neither the whole views nor the views cut
evenly on every side (cut_views.py) come near it. Each side gets a view of the logo cut
there by each of SIDE_CUTS of its content, shown on white as such a copy is; a logo that
vanishes on white, wholly or in good part (LIGHT_INK: white lettering beside a coloured
mark), also gets the cut's silhouette, as a page shows such a logo reversed.

Measured: benchmarks/NOTES.md, section `checks/imaging/references/side_cuts.py`.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from brandaudit.checks.imaging.picture.normalise import (
    View,
    has_transparency,
    prepare,
)
from brandaudit.checks.imaging.references.cut_views import (
    crop_region,
    flagged,
    logo_box,
    on_white,
    silhouette,
)

# Evidence (benchmarks/NOTES.md): 3 + 5.5 % reach 97.4 % of one-side cuts, 4 % alone 89.8 %.
SIDE_CUTS = (0.03, 0.055)  # shares of the content's width (or height) cut off one side
# Evidence (benchmarks/NOTES.md): 113 -> 120 of the full run's 144 cropped_side misses found.
LIGHT_INK = 0.25  # this share of the ink near white: it vanishes there, a page shows it reversed
LIGHT_LEVEL = 0.88  # luminance (0..1) from which ink counts as near white


def side_cut_views(image: Image.Image, rgba: np.ndarray) -> list[View]:
    """The main view of the logo cut by each of SIDE_CUTS on its left, right, top and bottom
    side in turn (the shallower cut first). `rgba`: the image as reduce_for_hashing gives it."""
    box = logo_box(rgba)
    if box is None:
        return []
    transparent = has_transparency(rgba)
    light = transparent and _light_share(rgba) >= LIGHT_INK
    views: list[View] = []
    for depth in SIDE_CUTS:
        for region in _regions(box, depth):
            views += _cut_views(crop_region(image, rgba, region), transparent, light)
    return list(flagged(views))


def _regions(
    box: tuple[int, int, int, int], depth: float
) -> list[tuple[float, float, float, float]]:
    """The content box cut by `depth` on the left, right, top, bottom (none if it rounds to
    no pixel)."""
    top, bottom, left, right = box
    dx, dy = round(depth * (right - left)), round(depth * (bottom - top))
    if dx < 1 or dy < 1:
        return []
    return [
        (left + dx, top, right, bottom),
        (left, top, right - dx, bottom),
        (left, top + dy, right, bottom),
        (left, top, right, bottom - dy),
    ]


def _cut_views(cut: Image.Image, transparent: bool, light: bool) -> list[View]:
    """The cut shown on white; and as its silhouette where it vanishes there (wholly, or
    `light`: in good part), as a page shows such a logo reversed."""
    shown = prepare(on_white(cut)).views[:1]
    if not transparent or (shown and not light):
        return list(shown)
    shape = silhouette(cut)
    return [*shown, shape] if shape is not None else list(shown)


def _light_share(rgba: np.ndarray) -> float:
    """The share of the logo's ink (mostly opaque pixels) near white."""
    ink = rgba[..., 3] > 0.5
    luminance = rgba[..., :3] @ np.asarray([0.2126, 0.7152, 0.0722], dtype=np.float32)
    return float((ink & (luminance > LIGHT_LEVEL)).sum() / max(int(ink.sum()), 1))
