"""The verdict on a found copy: a one-colour copy on its brand's colour is not recoloured."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from brandaudit.checks.imaging.fingerprints import fingerprint_image, is_neutral
from brandaudit.checks.imaging.matching import ReferenceIndex, ReferenceLogo
from brandaudit.checks.imaging.references import fingerprint_reference

YELLOW = (247, 255, 20)


def _rings(colour: tuple[int, int, int]) -> Image.Image:
    """A thin line drawing (two rings and a bar): much of it is antialiased rim."""
    image = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 247, 247), outline=(*colour, 255), width=5)
    draw.ellipse((60, 60, 195, 195), outline=(*colour, 255), width=4)
    draw.line((20, 128, 236, 118), fill=(*colour, 255), width=5)
    return image


def test_blends_of_black_and_the_backdrop_count_as_neutral() -> None:
    """A tint halfway between black and the logo's own yellow is the rim between them; a
    red of the same share is a colour of its own."""
    yellow = np.asarray([[96.6, -24.5, 92.2, 1.0]])
    rim = np.asarray([[0.4, -0.2, 0.6, 0.7], [61.3, -16.9, 62.6, 0.15], [70, -18.8, 69.9, 0.15]])
    assert not is_neutral(rim)
    assert is_neutral(rim, yellow)
    red = rim.copy()
    red[1:, :3] = [53.2, 80.1, 67.2]
    assert not is_neutral(red, yellow)


def test_a_black_copy_on_the_brand_colour_is_faithful_not_recoloured() -> None:
    """A yellow line logo printed black on a yellow plate (as a redesign's reversed copy is):
    its wide antialiased rim of black-yellow blends is no recolouring."""
    logo = _rings(YELLOW)
    index = ReferenceIndex(
        [ReferenceLogo("rings", "approved", fingerprint_reference(logo, 256, 256))]
    )
    plate = Image.new("RGBA", logo.size, (*YELLOW, 255))
    plate.alpha_composite(_rings((0, 0, 0)))
    copy = plate.convert("RGB")
    match = index.match(fingerprint_image(copy, 256, 256))
    assert match is not None and match.logo == "rings", match
    assert match.verdict == "faithful", match
    red = Image.new("RGBA", logo.size, (*YELLOW, 255))
    red.alpha_composite(_rings((200, 20, 30)))
    other = index.match(fingerprint_image(red.convert("RGB"), 256, 256))
    assert other is None or other.reason == "recoloured", other


def _plate(colour: tuple[int, int, int]) -> Image.Image:
    """An app-icon plate with its drawing (an "H" and a block) cut through it."""
    image = Image.new("RGBA", (240, 240), (*colour, 255))
    draw = ImageDraw.Draw(image)
    for box in ((60, 70, 80, 170), (110, 70, 130, 170), (80, 110, 110, 125), (145, 95, 180, 145)):
        draw.rectangle(box, fill=(0, 0, 0, 0))
    return image


def test_a_reversed_plate_filling_the_picture_is_not_called_cropped() -> None:
    """The plate cut at its edges shows the same holes as the plate whole: that cut view
    hashes like the whole hole view, and a faithful reversed copy (black plate on the brand
    colour, filling the picture) must be judged by the whole view, not as a cut copy."""
    reference = fingerprint_reference(_plate((0, 230, 100)), 240, 240)
    index = ReferenceIndex([ReferenceLogo("plate", "approved", reference)])
    page = Image.new("RGBA", (256, 256), (0, 230, 100, 255))
    page.alpha_composite(_plate((0, 0, 0)).resize((256, 256)))
    match = index.match(fingerprint_image(page.convert("RGB"), 256, 256))
    assert match is not None and match.logo == "plate"
    assert match.verdict == "faithful", match


def test_distinct_views_keep_the_whole_one_of_a_cut_and_whole_pair() -> None:
    fingerprint = fingerprint_reference(_plate((0, 230, 100)), 240, 240)
    bits, cut = fingerprint.bits, fingerprint.cropped_views
    shared = {bits[i].tobytes() for i in np.flatnonzero(cut)} & {
        bits[i].tobytes() for i in np.flatnonzero(~cut)
    }
    assert shared  # the plate's cut and whole hole views coincide
    distinct = fingerprint.distinct()
    views = zip(distinct.bits, distinct.cropped_views, strict=True)
    kinds = {(b.tobytes(), bool(c)) for b, c in views}
    assert all((row, False) in kinds and (row, True) not in kinds for row in shared)
    assert len({b.tobytes() for b in distinct.bits}) == len(distinct.bits)
