"""Reversed views of a guideline logo: the one-colour version a page shows on a background
its colours would vanish on.

Brand guidelines draw a reversed (one-colour) logo from the colour logo by keeping its outer
ink and knocking out what is painted on it: a white alien on an orange disc becomes an
alien-shaped hole in a one-colour disc, so the drawing still shows. A plain silhouette (the
whole disc filled) is no brand's reversed logo. Two rules find the drawing:

- by regions (ink_regions.py): the ink cut at sharp colour edges, so a shaded disc stays one
  ink; what lies on the outer ink and contrasts with it is the drawing. Found on the logo as
  given and at PAGE_SIDE (regions a few pixels apart part at one size, merge at the other);
- per main tone (kept from before, for what the regions miss): a main ink (a LAYER) is a
  tone on at least LAYER_SHARE of the logo's ink, pixels within TONE_GAP of it in luminance
  print in that ink; a drawing "sits on" the layer inside the layer's convex hull (an "f"
  open to the edge of its disc is still on it); the reversed logo is all the ink but what
  sits on the layer in another tone. A band around one tone of a gradient is a crescent, so
  alone it missed shaded logos.

Each knockout gives one view, the logo shown so (one colour on grey) and prepared exactly as
a query is; a view within novel_views.NEAR_BITS of an earlier one is the same knockout and
left out. The alpha silhouette (normalise.prepare's first view) and the logo flattened on
white or black are already views: a reversed view near one of them is left out by the caller.

Measured: benchmarks/NOTES.md, section `checks/imaging/references/reversed_views.py`.
"""

from __future__ import annotations

import cv2
import numpy as np

from brandaudit.checks.imaging.picture import View, flatten, prepare
from brandaudit.checks.imaging.references.cut_views import picture
from brandaudit.checks.imaging.references.ink_regions import filled_hull, painted_drawing
from brandaudit.checks.imaging.references.novel_views import novel_views

LAYER_SHARE = 0.2  # a tone on this share of the ink is a main ink of the logo
TONE_GAP = 0.25  # luminance this far from a main ink's: another colour, painted on it
INK = 0.5  # alpha above this is ink
LUMA = np.asarray([0.2126, 0.7152, 0.0722], dtype=np.float32)
# Evidence (benchmarks/NOTES.md): found 4 more of 51 on_grey / on_brand misses.
PAGE_SIDE = 256  # the drawing is also found at this size (a logo as a page shows it)
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
    for drawing in _drawings(full):
        if drawing.sum() >= 0.01 * ink.sum():
            views.append(_shown(alpha * (1 - drawing)))
    for tone in main_tones(full[..., :3][ink]):
        layer = ink & (np.abs(tones - tone) < TONE_GAP)
        painted = ink & ~layer & filled_hull(layer)
        if painted.sum() < 0.01 * ink.sum():
            continue  # nothing painted on it: reversed, it is the silhouette
        views.append(_shown(np.where(painted, 0.0, alpha)))
    # The same knockout found by the regions and by a main tone is indexed once.
    return list(novel_views([], [view for view in views if view is not None]))


def _drawings(full: np.ndarray) -> list[np.ndarray]:
    """The drawing painted on the logo's outer ink (ink_regions.py) found on the logo as
    given and on it at PAGE_SIDE, the size a page shows it at: where a drawing runs close to
    the rim or a facet is a few pixels wide, regions part at one size and merge at the
    other, so the one-colour logo a page shows may knock out a little more or less."""
    drawings = [painted_drawing(full)]
    height, width = full.shape[:2]
    scale = PAGE_SIDE / max(height, width)
    if scale < 0.8:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        small = painted_drawing(cv2.resize(full, size, interpolation=cv2.INTER_AREA))
        drawings.append(cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR))
    return drawings


def _shown(alpha: np.ndarray) -> View | None:
    """The one-colour logo of this alpha, shown black on grey and prepared as a query is."""
    shown = np.dstack([np.zeros_like(alpha)] * 3 + [alpha]).astype(np.float32)
    views = prepare(picture(flatten(shown, SHOWN_ON))).views
    return views[0] if views else None


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
