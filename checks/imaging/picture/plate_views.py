"""Views of a plain plate that the holes cut out of it (checks/imaging/picture/plates.py) miss.

A logo on a plain plate (an app icon, a badge) reads as a plain filled box: more than
SOLID_SHARE of its box is evenly content. Its shape is then the drawing cut out of it, but
two kinds of plate have no enclosed holes:

- A drawing cut in from the plate's side: see-through lines running out to its edge
  (si:kaniko, a "K" of lines through an orange square; gb:microsoft-windows-icon, four panes).
  Anti-aliased, the lines' edges make the ink uneven and the plate keeps its own view; saved
  with one transparent index (a palette GIF) the ink is one level and the picture had no view
  at all. The background outside a plate's rounded corners (or a disc's, a hexagon's) also
  touches the box edge, but it holds a corner of the box; a cut from a side does not.
- A drawing painted on the plate (gb:adobe-lightroom: blue letters on navy). On a page's
  margin the plate is plain against the page colour; against another colour (black) its
  drawing shows, but so does the page's margin around it, framing the drawing in a band the
  logo does not have (padded 25 % on white: 146 bits from the logo, 10 with the margin
  taken out).

Measured: benchmarks/NOTES.md, section `checks/imaging/picture/plate_views.py`.
"""

from __future__ import annotations

import cv2
import numpy as np

from brandaudit.checks.imaging.picture.plates import HOLE_LEVEL


def cut_from_a_side(crop: np.ndarray, level: float) -> bool:
    """Whether see-through parts of a plate (`crop`: its box of a distance map, `level`: its
    typical value) reach the box edge away from its corners."""
    low = (crop < HOLE_LEVEL * level).astype(np.uint8)
    if not low.any():
        return False
    _count, labels = cv2.connectedComponents(low, connectivity=4)
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    corners = {labels[0, 0], labels[0, -1], labels[-1, 0], labels[-1, -1]}
    return any(label > 0 and label not in corners for label in edge)


def without_margin(
    maps: list[np.ndarray], box: tuple[int, int, int, int], level: float
) -> list[np.ndarray]:
    """The maps to other colours than the page's, with the page around the plate as no ink.

    `maps[0]`: distance to the page colour, in which the plate (content box `box`) had no
    view. Only when the page shows on every side of the plate: a plate filling the picture
    may have its true background hidden, and the other colours are then candidates for it.
    """
    top, bottom, left, right = box
    height, width = maps[0].shape
    if top == 0 or left == 0 or bottom == height or right == width:
        return maps
    plate = maps[0] > level
    return [maps[0], *(np.where(plate, m, np.float32(0.0)) for m in maps[1:])]
