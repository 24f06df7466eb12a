"""Reduce a picture's content, not the picture, to the resolution a tight copy is hashed at.

The hash bits of thin line art change with the resolution its content is reduced to and with
where the reduction's pixel grid falls on it: si:apachetomcat (a line-art cat) on white,
tight, at 150/200/230/256/300 px was 38/13/14/6/13 bits from its reference, padded by 25 %
(content re-read at ~121 px instead of 128, on a grid shifted by a fraction of a pixel)
43-50 bits. So a padded logo's content edges are found in the full picture, and the content
is reduced from exactly there, at the scale a tight copy of it would have, with its edge on
a pixel boundary as a tight copy's is: padded by 10 or 25 % now 30/16/20/6/13 bits.

`python benchmarks/logo_bench.py --sample 300 --banners 0` (seed 7) at e55ebb3, with
plates.py and the bilinear small-view grid (hashes.py): padded_25 97.00 -> 99.00 %
(faithful 88.67 -> 97.00 %); seed 11: 98.33 -> 99.67 %, no transform lower, false matches
8 -> 5 of 9,900, 371 -> 346 images per CPU second. Own-logo-alone probe of the 93 padded_25
queries the full run missed: 6 -> 54 found; 200 other brands: distance p50 25 -> 9 bits.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

EDGE_SHARE = 0.5  # an edge is where the ink reaches this share of the strip's strongest
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
    found = {}
    for side, region in strips.items():
        across = 0 if side in ("left", "right") else 1
        profile = _distance(image.crop(region), background).max(axis=across)
        if side in ("right", "bottom"):
            profile = profile[::-1]  # read inwards from the far edge
        found[side] = _edge(profile, level, region, side)
    if any(np.isnan(v) for v in found.values()):  # (no ink in a strip: keep the coarse box)
        return left * sx, top * sy, right * sx, bottom * sy
    return found["left"], found["top"], found["right"], found["bottom"]


def _edge(profile: np.ndarray, level: float, region: tuple, side: str) -> float:
    """Where the content starts along a profile read inwards from a strip's outer edge.

    Anchored where the ink first reaches EDGE_SHARE of the strip's strongest (at full size a
    JPEG's noise passes the content level here and there), then moved out over the pixels
    next to it that still pass the content level (anti-aliasing, ringing): those would make
    a reduced pixel content too, so the edge is put where a tight copy's box would start.
    """
    strong = np.flatnonzero(profile > max(level, EDGE_SHARE * float(profile.max())))
    if strong.size == 0:
        return float("nan")
    first = int(strong[0])
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
