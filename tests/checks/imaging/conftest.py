"""Picture helpers shared by the imaging tests: a logo as a page shows it."""

from __future__ import annotations

from PIL import Image

from brandaudit.checks.imaging.fingerprints import Fingerprint, fingerprint_image


def query_fingerprint(image: Image.Image) -> Fingerprint:
    """The fingerprint of a picture found on a page."""
    return fingerprint_image(image, image.width, image.height)


def flattened(image: Image.Image, colour: tuple[int, int, int]) -> Image.Image:
    """The logo on a solid background, as a browser composites it."""
    plate = Image.new("RGBA", image.size, (*colour, 255))
    plate.alpha_composite(image)
    return plate.convert("RGB")


def cut_sides(
    image: Image.Image, left: float, top: float, right: float, bottom: float
) -> Image.Image:
    """The picture with each side cut by its own share of the width or height."""
    w, h = image.size
    return image.crop(
        (round(left * w), round(top * h), round(w - right * w), round(h - bottom * h))
    )
