"""Perceptual hash bits of a background-free view: average hash plus signed difference hashes.

All three are computed on the same 16×16 grid of the view, so a whole fingerprint is one
packed bit vector and matching is a vectorised Hamming distance (numpy XOR + bit count).
Difference hashes use a dead zone so flat areas hash as "no edge" instead of JPEG noise.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from brandaudit.checks.imaging.picture import View

GRID = 16
EDGE_DEAD_ZONE = 0.06  # a step smaller than this share of the view's range is not an edge
HASH_BITS = GRID * GRID * 5  # average + (rising, falling) × (horizontal, vertical)
HASH_BYTES = HASH_BITS // 8
ALGORITHM_VERSION = "views14-regions"  # bump when the bits change


def _grid(image: Image.Image, width: int, height: int) -> np.ndarray:
    # A view under 2 × GRID pixels across (a favicon) has about one pixel per cell: BOX
    # sampling is then close to picking pixels, and a copy drawn one pixel narrower (13
    # instead of 14 px, as two resizers round 13.5) moves every cell, ~25 bits. Bilinear
    # weights the neighbours: 8 bits (tests/checks/imaging/test_hashes.py). Own-logo-alone
    # probe on the 83 brands the full run missed as png_16, png_32 or ico_favicon: found
    # 20 -> 41, 71 -> 78, 76 -> 80; 200 other brands unchanged.
    small = min(image.width, image.height) < 2 * GRID
    method = Image.Resampling.BILINEAR if small else Image.Resampling.BOX
    values = np.asarray(image.resize((width, height), method), dtype=np.float32)
    peak = float(values.max())
    return values / peak if peak > 0 else values


def view_bits(view: View) -> np.ndarray:
    """Unpacked boolean hash of one view, HASH_BITS long."""
    image = Image.fromarray(np.ascontiguousarray(view.distance, dtype=np.float32), mode="F")
    square = _grid(image, GRID, GRID)
    average = square > square.mean()
    wide = _grid(image, GRID + 1, GRID)
    tall = _grid(image, GRID, GRID + 1)
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


def reference_words(references: np.ndarray) -> np.ndarray:
    """Packed hash rows laid out word-major, (words, n) uint64: what `hamming` reads.

    An index compares every query with the same references, so it can lay them out once
    and pass the result to `hamming` instead of the packed rows (same distances, faster).
    """
    rows = np.ascontiguousarray(references)
    return np.ascontiguousarray(rows.view(np.uint64).T)


def hamming(queries: np.ndarray, references: np.ndarray) -> np.ndarray:
    """(n_queries, n_references) bit distances between packed hash rows.

    `references` is either packed rows like `queries` or their `reference_words` layout.
    """
    if references.dtype != np.uint64:
        references = reference_words(references)
    words = np.ascontiguousarray(queries).view(np.uint64)
    if words.shape[1] != references.shape[0]:
        raise ValueError(f"hash widths differ: {words.shape[1]} vs {references.shape[0]} words")
    # One 64-bit word column at a time, across all references: every array stays small
    # enough for the cache, and the sum is plain vector additions instead of a reduction
    # over a short last axis (2-3× faster than XOR-ing the whole 3-D block at once).
    shape = (len(words), references.shape[1])
    total = np.zeros(shape, dtype=np.uint16)  # at most HASH_BITS, fits
    xor = np.empty(shape, dtype=np.uint64)
    counts = np.empty(shape, dtype=np.uint8)
    for column in range(references.shape[0]):
        np.bitwise_xor(references[column], words[:, column, None], out=xor)
        np.add(total, np.bitwise_count(xor, out=counts), out=total)
    return total.astype(np.int32)


def nearest_per_group(
    table: np.ndarray, starts: np.ndarray, usable: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per group of reference columns (a logo's views, starting at `starts`): the smallest
    distance in the (queries, references) table over usable columns, the first column that
    reaches it, and the first query row that reaches it there.

    Only the winning columns are searched for their row: an argmin down every column of a
    short, wide table is the slow part of matching.
    """
    table = np.where(usable[None, :], table, HASH_BITS)
    per_column = table.min(axis=0)
    per_group = np.minimum.reduceat(per_column, starts)
    sizes = np.diff(np.append(starts, len(per_column)))
    positions = np.arange(len(per_column))
    at_best = np.where(per_column == np.repeat(per_group, sizes), positions, len(per_column))
    first = np.minimum.reduceat(at_best, starts)
    return per_group, first, table[:, first].argmin(axis=0)
