"""Reference views of a guideline logo cut on one side only, as a page's container crops it.

A box too narrow for the logo (overflow hidden), a carousel slide or a careless crop cuts
the logo on one side, not all four: its content box then loses that side's edge, and the
16 × 16 hash grid stretches over what is left, so neither the whole views nor the views cut
evenly on every side (cut_views.py) come near it. Each side gets a view of the logo cut
there by each of SIDE_CUTS of its content, shown on white as such a copy is; a logo that
vanishes on white, wholly or in good part (LIGHT_INK: white lettering beside a coloured
mark), also gets the cut's silhouette, as a page shows such a logo reversed.

Measured with a probe of 150 dataset brands, each cut on one random side at 256 px on
white and matched against its own reference alone (at 062a056), found of 150 without ->
with one 4 % view per side: cut 2 % 134 -> 141, 4 % 76 -> 148, 6 % 37 -> 133, 8 % 17 -> 67.
One depth covers cuts within about 1-2 % of its own, less where the logo's hash moves fast
with the cut: of the 137 cropped_side queries the full run missed (HEAD a977bf6), 106 had
their cut at 2-3 % or 5-6 % and 100-110 bits from the 4 % view but within 70 bits of a view
cut at 2 % or 6 %; 7 were light logos (no view on white at all). Depths chosen on 199 random
logos cut on one random side at 2, 2.5, ... 6 % (1,791 queries), counting a query within
70 bits of a kept view of its side (views kept beyond 48 bits of each other, as the
reference keeps them): 4 % alone 89.8 % (4 views per logo); 3 + 5 % 96.2 % (5.4 views);
4 + 2.5 + 5.5 % 96.9 % (6.4); 3 + 5.5 % 97.4 % (6.5); every depth kept 97.4 % (8).
The views are kept only when novel (reference_views.novel_views, SHIFTED_NEAR_BITS). Bench
figures (3 + 5.5 % against 4 %): see reference_views. The silhouettes of partly light logos:
9 of the 12 full-run misses whose every side view was 240-430 bits away had a quarter or
more of their ink near white (3-4 % of dataset logos have); with them 113 -> 120 of the
144 full-run cropped_side misses and false matches are found against their own logo alone.
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

SIDE_CUTS = (0.03, 0.055)  # shares of the content's width (or height) cut off one side
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
