"""Is this response body an image? Decided by its bytes, not by what the server claims.

Servers send HTML error pages with status 200 where a logo should be, or label images
wrongly; checks need real image bytes. Raster formats are recognised by magic bytes and then
verified by Pillow (truncated or corrupt data is not an image); SVG by its XML root element.
"""

from __future__ import annotations

import io
import re
import warnings

from PIL import Image

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\x00\x00\x01\x00", "image/x-icon"),
    (b"\x00\x00\x02\x00", "image/x-icon"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
_HEIF_BRANDS = {b"avif": "image/avif", b"avis": "image/avif", b"heic": "image/heic",
                b"heix": "image/heic", b"mif1": "image/heif"}  # fmt: skip
# SVG is XML (checked by sniffing); Pillow cannot decode HEIF without a plugin.
_UNVERIFIABLE = frozenset({"image/svg+xml", "image/heic", "image/heif"})
# Atomic groups and a possessive loop: each comment ends at its first "-->" and is never
# re-split, so the match is linear in the input (the plain `(?:<!--.*?-->\s*)*` backtracked
# exponentially: 300 bytes stalled an audit).
# The checks' decoder refuses more (checks/imaging/picture/decode.py MAX_PIXELS, kept equal by a
# test): bytes it cannot use are refused here, before they cost memory.
MAX_DECODE_PIXELS = 40_000_000
_SVG_ROOT = re.compile(
    rb"^\s*+(?><\?xml[^>]*+>\s*+)?(?:(?><!--.*?-->|<!DOCTYPE[^>]*+>)\s*+)*+<svg[\s>/]", re.S | re.I
)


class NotAnImage(ValueError):
    """The bytes are not a usable image; the message says what they look like instead."""


def sniff_image_type(data: bytes) -> str:
    """The MIME type of image `data`, or raise `NotAnImage` explaining why it is not one."""
    if not data:
        raise NotAnImage("not an image (empty body)")
    mime = _magic_type(data)
    if mime is None:
        raise NotAnImage(f"not an image ({_describe(data)})")
    if mime not in _UNVERIFIABLE:
        _verify_raster(data, mime)
    return mime


def _magic_type(data: bytes) -> str | None:
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return _HEIF_BRANDS[data[8:12]]
    if _SVG_ROOT.match(data.removeprefix(b"\xef\xbb\xbf")[:4096]):
        return "image/svg+xml"
    return None


def _verify_raster(data: bytes, mime: str) -> None:
    """Decode the pixels (verify() alone lets truncated PNGs through), within the checks' own
    pixel budget: the size is read from the header first, so a small file that claims a huge
    canvas is refused before anything is allocated (0.5 MB of PNG once cost ~580 MB here)."""
    previous = Image.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = MAX_DECODE_PIXELS
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_DECODE_PIXELS:
                    raise NotAnImage(
                        f"image too large to check ({width}×{height} pixels; the limit is "
                        f"{MAX_DECODE_PIXELS:,}): a decompression bomb or a print-size file"
                    )
                if image.format == "JPEG":  # decode at 1/8 scale: enough to find truncation
                    image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
    except NotAnImage:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise NotAnImage(
            f"image too large to check (over the {MAX_DECODE_PIXELS:,}-pixel limit): "
            "a decompression bomb"
        ) from None
    except Image.UnidentifiedImageError as exc:
        raise NotAnImage(f"not an image (corrupt {_format(mime)} data)") from exc
    except Exception as exc:
        raise NotAnImage(f"not an image (corrupt {_format(mime)} data: {exc})") from exc
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def _format(mime: str) -> str:
    return mime.split("/")[1].removeprefix("x-").upper()


def _describe(data: bytes) -> str:
    head = data[:256].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "the server returned an HTML page"
    if head.startswith((b"{", b"[")):
        return "the server returned JSON"
    if head.startswith(b"<"):
        return "the server returned XML or markup that is not SVG"
    return f"unrecognised bytes {data[:8].hex(' ')}"
