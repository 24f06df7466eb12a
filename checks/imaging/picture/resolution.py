"""The resolution a picture is hashed at: reduced to HASH_SIDE, thin pictures enlarged.

The hash bits depend on how many pixels a logo's content keeps, so every picture, query or
reference, goes through the same scale rule (and checks/imaging/picture/content_fit.py applies it to
the content of a padded picture).
"""

from __future__ import annotations

import numpy as np
from PIL import Image

HASH_SIDE = 128  # longest side an image is reduced to before views are made
# A thin picture (a wordmark 128 × 14 px, as GIFs and small JPEGs show it) is enlarged until
# its short side reaches HASH_SIDE / 2, as large references are kept: at 14 rows the content box
# and margin round to whole pixels, a tenth of the height. Bilinear, at most MAX_UPSCALE×, and
# only when the long side is at least HASH_SIDE: favicon-sized pictures and the references'
# favicon-sized views are compared as they are (enlarging png_16 lost it 98.2 → 74 %; enlarging
# 64 px reference views made a wordmark's blurred view match 4 of 300 photo-like pictures).
# `python benchmarks/logo_bench.py --sample 300 --banners 0` (seed 7), identified: gif_palette
# 96.66 → 97.99 % (faithful 90.97 → 96.99 %), padded_25 97.99 → 98.33 %, on_grey, on_brand and
# cropped_3 +0.3-0.7, no transform lower, false matches 13 = 13, throughput 360 → 362/CPU-s.
MAX_UPSCALE = 8.0


def hashing_scale(size: tuple[int, int], side: int = HASH_SIDE) -> float:
    """How much reduce_for_hashing scales a picture of `size`: below 1 shrinks, above enlarges."""
    short, long = min(size), max(size)
    # Long side at most `side`, but keep at least side/2 across, so wide logos keep detail.
    scale = min(1.0, max(side / long, min(1.0, (side / 2) / short)))
    if scale == 1.0 and short < side / 2 and long >= side:
        # A thin picture: enlarged so its short side is read at sub-pixel precision.
        return max(1.0, min(MAX_UPSCALE, (side / 2) / short, 4 * side / long))
    return scale


def enlargement(size: tuple[int, int]) -> float:
    """How much a thin picture of `size` is enlarged before hashing (1: not enlarged)."""
    return max(1.0, hashing_scale(size))


def reduce_for_hashing(
    image: Image.Image, side: int = HASH_SIDE, scale: float | None = None
) -> np.ndarray:
    """RGBA float32 array (0..1) of the picture at `hashing_scale` (or at `scale`, if given)."""
    if scale is None:
        scale = hashing_scale(image.size, side)
    if scale != 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        if scale < 1.0:
            image = image.resize(size, Image.Resampling.BOX)
        else:
            image = image.convert("RGBA").resize(size, Image.Resampling.BILINEAR)
    if image.mode != "RGBA":
        image = image.convert("RGBA")  # (decode_image already gives RGBA: no copy then)
    return np.asarray(image, dtype=np.float32) / 255.0
