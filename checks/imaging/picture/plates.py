"""The drawing cut out of a plain plate: the only shape an app-icon style logo has.

A logo that is a filled square or disc with a small drawing cut out of it (a lightning bolt
through an orange square) reads as a plain filled box: more than SOLID_SHARE of its box is
evenly content, so its views would be dropped as background plates, and a picture of it
would have no view at all (gif_palette: 15 of its 66 misses in the full bench run were such
blank fingerprints). Its shape is the holes: the parts of the box, enclosed by the plate,
that are far from the plate's level. Background outside a rounded plate's corners touches
the box edge, so it is not a hole, and an empty plate still has no view. With this, those
logos are found as png_256, png_1024, webp_q60 and gif_palette (seed 7 sample: +1 each), but
si:portswigger (a bolt cut right through a plate) is now taken for si:burpsuite (the same
bolt enclosed in the plate) where before neither was found.
"""

from __future__ import annotations

import cv2
import numpy as np

HOLE_LEVEL = 0.5  # a pixel below this share of the plate's level is see-through


def plate_holes(crop: np.ndarray, level: float) -> np.ndarray | None:
    """Distance-like map of the holes enclosed by a plate (`crop`: the plate's box of a
    distance map, `level`: its typical value), or None when the plate has none."""
    low = (crop < HOLE_LEVEL * level).astype(np.uint8)
    if not low.any():
        return None
    _count, labels = cv2.connectedComponents(low, connectivity=4)
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    enclosed = low.astype(bool) & ~np.isin(labels, edge[edge > 0])
    if not enclosed.any():
        return None
    # One pixel more around each hole keeps its anti-aliased edge.
    grown = cv2.dilate(enclosed.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    holes = np.clip(np.float32(level) - crop, 0.0, None) / np.float32(level)
    return np.where(grown, holes, np.float32(0.0)).astype(np.float32)
