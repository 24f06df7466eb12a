"""A finer description of each view: its distance map on a FINE × FINE grid, as uint8.

The 16 × 16 hash grid cannot tell apart badges of one family (a plate, a shield, a disc)
whose inner drawing differs: the drawing takes a few cells of the grid, and the outline all
the rest. The fine map keeps four times the cells, so the drawing weighs in; it is made once
per view at fingerprint time (one resize of a map that is already there) and compared only
for the few pictures whose hash match is loose or ambiguous (matching/second_look.py).

The comparison tolerates what the web does to a logo: a few cells of shift (a crop, a
content box a pixel off), blur and JPEG noise (both maps are smoothed and standardised), but
looks for the one place where two drawings differ most (drawing_gaps).

Measured: benchmarks/NOTES.md, section `checks/imaging/fingerprints/fine_maps.py`.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from PIL import Image

FINE = 32  # cells per side of a fine map
# Evidence (benchmarks/NOTES.md): 4 × 4 blocks, ±3 cells: 39 false removed, none lost (±2: 1).
SHIFT = 3  # cells of shift searched each way when comparing two maps
SMOOTH = 3  # box blur (cells) before comparing: JPEG noise and blur on either side
BLOCK = 4  # cells per side of the blocks whose differences are weighed apart


def _resized(distance: np.ndarray) -> np.ndarray:
    """The view's distance map on a FINE × FINE grid (float32, not yet scaled)."""
    image = Image.fromarray(np.ascontiguousarray(distance, dtype=np.float32), mode="F")
    # As for the hash grid: a view smaller than the grid has under one pixel per cell, and
    # BOX then copies pixels into blocks; bilinear weights neighbours.
    small = min(image.width, image.height) < FINE
    method = Image.Resampling.BILINEAR if small else Image.Resampling.BOX
    return np.asarray(image.resize((FINE, FINE), method), dtype=np.float32)


def fine_map(distance: np.ndarray) -> np.ndarray:
    """The view's distance map on a FINE × FINE grid, 0..255 of its own peak."""
    return fine_maps([distance])[0]


def fine_maps(distances: list[np.ndarray]) -> np.ndarray:
    """(n_views, FINE, FINE) uint8 for a picture's views, each 0..255 of its own peak
    (scaled in one pass for all views: this runs for every picture fingerprinted)."""
    if not distances:
        return np.zeros((0, FINE, FINE), dtype=np.uint8)
    values = np.stack([_resized(d) for d in distances])
    peak = values.max(axis=(1, 2), keepdims=True)
    # Box and bilinear averages of non-negative maps stay within 0..peak: no clipping.
    scale = np.where(peak > 0, 255.0 / np.maximum(peak, 1e-12), 0.0).astype(np.float32)
    return (values * scale + 0.5).astype(np.uint8)


def _smoothed(maps: np.ndarray) -> np.ndarray:
    """Box-blurred float copies (n, FINE, FINE), edges padded with zeros (the background)."""
    values = maps.astype(np.float32) / 255.0
    pad = SMOOTH // 2
    padded = np.pad(values, ((0, 0), (pad, pad), (pad, pad)))
    total = np.zeros_like(values)
    for dy in range(SMOOTH):
        for dx in range(SMOOTH):
            total += padded[:, dy : dy + FINE, dx : dx + FINE]
    return total / (SMOOTH * SMOOTH)


def _standardised(windows: np.ndarray) -> np.ndarray:
    """Each window to zero mean and unit spread: level and contrast do not count."""
    centred = windows - windows.mean(axis=(1, 2), keepdims=True)
    return centred / np.maximum(centred.std(axis=(1, 2), keepdims=True), 1e-6)


def drawing_gaps(queries: np.ndarray, references: np.ndarray) -> np.ndarray:
    """Per pair of fine maps (queries[i] with references[i]): how far the drawings differ
    where they differ most, at the best shift of up to SHIFT cells.

    Both maps are smoothed and standardised; the gap is the mean absolute difference over
    the BLOCK × BLOCK cell block that differs most, for the shift that makes it smallest.
    A copy through JPEG, blur or a small crop differs a little everywhere; another drawing
    in the same outline differs much in one place, which a mean over the whole map (or a
    correlation) dilutes in the shared outline. 0 is the same drawing.
    """
    if len(queries) != len(references):
        raise ValueError(f"pairs needed: {len(queries)} queries, {len(references)} references")
    if not len(queries):
        return np.zeros(0, dtype=np.float32)
    a, b = _smoothed(queries), _smoothed(references)
    inner = FINE - 2 * SHIFT
    blocks = inner // BLOCK
    span = blocks * BLOCK
    centre = _standardised(a[:, SHIFT : SHIFT + inner, SHIFT : SHIFT + inner])[:, :span, :span]
    # Every shifted window of each reference at once: (pairs, shifts, inner, inner).
    windows = sliding_window_view(b, (inner, inner), axis=(1, 2)).reshape(len(b), -1, inner, inner)
    centred = windows - windows.mean(axis=(2, 3), keepdims=True)
    spread = np.maximum(centred.std(axis=(2, 3), keepdims=True), 1e-6)
    gap = np.abs(centre[:, None] - (centred / spread)[..., :span, :span])
    gap = gap.reshape(len(a), -1, blocks, BLOCK, blocks, BLOCK).mean(axis=(3, 5))
    return gap.reshape(len(a), gap.shape[1], -1).max(axis=2).min(axis=1)
