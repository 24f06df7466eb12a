"""The finer second look: fine maps, their comparison, and what the matcher does with it."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from brandaudit.checks.imaging.fingerprints import Fingerprint
from brandaudit.checks.imaging.fingerprints.fine_maps import FINE, drawing_gaps, fine_map
from brandaudit.checks.imaging.matching import ReferenceIndex, ReferenceLogo
from brandaudit.checks.imaging.matching.second_look import SecondLook
from brandaudit.checks.imaging.references import fingerprint_reference
from tests.checks.imaging.conftest import flattened, query_fingerprint


def _drawing(seed: int, side: int = 128) -> np.ndarray:
    """A distance map with a few strokes inside a ring: one badge of a family per seed."""
    rng = np.random.default_rng(seed)
    image = Image.new("F", (side, side), 0.0)
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, side - 5, side - 5), outline=1.0, width=side // 12)
    for _ in range(3):
        x, y = rng.integers(side // 4, side // 2, size=2)
        w, h = rng.integers(side // 8, side // 3, size=2)
        draw.rectangle((x, y, x + w, y + h), fill=1.0)
    return np.asarray(image, dtype=np.float32)


def test_fine_map_is_a_grid_of_the_view_scaled_to_its_peak() -> None:
    values = _drawing(1) * 0.5
    fine = fine_map(values)
    assert fine.shape == (FINE, FINE) and fine.dtype == np.uint8
    assert fine.max() == 255 and fine.min() == 0
    assert not fine_map(np.zeros((40, 40), np.float32)).any()


def test_a_shifted_blurred_copy_is_the_same_drawing_another_drawing_is_not() -> None:
    ours = _drawing(1)
    shifted = Image.fromarray(np.round(np.roll(ours, 5, axis=1) * 255).astype(np.uint8))
    blurred = np.asarray(shifted.filter(ImageFilter.BoxBlur(2)), dtype=np.float32) / 255
    others = [fine_map(_drawing(seed)) for seed in range(2, 8)]
    maps = np.stack([fine_map(ours), fine_map(blurred), *others])
    gaps = drawing_gaps(np.repeat(maps[:1], len(maps), axis=0), maps)
    assert gaps[0] < 0.01
    assert gaps[1] < 0.5  # a cell of shift and a blur
    assert gaps[2:].min() > 0.9  # the same ring around other drawings


def test_fingerprints_carry_fine_maps_and_old_bytes_still_read() -> None:
    image = Image.new("RGBA", (120, 80), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((20, 20, 70, 60), fill=(200, 20, 20, 255))
    for fp in (query_fingerprint(image), fingerprint_reference(image, 120, 80)):
        assert fp.fine is not None and fp.fine.shape == (len(fp.bits), FINE, FINE)
        back = Fingerprint.from_bytes(fp.to_bytes())
        assert back.fine is not None and np.array_equal(back.fine, fp.fine)
    buffer = io.BytesIO()  # a fingerprint stored before fine maps existed
    np.savez(
        buffer,
        bits=fp.bits,
        aspects=fp.aspects,
        colours=fp.colours,
        sides=fp.sides,
        size=np.asarray([120, 80]),
    )
    old = Fingerprint.from_bytes(buffer.getvalue())
    assert old.fine is None and np.array_equal(old.bits, fp.bits)


def _ringed(seed: int, side: int = 200) -> Image.Image:
    """A badge of one family: the same blue ring, a few bars of its own inside."""
    rng = np.random.default_rng(seed)
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, side - 5, side - 5), outline=(30, 90, 200, 255), width=side // 12)
    for _ in range(3):
        x, y = rng.integers(side // 4, side // 2, size=2)
        w, h = rng.integers(side // 8, side // 3, size=2)
        draw.rectangle((x, y, x + w, y + h), fill=(30, 90, 200, 255))
    return image


def test_another_badge_of_the_family_is_not_taken_for_ours() -> None:
    """The hash alone took these badges for ours at 42-61 bits (the ring is most of the
    grid); their drawing is another, so the second look turns them down."""
    index = ReferenceIndex([ReferenceLogo("ours", "approved", _reference(_ringed(1)))])
    for seed, side in ((2, 200), (2, 64), (17, 64), (19, 64), (23, 64), (24, 32)):
        picture = _ringed(seed).resize((side, side), Image.Resampling.LANCZOS)
        assert index.match(query_fingerprint(picture)) is None, (seed, side)
    ours = _ringed(1)
    for picture in (
        ours,
        ours.resize((64, 64), Image.Resampling.LANCZOS),
        ours.resize((32, 32), Image.Resampling.LANCZOS),
        flattened(ours, (255, 255, 255)).filter(ImageFilter.GaussianBlur(1)),
        _jpeg(flattened(ours, (255, 255, 255)), 35),
    ):
        match = index.match(query_fingerprint(picture))
        assert match is not None and match.logo == "ours", picture.size


def test_a_tie_between_two_badges_goes_to_the_one_whose_drawing_it_shows() -> None:
    maps = np.stack([fine_map(_drawing(seed)) for seed in (1, 2, 3)])
    table = np.full((1, 3), 40)  # the hash finds the picture as near all three logos

    def own_view(logo: int, cut: bool) -> np.ndarray:
        return np.asarray([logo])

    for shown, expected in ((0, True), (2, False)):
        look = SecondLook(table, maps[shown : shown + 1], maps, own_view)
        assert look.settles(0, [1]) is expected
    look = SecondLook(table, maps[:1], None, own_view)
    assert look.gap(0) is None and not look.settles(0, [1])  # no fine maps: no say
    assert not look.rejects(1, 60, 0.0, False)


def _reference(image: Image.Image) -> Fingerprint:
    return fingerprint_reference(image, image.width, image.height)


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue()))
