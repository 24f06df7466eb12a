"""Reversed views: the one-colour logo a page shows where the colour logo would vanish, its
drawing knocked out of its outer ink as brand guidelines draw it.

Every logo is drawn here. The shaded disc is the case a luminance band gets wrong: a band
around one tone of a gradient is a crescent, and the drawing painted on the disc is not
knocked out of the rest of it.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from brandaudit.checks.imaging.fingerprints import Fingerprint, hamming
from brandaudit.checks.imaging.matching import ReferenceLogo
from brandaudit.checks.imaging.matching.matcher import FAITHFUL_BITS, ReferenceIndex
from brandaudit.checks.imaging.references import fingerprint_reference
from brandaudit.checks.imaging.references.ink_regions import ink_regions, painted_drawing
from tests.checks.imaging.conftest import flattened, query_fingerprint

SIDE = 512


def _shaded_disc() -> Image.Image:
    """A disc shaded from deep blue at its top to pale blue at its bottom (as app logos are)."""
    ramp = np.linspace(0.0, 1.0, SIDE, dtype=np.float32)[:, None, None]
    deep, pale = np.asarray([10, 20, 90]), np.asarray([200, 230, 255])
    colours = np.broadcast_to(deep + (pale - deep) * ramp, (SIDE, SIDE, 3))
    disc = Image.new("L", (SIDE, SIDE), 0)
    ImageDraw.Draw(disc).ellipse((8, 8, SIDE - 9, SIDE - 9), fill=255)
    image = Image.fromarray(np.round(colours).astype(np.uint8), "RGB").convert("RGBA")
    image.putalpha(disc)
    return image


def _shaded_disc_with_letter() -> Image.Image:
    """The shaded disc with a white "L" and an orange dot painted on it."""
    image = _shaded_disc()
    draw = ImageDraw.Draw(image)
    draw.rectangle((170, 120, 230, 390), fill=(255, 255, 255, 255))
    draw.rectangle((170, 330, 350, 390), fill=(255, 255, 255, 255))
    draw.ellipse((300, 150, 360, 210), fill=(255, 140, 0, 255))
    return image


def _knocked_out(image: Image.Image, ink: tuple[int, int, int]) -> Image.Image:
    """The logo reversed as its guideline draws it: the disc in one colour, what is painted
    on it a hole (drawn here from the picture's colours, not by the module's rule)."""
    rgba = np.asarray(image)
    painted = (rgba[..., 0] > 200) & (rgba[..., 3] > 128)  # white and orange; no blue is
    alpha = np.where(painted, 0, rgba[..., 3]).astype(np.uint8)
    out = Image.new("RGBA", image.size, (*ink, 0))
    out.putalpha(Image.fromarray(alpha))
    return out


def _reference(image: Image.Image) -> Fingerprint:
    return fingerprint_reference(image, image.width, image.height)


def _nearest(query: Fingerprint, reference: Fingerprint) -> int:
    """Smallest bit distance from the query to the reference's whole (uncut) views."""
    table = hamming(query.bits, reference.bits)
    return int(table[:, ~reference.cropped_views].min())


def _full(image: Image.Image) -> np.ndarray:
    return np.asarray(image, dtype=np.float32) / 255.0


@pytest.mark.parametrize("background", [(128, 128, 128), (60, 90, 200)], ids=["grey", "brand"])
def test_shaded_disc_reversed_with_its_letter_knocked_out_is_found(background) -> None:
    # The letter and the dot are holes in a one-colour disc. A luminance band around the
    # disc's tones keeps a crescent of the gradient: its views are 70+ bits away.
    logo = _shaded_disc_with_letter()
    ink = (0, 0, 0) if background == (128, 128, 128) else (255, 255, 255)
    shown = flattened(
        _knocked_out(logo, ink).resize((256, 256), Image.Resampling.LANCZOS), background
    )
    reference = _reference(logo)
    assert _nearest(query_fingerprint(shown), reference) <= FAITHFUL_BITS
    match = ReferenceIndex([ReferenceLogo("shaded", "approved", reference)]).match(
        query_fingerprint(shown)
    )
    assert match is not None and match.logo == "shaded"


def test_bare_disc_of_another_brand_is_not_taken_for_the_knocked_out_disc() -> None:
    # The silhouette of the logo is a bare disc too (one of its views): a plain shape any
    # brand may use is no sign of this one. (Drawn to the picture's edge: a disc with a
    # margin of 3 % prepares 20+ bits from the plain disc shapes and is still taken; see
    # plain_shapes.py.)
    reference = _reference(_shaded_disc_with_letter())
    disc = Image.new("RGBA", (SIDE, SIDE), (0, 0, 0, 0))
    ImageDraw.Draw(disc).ellipse((0, 0, SIDE - 1, SIDE - 1), fill=(0, 0, 0, 255))
    disc = disc.resize((256, 256), Image.Resampling.LANCZOS)
    query = query_fingerprint(flattened(disc, (128, 128, 128)))
    assert ReferenceIndex([ReferenceLogo("shaded", "approved", reference)]).match(query) is None


def test_gradient_is_one_region_and_nothing_is_painted_on_it() -> None:
    full = _full(_shaded_disc())
    regions = ink_regions(full[..., :3], full[..., 3] > 0.5)
    assert regions[full[..., 3] > 0.5].max() == 1  # no crescent: the shading is one ink
    assert painted_drawing(full).max() == 0.0


def test_drawing_painted_on_the_disc_is_knocked_out_and_the_disc_kept() -> None:
    full = _full(_shaded_disc_with_letter())
    drawing = painted_drawing(full)
    assert drawing[250, 200] == 1.0 and drawing[360, 300] == 1.0  # the letter's stem, foot
    assert drawing[180, 330] == 1.0  # the orange dot
    assert drawing[60, 256] == 0.0 and drawing[450, 256] == 0.0  # deep and pale disc


def test_what_is_painted_on_the_knocked_out_drawing_stays() -> None:
    # A face on an orange disc: the white face is knocked out, its orange eyes stay ink.
    image = Image.new("RGBA", (SIDE, SIDE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, SIDE - 9, SIDE - 9), fill=(255, 69, 0, 255))
    draw.ellipse((130, 160, 380, 380), fill=(255, 255, 255, 255))
    draw.ellipse((190, 230, 230, 270), fill=(255, 69, 0, 255))
    drawing = painted_drawing(_full(image))
    assert drawing[330, 256] == 1.0 and drawing[250, 210] == 0.0 and drawing[40, 256] == 0.0


@pytest.mark.parametrize("gap", [0, 40], ids=["touching", "apart"])
def test_parts_side_by_side_are_not_painted_on_each_other(gap: int) -> None:
    # Two colours next to each other both meet the page: a one-colour version keeps both.
    image = Image.new("RGBA", (SIDE, SIDE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 100, 240, 400), fill=(220, 30, 30, 255))
    draw.rectangle((240 + gap, 100, 490, 400), fill=(30, 30, 220, 255))
    assert painted_drawing(_full(image)).max() == 0.0


@pytest.mark.parametrize(
    "image",
    [
        Image.new("RGBA", (64, 64), (0, 0, 0, 0)),
        Image.new("RGBA", (64, 64), (200, 0, 0, 255)),
        Image.new("RGBA", (1, 40), (0, 0, 0, 255)),
    ],
    ids=["empty", "plain-plate", "one-pixel-wide"],
)
def test_degenerate_pictures_have_nothing_painted(image: Image.Image) -> None:
    assert painted_drawing(_full(image)).max() == 0.0
