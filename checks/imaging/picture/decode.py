"""Decode untrusted image bytes into one normalised RGBA Pillow image, or say clearly why not.

Crawled images are hostile input: truncated files, decompression bombs, SVGs that point at
remote resources. Every failure becomes an `ImageDecodeError(reason)`, never a crash, so the
logo check can turn it into a `crawl.error` finding.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from xml.etree import ElementTree

import cairosvg
import numpy as np
from defusedxml import ElementTree as SafeET
from PIL import Image, UnidentifiedImageError

from brandaudit.checks.imaging.picture.svg_budget import SvgTooComplex, check_drawn_elements

MAX_PIXELS = 40_000_000  # larger than any real logo or banner; more is a decompression bomb
WORKING_SIDE = 1024  # images are downscaled to this longest side before hashing
SVG_RENDER_SIDE = 512  # SVGs are rasterised at this longest side
MAX_SVG_BYTES = 5_000_000

# Atomic groups and possessive loops keep the match linear in the input: the plain
# `(<!--.*?-->\s*)*` backtracked exponentially (a 300-byte file stalled an audit).
_SVG_START = re.compile(
    rb"^\s*+(?><\?xml[^>]*+>\s*+)?(?:(?><!--.*?-->)\s*+)*+(?><!DOCTYPE[^>]*+>\s*+)?<svg[\s>]", re.S
)
_DROPPED_TAGS = {"script", "foreignObject"}


class ImageDecodeError(Exception):
    """The bytes are not a usable image; `reason` says why in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class DecodedImage:
    """An image ready for hashing: RGBA, at most `WORKING_SIDE` wide, with its own size."""

    image: Image.Image
    width: int  # intrinsic size of the file (SVG: its viewport)
    height: int
    format: str


def looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf")
    return bool(_SVG_START.match(head)) or b"<svg" in head[:1024]


def decode_image(data: bytes, working_side: int = WORKING_SIDE) -> DecodedImage:
    """Decode bytes of any web image format; raise ImageDecodeError on anything unusable."""
    if not data:
        raise ImageDecodeError("empty file")
    if looks_like_svg(data):
        return _decode_svg(data, working_side)
    return _decode_raster(data, working_side)


def _decode_raster(data: bytes, working_side: int) -> DecodedImage:
    previous = Image.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = MAX_PIXELS
            image = Image.open(io.BytesIO(data))
            fmt = image.format or "unknown"
            if fmt == "ICO":
                image.size = max(image.info.get("sizes") or {image.size}, key=lambda s: s[0] * s[1])
            width, height = image.size
            if width <= 0 or height <= 0:
                raise ImageDecodeError("image has zero size")
            if width * height > MAX_PIXELS:
                raise ImageDecodeError(f"image too large ({width}×{height} pixels)")
            if fmt == "JPEG":
                image.draft("RGB", (working_side, working_side))
            image.seek(0)  # animated GIF/WebP/PNG: the first frame
            image.load()
            rgba = _to_rgba(image)
    except ImageDecodeError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageDecodeError(f"decompression bomb refused: {exc}") from None
    except UnidentifiedImageError:
        raise ImageDecodeError("not an image (unrecognised format)") from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageDecodeError(f"corrupt or truncated image: {exc}") from None
    finally:
        Image.MAX_IMAGE_PIXELS = previous
    return DecodedImage(_cap(rgba, working_side), width, height, fmt)


def _to_rgba(image: Image.Image) -> Image.Image:
    if image.mode == "CMYK":
        # Adobe CMYK JPEGs are stored inverted; Pillow's converter handles the common case.
        return image.convert("RGB").convert("RGBA")
    if image.mode.startswith(("I", "F")):
        # 16-bit and float greyscale: stretch to 8 bits instead of clipping to white.
        values = np.asarray(image, dtype=np.float64)
        span = float(values.max() - values.min()) or 1.0
        grey = ((values - values.min()) * (255.0 / span)).astype(np.uint8)
        return Image.fromarray(grey, "L").convert("RGBA")
    if image.mode == "RGBA":
        return image  # freshly decoded, owned by nobody else: no copy needed
    return image.convert("RGBA")


def _cap(image: Image.Image, side: int) -> Image.Image:
    if max(image.size) > side:
        image = image.copy()
        image.thumbnail((side, side), Image.Resampling.LANCZOS)
    return image


def _sanitise_svg(data: bytes) -> ElementTree.Element:
    """Drop scripts, foreign objects and every reference that is not local or a data URL."""
    try:
        root = SafeET.fromstring(data)
    except Exception as exc:
        raise ImageDecodeError(f"invalid SVG: {type(exc).__name__}: {exc}") from None
    for parent in [root, *root.iter()]:
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] in _DROPPED_TAGS:
                parent.remove(child)
    for element in root.iter():
        for key in list(element.attrib):
            name = key.rsplit("}", 1)[-1]
            value = element.attrib[key].strip()
            if (name == "href" and not value.startswith(("#", "data:"))) or name.startswith("on"):
                del element.attrib[key]
    return root


def _length(value: str | None) -> float | None:
    match = re.match(r"\s*([0-9.]+(?:e[-+]?[0-9]+)?)\s*(px)?\s*$", value or "", re.I)
    return float(match.group(1)) if match else None


def _svg_size(root: ElementTree.Element) -> tuple[float, float]:
    """The SVG's intrinsic size: width/height in px, else its viewBox, else 300×150 (CSS)."""
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = [float(v) for v in re.split(r"[\s,]+", (root.get("viewBox") or "").strip()) if v]
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        if width and not height:
            height = width * box[3] / box[2]
        elif height and not width:
            width = height * box[2] / box[3]
        width, height = width or box[2], height or box[3]
    return (width or 300.0, height or 150.0)


def _decode_svg(data: bytes, working_side: int) -> DecodedImage:
    if len(data) > MAX_SVG_BYTES:
        raise ImageDecodeError(f"SVG too large ({len(data)} bytes)")
    root = _sanitise_svg(data)
    try:
        check_drawn_elements(root)
    except SvgTooComplex as exc:
        raise ImageDecodeError(str(exc)) from None
    width, height = _svg_size(root)
    if width <= 0 or height <= 0:
        raise ImageDecodeError("SVG has zero size")
    scale = min(SVG_RENDER_SIDE, working_side) / max(width, height)
    out_w, out_h = max(1, round(width * scale)), max(1, round(height * scale))
    try:
        # unsafe=False: no entities, no external files; cairosvg then fetches data: URLs only.
        png = cairosvg.svg2png(
            bytestring=ElementTree.tostring(root),
            unsafe=False,
            output_width=out_w,
            output_height=out_h,
        )
        image = Image.open(io.BytesIO(png)).convert("RGBA")
    except RecursionError:
        raise ImageDecodeError("SVG nested too deeply to render") from None
    except Exception as exc:
        raise ImageDecodeError(f"SVG cannot be rendered: {type(exc).__name__}: {exc}") from None
    return DecodedImage(image, max(1, round(width)), max(1, round(height)), "SVG")
