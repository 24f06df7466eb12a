"""Reference views of a guideline logo cut a few percent at its edges, as pages crop it.

A page cuts each side by its own few percent, so the copy is cut unevenly: its content sits
off centre against a view cut evenly by CROP_SHARE, and a thin drawing on the 16 × 16 hash
grid moves by a third of a cell. The even cut gives the usual views (on white, and the cut
silhouette for a copy shown reversed); cuts moved CROP_SHIFT off centre along each axis give
one main view each, which the caller keeps only where they differ much from the even cut.

Measured: benchmarks/NOTES.md, section `checks/imaging/references/cut_views.py`.

What is cut is the logo's box: its opaque part, or for an opaque picture its content against
the border colour. A picture with no plain margin (its commonest border colour on less than
PLAIN_BORDER of the border) is a plate filling the picture, and a page cuts the picture. Read
against one colour of a shaded plate, the "content" is the drawing on it plus whatever part of
the shading is far enough from that colour, so the old cut fell inside the plate, where no
page cuts it. Of 600 random dataset logos, 13 render opaque and 9 of those (all the AWS
service tiles, border share 0.12-0.21) have no plain margin; the other 4 have 0.5 or more.
Of the 52 cropped_3 queries the full run missed or took for another logo (HEAD 3c1d0b3), 12
(all AWS tiles, 84-141 bits from the old views) are now found alone against their logo, at
12-54 bits (10 -> 22 of the 52 found so); see reference_views for the sample-run figures.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PIL import Image

from brandaudit.checks.imaging.picture.normalise import (
    View,
    background_candidates,
    content_box,
    crop_view,
    distance_map,
    enlargement,
    has_transparency,
    prepare,
    reduce_for_hashing,
)
from brandaudit.checks.imaging.picture.views import border_share
from brandaudit.checks.imaging.references.shown_on import shown_on

CROP_SHARE = 0.03  # reference views of the logo cut this much on each side (cropped copies)
# Evidence (benchmarks/NOTES.md): 21 of 30 missed cropped_3 in reach with axis moves, 7 without.
CROP_SHIFT = 0.01  # and cut this much more on one side, as much less on the opposite one
# (across, down) shares of the content the cut is moved by: right, left, down, up
SHIFTS = ((CROP_SHIFT, 0.0), (-CROP_SHIFT, 0.0), (0.0, CROP_SHIFT), (0.0, -CROP_SHIFT))
WHITE = (1.0, 1.0, 1.0)
# Evidence (benchmarks/NOTES.md): plate tiles (AWS) 0.12-0.21, every other opaque logo 0.5+.
PLAIN_BORDER = 0.5  # the commonest colour on this share of the border: a plain margin


def cut_views(image: Image.Image, rgba: np.ndarray) -> tuple[tuple[View, ...], tuple[View, ...]]:
    """Views of the logo cut by CROP_SHARE on every side of its content, shown on white as a
    cropped copy is, and of the cut silhouette (a cut copy shown reversed); and, as a copy
    is rarely cut evenly, its main view cut CROP_SHIFT off centre along each axis. `rgba`:
    the image as reduce_for_hashing gives it."""
    transparent = has_transparency(rgba)
    box = logo_box(rgba)
    if not transparent and border_share(rgba[..., :3]) < PLAIN_BORDER:
        # No plain margin around it (a plate filling the picture, shaded): a page cuts the
        # picture, where the box read against one border colour is the drawing on the plate.
        box = (0, rgba.shape[0], 0, rgba.shape[1])
    if box is None:
        return (), ()
    top, bottom, left, right = box
    if round(CROP_SHARE * (bottom - top)) < 1 or round(CROP_SHARE * (right - left)) < 1:
        return (), ()
    cut = _cut(image, rgba, box, (0.0, 0.0))
    views = list(prepare(on_white(cut)).views)
    if transparent:
        views += [shape] if (shape := silhouette(cut)) is not None else []
    shifted = [v for s in SHIFTS for v in prepare(on_white(_cut(image, rgba, box, s))).views[:1]]
    return flagged(views), flagged(shifted)


def _cut(
    image: Image.Image,
    rgba: np.ndarray,
    box: tuple[int, int, int, int],
    shift: tuple[float, float],
) -> Image.Image:
    """The logo's content (`box`, in `rgba` pixels) cut by CROP_SHARE on each side, the cut
    moved by `shift` (shares of the content's width and height)."""
    top, bottom, left, right = box
    width, height = right - left, bottom - top
    dx, dy = round(CROP_SHARE * width), round(CROP_SHARE * height)
    across, down = shift[0] * width, shift[1] * height
    region = (left + dx + across, top + dy + down, right - dx + across, bottom - dy + down)
    return crop_region(image, rgba, region)


def crop_region(
    image: Image.Image, rgba: np.ndarray, region: tuple[float, float, float, float]
) -> Image.Image:
    """The part of the full-size image under `region` (left, top, right, bottom in `rgba`
    pixels: the image as reduce_for_hashing gives it), as RGBA."""
    sx, sy = image.width / rgba.shape[1], image.height / rgba.shape[0]
    x0, y0, x1, y1 = region
    box = (round(x0 * sx), round(y0 * sy), round(x1 * sx), round(y1 * sy))
    return image.crop(box).convert("RGBA")


def on_white(cut: Image.Image) -> Image.Image:
    """An RGBA picture flattened on white, as a page shows a cut copy of a logo."""
    return shown_on(cut, WHITE)  # = picture(flatten(cut / 255, WHITE)), by table


def picture(rgb: np.ndarray) -> Image.Image:
    """An RGB array (0..1) as the 8-bit picture a page would serve."""
    return Image.fromarray(np.round(rgb * 255).astype(np.uint8), "RGB")


def silhouette(cut: Image.Image) -> View | None:
    """The view of a cut copy's alpha alone: its one-colour silhouette (None when empty)."""
    return crop_view(reduce_for_hashing(cut)[..., 3], enlargement(cut.size))


def logo_box(rgba: np.ndarray) -> tuple[int, int, int, int] | None:
    """The logo's content box: its opaque pixels, or those unlike its background."""
    if has_transparency(rgba):
        return content_box(rgba[..., 3])
    return content_box(distance_map(rgba[..., :3], background_candidates(rgba[..., :3])[0]))


def flagged(views: list[View]) -> tuple[View, ...]:
    """The views marked as cut copies of the logo (what the verdict reports as cropped)."""
    return tuple(replace(v, cropped=True) for v in views)
