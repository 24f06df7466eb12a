"""Plain shapes (discs, boxes, rings, bars) that any photo or layout can produce.

A logo that is mostly a filled disc or a rounded square (an app-icon style mark) matches every
sharp-edged blob on a banner. A cut-out that a plain shape explains as well as it explains
such a logo is no evidence of the logo, so banners compare each cut-out with these too.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw

from brandaudit.checks.imaging.fingerprints import Fingerprint, HashCache
from brandaudit.checks.imaging.matching.plain_shape_table import TABLE, pack, shipped_fingerprints
from brandaudit.checks.imaging.matching.verdict import ReferenceLogo
from brandaudit.checks.imaging.matching.view_index import ViewIndex
from brandaudit.checks.imaging.references.cached_reference import cached_reference, reference_key

SIDE = 240
PLAIN_KEY = b"brandaudit plain shape"  # cache keys: drawn pixels, not a file
ASPECTS = (1.0, 1.5, 2.0, 3.0, 0.5, 4.5, 7.0)  # wide ones: text bars, buttons


def _shapes(aspect: float) -> list[Image.Image]:
    width, height = (SIDE, round(SIDE / aspect)) if aspect >= 1 else (round(SIDE * aspect), SIDE)
    box = (0, 0, width - 1, height - 1)
    stroke = max(3, round(min(width, height) * 0.12))
    drawn = []
    for draw_shape in (
        lambda d: d.ellipse(box, fill="black"),
        lambda d: d.ellipse(box, outline="black", width=stroke),
        lambda d: d.rounded_rectangle(box, radius=min(width, height) // 4, fill="black"),
        lambda d: d.rectangle(box, outline="black", width=stroke),
        lambda d: d.rounded_rectangle(
            box, radius=min(width, height) // 4, outline="black", width=stroke
        ),
        lambda d: (
            d.rectangle(box, fill="black"),
            d.rectangle((stroke, stroke, width - stroke, height // 3), fill=(0, 0, 0, 0)),
        ),
    ):
        image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
        draw_shape(ImageDraw.Draw(image))
        drawn.append(image)
    return drawn


def _hexagons() -> list[Image.Image]:
    """Regular hexagons, point up and flat up, filled and as outlines: the badge outline of
    many developer-tool logos, whose bare silhouette matched other badges at 0 bits. Full
    run (14 guidelines, re-matched at e3333dd): false matches 670 -> 607 of 133,768 for
    64,134 -> 64,121 identifications (reversed one-colour copies of hexagon logos on grey)."""
    drawn = []
    for turn in (math.pi / 2, 0.0):
        points, (width, height) = _fitted(
            [(math.cos(turn + k * math.pi / 3), math.sin(turn + k * math.pi / 3)) for k in range(6)]
        )
        stroke = max(3, round(min(width, height) * 0.12))
        for outline in (False, True):
            image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
            draw = ImageDraw.Draw(image)
            if outline:
                draw.polygon(points, outline="black", width=stroke)
            else:
                draw.polygon(points, fill="black")
            drawn.append(image)
    return drawn


def _stars() -> list[Image.Image]:
    """A filled five-pointed star, point up: the mark of review, rating and retail brands (a
    red one and a green one, Macy's and Trustpilot, told apart only by their colours). Full
    run re-matched at c3b9872: false matches 318 -> 303 for 2 identifications (one mark's
    reversed white copy on grey, which colours cannot confirm)."""
    corners, size = _fitted(
        [
            (
                (0.382 if k % 2 else 1.0) * math.cos(-math.pi / 2 + k * math.pi / 5),
                (0.382 if k % 2 else 1.0) * math.sin(-math.pi / 2 + k * math.pi / 5),
            )
            for k in range(10)
        ]
    )
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).polygon(corners, fill="black")
    return [image]


def _fitted(
    points: list[tuple[float, float]],
) -> tuple[list[tuple[float, float]], tuple[int, int]]:
    """A polygon's corners scaled so its longest side spans SIDE pixels, and the picture
    size that holds it."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    scale = (SIDE - 1) / max(max(xs) - min(xs), max(ys) - min(ys))
    corners = [((x - min(xs)) * scale, (y - min(ys)) * scale) for x, y in points]
    size = (math.ceil((max(xs) - min(xs)) * scale) + 1, math.ceil((max(ys) - min(ys)) * scale) + 1)
    return corners, size


def drawn_shapes() -> list[Image.Image]:
    """Every plain shape, drawn (a few ms): the pictures whose fingerprints are compared."""
    return [shape for aspect in ASPECTS for shape in _shapes(aspect)] + _hexagons() + _stars()


def shape_key(image: Image.Image) -> str:
    """The hash cache key of a drawn shape: its size and pixels, so a redrawn shape is new."""
    return reference_key(PLAIN_KEY, f"{image.width}x{image.height}\0".encode() + image.tobytes())


@cache
def plain_shapes(store: HashCache | None = None) -> ViewIndex:
    """Fingerprints of plain shapes in a few proportions, once per process, and only when a
    picture is compared with them. They ship with the code (plain_shape_table.py); a shape
    the table lacks (drawn or fingerprinted by changed code) is built (~0.1 CPU s each) and
    kept in the hash cache (`store`, by default the user's), so the next process, the crawl
    child or the next audit, reads it instead (references/cached_reference.py)."""
    shipped = shipped_fingerprints()
    opened: list[HashCache] = []

    def fingerprint(image: Image.Image) -> Fingerprint:
        key = shape_key(image)
        if key in shipped:
            return shipped[key]
        if not opened:
            opened.append(store if store is not None else HashCache())
        return cached_reference(opened[0], key, image, *image.size)

    try:
        return ViewIndex(
            [
                ReferenceLogo(f"plain{i}", "approved", fingerprint(im))
                for i, im in enumerate(drawn_shapes())
            ]
        )
    finally:
        if opened and store is None:
            opened[0].close()


def build_table(path: Path = TABLE) -> int:
    """Fingerprint every drawn plain shape and write the shipped table (plain_shape_table.py);
    returns the entry count."""
    from brandaudit.checks.imaging.references.reference_fingerprint import fingerprint_reference

    entries = {shape_key(im): fingerprint_reference(im, *im.size) for im in drawn_shapes()}
    path.write_bytes(pack(entries))
    return len(entries)
