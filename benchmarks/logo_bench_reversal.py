"""The bench's reversed logo: a multi-colour logo drawn in one colour as brand guidelines
draw it, for the logos `on` shows on a background they would vanish on.

A designer keeps the logo's outer ink and knocks out the drawing painted on it: reddit's
white alien on its orange disc becomes an alien-shaped hole in a one-colour disc (a bare
disc is no brand's reversed logo). A shaded logo stays one ink: a gradient is no drawing.
The rule:

- the ink is cut into REGIONS at sharp colour edges (a colour step of EDGE_STEP within two
  pixels); a smooth gradient has no such step, so it stays one region; the anti-aliased
  pixels along an edge go with the region they border (the nearest);
- a region is OUTER when a good part of its border (OPEN_SHARE) meets the transparent
  page: it is the silhouette a one-colour logo keeps;
- a region is PAINTED ON the outer ink when its border meets hardly any page, most of it
  lies inside the outer ink's convex hull (an "f" running to the edge of its disc is still
  on it) and its colour contrasts (CONTRAST) with the outer ink around it; it is knocked out.
  What is painted on a knocked-out drawing (reddit's orange eyes on the white alien) is not
  on the outer ink, so it stays ink;
- a logo with nothing painted on its outer ink is its plain silhouette, as a one-colour
  logo reversed is.

The matcher derives the same one-colour variant for its references by the same design rule
(checks/imaging/references/ink_regions.py), written apart on purpose: the bench does not draw its
queries with the code it measures. So on_grey and on_brand measure how well a reversed logo
drawn by this rule is found; a brand whose designers knock out otherwise (origami's fold, a
facet kept) registers its reversed logo in the guideline as an approved logo.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw
from scipy import ndimage
from scipy.spatial import ConvexHull

EDGE_STEP = 0.2  # colour change (any channel, 0..1) within two pixels that makes an edge
OPEN_SHARE = 0.2  # a region whose border is this share page is outer ink, never knocked out
CONTRAST = 0.25  # colour difference (any channel) to the outer ink around it: a drawing
INSIDE_SHARE = 0.9  # share of a painted region inside the outer ink's convex hull
SPECK = 4  # regions smaller than this (pixels) are edge pixels, not regions


def reversed_logo(rgba: np.ndarray, reverse: tuple[int, int, int]) -> Image.Image:
    """The logo (`rgba`: H x W x 4, 0..255) in one colour, `reverse`, its painted drawing
    knocked out of the outer ink."""
    alpha = rgba[..., 3] / 255
    knocked = knocked_out(rgba[..., :3] / 255, alpha)
    out = Image.new("RGBA", (rgba.shape[1], rgba.shape[0]), (*reverse, 0))
    keep = alpha * (1 - knocked)
    out.putalpha(Image.fromarray(np.round(keep * 255).astype(np.uint8)))
    return out


def knocked_out(rgb: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """How much of each pixel is knocked out (0..1): 1 inside a painted region, a blend on
    the anti-aliased pixels along its edge."""
    ink = alpha > 0.5
    labels = regions(rgb, ink)
    count = int(labels.max())
    if count < 2:
        return np.zeros(alpha.shape)
    outer = _outer(labels, ink, count)
    outline = hull(np.isin(labels, outer) & ink)
    painted = [
        r
        for r in range(1, count + 1)
        if r not in outer and _painted_on(rgb, labels, ink, outline, outer, r)
    ]
    if not painted:
        return np.zeros(alpha.shape)
    hard = np.isin(labels, painted).astype(np.float64)
    soft = ndimage.uniform_filter(hard, 3)
    return np.where(_edges(rgb, ink), soft, hard)


def regions(rgb: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """Label every pixel with the ink region it belongs to (1..n), cut at sharp colour
    edges; edge pixels, specks and the page take the label of the nearest region."""
    core = ink & ~_edges(rgb, ink)
    labels, count = ndimage.label(core)
    if count == 0:
        return np.zeros(ink.shape, dtype=np.int32)
    sizes = np.bincount(labels.ravel(), minlength=count + 1)
    labels[sizes[labels] < SPECK] = 0
    if not labels.any():
        return np.zeros(ink.shape, dtype=np.int32)
    _, labels = np.unique(labels, return_inverse=True)
    labels = labels.reshape(ink.shape)
    nearest = ndimage.distance_transform_edt(labels == 0, return_indices=True)[1]
    return labels[nearest[0], nearest[1]].astype(np.int32)


def _edges(rgb: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """Ink pixels on a sharp colour edge: the middle of a step of EDGE_STEP across two
    pixels (one pixel each side of a sharp edge, so a thin outline keeps its middle)."""
    edge = np.zeros(ink.shape, dtype=bool)
    for axis in (0, 1):
        a = np.swapaxes(rgb, 0, axis)
        m = np.swapaxes(ink, 0, axis)
        e = np.swapaxes(edge, 0, axis)
        step = np.abs(a[2:] - a[:-2]).max(axis=-1) > EDGE_STEP
        step &= m[2:] & m[:-2]
        e[1:-1] |= step
    return edge


def _outer(labels: np.ndarray, ink: np.ndarray, count: int) -> list[int]:
    """Regions whose border meets the page on OPEN_SHARE of it (the largest region when
    none does: a plate filling its picture)."""
    page = ndimage.binary_dilation(~ink) & ink  # ink pixels touching the page
    inside = np.zeros(ink.shape, dtype=bool)  # ink pixels touching another region
    for shift in ((0, 1), (1, 0), (0, -1), (-1, 0)):
        inside |= np.roll(labels, shift, axis=(0, 1)) != labels
    inside &= ink & ~page
    open_ = np.bincount(labels[page], minlength=count + 1)
    closed = np.bincount(labels[inside], minlength=count + 1)
    outer = [r for r in range(1, count + 1) if open_[r] >= OPEN_SHARE * (open_[r] + closed[r])]
    if not outer:
        sizes = np.bincount(labels[ink], minlength=count + 1)
        outer = [int(np.argmax(sizes[1:]) + 1)]
    return outer


def _painted_on(
    rgb: np.ndarray,
    labels: np.ndarray,
    ink: np.ndarray,
    hull: np.ndarray,
    outer: list[int],
    region: int,
) -> bool:
    """Region `region` lies on the outer ink and contrasts with the outer ink around it."""
    mask = (labels == region) & ink
    if not mask.any() or hull[mask].mean() < INSIDE_SHARE:
        return False
    ring = ndimage.binary_dilation(mask, iterations=3) & ~ndimage.binary_dilation(mask)
    around = ring & ink & np.isin(labels, outer)
    if around.sum() < 0.3 * (ring & ink).sum() or not around.any():
        return False
    difference = np.abs(np.median(rgb[mask], axis=0) - np.median(rgb[around], axis=0))
    return bool(difference.max() > CONTRAST)


def hull(mask: np.ndarray) -> np.ndarray:
    """The filled convex hull of a mask (the mask itself when it has no area)."""
    points = np.argwhere(mask)
    if len(points) < 3 or np.linalg.matrix_rank(points - points[0]) < 2:
        return mask
    corners = points[ConvexHull(points).vertices]
    canvas = Image.new("1", (mask.shape[1], mask.shape[0]), 0)
    ImageDraw.Draw(canvas).polygon([(int(x), int(y)) for y, x in corners], fill=1)
    return np.asarray(canvas, dtype=bool)
