"""A second look at a candidate match: is the shape alone evidence of the logo?

A logo that is little more than a plain shape (a filled disc, a rounded square, two bars, an
app-icon plate) is matched by any picture with that outline: a photo cropped to its frame,
another brand's badge. When a plain shape (checks/imaging/plain_shapes.py) explains the
picture about as well as the logo does, the shape proves nothing and only the colours can:
the match stands only if the picture's colours are the logo's own. On 1,200 brands and 3,000
photo-like pictures (benchmarks/logo_bench.py) this removed 520 of 708 false matches, every
photo among them, for 6 of about 19,000 true identifications.
"""

from __future__ import annotations

from checks.imaging.colours import colour_distance
from checks.imaging.fingerprint import Fingerprint
from checks.imaging.hashes import HASH_BITS

PLAIN_MARGIN = 6  # a plain shape within this many bits of the logo explains the picture as well
CONFIRM_DELTA_E = 12.0  # colours this close (share-weighted CIELAB) are the logo's own


class PlainShapeTest:
    """Per picture: how close its nearest plain shape is, computed once and only if asked."""

    def __init__(self, fingerprint: Fingerprint) -> None:
        self.fingerprint = fingerprint
        self._plain: int | None = None

    @property
    def plain_distance(self) -> int:
        if self._plain is None:
            # Imported here: plain_shapes builds its shapes with the matcher, which uses this.
            from checks.imaging.plain_shapes import plain_shapes

            per_shape = plain_shapes().distances(self.fingerprint)[0]
            self._plain = int(per_shape.min()) if len(per_shape) else HASH_BITS
        return self._plain

    def shape_is_evidence(self, distance: int) -> bool:
        """False when a plain shape fits the picture within PLAIN_MARGIN of the logo's fit."""
        return self.plain_distance > distance + PLAIN_MARGIN


def colours_confirm(query: Fingerprint, reference: Fingerprint) -> bool:
    """The picture shows colours, and they are the logo's own (not merely a similar outline)."""
    if len(query.colours) == 0 or len(reference.colours) == 0:
        return False
    return colour_distance(query.colours, reference.colours) <= CONFIRM_DELTA_E
