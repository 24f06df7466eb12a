"""Reference views of a guideline logo cut on one side only, as a page's container crops it.

A box too narrow for the logo (overflow hidden), a carousel slide or a careless crop cuts
the logo on one side, not all four: its content box then loses that side's edge, and the
16 × 16 hash grid stretches over what is left, so neither the whole views nor the views cut
evenly on every side (cut_views.py) come near it. Each side gets a view of the logo cut
there by SIDE_CUT of its content, shown on white as such a copy is.

Measured with a probe of 150 dataset brands, each cut on one random side at 256 px on
white and matched against its own reference alone (at 062a056), found of 150 without ->
with these views: cut 2 % 134 -> 141, 4 % 76 -> 148, 6 % 37 -> 133, 8 % 17 -> 67. A view
covers cuts within about 2 % of its own: SIDE_CUT 0.05 found 140 at 3 % and 94 at 8 %, 0.06
found 113 at 3 % and 138 at 8 %. A second depth would cost four more views per logo. The
views are kept only when novel (reference_views.novel_views, SHIFTED_NEAR_BITS): at 48 bits
nearly all are (2,758 -> 3,314 views for the 150 logos); 80 bits kept 488 instead of 563
and found 10 fewer at 6 %.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from checks.imaging.cut_views import crop_region, flagged, logo_box, on_white
from checks.imaging.normalise import View, prepare

SIDE_CUT = 0.04  # share of the content's width (or height) cut off one side


def side_cut_views(image: Image.Image, rgba: np.ndarray) -> list[View]:
    """The main view of the logo cut by SIDE_CUT on its left, right, top and bottom side in
    turn. `rgba`: the image as reduce_for_hashing gives it."""
    box = logo_box(rgba)
    if box is None:
        return []
    top, bottom, left, right = box
    dx, dy = round(SIDE_CUT * (right - left)), round(SIDE_CUT * (bottom - top))
    if dx < 1 or dy < 1:
        return []
    regions = (
        (left + dx, top, right, bottom),
        (left, top, right - dx, bottom),
        (left, top + dy, right, bottom),
        (left, top, right, bottom - dy),
    )
    views = [v for r in regions for v in prepare(on_white(crop_region(image, rgba, r))).views[:1]]
    return list(flagged(views))
