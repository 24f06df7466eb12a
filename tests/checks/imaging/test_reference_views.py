"""Reference views of guideline logos: a logo cut at its edges, shown on grey or on its own
colour, or shown reversed, keeps a reference view close to what a page's copy hashes to.

Every logo is drawn here; each case is one a site really shows and that the plain views of
the logo did not cover.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from brandaudit.checks.imaging.fingerprints import Fingerprint, hamming, view_bits
from brandaudit.checks.imaging.matching.matcher import FAITHFUL_BITS, RESEMBLE_BITS
from brandaudit.checks.imaging.picture import View
from brandaudit.checks.imaging.references import fingerprint_reference
from brandaudit.checks.imaging.references.novel_views import NEAR_BITS, novel_views
from brandaudit.checks.imaging.references.reference_views import (
    SHIFTED_NEAR_BITS,
    prepare_reference,
)
from brandaudit.checks.imaging.references.reversed_views import main_tones, reversed_views
from tests.checks.imaging.conftest import cut_sides, flattened, query_fingerprint

SIDE = 512


def _terminal() -> Image.Image:
    """A dark app-icon plate with a light prompt painted on it (no see-through parts)."""
    image = Image.new("RGBA", (SIDE, 420), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, SIDE - 1, 419), radius=60, fill=(20, 20, 20, 255))
    draw.line([(40, 40), (80, 75), (40, 110)], fill=(255, 255, 255, 255), width=14)
    draw.rectangle((95, 100, 150, 112), fill=(255, 255, 255, 255))
    return image


def _play_button() -> Image.Image:
    """A red plate with a see-through triangle: nearly all of it is one opaque box."""
    image = Image.new("RGBA", (SIDE, 360), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, SIDE - 1, 359), radius=80, fill=(230, 20, 20, 255))
    draw.polygon([(205, 105), (205, 255), (330, 180)], fill=(0, 0, 0, 0))
    return image


def _bars() -> Image.Image:
    """A mark of bars, opaque on about two thirds of its box's border, in one brand colour."""
    image = Image.new("RGBA", (SIDE, SIDE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for x in range(0, SIDE, 64):
        draw.rectangle((x, 0, x + 30, SIDE - 1), fill=(10, 140, 40, 255))
    for y in (0, 240):
        draw.rectangle((0, y, SIDE - 1, y + 29), fill=(10, 140, 40, 255))
    return image


def _blocks() -> Image.Image:
    """A block letter in warm colours with notches cut into its top and bottom: opaque on
    three quarters of its box's border, so not an app-icon plate."""
    image = Image.new("RGBA", (SIDE, 466), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for row, colour in enumerate([(250, 210, 70), (240, 170, 60), (240, 120, 50), (230, 60, 40)]):
        draw.rectangle((0, row * 117, SIDE - 1, row * 117 + 116), fill=(*colour, 255))
    draw.rectangle((0, 0, 40, 465), fill=(0, 0, 0, 255))
    for box in [(140, 0, 370, 90), (230, 90, 280, 185), (140, 370, 370, 465)]:
        draw.rectangle(box, fill=(0, 0, 0, 0))
    for box in [(140, 280, 185, 370), (325, 280, 370, 370)]:
        draw.rectangle(box, fill=(0, 0, 0, 0))
    return image


def _badge() -> Image.Image:
    """An orange disc with a white line drawn on it (opaque): a badge-style mark."""
    image = Image.new("RGBA", (SIDE, SIDE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, SIDE - 1, SIDE - 1), fill=(225, 80, 30, 255))
    draw.line([(150, 350), (200, 150), (300, 350), (360, 160)], fill=(255, 255, 255, 255), width=24)
    return image


def _tiles() -> Image.Image:
    """A mark of square tiles on a 16 × 16 grid (the hash grid): a cut moved by a fraction
    of a tile changes nearly every cell's neighbour differences."""
    image = Image.new("RGBA", (SIDE, SIDE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    rng = np.random.default_rng(0)
    for i in range(16):
        for j in range(16):
            if rng.random() < 0.45:
                draw.rectangle((i * 32, j * 32, i * 32 + 31, j * 32 + 31), fill=(30, 60, 200, 255))
    return image


def _reference(image: Image.Image) -> Fingerprint:
    return fingerprint_reference(image, image.width, image.height)


def _reversed(image: Image.Image, ink: tuple[int, int, int]) -> Image.Image:
    """The logo's silhouette in one colour, as a site prints it where it would vanish."""
    silhouette = Image.new("RGBA", image.size, (*ink, 0))
    silhouette.putalpha(image.getchannel("A"))
    return silhouette


def _nearest(query: Fingerprint, reference: Fingerprint, cut: bool) -> int:
    """Smallest bit distance from the query to the reference's cut (or whole) views."""
    table = hamming(query.bits, reference.bits)
    columns = reference.cropped_views == cut
    return int(table[:, columns].min()) if columns.any() else 10**6


def test_plate_with_painted_drawing_on_grey_keeps_a_whole_view() -> None:
    # The query's background read off its border is the plate's colour, so it hashes the
    # drawing inside the plate's box: only a view made the same way is close to it.
    logo = _terminal()
    query = query_fingerprint(
        flattened(logo.resize((256, 210), Image.Resampling.LANCZOS), (128, 128, 128))
    )
    assert _nearest(query, _reference(logo), cut=False) <= FAITHFUL_BITS


def test_cropped_plate_keeps_a_cut_view() -> None:
    # Cut, the plate fills its box: its silhouette is a plain box, so only the cut-outs and
    # the corners (the crop shown on white) tell it.
    logo = _play_button()
    query = query_fingerprint(
        flattened(cut_sides(logo.resize((256, 180)), 0.03, 0.025, 0.035, 0.03), (255, 255, 255))
    )
    assert _nearest(query, _reference(logo), cut=True) <= RESEMBLE_BITS


def test_cropped_plate_with_painted_drawing_keeps_a_full_detail_cut_view() -> None:
    logo = _terminal()
    query = query_fingerprint(
        flattened(cut_sides(logo.resize((256, 210)), 0.03, 0.03, 0.03, 0.03), (255, 255, 255))
    )
    assert _nearest(query, _reference(logo), cut=True) <= RESEMBLE_BITS


@pytest.mark.parametrize(
    "sides",
    [
        (0.02, 0.03, 0.04, 0.03),
        (0.04, 0.03, 0.02, 0.03),
        (0.03, 0.02, 0.03, 0.04),
        (0.03, 0.04, 0.03, 0.02),
    ],
    ids=["more-right", "more-left", "more-bottom", "more-top"],
)
def test_logo_cut_unevenly_keeps_a_cut_view(sides: tuple[float, float, float, float]) -> None:
    # Pages cut each side by its own few percent: cut 2 % on one side and 4 % on the other,
    # the tiles sit a third of a hash cell off where the evenly cut view has them (94 bits
    # from it when cut more at the bottom).
    logo = _tiles()
    query = query_fingerprint(
        flattened(
            cut_sides(logo.resize((256, 256), Image.Resampling.LANCZOS), *sides), (255, 255, 255)
        )
    )
    assert _nearest(query, _reference(logo), cut=True) <= RESEMBLE_BITS


def test_cropped_white_logo_shown_reversed_keeps_a_cut_view() -> None:
    # A white logo would vanish on white: a site shows it in black, cut like the original.
    white = _reversed(_bars(), (255, 255, 255))
    shown = flattened(
        _reversed(cut_sides(white.resize((256, 256)), 0.03, 0.03, 0.03, 0.03), (0, 0, 0)),
        (255, 255, 255),
    )
    assert _nearest(query_fingerprint(shown), _reference(white), cut=True) <= RESEMBLE_BITS


def test_logo_reversed_on_grey_keeps_its_holes_view() -> None:
    # Shown in black on grey, the commonest border colour is the black ink: the query hashes
    # the grey notches, and re-reads just their region at full detail.
    logo = _blocks()
    shown = flattened(_reversed(logo.resize((256, 233)), (0, 0, 0)), (128, 128, 128))
    assert _nearest(query_fingerprint(shown), _reference(logo), cut=False) <= FAITHFUL_BITS


def test_reversed_bars_on_their_own_colour_keep_a_whole_view() -> None:
    logo = _bars()
    shown = flattened(_reversed(logo.resize((256, 256)), (255, 255, 255)), (10, 140, 40))
    assert _nearest(query_fingerprint(shown), _reference(logo), cut=False) <= FAITHFUL_BITS


def test_no_view_of_the_background_around_a_disc() -> None:
    # Any disc shown on a plate gives a picture whose corners, against the disc's colour, are
    # a "drawing": a reference view of its own corners would let every such disc through.
    plain_disc = Image.new("RGBA", (SIDE, SIDE), (0, 0, 0, 0))
    ImageDraw.Draw(plain_disc).ellipse((0, 0, SIDE - 1, SIDE - 1), fill=(255, 255, 255, 255))
    query = query_fingerprint(flattened(plain_disc.resize((256, 256)), (40, 90, 200)))
    reference = _reference(_badge())
    table = hamming(query.bits, reference.bits)
    assert len(query.bits) > 1 and table[0].min() <= FAITHFUL_BITS  # the outline: any disc
    assert table[1:].min() > RESEMBLE_BITS  # its corners: no view of the badge's own


def test_cut_views_are_flagged_and_whole_views_are_not() -> None:
    prepared = prepare_reference(_play_button())
    flags = [v.cropped for v in prepared.views]
    assert any(flags) and not all(flags)
    assert not prepared.views[0].cropped  # the plain view of the logo comes first


@pytest.mark.parametrize(
    "image",
    [
        Image.new("RGBA", (64, 64), (0, 0, 0, 0)),  # nothing drawn
        Image.new("RGBA", (1, 1), (255, 0, 0, 255)),  # one pixel
        Image.new("RGB", (300, 2), (0, 0, 0)),  # a hairline
    ],
    ids=["transparent", "pixel", "hairline"],
)
def test_degenerate_logos_give_no_view_or_plain_views_without_error(image) -> None:
    fp = _reference(image)
    assert len(fp.bits) == len(fp.cropped_views)
    if image.mode == "RGBA" and image.getextrema()[3] == (0, 0):
        assert fp.blank


def test_near_copies_of_kept_views_are_left_out() -> None:
    rng = np.random.default_rng(3)
    base = rng.random((40, 40)).astype(np.float32)
    kept = [View(base, 1.0)]
    copy = View(base.copy(), 1.0)
    other = View(rng.random((40, 40)).astype(np.float32), 1.0)
    cut_copy = View(base.copy(), 1.0, cropped=True)
    # A copy adds nothing; another drawing, or the same as a cut view, is kept.
    assert novel_views(kept, [copy, other, cut_copy]) == (other, cut_copy)
    assert NEAR_BITS < FAITHFUL_BITS


def test_a_view_a_little_off_a_kept_one_counts_as_near_for_moved_cuts_only() -> None:
    base = np.random.default_rng(4).random((16, 16)).astype(np.float32)
    moved = base.copy()
    moved[:8, 0] = 1.0 - moved[:8, 0]  # 8 of 256 cells flipped: 32 bits away
    kept, extra = [View(base, 1.0)], [View(moved, 1.0)]
    assert NEAR_BITS < int((view_bits(kept[0]) != view_bits(extra[0])).sum()) <= SHIFTED_NEAR_BITS
    assert novel_views(kept, extra) == tuple(extra)
    assert novel_views(kept, extra, SHIFTED_NEAR_BITS) == ()


def _badge_with_symbol() -> Image.Image:
    """A dark slate disc with a symbol painted on it in yellow and cyan: farther from white
    and from black than the disc, so the logo flattened on white or black does not show it as
    a hole, nor does it on either of its main colours (one half of the symbol stays)."""
    image = Image.new("RGBA", (SIDE, SIDE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, SIDE - 1, SIDE - 1), fill=(60, 60, 70, 255))
    draw.polygon([(140, 380), (256, 110), (372, 380)], fill=(255, 255, 0, 255))
    draw.rectangle((230, 300, 282, 430), fill=(0, 255, 255, 255))
    return image


def _knocked_out(image: Image.Image, ink: tuple[int, int, int]) -> Image.Image:
    """The badge reversed as its guideline draws it: the disc in one colour, the symbol
    painted on it a hole (drawn here from the picture's colours, not by the module's rule)."""
    rgba = np.asarray(image)
    symbol = (rgba[..., :3].max(axis=-1) > 150) & (rgba[..., 3] > 128)
    alpha = np.where(symbol, 0, rgba[..., 3]).astype(np.uint8)
    out = Image.new("RGBA", image.size, (*ink, 0))
    out.putalpha(Image.fromarray(alpha))
    return out


@pytest.mark.parametrize("background", [(128, 128, 128), (60, 60, 70)], ids=["grey", "brand"])
def test_badge_reversed_with_its_symbol_knocked_out_keeps_a_whole_view(background) -> None:
    # Its silhouette is a bare disc and the logo on white or black keeps the symbol: without
    # a reversed view the nearest is 100+ bits away.
    logo = _badge_with_symbol()
    ink = (0, 0, 0) if background == (128, 128, 128) else (255, 255, 255)
    shown = flattened(
        _knocked_out(logo, ink).resize((256, 256), Image.Resampling.LANCZOS), background
    )
    assert _nearest(query_fingerprint(shown), _reference(logo), cut=False) <= FAITHFUL_BITS


def test_one_colour_logo_has_no_reversed_view_of_its_own() -> None:
    # Nothing is painted on its ink: reversed, it is its silhouette, already a view.
    full = np.asarray(_bars(), dtype=np.float32) / 255.0
    assert reversed_views(full) == []
    assert len(reversed_views(np.asarray(_badge_with_symbol(), dtype=np.float32) / 255.0)) == 1


def test_main_tones_are_the_inks_on_a_fifth_of_the_logo() -> None:
    rgb = np.asarray([[0.9, 0.3, 0.1]] * 70 + [[0.6, 0.9, 1.0]] * 25 + [[0.0, 0.0, 0.0]] * 5)
    tones = main_tones(rgb.astype(np.float32))
    assert len(tones) == 2 and tones[0] < tones[1]  # the disc's tone first, the symbol's next


def _shaded_tile() -> Image.Image:
    """An opaque square plate shaded from its bottom-left corner to its top-right one (as
    cloud-service icons are), with a white drawing on it."""
    ramp = np.linspace(0.0, 1.0, SIDE, dtype=np.float32)
    shade = (ramp[None, :] + ramp[::-1, None]) / 2
    plate = np.stack([40 + 60 * shade, 110 + 60 * shade, 20 + 40 * shade], axis=-1)
    image = Image.fromarray(plate.astype(np.uint8)).convert("RGBA")
    draw = ImageDraw.Draw(image)
    draw.rectangle((150, 130, 360, 390), outline=(255, 255, 255, 255), width=14)
    draw.ellipse((300, 300, 420, 420), outline=(255, 255, 255, 255), width=14)
    return image


def test_shaded_plate_filling_its_picture_is_cut_at_the_picture_edges() -> None:
    # Read against one border colour its box is the drawing: cut there, the reference's cut
    # views were 100+ bits from a page's crop of the picture.
    logo = _shaded_tile()
    query = query_fingerprint(
        flattened(cut_sides(logo.resize((256, 256)), 0.02, 0.04, 0.03, 0.02), (255, 255, 255))
    )
    assert _nearest(query, _reference(logo), cut=True) <= RESEMBLE_BITS
