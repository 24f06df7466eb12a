"""A cheap test for "this picture likely holds text", and how tall its text is.

Text lines are runs of sharp, evenly sized edges: a morphological gradient, Otsu threshold
and a horizontal closing turn each line into one wide component. Photos, logos and flat
illustrations rarely give several such components. ~2-5 ms per picture on a 640 px copy,
against ~0.3-1 s for reading it (benchmarks/ocr_bench.py), so OCR only runs where this passes.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

WORK_WIDTH = 640  # the detector looks at a copy this wide
MIN_LINE_HEIGHT = 6  # px on the work copy: smaller strokes are texture
# px on the work copy: narrower runs hold no checkable word (two Chinese characters at the
# smallest height are ~24 px); noisy photos gave lone 15x7 px "lines" that cost a 3x-scaled
# Tesseract read each (benchmarks/ocr_bench.py, image-heavy site)
MIN_LINE_WIDTH = 20
MAX_LINE_SHARE = 0.5  # a "line" taller than half the picture is a shape, not text
MAX_REGIONS = 400  # beyond this many lines a picture is read within its time budget only


@dataclass(frozen=True)
class TextLikeness:
    lines: int  # text-like line components found
    line_height: float  # median height of those lines, in the original picture's pixels
    boxes: tuple[tuple[int, int, int, int], ...]  # in original pixels

    @property
    def likely(self) -> bool:
        return self.lines >= 1


def detect_text(gray: np.ndarray) -> TextLikeness:
    """Text-like line components of a grayscale picture (uint8, H x W)."""
    height, width = gray.shape
    scale = min(1.0, WORK_WIDTH / max(width, 1))
    small = (
        cv2.resize(
            gray,
            (max(1, int(width * scale)), max(1, int(height * scale))),
            interpolation=cv2.INTER_AREA,
        )
        if scale < 1
        else gray
    )
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))
    gradient = cv2.morphologyEx(small, cv2.MORPH_GRADIENT, kernel)
    _, edges = cv2.threshold(gradient, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    if edges.mean() > 255 * 0.45:  # noise everywhere (a photo of foliage): no lines to find
        return TextLikeness(0, 0.0, ())
    joined = cv2.morphologyEx(
        edges, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1))
    )
    _, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    small_h = small.shape[0]
    boxes, heights = [], []
    for x, y, w, h, area in stats[1:]:
        if h < MIN_LINE_HEIGHT or h > MAX_LINE_SHARE * small_h or w < max(2 * h, MIN_LINE_WIDTH):
            continue
        fill = edges[y : y + h, x : x + w].mean() / 255
        if not 0.15 <= fill <= 0.85 or area < 0.3 * w * h:
            continue
        boxes.append(tuple(int(v / scale) for v in (x, y, w, h)))
        heights.append(h / scale)
    return TextLikeness(len(boxes), float(np.median(heights)) if heights else 0.0, tuple(boxes))
