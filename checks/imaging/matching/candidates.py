"""Which of the logos near a picture it is: the checks a close logo must pass to be taken.

Being near a logo's views is not enough: a similar silhouette in other colours, a plain disc
or plate (which any logo drawn on one is near), another drawing in the same outline, a mark
in other proportions, or one of a family of alike marks is someone else's. The close logos
are tried nearest first (proportions agreeing); the first that passes every check is the
match. The thresholds were read off the distance distributions printed by
`benchmarks/logo_bench.py`, not guessed.

Measured: benchmarks/NOTES.md, section `checks/imaging/matching/candidates.py`.

A match through the logo's cut views is weighed against plain shapes cut the same way (cut
copies of bare frames and plates are featureless maps that photos match at 0 bits), with the
plain-shape checks: colours, and the inner drawing within DRAWN_CUT_BITS.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from typing import Protocol

import numpy as np

from brandaudit.checks.imaging.fingerprints import Fingerprint
from brandaudit.checks.imaging.matching.second_look import SecondLook
from brandaudit.checks.imaging.matching.verdict import (
    CONTENT_ASPECT_TOLERANCE,
    FAITHFUL_BITS,
    LogoMatch,
    ReferenceLogo,
    allowance,
    colourless,
    judge,
    recoloured,
)
from brandaudit.checks.imaging.matching.verify import (
    DrawnViews,
    PlainShapeTest,
    colours_confirm,
    outline_confirms,
)

RECOLOURED_BITS = 40  # a copy in other colours must be at least this close in shape
# Evidence (benchmarks/NOTES.md): 80 / 55 / 40: 607 / 551 / 528 false for 12 fewer of 64,121 found.
DRAWN_MATCH_BITS = 40  # a plain outline's inner drawing must be this close to the logo's
# Evidence (benchmarks/NOTES.md): 40 / 45 / 50 / 55: 303 / 306 / 314 / 323 false, 45 finds 2 more.
DRAWN_CUT_BITS = 45  # the same through the logo's cut views (cut copies drift more)
ASPECT_PENALTY = 400  # bits added per unit of |log(aspect ratio)| when ranking logos


class CandidateIndex(Protocol):
    """What the checks read of the index they judge against (matcher.ReferenceIndex):
    declared here so this module, which the matcher uses, needs nothing from the matcher."""

    references: tuple[ReferenceLogo, ...]
    fine: np.ndarray | None
    drawn: DrawnViews

    def logo_views(self, logo: int, cut: bool) -> np.ndarray: ...

    def rivals(self, distance: np.ndarray, best: int) -> list[int]: ...


@dataclass(frozen=True)
class Nearest:
    """Per logo of the index: how near a picture is, read on the view pair it is judged by."""

    distance: np.ndarray  # bits to the logo's nearest (whole, or with by_cut, cut) view
    ratio: np.ndarray  # picture content aspect / logo content aspect there
    side: np.ndarray  # content size of the picture's view there
    by_cut: np.ndarray  # judged by the logo's cut views (a copy cut at its edges)
    extra: np.ndarray  # bits allowed for small content
    close: np.ndarray  # near enough to be a changed copy of the logo


def first_accepted(
    index: CandidateIndex, fingerprint: Fingerprint, table: np.ndarray, nearest: Nearest
) -> LogoMatch | None:
    """The nearest close logo that passes every check, judged; None if none does."""
    distance, ratio, by_cut = nearest.distance, nearest.ratio, nearest.by_cut
    # Among the close logos, prefer the one whose proportions also agree.
    scores = np.where(nearest.close, distance + ASPECT_PENALTY * np.abs(np.log(ratio)), np.inf)
    plain = PlainShapeTest(fingerprint)
    look = SecondLook(table, fingerprint.fine, index.fine, index.logo_views)
    for best in np.argsort(scores)[: int(nearest.close.sum())]:
        reference = index.references[best]
        cut, extra = bool(by_cut[best]), nearest.extra[best]
        if distance[best] > RECOLOURED_BITS and recoloured(fingerprint, reference):
            continue  # same rough shape in other colours: another brand's mark
        loose = distance[best] > FAITHFUL_BITS + extra and not cut
        if loose and colourless(fingerprint, reference):
            continue  # a one-colour picture only roughly like a coloured logo: no evidence
        if not plain.shape_is_evidence(int(distance[best]), cut=cut):
            # The outline is any disc or plate: the colours and the inner drawing must be
            # the logo's (verify.py). A match through cut views is weighed against cut
            # plain shapes too: the cut copy of a bare frame is a featureless map.
            limit = (DRAWN_CUT_BITS if cut else DRAWN_MATCH_BITS) + extra
            drawing = partial(index.drawn.distance, table, plain, int(best), cut)
            if not outline_confirms(fingerprint, reference.fingerprint, drawing, limit):
                continue  # a plain outline in other colours, or another drawing in it
        off = abs(math.log(ratio[best])) > math.log1p(CONTENT_ASPECT_TOLERANCE)
        if off and not cut and not colours_confirm(fingerprint, reference.fingerprint):
            continue  # other proportions and other colours: a similar mark, not ours
        if look.rejects(int(best), int(distance[best]), extra, cut):
            continue  # a loose match whose drawing is another (second_look.py)
        rivals = [] if cut else index.rivals(distance, int(best))
        if rivals and not look.settles(int(best), rivals):
            continue  # as near another mark of the guideline: one of a family of alike marks
        return judge(
            reference,
            fingerprint,
            int(distance[best]),
            float(ratio[best]),
            allowance(int(nearest.side[best])),
            cropped=cut,
        )
    return None
