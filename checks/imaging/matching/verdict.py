"""What a match means: which guideline logo, and whether the picture is a faithful copy.

The matcher (matcher.py) finds the nearest logo; this module holds the records
it returns and the judgement of a found copy (cropped, redrawn, stretched or recoloured),
which the banner search shares. Limits were read off `benchmarks/logo_bench.py`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from brandaudit.checks.imaging.fingerprints import Fingerprint, colour_distance, is_neutral

FAITHFUL_BITS = 50  # at most this far (of HASH_BITS) from a logo's view: the same logo
SMALL_SIDE = 64  # content smaller than this (pixels) is blurred: allow more bits
SMALL_EXTRA_PER_PIXEL = 0.5  # extra bits allowed per pixel below SMALL_SIDE
RECOLOURED_DELTA_E = 25.0  # share-weighted CIELAB distance beyond which colours changed
# A picture's content aspect (hashed view) differing more than this from the logo's view:
# stretched or cropped. Not logos.py's DISPLAY_ASPECT_TOLERANCE (the page's box vs the file).
CONTENT_ASPECT_TOLERANCE = 0.08

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


def colourless(fingerprint: Fingerprint, reference: ReferenceLogo) -> bool:
    """A black, white or grey picture compared with a coloured logo: colours cannot confirm."""
    return is_neutral(fingerprint.colours) and not is_neutral(reference.fingerprint.colours)


def recoloured(fingerprint: Fingerprint, reference: ReferenceLogo) -> bool:
    """Colours far from the logo's, and not a one-colour (black, white, grey) version."""
    colours = colour_distance(fingerprint.colours, reference.fingerprint.colours)
    return colours > RECOLOURED_DELTA_E and not is_neutral(
        fingerprint.colours, reference.fingerprint.colours
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
    cropped: bool = False,
) -> LogoMatch:
    """Faithful copy or altered one, and how."""
    colours = colour_distance(fingerprint.colours, reference.fingerprint.colours)
    aspect_off = abs(math.log(ratio)) > math.log1p(CONTENT_ASPECT_TOLERANCE)
    reason: str | None = None
    if cropped:
        reason = "cropped"
    elif distance > FAITHFUL_BITS + extra:
        reason = "cropped" if aspect_off else "redrawn"
    elif aspect_off:
        reason = "stretched"
    elif colours > RECOLOURED_DELTA_E and not is_neutral(
        fingerprint.colours, reference.fingerprint.colours
    ):
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
