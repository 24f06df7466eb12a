"""Where in a large picture a logo may sit: boxes around compact groups of sharp edges.

Flat logos (one-colour glyphs) give SIFT too few keypoints, but they have crisp outlines while
a photo behind them is mostly soft. So sharp edges are grouped by morphological closing at a
few scales (letters merge into a wordmark, an icon joins its name at the larger scales) and
each group's bounding box is a candidate whose crop goes through the whole-image matcher.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

EDGE_LEVEL = 36  # a morphological gradient (0..255, any channel) above this is a sharp edge
CLOSING_SHARES = (0.012, 0.03, 0.07)  # closing kernel sides, as shares of the picture height
MIN_SIDE_SHARE = 0.035  # boxes smaller than this share of the picture height are noise
MAX_SHARE = 0.8  # a box covering more than this of both sides is the picture itself
MAX_ASPECT = 12.0  # wider (or taller) than this is a rule line or a text bar, not a logo
SAME_BOX_IOU = 0.85  # boxes overlapping this much are one candidate
MAX_PROPOSALS = 24
FRAGMENT_AREA = 1.6  # an edge group this many times larger around a box may hold it
FRAME_SHARE = 0.06  # a plate's outline: this share of its short side along its border
FRAGMENT_EDGES = 0.15  # other edges inside the group, beyond this share of the box's own
MATTE_SIDE = 160  # crops are matted about this long (see _crop)
PLATE_INSET = 0.04  # a plate's outline is this share of its short side thick, at most
PLATE_SPREAD = 10.0  # a plain border varies less than this (0..255 per channel)
INK_BIN = 12  # colour bin width (0..255 per channel) of one flat ink
INK_SHARE = 0.04  # an ink fills at least this share of its box in one bin
INK_RING_SHARE = 0.05  # and covers at most this share of the ring around the box
INK_REACH = 56  # pixels this close (largest channel gap) to an ink belong to it in part,
INK_RAMP = 36  # fully when closer than INK_REACH - INK_RAMP (antialiased edges are half ink)


@dataclass(frozen=True)
class Box:
    """A rectangle in picture pixels."""

    x: int
    y: int
    width: int
    height: int

    def iou(self, other: Box) -> float:
        ix = max(0, min(self.x + self.width, other.x + other.width) - max(self.x, other.x))
        iy = max(0, min(self.y + self.height, other.y + other.height) - max(self.y, other.y))
        inter = ix * iy
        union = self.width * self.height + other.width * other.height - inter
        return inter / union if union else 0.0

    def contains(self, other: Box) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.x + other.width <= self.x + self.width
            and other.y + other.height <= self.y + self.height
        )

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.width, self.height)


def edge_map(rgb: np.ndarray) -> np.ndarray:
    """Sharp edges: the largest per-channel morphological gradient over a 3×3 neighbourhood."""
    kernel = np.ones((3, 3), np.uint8)
    gradient = cv2.morphologyEx(rgb, cv2.MORPH_GRADIENT, kernel)
    return (gradient.max(axis=2) > EDGE_LEVEL).astype(np.uint8)


def _boxes_at(edges: np.ndarray, side: int) -> list[Box]:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (side, side))
    closed = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, kernel) if side > 1 else edges
    count, _, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    return [Box(*(int(v) for v in stats[i, :4])) for i in range(1, count)]


def _plausible(box: Box, width: int, height: int) -> bool:
    smallest = MIN_SIDE_SHARE * height
    if box.width < smallest or box.height < smallest:
        return False
    if box.width > MAX_SHARE * width and box.height > MAX_SHARE * height:
        return False
    return max(box.width / box.height, box.height / box.width) <= MAX_ASPECT


@dataclass(frozen=True)
class Proposals:
    """Candidate logo boxes of one picture, and its edge map to reason about them."""

    boxes: list[Box]
    edges: np.ndarray

    def is_fragment(self, box: Box) -> bool:
        """True when a larger edge group holds this box plus other edges (one dot of a grid,
        one letter of a word): a match there is a part of another mark. A plate around a logo
        is not: its only other edges are its own outline."""
        inner = int(self.edges[box.y : box.y + box.height, box.x : box.x + box.width].sum())
        for other in self.boxes:
            if not other.contains(box) or other.width * other.height < FRAGMENT_AREA * (
                box.width * box.height
            ):
                continue
            cell = self.edges[other.y : other.y + other.height, other.x : other.x + other.width]
            frame = max(2, round(FRAME_SHARE * min(other.width, other.height)))
            rest = int(cell[frame:-frame, frame:-frame].sum()) - inner
            if rest > FRAGMENT_EDGES * max(1, inner):
                return True
        return False


def propose(image: Image.Image) -> Proposals:
    """Candidate logo boxes, most edge-dense first, at most MAX_PROPOSALS."""
    rgb = np.asarray(image.convert("RGB"))
    height, width = rgb.shape[:2]
    edges = edge_map(rgb)
    found: list[tuple[float, Box]] = []
    for share in CLOSING_SHARES:
        for box in _boxes_at(edges, max(1, round(share * height))):
            if not _plausible(box, width, height):
                continue
            if any(box.iou(kept) > SAME_BOX_IOU for _, kept in found):
                continue
            cell = edges[box.y : box.y + box.height, box.x : box.x + box.width]
            found.append((float(cell.mean()), box))
    # Edge density ranks logos (dense outlines) above soft blobs and sparse clutter.
    found.sort(key=lambda item: -item[0])
    return Proposals([box for _, box in found[:MAX_PROPOSALS]], edges)


@dataclass(frozen=True)
class Cutout:
    """A region made transparent around its logo, and where it sits in the picture."""

    image: Image.Image  # RGBA, possibly downscaled
    frame: Box  # the cut-out's extent in picture pixels

    def content(self) -> Box:
        """The opaque part's box in picture pixels (the logo without its plate or margin)."""
        rgba = np.asarray(self.image, dtype=np.float32)
        alpha = rgba[..., 3] > 128
        rows, cols = np.flatnonzero(alpha.any(axis=1)), np.flatnonzero(alpha.any(axis=0))
        if rows.size == 0:
            return self.frame
        inside = rgba[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1, :3]
        edge = np.concatenate([inside[0], inside[-1], inside[:, 0], inside[:, -1]])
        if edge.std(axis=0).max() < PLATE_SPREAD and inside.shape[0] > 4 < inside.shape[1]:
            # An opaque plate: the logo is what differs from the plate's colour.
            ink = np.abs(inside - edge.mean(axis=0)).max(axis=2) > INK_REACH - INK_RAMP
            alpha = np.zeros_like(alpha)
            alpha[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1] = ink
            rows, cols = np.flatnonzero(alpha.any(axis=1)), np.flatnonzero(alpha.any(axis=0))
            if rows.size == 0:
                return self.frame
        sx, sy = self.frame.width / alpha.shape[1], self.frame.height / alpha.shape[0]
        x, y = self.frame.x + round(cols[0] * sx), self.frame.y + round(rows[0] * sy)
        return Box(x, y, round((cols[-1] + 1 - cols[0]) * sx), round((rows[-1] + 1 - rows[0]) * sy))


def _crop(image: Image.Image, box: Box, margin: int) -> tuple[np.ndarray, np.ndarray, Box]:
    """RGB float pixels of the box plus a margin, a mask of the outer ring, and the extent."""
    x0, y0 = max(0, box.x - margin), max(0, box.y - margin)
    x1 = min(image.width, box.x + box.width + margin)
    y1 = min(image.height, box.y + box.height + margin)
    crop = image.crop((x0, y0, x1, y1)).convert("RGB")
    # As small as the fingerprint will hash it anyway (long side 128, short side at least 64).
    scale = max(MATTE_SIDE / max(crop.size), min(1.0, MATTE_SIDE / 2 / min(crop.size)))
    if scale < 1:
        size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
        crop = crop.resize(size, Image.Resampling.BOX)
    rgb = np.asarray(crop, dtype=np.float32)
    ring = np.zeros(rgb.shape[:2], bool)
    ring[:2], ring[-2:], ring[:, :2], ring[:, -2:] = True, True, True, True
    return rgb, ring, Box(x0, y0, x1 - x0, y1 - y0)


def _cutout(rgb: np.ndarray, alpha: np.ndarray, frame: Box) -> Cutout:
    return Cutout(Image.fromarray(np.dstack([rgb, alpha]).astype(np.uint8), "RGBA"), frame)


def flat_colour_matte(image: Image.Image, box: Box, margin: int = 3) -> Cutout | None:
    """The box cut out keeping only its flat ink colours; None when it has none.

    Printed logos are a few exact colours; a photo spreads over many. Colours that fill a
    fair share of the box in one narrow bin, and are rare on the ring around it, are ink.
    This keeps holes in a glyph (where the photo shows through) transparent.
    """
    rgb, ring, frame = _crop(image, box, margin)
    codes = (rgb // INK_BIN).astype(np.int32)
    keys = (codes[..., 0] * 64 + codes[..., 1]) * 64 + codes[..., 2]
    values, inverse, counts = np.unique(keys.ravel(), return_inverse=True, return_counts=True)
    ring_counts = np.bincount(inverse[ring.ravel()], minlength=len(values))
    share = counts / keys.size
    ring_share = ring_counts / max(1, int(ring.sum()))
    inks = np.flatnonzero((share >= INK_SHARE) & (ring_share <= INK_RING_SHARE))
    if inks.size == 0:
        return None
    pixels = rgb.reshape(-1, 3)
    alpha = np.zeros(len(pixels), np.float32)
    for ink in inks:
        colour = pixels[inverse == ink].mean(axis=0)
        gap = np.abs(pixels - colour).max(axis=1)
        alpha = np.maximum(alpha, np.clip((INK_REACH - gap) * (255.0 / INK_RAMP), 0, 255))
    return _cutout(rgb, alpha.reshape(rgb.shape[:2]), frame)


def plate_matte(image: Image.Image, box: Box) -> Cutout | None:
    """The inside of a box whose own border is one plain colour (a plate behind a logo),
    with that colour made transparent; None when the border is not plain."""
    inset = max(2, round(PLATE_INSET * min(box.width, box.height)))
    if min(box.width, box.height) <= 4 * inset:
        return None
    inner = Box(box.x + inset, box.y + inset, box.width - 2 * inset, box.height - 2 * inset)
    rgb, ring, _ = _crop(image, inner, 0)
    if float(rgb[ring].std(axis=0).max()) > PLATE_SPREAD:
        return None
    return matte(image, inner, 0)


def matte(image: Image.Image, box: Box, margin: int = 3) -> Cutout:
    """The box cut out as RGBA with the background made transparent.

    The background behind a logo on a photo is not one colour, so a smooth plane per channel is
    fitted to the ring of pixels around the box (robustly: the worst-fitting half is refitted
    out) and pixels far from that plane become the logo's alpha. On a plate this reduces to the
    plate's colour.
    """
    rgb, ring, frame = _crop(image, box, margin)
    h, w = rgb.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w]
    design = np.stack([np.ones(h * w), xs.ravel() / w, ys.ravel() / h], axis=1)
    pixels = rgb.reshape(-1, 3)
    chosen = ring.ravel()
    for _ in range(2):
        coef, *_ = np.linalg.lstsq(design[chosen], pixels[chosen], rcond=None)
        residual = np.abs(design @ coef - pixels).max(axis=1)
        limit = max(12.0, float(np.median(residual[ring.ravel()])) * 2)
        chosen = ring.ravel() & (residual <= limit)
        if chosen.sum() < 8:
            break
    alpha = np.clip((residual.reshape(h, w) - 18.0) * (255.0 / 40.0), 0, 255)
    return _cutout(rgb, alpha, frame)
