"""Perceptual hash bits of a background-free view: average hash plus signed difference hashes.

All three are computed on the same 16×16 grid of the view, so a whole fingerprint is one
packed bit vector and matching is a vectorised Hamming distance (numpy XOR + bit count).
Difference hashes use a dead zone so flat areas hash as "no edge" instead of JPEG noise.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from checks.imaging.normalise import View

GRID = 16
EDGE_DEAD_ZONE = 0.06  # a step smaller than this share of the view's range is not an edge
HASH_BITS = GRID * GRID * 5  # average + (rising, falling) × (horizontal, vertical)
HASH_BYTES = HASH_BITS // 8
ALGORITHM_VERSION = "views7-a16d16x2-detail"  # bump when anything changes the bits


def _grid(distance: np.ndarray, width: int, height: int) -> np.ndarray:
    image = Image.fromarray(distance, mode="F").resize((width, height), Image.Resampling.BOX)
    values = np.asarray(image, dtype=np.float32)
    peak = float(values.max())
    return values / peak if peak > 0 else values


def view_bits(view: View) -> np.ndarray:
    """Unpacked boolean hash of one view, HASH_BITS long."""
    square = _grid(view.distance, GRID, GRID)
    average = square > square.mean()
    wide = _grid(view.distance, GRID + 1, GRID)
    tall = _grid(view.distance, GRID, GRID + 1)
    across = wide[:, 1:] - wide[:, :-1]
    down = tall[1:, :] - tall[:-1, :]
    planes = (
        average,
        across > EDGE_DEAD_ZONE,
        across < -EDGE_DEAD_ZONE,
        down > EDGE_DEAD_ZONE,
        down < -EDGE_DEAD_ZONE,
    )
    return np.concatenate([p.ravel() for p in planes])


def pack_views(views: tuple[View, ...]) -> np.ndarray:
    """(n_views, HASH_BYTES) uint8 packed hashes."""
    if not views:
        return np.zeros((0, HASH_BYTES), dtype=np.uint8)
    return np.packbits(np.stack([view_bits(v) for v in views]), axis=1)


def hamming(queries: np.ndarray, references: np.ndarray) -> np.ndarray:
    """(n_queries, n_references) bit distances between packed hash rows."""
    # Compare 64 bits at a time: 8× fewer elements than bytes.
    wide_q = np.ascontiguousarray(queries).view(np.uint64)
    wide_r = np.ascontiguousarray(references).view(np.uint64)
    xor = np.bitwise_xor(wide_q[:, None, :], wide_r[None, :, :])
    counts = np.bitwise_count(xor).astype(np.float32)
    # A matrix product sums the short last axis far faster than ndarray.sum(axis=2).
    return np.rint(counts @ np.ones(counts.shape[2], dtype=np.float32)).astype(np.int32)
