"""Every view of a set of fingerprinted logos in one packed matrix, and their bit distances
to a picture's views: what the matcher and the plain-shape test both search.

One picture is compared with every view of every logo in a single vectorised XOR + bit count.
Below the matcher (matcher.py) on purpose: the plain shapes (plain_shapes.py) that the
matcher's checks compare a picture with are such an index too, so this must not need them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from brandaudit.checks.imaging.fingerprints import Fingerprint
from brandaudit.checks.imaging.fingerprints.hashes import (
    HASH_BITS,
    HASH_BYTES,
    hamming,
    nearest_per_group,
    reference_words,
)
from brandaudit.checks.imaging.matching.verdict import SMALL_SIDE, ReferenceLogo

SCALE_SLACK = 1.6  # an image view may be compared with reference views down to 1/1.6 its size
REDUCED_SHARE = 0.75  # reference views smaller than this share of the logo's largest


class ViewIndex:
    """Every view of every logo in one packed matrix."""

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

    def _columns(self, logo: int) -> np.ndarray:
        """The index columns (views) of one logo."""
        end = self.starts[logo + 1] if logo + 1 < len(self.starts) else len(self.bits)
        return np.arange(self.starts[logo], end)

    def logo_views(self, logo: int, cut: bool) -> np.ndarray:
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
