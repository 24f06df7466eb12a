"""An RGBA picture shown on a solid colour, as the 8-bit picture a page would serve.

Reference views show the full-size logo on white, grey or its own colours, cut or knocked
out, and prepare that picture as a query (reference_views, cut_views, side_cuts,
reversed_views): some 20 pictures of up to 512 × 512 per logo. Composited in float32 over
the interleaved RGBA array (views.flatten, then rounded to 8 bits) that was a third of a
reference's build time. Each output byte depends only on its channel's byte, the alpha byte
and the background, so it is read from a 256 × 256 table per channel, computed once per
background with the very same float32 operations: the result is bit-identical to
`picture(flatten(np.asarray(image, np.float32) / 255, background))`, several times faster.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image

LEVELS = 256


@lru_cache(maxsize=32)
def _table(background: tuple[float, float, float]) -> np.ndarray:
    """(3, 256 × 256): the 8-bit output per channel for (value byte << 8 | alpha byte)."""
    level = np.arange(LEVELS, dtype=np.float32) / 255.0  # as np.asarray(..., float32) / 255
    value, alpha = level[:, None], level[None, :]
    colour = np.asarray(background, dtype=np.float32)
    # views.flatten's expression, channel by channel, then cut_views.picture's rounding.
    tables = [value * alpha + colour[c] * (1.0 - alpha) for c in range(3)]
    return np.round(np.stack(tables) * 255).astype(np.uint8).reshape(3, LEVELS * LEVELS)


def shown_on(image: Image.Image, background: tuple[float, ...]) -> Image.Image:
    """`image` (any mode; read as RGBA) composited on `background` (0..1 RGB), as 8-bit RGB."""
    rgba = np.asarray(image if image.mode == "RGBA" else image.convert("RGBA"))
    return Image.fromarray(shown_on_array(rgba, background), "RGB")


def shown_on_array(rgba: np.ndarray, background: tuple[float, ...]) -> np.ndarray:
    """The same for an (h, w, 4) uint8 array: (h, w, 3) uint8."""
    key = tuple(float(c) for c in background)
    if len(key) != 3:
        raise ValueError(f"background must be three channels (0..1 RGB), not {background!r}")
    table = _table(key)
    alpha = rgba[..., 3].astype(np.uint16)
    shown = np.empty((*rgba.shape[:2], 3), dtype=np.uint8)
    for channel in range(3):  # one channel at a time: half the time of one 3-D lookup
        index = rgba[..., channel].astype(np.uint16) << 8
        index |= alpha
        shown[..., channel] = table[channel].take(index)
    return shown
