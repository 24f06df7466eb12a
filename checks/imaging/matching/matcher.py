"""Match an image's fingerprint against every guideline logo at once.

All reference views sit in one packed bit matrix (view_index.py), so one image is compared
with every view of every logo at once; the close logos then go through the checks of
candidates.py. The thresholds were read off the distance distributions printed by
`benchmarks/logo_bench.py` (same logo under web transforms vs different logos), not guessed.

Family marks (cloud-service plates, badge sets) sit 35-60 bits from each other, inside the
distance a jpeg or small copy of one logo may drift: a picture that is about as near two
different logos of the guideline is taken for neither.

Measured: benchmarks/NOTES.md, section `checks/imaging/matching/matcher.py`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from brandaudit.checks.imaging.fingerprints import HASH_BITS, Fingerprint, hamming
from brandaudit.checks.imaging.matching.candidates import Nearest, first_accepted
from brandaudit.checks.imaging.matching.verdict import (
    FAITHFUL_BITS,
    SMALL_EXTRA_PER_PIXEL,
    SMALL_SIDE,
    LogoMatch,
    ReferenceLogo,
)
from brandaudit.checks.imaging.matching.verify import DrawnViews
from brandaudit.checks.imaging.matching.view_index import ViewIndex

RESEMBLE_BITS = 80  # up to here: a changed copy of the logo (cropped, redrawn)
AMBIGUOUS_FROM = 30  # a match farther than this must be clearly nearer its logo than others
# Evidence (benchmarks/NOTES.md): margin 10 / 15 / 20: 442 / 425 / 406 false, 2 / 5 / 6 lost.
AMBIGUOUS_MARGIN = 20  # another logo within this many more bits makes the match ambiguous
SAME_LOGO_BITS = 20  # two index logos closer than this are one mark (colour variants)


class ReferenceIndex(ViewIndex):
    """The guideline's logos as a view index, with the checks that take a match."""

    def __init__(self, references: Sequence[ReferenceLogo]) -> None:
        super().__init__(references)
        self.drawn = DrawnViews(self.bits, self.logo_views)
        self._gaps: dict[tuple[int, int], int] = {}  # logo_gap, per ordered pair

    def rivals(self, distance: np.ndarray, best: int) -> list[int]:
        """The other, different logos of the guideline almost as near as a loose match: the
        picture sits between two alike marks (icons of one family: cloud service plates,
        badge sets), most likely a third member of that family, not either of them, unless
        the second look settles it. Colour versions of the logo are no rivals."""
        if distance[best] <= AMBIGUOUS_FROM or len(distance) < 2:
            return []
        others = distance.copy()
        others[best] = HASH_BITS
        near = np.flatnonzero(others < distance[best] + AMBIGUOUS_MARGIN)
        return [int(r) for r in near if self.logo_gap(best, int(r)) > SAME_LOGO_BITS]

    def logo_gap(self, first: int, second: int) -> int:
        """How far apart two logos of the index are: the median, over the whole views of
        the first, of the distance to the nearest view of the second. Colour versions of
        one logo have every view alike; two badges of one family share only a few (their
        bare outline, their favicon blur), so the smallest distance would not tell."""
        if (first, second) not in self._gaps:  # a property of the index: asked again per audit
            a, b = self.logo_views(first, cut=False), self.logo_views(second, cut=False)
            gap = int(np.median(hamming(self.bits[a], self.bits[b]).min(axis=1)))
            self._gaps[first, second] = gap
        return self._gaps[first, second]

    def match(self, fingerprint: Fingerprint) -> LogoMatch | None:
        if fingerprint.blank or not self.references:
            return None
        table = self._table(fingerprint)
        return first_accepted(self, fingerprint, table, self._nearest(table, fingerprint))

    def _nearest(self, table: np.ndarray, fingerprint: Fingerprint) -> Nearest:
        """Per logo, the view pair a picture is judged by: whole views, or cut views where
        they fit and whole views do not (a copy cut at its edges)."""
        whole, ratios, sides = self._per_logo(table, fingerprint, ~self.cropped)
        cut, cut_ratios, cut_sides = self._per_logo(table, fingerprint, self.cropped)
        extras = np.maximum(0, SMALL_SIDE - sides) * SMALL_EXTRA_PER_PIXEL
        cut_extras = np.maximum(0, SMALL_SIDE - cut_sides) * SMALL_EXTRA_PER_PIXEL
        by_cut = (whole > FAITHFUL_BITS + extras) & (cut < whole)
        distance = np.where(by_cut, cut, whole)
        extra = np.where(by_cut, cut_extras, extras)
        return Nearest(
            distance=distance,
            ratio=np.where(by_cut, cut_ratios, ratios),
            side=np.where(by_cut, cut_sides, sides),
            by_cut=by_cut,
            extra=extra,
            close=distance <= RESEMBLE_BITS + extra,
        )
