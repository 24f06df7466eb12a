"""A second look at a candidate match: is the shape alone evidence of the logo?

A logo that is little more than a plain shape (a filled disc, a rounded square, two bars, an
app-icon plate) is matched by any picture with that outline: a photo cropped to its frame,
another brand's badge. When a plain shape (plain_shapes.py) explains the picture about as
well as the logo does, the outline proves nothing: the picture's colours must be the logo's
own, and where both show a drawing inside the outline (a view far from every plain shape),
those drawings must resemble each other too.

Measured: benchmarks/NOTES.md, section `checks/imaging/matching/verify.py`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from brandaudit.checks.imaging.fingerprints import HASH_BITS, Fingerprint, colour_distance, hamming
from brandaudit.checks.imaging.matching.plain_shapes import plain_shapes

# A plain shape within this many bits of the logo's fit explains a whole picture as well.
# Evidence (benchmarks/NOTES.md): 6 / 9 / 12 / 16 bits: 187 / 159 / 153 / 151 false, 16 loses.
# Not banner_search's CUTOUT_PLAIN_MARGIN: a cut-out is judged by its shape alone.
PICTURE_PLAIN_MARGIN = 9
# Evidence (benchmarks/NOTES.md): ΔE 6 / 8 / 12 / 16: 136 / 142 / 159 / 170 false, 1 lost at 6.
CONFIRM_DELTA_E = 8.0  # colours this close (share-weighted CIELAB) are the logo's own
DRAWN_BITS = 24  # a view this far from every plain shape shows a drawing, not only an outline


def plain_view_distances(bits: np.ndarray) -> np.ndarray:
    """Per packed hash row: bits to the nearest view of any plain shape."""
    shapes = plain_shapes()
    if len(bits) == 0 or len(shapes.bits) == 0:
        return np.full(len(bits), HASH_BITS)
    return hamming(bits, shapes.words).min(axis=1)


class PlainShapeTest:
    """Per picture: how close its nearest plain shape is, computed once and only if asked."""

    def __init__(self, fingerprint: Fingerprint) -> None:
        self.fingerprint = fingerprint
        self._plain: dict[bool, int] = {}  # to whole plain shapes, to cut ones
        self._table: np.ndarray | None = None  # distances to every plain shape view
        self._drawn: np.ndarray | None = None

    @property
    def drawn_views(self) -> np.ndarray:
        """Mask of the picture's views that show a drawing inside their outline."""
        if self._drawn is None:
            self._drawn = plain_view_distances(self.fingerprint.bits) > DRAWN_BITS
        return self._drawn

    @property
    def plain_distance(self) -> int:
        return self.distance_to_plain(cut=False)

    def distance_to_plain(self, cut: bool) -> int:
        """Bits to the nearest plain shape: its whole views, or with `cut` its views cut at
        the edges (what a picture matched through a logo's cut views is compared with)."""
        if cut not in self._plain:
            self._plain[cut], self._table = plain_shapes().smallest(
                self.fingerprint, cut, self._table
            )
        return self._plain[cut]

    def shape_is_evidence(self, distance: int, cut: bool = False) -> bool:
        """False when a plain shape fits the picture within PICTURE_PLAIN_MARGIN of the logo's
        fit.
        A match through a cut view is weighed against plain shapes cut the same way: the cut
        copy of a bare frame or plate is a featureless map that any photo's frame matches."""
        plain = self.distance_to_plain(False)
        if cut:
            plain = min(plain, self.distance_to_plain(True))
        return plain > distance + PICTURE_PLAIN_MARGIN


class DrawnViews:
    """Which views of an index show a drawing inside their outline, and how near the
    picture's drawn views come to one logo's (lazy: only pictures that a plain shape
    explains ask)."""

    def __init__(self, bits: np.ndarray, views: Callable[[int, bool], np.ndarray]) -> None:
        self.bits = bits
        self.views = views  # a logo's index columns: its cut views, or its whole views
        self._mask: np.ndarray | None = None

    @property
    def mask(self) -> np.ndarray:
        if self._mask is None:
            self._mask = plain_view_distances(self.bits) > DRAWN_BITS
        return self._mask

    def distance(
        self, table: np.ndarray, plain: PlainShapeTest, logo: int, cut: bool
    ) -> int | None:
        """Smallest distance between views that both show a drawing, for one logo; None when
        the picture or the logo has no such view (a bare outline: only colours can tell)."""
        columns = self.views(logo, cut)
        columns = columns[self.mask[columns]]
        rows = np.flatnonzero(plain.drawn_views)
        if not len(columns) or not len(rows):
            return None
        return int(table[np.ix_(rows, columns)].min())


def outline_confirms(
    query: Fingerprint, reference: Fingerprint, drawing: Callable[[], int | None], limit: float
) -> bool:
    """A plain outline is the logo's only in the logo's colours, and with the logo's drawing
    inside it: `drawing()` (asked only once the colours agree) within `limit` bits, where
    both show one."""
    if not colours_confirm(query, reference):
        return False  # a plain outline in other colours (a photo, another badge)
    distance = drawing()
    return distance is None or distance <= limit


def colours_confirm(query: Fingerprint, reference: Fingerprint) -> bool:
    """The picture shows colours, and they are the logo's own (not merely a similar outline)."""
    if len(query.colours) == 0 or len(reference.colours) == 0:
        return False
    return colour_distance(query.colours, reference.colours) <= CONFIRM_DELTA_E
