"""Find guideline logos placed inside larger pictures (hero banners, og:images, screenshots).

Whole-image hashes cannot see a small logo on a photo, so two searches run on pictures clearly
larger than a logo. Region proposals (`regions.py`) cut out compact groups of sharp edges, make
their background transparent and send each cut-out through the same fingerprint and matcher
as any other image: this finds flat glyphs. SIFT keypoints (`keypoints.py`) find textured or
perspective-changed logos that do not come out as one clean region.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from brandaudit.checks.imaging.banner_search.keypoints import KeypointSearch
from brandaudit.checks.imaging.banner_search.mattes import (
    Cutout,
    flat_colour_matte,
    matte,
    plate_matte,
)
from brandaudit.checks.imaging.banner_search.regions import Box, propose
from brandaudit.checks.imaging.fingerprints import Fingerprint, fingerprint_image
from brandaudit.checks.imaging.fingerprints.hashes import GRID, HASH_BITS, hamming
from brandaudit.checks.imaging.matching import ReferenceIndex, plain_shapes
from brandaudit.checks.imaging.matching.verdict import (
    CONTENT_ASPECT_TOLERANCE,
    SMALL_EXTRA_PER_PIXEL,
    SMALL_SIDE,
    ReferenceLogo,
    colourless,
    recoloured,
)
from brandaudit.checks.imaging.references import fingerprint_reference

SEARCH_VERSION = "2"  # bump when the search's answers change: cached results are redone
REGION_BITS = 50  # a cut-out this close to a logo's view is that logo (see banner_bench.py)
# Farther, up to LOOSE_BITS, only when no other logo and no plain shape comes near: a mark on a
# busy photo loses a few edges to the matte, yet stays far closer to its own logo than to any
# other (banner_bench: right logo median 35 bits, other logos' best cut-outs median 340).
LOOSE_BITS = 120
UNIQUE_GAP = 40  # the second closest logo is at least this much farther
LOOSE_CUTOUT_PLAIN_MARGIN = 30  # and every plain shape too
# A keypoint hit's region, cut out, must still look like its logo: headline text matched
# letters of a wordmark at 8-10 inliers 330+ bits away; true hits were 11-171 bits away.
CONFIRM_BITS = 240
MIN_INK_SHARE = 0.02  # a cut-out with less opaque area is matte noise (a plate cut from a bar)
COARSE_BYTES = GRID * GRID // 8
PATTERN_REPEATS = 3  # one shape matched in this many places is a pattern (dots), not a logo
# A plain shape within this many bits of the best logo explains a banner's cut-out; tighter
# than matching's PICTURE_PLAIN_MARGIN (whole pictures, whose colours can still confirm).
CUTOUT_PLAIN_MARGIN = 6
PATTERN_OVERLAP = 0.3  # boxes overlapping less than this are separate places


def is_banner_sized(width: int, height: int) -> bool:
    """Only pictures clearly larger than a logo are searched (keeps throughput high)."""
    return width >= 480 and height >= 200 and width * height >= 480 * 250


@dataclass(frozen=True)
class BannerHit:
    index: int  # which reference
    region: tuple[int, int, int, int]  # x, y, width, height in the banner's own pixels
    inliers: int  # keypoint inliers (0 for a region match)
    distance: int | None = None  # hash bits of a region match


class BannerSearch:
    """Every guideline logo, searched for inside one picture at a time.

    `index` (optional) is the whole-image `ReferenceIndex` of the same logos in the same
    order; without it one is built here.
    """

    def __init__(
        self, references: Sequence[Image.Image], index: ReferenceIndex | None = None
    ) -> None:
        self.keypoints = KeypointSearch(references)
        if index is None or len(index.references) != len(references):
            index = ReferenceIndex(
                [
                    ReferenceLogo(str(i), "approved", fingerprint_reference(im, *im.size))
                    for i, im in enumerate(references)
                ]
            )
            owner = [int(r.name) for r in index.references]
        else:
            owner = list(range(len(references)))
        self.index = index
        self.owner = owner  # position in `references` of each index entry
        self.plain = plain_shapes()
        # The average-hash plane opens every packed row (hashes.view_bits): its distance is a
        # lower bound of the full one, a 5× cheaper first pass over thousands of logos.
        self.coarse = np.ascontiguousarray(index.bits[:, :COARSE_BYTES])

    def search(self, image: Image.Image) -> list[BannerHit]:
        """Every guideline logo found in the picture, best first, one hit per logo."""
        hits = self._regions(image)
        for h in self.keypoints.search(image):
            apart = all(h.index != o.index and _apart(h.region, o.region) for o in hits)
            if apart and self._confirmed(image, h.index, Box(*h.region)):
                hits.append(BannerHit(h.index, h.region, h.inliers))
        return hits

    def _confirmed(self, image: Image.Image, owner: int, box: Box) -> bool:
        """Some cut-out of the keypoint region is within CONFIRM_BITS of the logo's views."""
        position = self.owner.index(owner) if owner in self.owner else None
        if position is None:
            return False
        for cut in (flat_colour_matte(image, box), matte(image, box), plate_matte(image, box)):
            fingerprint = None if cut is None else _fingerprint(cut)
            if fingerprint is None:
                continue
            if self.index.distances(fingerprint)[0][position] <= CONFIRM_BITS:
                return True
        return False

    def _regions(self, image: Image.Image) -> list[BannerHit]:
        proposals = propose(image)
        candidates: list[tuple[int, int, Box]] = []  # (distance, logo, region)
        for box in proposals.boxes:
            if proposals.is_fragment(box):
                continue
            best: tuple[int, int, Box] | None = None
            for cut in (flat_colour_matte(image, box), matte(image, box), plate_matte(image, box)):
                found = None if cut is None else self._closest(cut)
                if found is not None and (best is None or found[0] < best[0]):
                    best = found
            if best is not None:
                candidates.append(best)
        return _strongest(candidates)

    def _closest(self, cut: Cutout) -> tuple[int, int, Box] | None:
        """(bits, logo position, region) of the logo whose shape and proportions the cut-out
        shares, unless a plain shape (disc, box, ring) fits it as well: that is no evidence."""
        fingerprint = _fingerprint(cut)
        if fingerprint is None:
            return None
        if hamming(fingerprint.bits[:, :COARSE_BYTES], self.coarse).min(initial=HASH_BITS) > (
            LOOSE_BITS + SMALL_SIDE * SMALL_EXTRA_PER_PIXEL
        ):
            return None
        per_logo, ratios, sides = self.index.distances(fingerprint)
        extra = np.maximum(0, SMALL_SIDE - sides) * SMALL_EXTRA_PER_PIXEL
        # Cut-outs take the photo's tint, so colours are not compared; shape and aspect are.
        shaped = np.abs(np.log(ratios)) <= np.log1p(CONTENT_ASPECT_TOLERANCE)
        scores = np.where(shaped, per_logo - extra, HASH_BITS)
        if not (scores <= LOOSE_BITS).any():
            return None
        best = int(np.argmin(scores))
        runner_up = np.partition(scores, 1)[1] if len(scores) > 1 else HASH_BITS
        plain = int(self.plain.distances(fingerprint)[0].min()) if self.plain else HASH_BITS
        close = scores[best] <= REGION_BITS and plain > per_logo[best] + CUTOUT_PLAIN_MARGIN
        reference = self.index.references[best]
        loose = (
            runner_up - scores[best] >= UNIQUE_GAP
            and plain > per_logo[best] + LOOSE_CUTOUT_PLAIN_MARGIN
            # Loosely alike and not in the logo's colours (one letter of a dark wordmark vs a
            # yellow letter-shaped logo): no evidence, as for whole pictures (matcher.py).
            and not colourless(fingerprint, reference)
            and not recoloured(fingerprint, reference)
        )
        if not (close or loose):
            return None
        return int(per_logo[best]), self.owner[best], cut.content()


def _fingerprint(cut: Cutout) -> Fingerprint | None:
    """The cut-out's fingerprint, None when it holds too little ink to be a logo."""
    ink = np.asarray(cut.image.getchannel("A")) > 128
    if ink.mean() < MIN_INK_SHARE:
        return None
    fingerprint = fingerprint_image(cut.image, *cut.image.size)
    return None if fingerprint.blank else fingerprint


def _apart(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return Box(*a).iou(Box(*b)) < PATTERN_OVERLAP


def _strongest(candidates: list[tuple[int, int, Box]]) -> list[BannerHit]:
    """One hit per logo (its closest region); shapes matched in many places are patterns."""
    candidates.sort(key=lambda c: c[0])
    places: dict[int, list[Box]] = {}
    for _, logo, box in candidates:
        seen = places.setdefault(logo, [])
        if all(box.iou(other) < PATTERN_OVERLAP for other in seen):
            seen.append(box)
    hits: dict[int, BannerHit] = {}
    for distance, logo, box in candidates:
        if len(places[logo]) >= PATTERN_REPEATS or logo in hits:
            continue
        # One place shows one logo: the closest one (an old and a new version look alike).
        if all(Box(*hit.region).iou(box) < PATTERN_OVERLAP for hit in hits.values()):
            hits[logo] = BannerHit(logo, box.as_tuple(), 0, distance)
    return list(hits.values())
