"""Small PNG thumbnails as data: URIs, so report.html is one self-contained file.

Crawled images are untrusted. Every image, SVG included, is decoded and re-encoded as a
PNG of at most 160 px: nothing of the original markup reaches the report. SVG is rasterised
by cairosvg with entity expansion off and a fetcher that refuses every URL but data: ones
(recent cairosvg does so by default when not `unsafe`; passing it explicitly keeps older
versions from downloading whatever URL a crawled SVG names). Anything that fails to decode gives
None, and the report says the image is not available instead of failing.
"""

from __future__ import annotations

import base64
import io
import logging
import warnings
from dataclasses import dataclass
from pathlib import Path

from cairosvg.surface import PNGSurface
from cairosvg.url import safe_fetch
from PIL import Image, ImageOps

log = logging.getLogger(__name__)

MAX_SIDE = 160
MAX_INPUT_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000


def looks_like_svg(data: bytes, content_type: str | None = None) -> bool:
    if content_type and "svg" in content_type.lower():
        return True
    head = data[:512].lstrip().lower()
    return head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in data[:4096])


def _raster_from_svg(data: bytes) -> Image.Image:
    png = PNGSurface.convert(
        bytestring=data, output_width=MAX_SIDE * 2, unsafe=False, url_fetcher=safe_fetch
    )
    return Image.open(io.BytesIO(png))


def _raster(data: bytes, content_type: str | None) -> Image.Image:
    if looks_like_svg(data, content_type):
        return _raster_from_svg(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise ValueError(f"image too large to thumbnail ({image.width}×{image.height})")
        image.seek(0)  # first frame of an animated GIF or WebP
        image.load()
    return ImageOps.exif_transpose(image)


@dataclass(frozen=True)
class Thumbnail:
    data_uri: str  # data:image/png;base64,...
    width: int
    height: int


def thumbnail(data: bytes | None, content_type: str | None = None) -> Thumbnail | None:
    """The image as a PNG scaled to fit 160×160, or None if it cannot be read."""
    if not data or len(data) > MAX_INPUT_BYTES:
        return None
    try:
        image = _raster(data, content_type)
        image = image.convert("RGBA")
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        return _embedded_png(image)
    except Exception as exc:  # any decoder failure means "no thumbnail"
        log.info("no thumbnail: %s: %s", type(exc).__name__, exc)
        return None


def _embedded_png(image: Image.Image) -> Thumbnail:
    """The image as a PNG data URI, with its size."""
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    uri = "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")
    return Thumbnail(uri, image.width, image.height)


CROP_MARGIN = 0.25  # of the text's height, kept around a crop so the letters are not cut
CROP_MAX = (480, 160)  # a text crop stays legible: wider than a thumbnail


def crop_thumbnail(
    data: bytes | None, box: tuple[int, int, int, int], content_type: str | None = None
) -> Thumbnail | None:
    """The part of a picture at `box` ([x, y, width, height] in its pixels), with a small
    margin, as a PNG of at most 480×160: the text an OCR finding is about."""
    if not data or len(data) > MAX_INPUT_BYTES or looks_like_svg(data, content_type):
        return None
    try:
        image = _raster(data, content_type).convert("RGBA")
        x, y, width, height = box
        pad = max(2, round(height * CROP_MARGIN))
        area = (max(0, x - pad), max(0, y - pad), min(image.width, x + width + pad),
                min(image.height, y + height + pad))  # fmt: skip
        if area[2] <= area[0] or area[3] <= area[1]:
            return None
        image = image.crop(area)
        image.thumbnail(CROP_MAX, Image.Resampling.LANCZOS)
        return _embedded_png(image)
    except Exception as exc:  # any decoder failure means "no crop"
        log.info("no crop: %s: %s", type(exc).__name__, exc)
        return None


def thumbnail_data_uri(data: bytes | None, content_type: str | None = None) -> str | None:
    found = thumbnail(data, content_type)
    return found.data_uri if found else None


def file_thumbnail(path: Path) -> Thumbnail | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return thumbnail(data, "image/svg+xml" if path.suffix.lower() == ".svg" else None)
