"""The drawing painted on a logo's outer ink: what its one-colour (reversed) version knocks
out, found by cutting the ink into regions at sharp colour edges.

A luminance band around a main tone cuts a shaded logo (a gradient disc) into a crescent no
guideline draws. Regions cut at sharp colour edges keep a gradient whole, as a designer
sees it: one ink. The rule, as brand guidelines draw a reversed logo:

- the ink is cut at colour steps of EDGE_STEP (any channel) across two pixels; a smooth
  gradient has no such step. Edge pixels go with the nearest region (the anti-aliased rim of
  a drawing is knocked out with it);
- a region is OUTER ink when OPEN_SHARE of its border meets the see-through page: the
  silhouette a one-colour logo keeps;
- a region is PAINTED on the outer ink when INSIDE_SHARE of it lies inside the outer ink's
  convex hull (an "f" open to the edge of its disc is still on it), outer ink makes up
  AROUND_SHARE of the ink around it, and its colour differs by CONTRAST from that ink's.
  What is painted on a knocked-out drawing (an eye on a face) is not on the outer ink: it
  stays.
"""

from __future__ import annotations

import cv2
import numpy as np
from scipy import ndimage

EDGE_STEP = 0.2  # colour change across two pixels (any channel, 0..1): a sharp edge
OPEN_SHARE = 0.2  # share of a region's border on the page that makes it outer ink
INSIDE_SHARE = 0.9  # share of a painted region inside the outer ink's convex hull
AROUND_SHARE = 0.3  # share of the ink around a painted region that is outer ink
CONTRAST = 0.25  # colour difference (any channel) from the outer ink around it
RING = 3  # width in pixels of the ink around a region its colour is compared with
SPECK = 4  # a region of fewer pixels is part of an edge
INK = 0.5  # alpha above this is ink


def painted_drawing(full: np.ndarray) -> np.ndarray:
    """How much of each pixel of `full` (RGBA 0..1) is drawing painted on the logo's outer
    ink (0..1, a blend along its anti-aliased rim); all zero when nothing is painted."""
    rgb, ink = full[..., :3], full[..., 3] > INK
    labels = ink_regions(rgb, ink)
    count = int(labels.max())
    none = np.zeros(ink.shape, dtype=np.float32)
    if count < 2:
        return none
    outer = _outer(labels, ink, count)
    outline = filled_hull(np.isin(labels, outer) & ink)
    painted = [
        r
        for r in range(1, count + 1)
        if r not in outer and _painted_on(rgb, labels, ink, outline, outer, r)
    ]
    if not painted:
        return none
    hard = np.isin(labels, painted).astype(np.float32)
    return np.where(_edges(rgb, ink), cv2.blur(hard, (3, 3)), hard)


def ink_regions(rgb: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """Every pixel labelled with the ink region it belongs to (1..n; 0 when there is no
    ink): regions cut at sharp colour edges, edge pixels and the page labelled as the
    nearest region."""
    labels, count = ndimage.label(ink & ~_edges(rgb, ink))
    if count == 0:
        return np.zeros(ink.shape, dtype=np.int32)
    sizes = np.bincount(labels.ravel(), minlength=count + 1)
    labels[sizes[labels] < SPECK] = 0
    if not labels.any():
        return np.zeros(ink.shape, dtype=np.int32)
    labels = np.unique(labels, return_inverse=True)[1].reshape(ink.shape)
    nearest = ndimage.distance_transform_edt(labels == 0, return_indices=True)[1]
    return labels[nearest[0], nearest[1]].astype(np.int32)


def _edges(rgb: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """Ink pixels in the middle of a colour step of EDGE_STEP across two pixels: one pixel
    each side of a sharp edge, so a thin outline keeps its middle."""
    edge = np.zeros(ink.shape, dtype=bool)
    step = np.abs(rgb[2:] - rgb[:-2]).max(axis=-1) > EDGE_STEP
    edge[1:-1] |= step & ink[2:] & ink[:-2]
    step = np.abs(rgb[:, 2:] - rgb[:, :-2]).max(axis=-1) > EDGE_STEP
    edge[:, 1:-1] |= step & ink[:, 2:] & ink[:, :-2]
    return edge


def _outer(labels: np.ndarray, ink: np.ndarray, count: int) -> list[int]:
    """Regions with OPEN_SHARE of their border on the page (the largest region when none
    has: a plate filling its picture)."""
    page = ink & ndimage.binary_dilation(~ink)
    padded = np.pad(labels, 1, mode="edge")
    other = (
        (padded[:-2, 1:-1] != labels)
        | (padded[2:, 1:-1] != labels)
        | (padded[1:-1, :-2] != labels)
        | (padded[1:-1, 2:] != labels)
    )
    border = other & ink & ~page
    open_ = np.bincount(labels[page], minlength=count + 1)
    closed = np.bincount(labels[border], minlength=count + 1)
    outer = [r for r in range(1, count + 1) if open_[r] >= OPEN_SHARE * (open_[r] + closed[r])]
    if not outer:
        outer = [int(np.argmax(np.bincount(labels[ink], minlength=count + 1)[1:]) + 1)]
    return outer


def _painted_on(
    rgb: np.ndarray,
    labels: np.ndarray,
    ink: np.ndarray,
    outline: np.ndarray,
    outer: list[int],
    region: int,
) -> bool:
    """Whether region `region` lies on the outer ink and contrasts with it."""
    mask = (labels == region) & ink
    if not mask.any() or outline[mask].mean() < INSIDE_SHARE:
        return False
    grown = ndimage.binary_dilation(mask)
    ring = ndimage.binary_dilation(grown, iterations=RING - 1) & ~grown & ink
    around = ring & np.isin(labels, outer)
    if not around.any() or around.sum() < AROUND_SHARE * ring.sum():
        return False
    difference = np.abs(np.median(rgb[mask], axis=0) - np.median(rgb[around], axis=0))
    return bool(difference.max() > CONTRAST)


def filled_hull(mask: np.ndarray) -> np.ndarray:
    """The filled convex hull of a mask (the outline a drawing may sit inside); the mask
    itself when it has under three points."""
    points = cv2.findNonZero(mask.astype(np.uint8))
    hull = np.zeros(mask.shape, dtype=np.uint8)
    if points is None or len(points) < 3:
        return mask.copy()
    cv2.fillConvexPoly(hull, cv2.convexHull(points), 1)
    return hull.astype(bool)
