"""A logo cut on one side only (a too-narrow container, a carousel slide) is still our logo,
reported as cropped: the side-cut reference views (checks/imaging/references/side_cuts.py)."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from brandaudit.checks.imaging.matching import ReferenceIndex, ReferenceLogo
from brandaudit.checks.imaging.picture.resolution import reduce_for_hashing
from brandaudit.checks.imaging.references import fingerprint_reference
from brandaudit.checks.imaging.references.side_cuts import SIDE_CUTS, side_cut_views
from tests.checks.imaging.conftest import cut_sides, flattened, query_fingerprint

WHITE = (255, 255, 255)
LIGHT = (250, 250, 250, 255)


def _lockup(
    tile: tuple[int, ...] = (20, 90, 220, 255),
    arch: tuple[int, ...] = (255, 255, 255, 255),
    bars: tuple[int, ...] = (15, 30, 70, 255),
) -> Image.Image:
    """A blue tile with an arch beside a row of dark bars of two heights: a logo lockup."""
    image = Image.new("RGBA", (600, 160), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 159, 159), radius=28, fill=tile)
    draw.arc((30, 40, 130, 140), 180, 360, fill=arch, width=14)
    for i, x in enumerate(range(190, 600, 85)):
        draw.rectangle((x, 20 + (i % 2) * 30, x + 50, 159), fill=bars)
    return image


def _light_lockup() -> Image.Image:
    """The lockup in near-white, its arch cut out of the tile: a logo for dark pages."""
    return _lockup(tile=LIGHT, arch=(0, 0, 0, 0), bars=LIGHT)


def _reversed(image: Image.Image) -> Image.Image:
    """The picture in black with its own alpha: a light logo as a white page shows it."""
    dark = Image.new("RGBA", image.size, (0, 0, 0, 0))
    dark.putalpha(image.getchannel("A"))
    return dark


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
    query = flattened(cut_sides(_lockup(), *sides), WHITE)
    match = index.match(query_fingerprint(query))
    assert match is not None
    assert (match.logo, match.verdict, match.reason) == ("lockup", "altered", "cropped")


def test_deep_one_side_cut_is_near_a_side_cut_view(index: ReferenceIndex) -> None:
    # With one 4 % view per side a 6 % cut on the left was 79 bits away (just inside
    # RESEMBLE_BITS; a logo whose hash moves faster with the cut was missed): the 5.5 % view
    # brings it to 28.
    query = flattened(cut_sides(_lockup(), 0.06, 0, 0, 0), WHITE)
    match = index.match(query_fingerprint(query))
    assert match is not None and match.reason == "cropped"
    assert match.distance <= 40


@pytest.mark.parametrize(
    "sides",
    [(0.04, 0, 0, 0), (0.06, 0, 0, 0), (0, 0, 0.06, 0), (0.025, 0, 0, 0)],
    ids=["left 4 %", "left 6 %", "right 6 %", "left 2.5 %"],
)
def test_light_logo_cut_on_one_side_and_shown_reversed_is_found_as_cropped(
    sides: tuple[float, float, float, float],
) -> None:
    # A near-white logo vanishes on white, so its cut views on white were none: the page
    # shows it reversed, and cut it was not found (4 %, 6 %) or judged "redrawn" (2.5 %).
    logo = _light_lockup()
    index = ReferenceIndex(
        [ReferenceLogo("light", "approved", fingerprint_reference(logo, *logo.size))]
    )
    query = flattened(_reversed(cut_sides(logo, *sides)), WHITE)
    match = index.match(query_fingerprint(query))
    assert match is not None
    assert (match.logo, match.verdict, match.reason) == ("light", "altered", "cropped")


@pytest.mark.parametrize("left", [0.04, 0.06], ids=["left 4 %", "left 6 %"])
def test_partly_white_logo_cut_on_one_side_and_shown_reversed_is_found(left: float) -> None:
    # White bars beside a blue tile: on white the bars vanish, so a page shows the logo
    # reversed. Its side cuts on white are the tile alone: cut on the left, it was not found.
    logo = _lockup(bars=LIGHT)
    index = ReferenceIndex(
        [ReferenceLogo("partly", "approved", fingerprint_reference(logo, *logo.size))]
    )
    query = flattened(_reversed(cut_sides(logo, left, 0, 0, 0)), WHITE)
    match = index.match(query_fingerprint(query))
    assert match is not None
    assert (match.logo, match.verdict, match.reason) == ("partly", "altered", "cropped")


def test_side_cut_views_are_flagged_cut_one_per_side_and_depth() -> None:
    logo = _lockup()
    views = side_cut_views(logo, reduce_for_hashing(logo))
    assert len(views) == 4 * len(SIDE_CUTS)
    assert all(view.cropped for view in views)
    # Left, right, top, bottom per depth, the shallower first. Cut on the left the lockup
    # is narrower, cut on top lower (on the reduced picture a 3 % cut of its 34 rows rounds
    # away), and more so the deeper the cut.
    whole = 600 / 160
    assert views[0].aspect < whole and views[6].aspect > whole
    assert views[4].aspect < views[0].aspect and views[6].aspect > views[2].aspect


def test_light_logo_has_silhouette_side_cut_views() -> None:
    logo = _light_lockup()
    views = side_cut_views(logo, reduce_for_hashing(logo))
    assert len(views) == 4 * len(SIDE_CUTS)  # nothing shows on white: the silhouettes only
    assert views[0].aspect < 600 / 160


def test_partly_white_logo_has_both_side_cut_views() -> None:
    logo = _lockup(bars=LIGHT)
    views = side_cut_views(logo, reduce_for_hashing(logo))
    assert len(views) == 2 * 4 * len(SIDE_CUTS)  # on white (the tile) and the silhouette
    assert views[0].aspect < 1.2 < views[1].aspect


def test_tiny_logo_has_no_side_cut_views() -> None:
    logo = _lockup().resize((30, 8))  # 5 % of 8 rows rounds to no cut
    assert side_cut_views(logo, reduce_for_hashing(logo)) == []
