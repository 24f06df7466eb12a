"""Images are recognised by their bytes; anything else says what it looks like instead."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from brandaudit.crawler.image_sniff import NotAnImage, sniff_image_type


def encoded(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "#0B5FFF").save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "mime"),
    [("PNG", "image/png"), ("JPEG", "image/jpeg"), ("GIF", "image/gif"), ("WEBP", "image/webp"),
     ("ICO", "image/x-icon"), ("BMP", "image/bmp")],
)  # fmt: skip
def test_raster_formats_by_magic_bytes(fmt: str, mime: str) -> None:
    assert sniff_image_type(encoded(fmt)) == mime


def test_svg_by_its_root_element_after_prolog_and_comments() -> None:
    svg = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- logo -->\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg"/>'
    assert sniff_image_type(svg) == "image/svg+xml"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<!DOCTYPE html><html><body>Not found</body></html>", "HTML page"),
        (b'{"error": "no"}', "JSON"),
        (b"<?xml version='1.0'?><rss/>", "not SVG"),
        (b"\x00garbage bytes", "unrecognised bytes"),
        (b"", "empty"),
    ],
)
def test_non_images_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(NotAnImage, match="not an image") as caught:
        sniff_image_type(data)
    assert reason in str(caught.value)


def test_corrupt_or_truncated_images_are_refused() -> None:
    png = encoded("PNG")
    for broken in (png[:40], png[:8] + b"\x00" * 64, encoded("JPEG")[:120]):
        with pytest.raises(NotAnImage, match="corrupt"):
            sniff_image_type(broken)


def test_the_sniffer_refuses_what_the_checks_would_refuse() -> None:
    """Bytes the logo checks cannot decode are never decoded by the crawler either."""
    from brandaudit.checks.imaging.picture.decode import MAX_PIXELS
    from brandaudit.crawler.image_sniff import MAX_DECODE_PIXELS

    assert MAX_DECODE_PIXELS == MAX_PIXELS
