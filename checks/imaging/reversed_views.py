"""Reversed views of a guideline logo: the one-colour version a page shows on a background
its colours would vanish on.

Brand guidelines draw a reversed (one-colour) logo from the colour logo by keeping one main
ink and knocking out what is painted on it: a white alien on an orange disc becomes an
alien-shaped hole in a one-colour disc, so the drawing still shows. A plain silhouette (the
whole disc filled) is no brand's reversed logo. The rule, per main ink of the logo:

- a main ink (a LAYER) is a tone on at least LAYER_SHARE of the logo's ink: pixels within
  TONE_GAP of it in luminance print in that ink (a drawing must contrast with what it is
  painted on to be seen at all, so contrast is what tells a drawing from its plate);
- a drawing "sits on" the layer where it lies inside the layer's outline (its convex hull:
  an "f" open to the edge of its disc is still on the disc);
- the reversed logo is all the ink but what sits on the layer in another tone.

Each layer gives one view, as the logo would be shown so (one colour on grey) and prepared
exactly as a query is. The alpha silhouette (normalise.prepare's first view) and the logo
flattened on white or black (a white or black drawing vanishes, which is a knockout of it)
are already views: a reversed view near one of them is left out by the caller.
"""

from __future__ import annotations

import cv2
import numpy as np

from checks.imaging.cut_views import picture
from checks.imaging.normalise import View, flatten, prepare

LAYER_SHARE = 0.2  # a tone on this share of the ink is a main ink of the logo
TONE_GAP = 0.25  # luminance this far from a main ink's: another colour, painted on it
INK = 0.5  # alpha above this is ink
LUMA = np.asarray([0.2126, 0.7152, 0.0722], dtype=np.float32)
SHOWN_ON = (0.5, 0.5, 0.5)  # the one-colour logo is shown black on grey (on_grey's reversal)


def reversed_views(full: np.ndarray) -> list[View]:
    """One view per main ink of the logo (`full`: RGBA 0..1), its painted drawing knocked
    out; none when nothing is painted on any main ink (the silhouette already is a view)."""
    alpha = full[..., 3]
    ink = alpha > INK
    if ink.sum() < 16:
        return []
    tones = full[..., :3] @ LUMA
    views: list[View] = []
    for tone in main_tones(full[..., :3][ink]):
        layer = ink & (np.abs(tones - tone) < TONE_GAP)
        painted = ink & ~layer & _hull(layer)
        if painted.sum() < 0.01 * ink.sum():
            continue  # nothing painted on it: reversed, it is the silhouette
        shown = np.dstack([np.zeros_like(tones)] * 3 + [np.where(painted, 0.0, alpha)])
        views += prepare(picture(flatten(shown.astype(np.float32), SHOWN_ON))).views[:1]
    return views


def main_tones(rgb: np.ndarray) -> list[float]:
    """The luminances of the logo's main inks (`rgb`: its ink pixels, 0..1): coarsely
    quantised colours on LAYER_SHARE of the ink, commonest first, one per tone."""
    codes = np.minimum((rgb * 8).astype(np.int32), 7)
    keys = codes[:, 0] * 64 + codes[:, 1] * 8 + codes[:, 2]
    values, counts = np.unique(keys, return_counts=True)
    tones: list[float] = []
    for i in np.argsort(-counts):
        if counts[i] < LAYER_SHARE * len(rgb):
            break
        tone = float(rgb[keys == values[i]].mean(axis=0) @ LUMA)
        if all(abs(tone - t) >= TONE_GAP for t in tones):
            tones.append(tone)
    return tones


def _hull(mask: np.ndarray) -> np.ndarray:
    """The filled convex hull of a mask (the outline a drawing may sit inside)."""
    points = cv2.findNonZero(mask.astype(np.uint8))
    hull = np.zeros(mask.shape, dtype=np.uint8)
    if points is None or len(points) < 3:
        return hull.astype(bool)
    cv2.fillConvexPoly(hull, cv2.convexHull(points), 1)
    return hull.astype(bool)
