"""Match an image's fingerprint against every guideline logo at once.

All reference views sit in one packed bit matrix, so one image is compared with every view
of every logo in a single vectorised XOR + bit count; the close logos then go through the
checks of candidates.py. The thresholds were read off the distance distributions printed by
`benchmarks/logo_bench.py` (same logo under web transforms vs different logos), not guessed.

Family marks (cloud-service plates, badge sets) sit 35-60 bits from each other, inside the
distance a jpeg or small copy of one logo may drift: a picture that is about as near two
different logos of the guideline is taken for neither. Read off the full run (`--all`, 14
guidelines, 133,768 queries, at e3333dd) by re-matching its recorded queries: ambiguity from
30 bits with a 10 / 15 / 20 bit margin took false matches 528 -> 442 / 425 (from 25 bits) /
406 for 2 / 5 / 6 identifications of 64,109.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from brandaudit.checks.imaging.candidates import Nearest, first_accepted
from brandaudit.checks.imaging.fingerprint import Fingerprint
from brandaudit.checks.imaging.hashes import (
    HASH_BITS,
    HASH_BYTES,
    hamming,
    nearest_per_group,
    reference_words,
)
from brandaudit.checks.imaging.verdict import (
    FAITHFUL_BITS,
    SMALL_EXTRA_PER_PIXEL,
    SMALL_SIDE,
    LogoMatch,
    ReferenceLogo,
)
from brandaudit.checks.imaging.verify import DrawnViews

RESEMBLE_BITS = 80  # up to here: a changed copy of the logo (cropped, redrawn)
SCALE_SLACK = 1.6  # an image view may be compared with reference views down to 1/1.6 its size
REDUCED_SHARE = 0.75  # reference views smaller than this share of the logo's largest
AMBIGUOUS_FROM = 30  # a match farther than this must be clearly nearer its logo than others
AMBIGUOUS_MARGIN = 20  # another logo within this many more bits makes the match ambiguous
SAME_LOGO_BITS = 20  # two index logos closer than this are one mark (colour variants)


class ReferenceIndex:
    """Every view of every guideline logo in one packed matrix."""

    def __init__(self, references: Sequence[ReferenceLogo]) -> None:
        self.references = tuple(r for r in references if not r.fingerprint.blank)
        fps = [r.fingerprint.distinct() for r in self.references]
        self.bits = (
            np.concatenate([f.bits for f in fps])
            if fps
            else np.zeros((0, HASH_BYTES), dtype=np.uint8)
        )
        self.sides = np.concatenate([f.sides for f in fps]) if fps else np.zeros(0)
        # The favicon-sized views of each logo (much smaller than its largest view).
        largest = np.concatenate([np.full(len(f.sides), f.sides.max()) for f in fps]) if fps else 0
        self.reduced = self.sides < REDUCED_SHARE * largest
        self.aspects = np.concatenate([f.aspects for f in fps]) if fps else np.zeros(0)
        self.cropped = (
            np.concatenate([f.cropped_views for f in fps]) if fps else np.zeros(0, dtype=bool)
        )
        self.starts = np.concatenate([[0], np.cumsum([len(f.bits) for f in fps])[:-1]]).astype(
            np.int64
        )
        self.words = reference_words(self.bits)  # laid out once for `hamming`
        # The largest picture view each reference view may be compared with: favicon-sized
        # views are blurry blobs that only small pictures may use. Views sorted by it, so a
        # picture's bits are counted only over the views it may use (a prefix): half of them
        # for most pictures.
        self._largest_user = np.where(self.reduced, SCALE_SLACK * self.sides, np.inf)
        self._by_user = np.argsort(-self._largest_user, kind="stable")
        self._users_sorted = self._largest_user[self._by_user]
        self._sorted_words = reference_words(self.bits[self._by_user])
        # Fine maps for the second look; None when any logo's fingerprint predates them.
        self.fine = (
            np.concatenate([f.fine for f in fps])
            if fps and all(f.fine is not None for f in fps)
            else None
        )
        self.drawn = DrawnViews(self.bits, self._views)
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
            a, b = self._views(first, cut=False), self._views(second, cut=False)
            gap = int(np.median(hamming(self.bits[a], self.bits[b]).min(axis=1)))
            self._gaps[first, second] = gap
        return self._gaps[first, second]

    def _columns(self, logo: int) -> np.ndarray:
        """The index columns (views) of one logo."""
        end = self.starts[logo + 1] if logo + 1 < len(self.starts) else len(self.bits)
        return np.arange(self.starts[logo], end)

    def _views(self, logo: int, cut: bool) -> np.ndarray:
        """A logo's cut views, or its whole views."""
        columns = self._columns(logo)
        return columns[self.cropped[columns] == cut]

    def distances(self, fingerprint: Fingerprint) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per logo: smallest bit distance over all view pairs (whole-logo views), the aspect
        ratio there, and the content size of the image's view there."""
        n = len(self.references)
        if fingerprint.blank or not self.references:
            return np.full(n, HASH_BITS), np.ones(n), np.full(n, SMALL_SIDE)
        return self._per_logo(self._table(fingerprint), fingerprint, ~self.cropped)

    def smallest(
        self, fingerprint: Fingerprint, cut: bool, table: np.ndarray | None = None
    ) -> tuple[int, np.ndarray | None]:
        """Smallest distance to any logo over its whole views (or with `cut`, its cut views),
        and the distance table: pass it back to ask the other kind without a second search."""
        if fingerprint.blank or not self.references:
            return HASH_BITS, None
        if table is None:
            table = self._table(fingerprint)
        usable = self.cropped if cut else ~self.cropped
        return int(self._per_logo(table, fingerprint, usable)[0].min()), table

    def _table(self, fingerprint: Fingerprint) -> np.ndarray:
        """(query views, reference views) bit distances; HASH_BITS where a favicon-sized
        reference view is too small for the picture's view."""
        sides = fingerprint.sides
        usable = int(np.count_nonzero(self._users_sorted >= sides.min()))
        table = np.full((len(sides), len(self.bits)), HASH_BITS, dtype=np.int32)
        words = self._sorted_words[:, :usable]
        table[:, self._by_user[:usable]] = hamming(fingerprint.bits, words)
        larger = np.flatnonzero(sides > sides.min())  # may use fewer views than the smallest
        if larger.size:
            rows = table[larger]
            rows[sides[larger, None] > self._largest_user[None, :]] = HASH_BITS
            table[larger] = rows
        return table

    def _per_logo(
        self, table: np.ndarray, fingerprint: Fingerprint, usable: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        # The view pair that gave each logo its distance, for the aspect comparison.
        per_logo, first, rows = nearest_per_group(table, self.starts, usable)
        ratios = fingerprint.aspects[rows] / self.aspects[first]
        return per_logo, ratios, fingerprint.sides[rows]

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
