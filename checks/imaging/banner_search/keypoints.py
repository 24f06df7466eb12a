"""Find textured or perspective-changed guideline logos inside larger pictures by keypoints.

MEASURED found SIFT keypoints with a RANSAC geometric check found 6 of 7 planted logos at
~0.2 s per banner. A match must agree on one similarity transform (scale, rotation, shift)
with enough inliers; its region is where the logo's box lands. Flat glyphs have too few
keypoints for this: `regions.py` covers them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

REFERENCE_SIDE = 256  # guideline logos are described at this longest side
BANNER_SIDE = 1200  # banners are searched at most this wide
RATIO = 0.75  # Lowe's ratio test
NEIGHBOURS = 4
REFERENCE_FEATURES = 300  # strongest keypoints kept per reference view (memory at 5,000 logos)
MIN_INLIERS = 8  # banners without a logo gave 0–6 (MEASURED and logo_bench)
MIN_INLIER_SHARE = 0.3
MIN_LOGO_SHARE = 0.02  # a found region smaller than this share of the banner side is noise


@dataclass(frozen=True)
class KeypointHit:
    index: int  # which reference
    region: tuple[int, int, int, int]  # x, y, width, height in the banner's own pixels
    inliers: int


def _grey(image: Image.Image, side: int, background: int = 255) -> tuple[np.ndarray, float]:
    scale = min(1.0, side / max(image.size))
    if scale < 1.0:
        image = image.resize(
            (max(1, round(image.width * scale)), max(1, round(image.height * scale))),
            Image.Resampling.LANCZOS,
        )
    rgba = image.convert("RGBA")
    plate = Image.new("RGBA", rgba.size, (background, background, background, 255))
    plate.alpha_composite(rgba)
    return np.asarray(plate.convert("L")), scale


def _descriptors(
    sift: cv2.SIFT, grey: np.ndarray
) -> tuple[Sequence[cv2.KeyPoint], np.ndarray | None]:
    """Keypoints and their descriptors, or None when there are none: OpenCV 4 answers None,
    OpenCV 5 an empty (0, 128) array, and FLANN cannot train on an empty set."""
    keypoints, desc = sift.detectAndCompute(grey, None)
    if desc is None or len(desc) == 0:
        return keypoints, None
    return keypoints, desc


class KeypointSearch:
    """SIFT descriptors of every guideline logo (on white and on black), matched in one go."""

    def __init__(self, references: Sequence[Image.Image]) -> None:
        cv2.setNumThreads(1)
        self.sift = cv2.SIFT_create()
        self.reference_sift = cv2.SIFT_create(nfeatures=REFERENCE_FEATURES)
        points, descriptors, owners = [], [], []
        self.sizes: list[tuple[int, int]] = []
        for index, image in enumerate(references):
            grey_w, _ = _grey(image, REFERENCE_SIDE, 255)
            grey_b, _ = _grey(image, REFERENCE_SIDE, 0)
            self.sizes.append((grey_w.shape[1], grey_w.shape[0]))
            for grey in (grey_w, grey_b):
                keypoints, desc = _descriptors(self.reference_sift, _border(grey))
                if desc is None:
                    continue
                points.extend((kp.pt[0] - PAD, kp.pt[1] - PAD) for kp in keypoints)
                descriptors.append(desc)
                owners.extend([index] * len(keypoints))
        self.points = np.asarray(points, dtype=np.float32).reshape(-1, 2)
        self.owners = np.asarray(owners, dtype=np.int64)
        self.matcher = cv2.FlannBasedMatcher({"algorithm": 1, "trees": 4}, {"checks": 48})
        self.ready = bool(descriptors)
        if self.ready:
            self.matcher.add([np.concatenate(descriptors)])
            self.matcher.train()

    def search(self, image: Image.Image) -> list[KeypointHit]:
        """Every guideline logo found in the picture, best first."""
        if not self.ready:
            return []
        grey, scale = _grey(image, BANNER_SIDE)
        keypoints, desc = _descriptors(self.sift, grey)
        if desc is None or len(keypoints) < MIN_INLIERS:
            return []
        pairs = self.matcher.knnMatch(desc, k=NEIGHBOURS)
        good = [m[0] for m in pairs if m and self._distinctive(m)]
        by_owner: dict[int, list[cv2.DMatch]] = {}
        for match in good:
            by_owner.setdefault(int(self.owners[match.trainIdx]), []).append(match)
        hits = []
        for owner, matches in by_owner.items():
            if len(matches) < MIN_INLIERS:
                continue
            hit = self._verify(owner, matches, keypoints, scale, grey.shape)
            if hit is not None:
                hits.append(hit)
        return sorted(hits, key=lambda h: -h.inliers)

    def _distinctive(self, neighbours: Sequence[cv2.DMatch]) -> bool:
        """Lowe's ratio test against the nearest descriptor of a *different* logo: the same
        logo's on-white and on-black descriptors are near-twins and must not cancel out."""
        owner = self.owners[neighbours[0].trainIdx]
        for other in neighbours[1:]:
            if self.owners[other.trainIdx] != owner:
                return neighbours[0].distance < RATIO * other.distance
        return True

    def _verify(
        self,
        owner: int,
        matches: list[cv2.DMatch],
        keypoints: Sequence[cv2.KeyPoint],
        scale: float,
        shape: tuple[int, ...],
    ) -> KeypointHit | None:
        source = self.points[[m.trainIdx for m in matches]]
        target = np.float32([keypoints[m.queryIdx].pt for m in matches])
        transform, mask = cv2.estimateAffinePartial2D(
            source, target, method=cv2.RANSAC, ransacReprojThreshold=4.0
        )
        if transform is None:
            return None
        inliers = int(mask.sum())
        if inliers < MIN_INLIERS or inliers < MIN_INLIER_SHARE * len(matches):
            return None
        width, height = self.sizes[owner]
        corners = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
        placed = corners @ transform[:, :2].T + transform[:, 2]
        x0, y0 = placed.min(axis=0)
        x1, y1 = placed.max(axis=0)
        if min(x1 - x0, y1 - y0) < MIN_LOGO_SHARE * max(shape):
            return None
        x0, y0 = max(0.0, x0), max(0.0, y0)
        x1, y1 = min(float(shape[1]), x1), min(float(shape[0]), y1)
        if x1 <= x0 or y1 <= y0:
            return None
        box = tuple(round(v / scale) for v in (x0, y0, x1 - x0, y1 - y0))
        return KeypointHit(owner, box, inliers)  # type: ignore[arg-type]


PAD = 16


def _border(grey: np.ndarray) -> np.ndarray:
    """Pad so keypoints near the logo's edge get full descriptors."""
    return cv2.copyMakeBorder(grey, PAD, PAD, PAD, PAD, cv2.BORDER_REPLICATE)
