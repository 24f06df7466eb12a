"""A logo cut on one side only (a too-narrow container, a carousel slide) is still our logo,
reported as cropped: the side-cut reference views (checks/imaging/side_cuts.py)."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from checks.imaging.fingerprint import fingerprint_reference
from checks.imaging.matcher import ReferenceIndex
from checks.imaging.resolution import reduce_for_hashing
from checks.imaging.side_cuts import side_cut_views
from checks.imaging.verdict import ReferenceLogo
from tests.checks.imaging.conftest import cut_sides, flattened, query_fingerprint


def _lockup() -> Image.Image:
    """A blue tile with an arch beside a row of dark bars of two heights: a logo lockup."""
    image = Image.new("RGBA", (600, 160), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 159, 159), radius=28, fill=(20, 90, 220, 255))
    draw.arc((30, 40, 130, 140), 180, 360, fill=(255, 255, 255, 255), width=14)
    for i, x in enumerate(range(190, 600, 85)):
        draw.rectangle((x, 20 + (i % 2) * 30, x + 50, 159), fill=(15, 30, 70, 255))
    return image


@pytest.fixture(scope="module")
def index() -> ReferenceIndex:
    logo = _lockup()
    fingerprint = fingerprint_reference(logo, logo.width, logo.height)
    return ReferenceIndex([ReferenceLogo("lockup", "approved", fingerprint)])


@pytest.mark.parametrize(
    "sides",
    [(0.05, 0, 0, 0), (0.04, 0, 0, 0), (0, 0.05, 0, 0)],
    ids=["left 5 %", "left 4 %", "top 5 %"],
)
def test_logo_cut_on_one_side_is_found_as_cropped(
    index: ReferenceIndex, sides: tuple[float, float, float, float]
) -> None:
    # Before the side-cut views: the left cuts were not found at all, the top cut was
    # judged "redrawn" (52 bits from the whole logo).
    query = flattened(cut_sides(_lockup(), *sides), (255, 255, 255))
    match = index.match(query_fingerprint(query))
    assert match is not None
    assert (match.logo, match.verdict, match.reason) == ("lockup", "altered", "cropped")


def test_side_cut_views_are_flagged_cut_one_per_side() -> None:
    logo = _lockup()
    views = side_cut_views(logo, reduce_for_hashing(logo))
    assert len(views) == 4
    assert all(view.cropped for view in views)
    # Cut on the left or right the lockup is narrower; cut on top or bottom, lower.
    whole = 600 / 160
    assert views[0].aspect < whole and views[2].aspect > whole


def test_tiny_logo_has_no_side_cut_views() -> None:
    logo = _lockup().resize((30, 8))  # 5 % of 8 rows rounds to no cut
    assert side_cut_views(logo, reduce_for_hashing(logo)) == []
