"""The finer second look: is the picture's drawing the candidate logo's, or another one in
the same outline?

The 16 × 16 hash grid sees the outline of a badge, a plate or a disc and little of the
drawing inside it, so badges of one family (cloud-service plates, Adobe squares, shields)
sit 30-60 bits apart, as near as a JPEG or a favicon of one logo drifts. For a loose match
(more than LOOK_FROM bits beyond the small-content allowance), or one as near another logo of
the guideline, the matcher compares the fine maps (fingerprints/fine_maps.py) of the view
pairs the hash found nearest and keeps the smallest drawing gap.

Measured: benchmarks/NOTES.md, section `checks/imaging/matching/second_look.py`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from brandaudit.checks.imaging.fingerprints.fine_maps import drawing_gaps

# Evidence (benchmarks/NOTES.md): from 25 one more own logo lost; from 35, 11 fewer false gone.
LOOK_FROM = 30  # bits beyond the small-content allowance from which the drawing is compared
# Evidence (benchmarks/NOTES.md): 0.80 / 0.85 / 0.90 / 1.00: 66 / 75 / 80 / 92 false, 0.80 lost 1.
GAP_LIMIT = 0.9  # a drawing gap above this: another drawing than the logo's
LOOSE_FROM = 40  # bits beyond the allowance from which a match is loose enough that ...
# Evidence (benchmarks/NOTES.md): 0.80 / 0.75 / 0.70: 67 / 55 / 49 false, 0.70 lost 1.
LOOSE_GAP_LIMIT = 0.75  # ... a drawing gap above this already means another drawing
# Evidence (benchmarks/NOTES.md): +4 identifications, no false; 0.6 with a 0.2 margin added one.
TIE_GAP = 0.5  # an ambiguous match is kept when its drawing gap is at most this ...
TIE_MARGIN = 0.3  # ... and every near rival's is larger by at least this
PAIR_SLACK = 10  # view pairs within this many bits of the logo's nearest pair are compared
MOST_PAIRS = 12  # at most this many view pairs per logo
CHUNK = 3  # view pairs compared at a time


def nearest_pairs(table: np.ndarray, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, columns) of the view pairs nearest in the hash table among `columns`."""
    sub = table[:, columns]
    rows, cols = np.nonzero(sub <= int(sub.min()) + PAIR_SLACK)
    order = np.argsort(sub[rows, cols], kind="stable")[:MOST_PAIRS]
    return rows[order], columns[cols[order]]


class SecondLook:
    """Per picture: the drawing gap to each logo it is asked about, computed once."""

    def __init__(
        self,
        table: np.ndarray,
        query_fine: np.ndarray | None,
        reference_fine: np.ndarray | None,
        columns: Callable[[int, bool], np.ndarray],
    ) -> None:
        self.table = table
        self.query_fine = query_fine
        self.reference_fine = reference_fine
        self.columns = columns  # a logo's view columns: its cut views, or its whole views
        self._pairs: dict[tuple[int, bool], tuple[np.ndarray, np.ndarray] | None] = {}
        self._gaps: dict[tuple[int, bool], float] = {}  # smallest gap over the pairs done
        self._done: dict[tuple[int, bool], int] = {}  # how many pairs were compared

    def gap(self, logo: int, cut: bool = False, enough: float = 0.0) -> float | None:
        """Smallest drawing gap between the picture and the logo, over its nearest view
        pairs; None without fine maps (a fingerprint stored before they existed) or views.
        Pairs are compared a few at a time, nearest first, and only until one is within
        `enough`: a loose copy of the logo is told by its first pairs, and only another
        drawing needs them all."""
        key = (logo, cut)
        if key not in self._pairs:
            self._pairs[key] = self._nearest(logo, cut)
            self._gaps[key] = np.inf
        pairs = self._pairs[key]
        if pairs is None:
            return None
        rows, cols = pairs
        while self._gaps[key] > enough and self._done.get(key, 0) < len(rows):
            start = self._done.get(key, 0)
            chunk = slice(start, start + CHUNK)
            found = drawing_gaps(self.query_fine[rows[chunk]], self.reference_fine[cols[chunk]])
            self._gaps[key] = min(self._gaps[key], float(found.min()))
            self._done[key] = start + CHUNK
        return self._gaps[key]

    def _nearest(self, logo: int, cut: bool) -> tuple[np.ndarray, np.ndarray] | None:
        if self.query_fine is None or self.reference_fine is None or not len(self.query_fine):
            return None
        columns = self.columns(logo, cut)
        return nearest_pairs(self.table, columns) if len(columns) else None

    def rejects(self, logo: int, distance: int, extra: float, cut: bool) -> bool:
        """A loose match whose drawing is not the logo's."""
        beyond = distance - extra
        if beyond <= LOOK_FROM:
            return False
        limit = LOOSE_GAP_LIMIT if beyond > LOOSE_FROM else GAP_LIMIT
        gap = self.gap(logo, cut, enough=limit)
        return gap is not None and gap > limit

    def settles(self, logo: int, rivals: list[int]) -> bool:
        """An ambiguous match kept: its drawing is the logo's, and every rival's is another
        (beyond GAP_LIMIT, and at least TIE_MARGIN farther than the logo's)."""
        gap = self.gap(logo)
        if gap is None or gap > TIE_GAP:
            return False
        for rival in rivals:
            other = self.gap(rival)
            if other is None or other < max(gap + TIE_MARGIN, GAP_LIMIT):
                return False
        return True
