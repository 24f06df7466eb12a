"""Cut a candidate region out of a picture with its background made transparent.

The cut-out goes through the same fingerprint as any image, which hashes background-free
views; behind a logo on a banner there is a photo or a plate rather than transparency, so
three mattes are tried: flat ink colours (holes in a glyph stay transparent), a smooth plane
fitted to the ring around the region (logos on soft photos), and a plate's own colour.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from brandaudit.checks.imaging.banner_search.regions import Box

MATTE_SIDE = 160  # crops are matted about this long (see _crop)
PLATE_INSET = 0.04  # a plate's outline is this share of its short side thick, at most
PLATE_SPREAD = 10.0  # a plain border varies less than this (0..255 per channel)
INK_BIN = 12  # colour bin width (0..255 per channel) of one flat ink
INK_SHARE = 0.04  # an ink fills at least this share of its box in one bin
INK_RING_SHARE = 0.05  # and covers at most this share of the ring around the box
INK_REACH = 56  # pixels this close (largest channel gap) to an ink belong to it in part,
INK_RAMP = 36  # fully when closer than INK_REACH - INK_RAMP (antialiased edges are half ink)


@dataclass(frozen=True)
class Cutout:
    """A region made transparent around its logo, and where it sits in the picture."""

    image: Image.Image  # RGBA, possibly downscaled
    frame: Box  # the cut-out's extent in picture pixels

    def content(self) -> Box:
        """The opaque part's box in picture pixels (the logo without its plate or margin)."""
        rgba = np.asarray(self.image, dtype=np.float32)
        alpha = rgba[..., 3] > 128
        rows, cols = np.flatnonzero(alpha.any(axis=1)), np.flatnonzero(alpha.any(axis=0))
        if rows.size == 0:
            return self.frame
        inside = rgba[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1, :3]
        edge = np.concatenate([inside[0], inside[-1], inside[:, 0], inside[:, -1]])
        if edge.std(axis=0).max() < PLATE_SPREAD and inside.shape[0] > 4 < inside.shape[1]:
            # An opaque plate: the logo is what differs from the plate's colour.
            ink = np.abs(inside - edge.mean(axis=0)).max(axis=2) > INK_REACH - INK_RAMP
            alpha = np.zeros_like(alpha)
            alpha[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1] = ink
            rows, cols = np.flatnonzero(alpha.any(axis=1)), np.flatnonzero(alpha.any(axis=0))
            if rows.size == 0:
                return self.frame
        sx, sy = self.frame.width / alpha.shape[1], self.frame.height / alpha.shape[0]
        x, y = self.frame.x + round(cols[0] * sx), self.frame.y + round(rows[0] * sy)
        return Box(x, y, round((cols[-1] + 1 - cols[0]) * sx), round((rows[-1] + 1 - rows[0]) * sy))


def _crop(image: Image.Image, box: Box, margin: int) -> tuple[np.ndarray, np.ndarray, Box]:
    """RGB float pixels of the box plus a margin, a mask of the outer ring, and the extent."""
    x0, y0 = max(0, box.x - margin), max(0, box.y - margin)
    x1 = min(image.width, box.x + box.width + margin)
    y1 = min(image.height, box.y + box.height + margin)
    crop = image.crop((x0, y0, x1, y1)).convert("RGB")
    # As small as the fingerprint will hash it anyway (long side 128, short side at least 64).
    scale = max(MATTE_SIDE / max(crop.size), min(1.0, MATTE_SIDE / 2 / min(crop.size)))
    if scale < 1:
        size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
        crop = crop.resize(size, Image.Resampling.BOX)
    rgb = np.asarray(crop, dtype=np.float32)
    ring = np.zeros(rgb.shape[:2], bool)
    ring[:2], ring[-2:], ring[:, :2], ring[:, -2:] = True, True, True, True
    return rgb, ring, Box(x0, y0, x1 - x0, y1 - y0)


def _cutout(rgb: np.ndarray, alpha: np.ndarray, frame: Box) -> Cutout:
    return Cutout(Image.fromarray(np.dstack([rgb, alpha]).astype(np.uint8), "RGBA"), frame)


def flat_colour_matte(image: Image.Image, box: Box, margin: int = 3) -> Cutout | None:
    """The box cut out keeping only its flat ink colours; None when it has none.

    Printed logos are a few exact colours; a photo spreads over many. Colours that fill a
    fair share of the box in one narrow bin, and are rare on the ring around it, are ink.
    This keeps holes in a glyph (where the photo shows through) transparent.
    """
    rgb, ring, frame = _crop(image, box, margin)
    codes = (rgb // INK_BIN).astype(np.int32)
    keys = (codes[..., 0] * 64 + codes[..., 1]) * 64 + codes[..., 2]
    values, inverse, counts = np.unique(keys.ravel(), return_inverse=True, return_counts=True)
    ring_counts = np.bincount(inverse[ring.ravel()], minlength=len(values))
    share = counts / keys.size
    ring_share = ring_counts / max(1, int(ring.sum()))
    inks = np.flatnonzero((share >= INK_SHARE) & (ring_share <= INK_RING_SHARE))
    if inks.size == 0:
        return None
    pixels = rgb.reshape(-1, 3)
    alpha = np.zeros(len(pixels), np.float32)
    for ink in inks:
        colour = pixels[inverse == ink].mean(axis=0)
        gap = np.abs(pixels - colour).max(axis=1)
        alpha = np.maximum(alpha, np.clip((INK_REACH - gap) * (255.0 / INK_RAMP), 0, 255))
    return _cutout(rgb, alpha.reshape(rgb.shape[:2]), frame)


def plate_matte(image: Image.Image, box: Box) -> Cutout | None:
    """The inside of a box whose own border is one plain colour (a plate behind a logo),
    with that colour made transparent; None when the border is not plain."""
    inset = max(2, round(PLATE_INSET * min(box.width, box.height)))
    if min(box.width, box.height) <= 4 * inset:
        return None
    inner = Box(box.x + inset, box.y + inset, box.width - 2 * inset, box.height - 2 * inset)
    rgb, ring, _ = _crop(image, inner, 0)
    if float(rgb[ring].std(axis=0).max()) > PLATE_SPREAD:
        return None
    return matte(image, inner, 0)


def matte(image: Image.Image, box: Box, margin: int = 3) -> Cutout:
    """The box cut out as RGBA with the background made transparent.

    The background behind a logo on a photo is not one colour, so a smooth plane per channel is
    fitted to the ring of pixels around the box (robustly: the worst-fitting half is refitted
    out) and pixels far from that plane become the logo's alpha. On a plate this reduces to the
    plate's colour.
    """
    rgb, ring, frame = _crop(image, box, margin)
    h, w = rgb.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w]
    design = np.stack([np.ones(h * w), xs.ravel() / w, ys.ravel() / h], axis=1)
    pixels = rgb.reshape(-1, 3)
    chosen = ring.ravel()
    for _ in range(2):
        coef, *_ = np.linalg.lstsq(design[chosen], pixels[chosen], rcond=None)
        residual = np.abs(design @ coef - pixels).max(axis=1)
        limit = max(12.0, float(np.median(residual[ring.ravel()])) * 2)
        chosen = ring.ravel() & (residual <= limit)
        if chosen.sum() < 8:
            break
    alpha = np.clip((residual.reshape(h, w) - 18.0) * (255.0 / 40.0), 0, 255)
    return _cutout(rgb, alpha, frame)
