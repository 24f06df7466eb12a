"""Reduce a picture's content, not the picture, to the resolution a tight copy is hashed at.

The hash bits of thin line art change with the resolution its content is reduced to and with
where the reduction's pixel grid falls on it: si:apachetomcat (a line-art cat) on white,
tight, at 150/200/230/256/300 px was 38/13/14/6/13 bits from its reference, padded by 25 %
(content re-read at ~121 px instead of 128, on a grid shifted by a fraction of a pixel)
43-50 bits. So a padded logo's content edges are found in the full picture, and the content
is reduced from exactly there, at the scale a tight copy of it would have, with its edge on
a pixel boundary as a tight copy's is: padded by 10 or 25 % now 30/16/20/6/13 bits.

Measured: benchmarks/NOTES.md, section `checks/imaging/picture/content_fit.py`.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

EDGE_SHARE = 0.5  # an edge is where the ink reaches this share of the strip's strongest
# JPEG ringing around a plate's letters (si:uniqlo, si:webassembly at q35) passes the content
# level 1-10 px off the letters, so the coarse box (read on a reduction) and the edges found
# near it took ringing for content: the q35 copy's content came out wider than the PNG's and
# its grid shifted (si:uniqlo 92 bits from the logo, 25 as a PNG). A strip whose ink stays
# under NOISE_SHARE of the strongest ink near the box (ringing: 0.13-0.2 of 1.0) holds noise
# and is read further in; a faint part of a logo (si:fluke: 0.49 of 0.98) is still its edge.
# From the anchor the edge moves out over pixels above FRINGE_SHARE of that ink (ringing next
# to an edge reached 0.26-0.31 of 0.8). Edges of q35 copies against the same picture as PNG,
# 62 brands the full run missed as jpeg_q35 + 100 others, more than 2 px off: 18 + 3 before;
# FRINGE_SHARE 0.12 (the content level) 16 + 3, 0.2: 9 + 1, 0.3: 7 + 1, 0.4: 7 + 1 (mean
# error 0.79 px at 0.3, lowest but 0.4's 0.76 which moves more clean edges).
NOISE_SHARE = 0.3
FRINGE_SHARE = 0.3
GROW = 2  # reduced pixels of background kept around the content, for the border colours

Edges = tuple[float, float, float, float]  # left, top, right, bottom in picture pixels


def content_edges(
    image: Image.Image,
    box: tuple[int, int, int, int],
    shape: tuple[int, int],
    background: np.ndarray | None,
    level: float,
) -> Edges:
    """The content's edges in picture pixels, searched in the picture near the edges of `box`
    ((top, bottom, left, right) in a reduction of `shape` (rows, columns)). `background`: the
    colour content differs from (0..1 RGB), or None to read content off the alpha channel."""
    top, bottom, left, right = box
    sx, sy = image.width / shape[1], image.height / shape[0]
    reach = math.ceil(max(sx, sy)) + 1  # a reduced pixel's worth of picture, and one more
    outer = (
        max(0, round(left * sx) - reach),
        max(0, round(top * sy) - reach),
        min(image.width, round(right * sx) + reach),
        min(image.height, round(bottom * sy) + reach),
    )
    x0, y0, x1, y1 = outer
    strips = {  # each edge is looked for in a strip of the picture across it
        "left": (x0, y0, min(x1, round(left * sx) + reach), y1),
        "right": (max(x0, round(right * sx) - reach), y0, x1, y1),
        "top": (x0, y0, x1, min(y1, round(top * sy) + reach)),
        "bottom": (x0, max(y0, round(bottom * sy) - reach), x1, y1),
    }
    profiles = {side: _profile(image, region, background, side) for side, region in strips.items()}
    # The strongest ink near any edge sets what "strong" is: a strip may hold only a JPEG's
    # ringing around the content (si:uniqlo q35: 0.2 where the letters are 1.0), which the
    # coarse box, read on a reduction, took for content.
    peak = max((float(p.max()) for p in profiles.values() if p.size), default=0.0)
    noise = max(level, NOISE_SHARE * peak)
    fringe = max(level, FRINGE_SHARE * peak)
    found = {}
    for side, region in strips.items():
        profile = profiles[side]
        while not (profile > noise).any() and region != (grown := _inwards(region, outer, side)):
            region = grown  # only noise in the strip: read further in
            profile = _profile(image, region, background, side)
        strong = max(level, EDGE_SHARE * float(profile.max()))
        found[side] = _edge(profile, fringe, strong, region, side)
    if any(np.isnan(v) for v in found.values()):  # (no ink in a strip: keep the coarse box)
        return left * sx, top * sy, right * sx, bottom * sy
    return found["left"], found["top"], found["right"], found["bottom"]


def _profile(image: Image.Image, region: tuple, background: np.ndarray | None, side: str):
    """The strongest ink across a strip, per pixel along it, read inwards from its outer edge."""
    across = 0 if side in ("left", "right") else 1
    profile = _distance(image.crop(region), background).max(axis=across)
    return profile[::-1] if side in ("right", "bottom") else profile


def _inwards(region: tuple, outer: tuple, side: str) -> tuple:
    """The strip twice as deep, within the outer region."""
    x0, y0, x1, y1 = region
    if side == "left":
        return (x0, y0, min(outer[2], x1 + (x1 - x0)), y1)
    if side == "right":
        return (max(outer[0], x0 - (x1 - x0)), y0, x1, y1)
    if side == "top":
        return (x0, y0, x1, min(outer[3], y1 + (y1 - y0)))
    return (x0, max(outer[1], y0 - (y1 - y0)), x1, y1)


def _edge(profile: np.ndarray, level: float, strong: float, region: tuple, side: str) -> float:
    """Where the content starts along a profile read inwards from a strip's outer edge.

    Anchored where the ink first reaches `strong` (at full size a JPEG's noise passes the
    content level here and there), then moved out over the pixels next to it above `level`
    (anti-aliasing): those would make a reduced pixel content too, so the edge is put where a
    tight copy's box would start.
    """
    above = np.flatnonzero(profile > strong)
    if above.size == 0:
        return float("nan")
    first = int(above[0])
    while first > 0 and profile[first - 1] > level:
        first -= 1
    if side == "left":
        return float(region[0] + first)
    if side == "top":
        return float(region[1] + first)
    return float((region[2] if side == "right" else region[3]) - first)


def reduce_content(image: Image.Image, edges: Edges, scale: float) -> np.ndarray:
    """RGBA float32 array (0..1) of the content at `edges` and GROW reduced pixels around it,
    reduced by `scale`, with the content's top-left corner on a pixel boundary."""
    left, top, right, bottom = edges
    grow = GROW / scale
    x0, y0 = max(0.0, left - grow), max(0.0, top - grow)
    width = max(1, round((min(image.width, right + grow) - x0) * scale))
    height = max(1, round((min(image.height, bottom + grow) - y0) * scale))
    x1, y1 = min(image.width, x0 + width / scale), min(image.height, y0 + height / scale)
    reduced = image.resize((width, height), Image.Resampling.BOX, box=(x0, y0, x1, y1))
    return np.asarray(reduced.convert("RGBA"), dtype=np.float32) / 255.0


def _distance(region: Image.Image, background: np.ndarray | None) -> np.ndarray:
    """Per pixel of the region: its distance from the background (0..1), or its alpha."""
    pixels = np.asarray(region.convert("RGBA"), dtype=np.float32) / 255.0
    if background is None:
        return pixels[..., 3]
    return np.abs(pixels[..., :3] - np.asarray(background, dtype=np.float32)).max(axis=2)
