"""Preparing a picture: decode untrusted bytes, then turn the picture into background-free
views read at the resolution a tight copy of its content would be (first stage)."""

from brandaudit.checks.imaging.picture.decode import (
    WORKING_SIDE,
    DecodedImage,
    ImageDecodeError,
    decode_image,
)
from brandaudit.checks.imaging.picture.normalise import Prepared, View, flatten, prepare

__all__ = [
    "WORKING_SIDE",
    "DecodedImage",
    "ImageDecodeError",
    "Prepared",
    "View",
    "decode_image",
    "flatten",
    "prepare",
]
