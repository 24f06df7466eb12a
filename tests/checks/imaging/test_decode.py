"""Decoding hostile and unusual image bytes: a clear ImageDecodeError, never a crash."""

from __future__ import annotations

import io

import cairosvg.url
import pytest
from PIL import Image

from brandaudit.checks.imaging.picture import ImageDecodeError, decode_image


def _encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _mark(size: int = 64) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    for x in range(size // 4, 3 * size // 4):
        for y in range(size // 4, size // 2):
            image.putpixel((x, y), (200, 30, 30, 255))
    return image


def test_png_keeps_alpha_and_intrinsic_size() -> None:
    decoded = decode_image(_encode(_mark(), "PNG"))
    assert (decoded.width, decoded.height, decoded.format) == (64, 64, "PNG")
    assert decoded.image.mode == "RGBA"
    assert decoded.image.getpixel((0, 0))[3] == 0
    assert decoded.image.getpixel((32, 20)) == (200, 30, 30, 255)


def test_large_image_is_capped_but_reports_its_own_size() -> None:
    decoded = decode_image(_encode(Image.new("RGB", (3000, 1000), "white"), "PNG"))
    assert (decoded.width, decoded.height) == (3000, 1000)
    assert max(decoded.image.size) == 1024


def test_cmyk_jpeg_becomes_rgb() -> None:
    cmyk = Image.new("CMYK", (40, 40), (0, 255, 255, 0))  # red in CMYK
    decoded = decode_image(_encode(cmyk, "JPEG", quality=95))
    red, green, blue, alpha = decoded.image.getpixel((20, 20))
    assert red > 200 and green < 60 and blue < 60 and alpha == 255


def test_animated_gif_gives_first_frame() -> None:
    first = Image.new("RGB", (32, 32), (255, 0, 0))
    second = Image.new("RGB", (32, 32), (0, 0, 255))
    data = _encode(first, "GIF", save_all=True, append_images=[second], duration=100, loop=0)
    decoded = decode_image(data)
    assert decoded.image.getpixel((5, 5))[:3] == (255, 0, 0)


def test_ico_picks_the_largest_size() -> None:
    data = _encode(_mark(64), "ICO", sizes=[(16, 16), (32, 32), (64, 64)])
    decoded = decode_image(data)
    assert (decoded.width, decoded.height) == (64, 64)
    assert decoded.format == "ICO"


def test_webp_and_bmp_decode() -> None:
    assert decode_image(_encode(_mark(), "WEBP")).format == "WEBP"
    assert decode_image(_encode(_mark().convert("RGB"), "BMP")).format == "BMP"


def test_svg_is_rasterised_at_its_aspect() -> None:
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50">'
        b'<rect width="200" height="50" fill="#0B5FFF"/></svg>'
    )
    decoded = decode_image(svg)
    assert (decoded.width, decoded.height, decoded.format) == (200, 50, "SVG")
    assert decoded.image.width == 4 * decoded.image.height


def test_svg_with_external_reference_and_script_fetches_nothing(monkeypatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the SVG decoder tried to open a URL")

    monkeypatch.setattr(cairosvg.url, "urlopen", no_network)
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        b' width="100" height="100" onload="alert(1)">'
        b'<script>alert("x")</script>'
        b'<image xlink:href="http://203.0.113.9/tracker.png" width="100" height="100"/>'
        b'<image href="file:///etc/passwd" width="100" height="100"/>'
        b'<rect x="10" y="10" width="80" height="80" fill="#E8452C"/></svg>'
    )
    decoded = decode_image(svg)
    centre = (decoded.image.width // 2, decoded.image.height // 2)
    assert decoded.image.getpixel(centre)[:3] == (232, 69, 44)


def test_svg_entity_expansion_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&b;</text></svg>'
    )
    with pytest.raises(ImageDecodeError, match="SVG"):
        decode_image(bomb)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"<html><body>Not found</body></html>", "not an image"),
        (b"\x00\x01\x02garbage" * 10, "not an image"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><rect", "invalid SVG"),
    ],
)
def test_unusable_bytes_give_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ImageDecodeError, match=reason):
        decode_image(data)


def test_truncated_png_is_an_error() -> None:
    data = _encode(Image.effect_noise((200, 200), 60).convert("RGB"), "PNG")
    with pytest.raises(ImageDecodeError, match="corrupt or truncated"):
        decode_image(data[: len(data) // 2])


def test_decompression_bomb_is_refused() -> None:
    bomb = _encode(Image.new("1", (10_000, 10_000)), "PNG")  # 100 Mpx in a few kB
    assert len(bomb) < 100_000
    with pytest.raises(ImageDecodeError, match=r"bomb|too large"):
        decode_image(bomb)


@pytest.mark.parametrize(
    ("mode", "fmt"), [("RGBA", "PNG"), ("RGB", "JPEG"), ("P", "GIF"), ("LA", "PNG"), ("L", "WEBP")]
)
def test_every_mode_decodes_to_rgba_with_its_pixels(mode: str, fmt: str) -> None:
    source = _mark(32).convert(mode)
    decoded = decode_image(_encode(source, fmt))
    assert decoded.image.mode == "RGBA" and decoded.image.size == (32, 32)
    centre = decoded.image.getpixel((16, 10))  # inside the mark
    corner = decoded.image.getpixel((1, 1))  # outside it
    assert centre != corner
