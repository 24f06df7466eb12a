"""Per-pixel distance arithmetic on contiguous channel planes (the fast path of normalise).

The same float32 operations as normalise.flatten() + distance_map(), so the same values, but
on 2-D planes instead of the interleaved RGBA layout: several times faster.
"""

from __future__ import annotations

import numpy as np


def alpha_distance_maps(planes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """distance_map(flatten(rgba, bg), bg) on white and on black, sharing the products.

    Flattened on black a channel is rgb·alpha (+ 0·(1 − alpha) = +0), at distance rgb·alpha
    from black; on white it is rgb·alpha + (1 − alpha), at |that − 1| from white.
    """
    alpha = planes[3]
    rest = np.float32(1.0) - alpha
    on_black = None
    on_white = None
    for channel in planes[:3]:
        inked = channel * alpha
        gap = np.abs((inked + rest) - np.float32(1.0))
        on_black = inked if on_black is None else np.maximum(on_black, inked)
        on_white = gap if on_white is None else np.maximum(on_white, gap)
    assert on_white is not None and on_black is not None
    return on_white, on_black


def plane_distance(planes: np.ndarray, background: np.ndarray) -> np.ndarray:
    """distance_map() on channel planes: the largest channel difference to the background."""
    colour = np.asarray(background, dtype=np.float32)
    gaps = [np.abs(planes[c] - colour[c]) for c in range(3)]
    return np.maximum(np.maximum(gaps[0], gaps[1]), gaps[2])
