"""Match an image's fingerprint against every guideline logo at once and judge the match.

All reference views sit in one packed bit matrix, so one image is compared with every view
of every logo in a single vectorised XOR + bit count. The thresholds were read off the
distance distributions printed by `benchmarks/logo_bench.py` (same logo under web transforms
vs different logos), not guessed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from checks.imaging.colours import colour_distance, is_neutral
from checks.imaging.fingerprint import Fingerprint
from checks.imaging.hashes import HASH_BITS, HASH_BYTES, hamming

FAITHFUL_BITS = 50  # at most this far (of HASH_BITS) from a logo's view: the same logo
RESEMBLE_BITS = 80  # up to here: a changed copy of the logo (cropped, redrawn)
SMALL_SIDE = 64  # content smaller than this (pixels) is blurred: allow more bits
SMALL_EXTRA_PER_PIXEL = 0.5  # extra bits allowed per pixel below SMALL_SIDE
SCALE_SLACK = 1.6  # an image view may be compared with reference views down to 1/1.6 its size
REDUCED_SHARE = 0.75  # reference views smaller than this share of the logo's largest
RECOLOURED_DELTA_E = 25.0  # share-weighted CIELAB distance beyond which colours changed
ASPECT_TOLERANCE = 0.08  # content aspect differing more than this: stretched or cropped
ASPECT_PENALTY = 400  # bits added per unit of |log(aspect ratio)| when ranking logos

Status = Literal["approved", "deprecated"]
Verdict = Literal["faithful", "altered"]


@dataclass(frozen=True)
class ReferenceLogo:
    name: str
    status: Status
    fingerprint: Fingerprint


@dataclass(frozen=True)
class LogoMatch:
    """An image identified as a guideline logo, and whether it is a faithful copy."""

    logo: str
    status: Status
    verdict: Verdict
    reason: str | None  # for altered: recoloured, cropped, stretched or redrawn
    distance: int  # hash bits between the image and the logo's nearest view
    colour_distance: float
    aspect_ratio: float  # image content aspect / logo content aspect
    region: tuple[int, int, int, int] | None = None  # x, y, width, height inside a banner


class ReferenceIndex:
    """Every view of every guideline logo in one packed matrix."""

    def __init__(self, references: Sequence[ReferenceLogo]) -> None:
        self.references = tuple(r for r in references if not r.fingerprint.blank)
        fps = [_distinct_views(r.fingerprint) for r in self.references]
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
        self.owner = np.repeat(np.arange(len(fps)), [len(f.bits) for f in fps])
        self.starts = np.concatenate([[0], np.cumsum([len(f.bits) for f in fps])[:-1]]).astype(
            np.int64
        )

    def distances(self, fingerprint: Fingerprint) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per logo: smallest bit distance over all view pairs, the aspect ratio there, and the
        content size of the image's view there."""
        n = len(self.references)
        if fingerprint.blank or not self.references:
            return np.full(n, HASH_BITS), np.ones(n), np.full(n, SMALL_SIDE)
        table = hamming(fingerprint.bits, self.bits)  # (query views, reference views)
        # Favicon-sized reference views are blurry blobs: only small images may use them.
        too_big = fingerprint.sides[:, None] > SCALE_SLACK * self.sides[None, :]
        table[too_big & self.reduced[None, :]] = HASH_BITS
        best_query = table.argmin(axis=0)
        per_view = table[best_query, np.arange(table.shape[1])]
        per_logo = np.minimum.reduceat(per_view, self.starts)
        # The view pair that gave each logo its distance, for the aspect comparison.
        order = np.lexsort((per_view, self.owner))
        first = order[np.searchsorted(self.owner[order], np.arange(len(self.references)))]
        ratios = fingerprint.aspects[best_query[first]] / self.aspects[first]
        return per_logo, ratios, fingerprint.sides[best_query[first]]

    def match(self, fingerprint: Fingerprint) -> LogoMatch | None:
        if fingerprint.blank or not self.references:
            return None
        per_logo, ratios, sides = self.distances(fingerprint)
        extras = np.maximum(0, SMALL_SIDE - sides) * SMALL_EXTRA_PER_PIXEL
        close = per_logo <= RESEMBLE_BITS + extras
        if not close.any():
            return None
        # Among the close logos, prefer the one whose proportions also agree.
        scores = np.where(close, per_logo + ASPECT_PENALTY * np.abs(np.log(ratios)), np.inf)
        best = int(np.argmin(scores))
        distance = int(per_logo[best])
        extra = allowance(int(sides[best]))
        reference = self.references[best]
        return judge(reference, fingerprint, distance, float(ratios[best]), extra)


def _distinct_views(fingerprint: Fingerprint) -> Fingerprint:
    """Drop repeated views (a dark logo hashes alike on white and as alpha): fewer rows."""
    _, first = np.unique(fingerprint.bits, axis=0, return_index=True)
    keep = np.sort(first)
    return replace(
        fingerprint,
        bits=fingerprint.bits[keep],
        aspects=fingerprint.aspects[keep],
        sides=fingerprint.sides[keep],
    )


def allowance(side: int) -> int:
    """Extra bits tolerated for an image whose content is only `side` pixels long."""
    return round(max(0, SMALL_SIDE - side) * SMALL_EXTRA_PER_PIXEL)


def judge(
    reference: ReferenceLogo,
    fingerprint: Fingerprint,
    distance: int,
    ratio: float,
    extra: int = 0,
) -> LogoMatch:
    """Faithful copy or altered one, and how."""
    colours = colour_distance(fingerprint.colours, reference.fingerprint.colours)
    aspect_off = abs(math.log(ratio)) > math.log1p(ASPECT_TOLERANCE)
    reason: str | None = None
    if distance > FAITHFUL_BITS + extra:
        reason = "cropped" if aspect_off else "redrawn"
    elif aspect_off:
        reason = "stretched"
    elif colours > RECOLOURED_DELTA_E and not is_neutral(fingerprint.colours):
        reason = "recoloured"
    return LogoMatch(
        logo=reference.name,
        status=reference.status,
        verdict="altered" if reason else "faithful",
        reason=reason,
        distance=distance,
        colour_distance=round(colours, 1),
        aspect_ratio=round(ratio, 3),
    )
