"""Where in a large picture a logo may sit: boxes around compact groups of sharp edges.

Flat logos (one-colour glyphs) give SIFT too few keypoints, but they have crisp outlines while
a photo behind them is mostly soft. So sharp edges are grouped by morphological closing at a
few scales (letters merge into a wordmark, an icon joins its name at the larger scales) and
each group's bounding box is a candidate; `mattes.py` cuts it out for the matcher.
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
