"""A logo's colour signature, so a recoloured copy of the right shape can be told apart.

Shapes are hashed without colour (see normalise.py); the colours are compared separately as a
few dominant CIELAB colours with their shares of the content.
"""

from __future__ import annotations

import numpy as np

MAX_COLOURS = 6
MIN_SHARE = 0.03  # colours covering less of the content (antialiased edges) are ignored
NEUTRAL_CHROMA = 12.0  # below this CIELAB chroma a colour is black, white or grey
NEUTRAL_SHARE = 0.85  # this much of the content neutral: a black, white or grey version
RIM_DELTA_E = 8.0  # a tint this near a blend of a neutral colour and a backdrop colour is their rim


def _to_lab(rgb: np.ndarray) -> np.ndarray:
    """sRGB (0..255) to CIELAB (D65)."""
    c = rgb.astype(np.float64) / 255.0
    c = np.where(c > 0.04045, ((c + 0.055) / 1.055) ** 2.4, c / 12.92)
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = c @ m.T / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 216 / 24389, np.cbrt(xyz), (24389 / 27 * xyz + 16) / 116)
    return np.stack(
        [116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])], axis=1
    )


def signature(samples: np.ndarray) -> np.ndarray:
    """(k, 4) array of [L, a, b, share] for the dominant colours of RGB samples."""
    if len(samples) == 0:
        return np.zeros((0, 4))
    codes = (samples // 24).astype(np.int32)
    keys = codes[:, 0] * 4096 + codes[:, 1] * 64 + codes[:, 2]
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    order = np.argsort(-counts)[:MAX_COLOURS]
    rows = []
    for index in order:
        share = counts[index] / len(samples)
        if share < MIN_SHARE:
            break
        rows.append([*_to_lab(samples[inverse == index].mean(axis=0, keepdims=True))[0], share])
    return np.asarray(rows, dtype=np.float64).reshape(-1, 4)


def is_neutral(sig: np.ndarray, backdrop: np.ndarray | None = None) -> bool:
    """True for a one-colour black, white or grey version of a logo.

    Share-weighted: the antialiased rim where a white logo meets a coloured background is
    a few percent of tinted pixels, and must not make a white logo "coloured". With
    `backdrop` (the logo's own colours, as a signature), tints that are blends of a neutral
    colour of the picture and a backdrop colour count as rim too: a thin black logo printed
    on a plate of its brand colour has a wide rim of such blends (a redesign's reversed
    copy, read at up to 30 % rim in the logo bench, was taken for a recoloured one).
    """
    if not len(sig):
        return False
    neutral = np.hypot(sig[:, 1], sig[:, 2]) < NEUTRAL_CHROMA
    if backdrop is not None and len(backdrop) and neutral.any():
        neutral |= _blends(sig[:, :3], sig[neutral, :3], backdrop[:, :3])
    return bool(sig[neutral, 3].sum() >= NEUTRAL_SHARE * sig[:, 3].sum())


def _blends(colours: np.ndarray, neutrals: np.ndarray, backdrop: np.ndarray) -> np.ndarray:
    """Per colour: lies within RIM_DELTA_E of a segment from a neutral to a backdrop colour."""
    start = neutrals[None, :, None, :]
    span = backdrop[None, None, :, :] - start  # (1, neutrals, backdrop, 3)
    offset = colours[:, None, None, :] - start
    length = np.maximum((span * span).sum(axis=-1), 1e-9)
    along = np.clip((offset * span).sum(axis=-1) / length, 0.0, 1.0)
    gap = np.linalg.norm(offset - along[..., None] * span, axis=-1)
    return (gap <= RIM_DELTA_E).any(axis=(1, 2))


def colour_distance(query: np.ndarray, reference: np.ndarray) -> float:
    """Share-weighted CIELAB ΔE from each query colour to the nearest reference colour."""
    if len(query) == 0 or len(reference) == 0:
        return 0.0
    gaps = np.linalg.norm(query[:, None, :3] - reference[None, :, :3], axis=2).min(axis=1)
    return float((gaps * query[:, 3]).sum() / query[:, 3].sum())
