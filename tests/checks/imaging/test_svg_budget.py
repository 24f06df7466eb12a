"""Reference bombs in SVG are refused before rendering, in linear time."""

from __future__ import annotations

import time

import pytest

from brandaudit.checks.imaging.picture.decode import ImageDecodeError, decode_image

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '


def doubling(levels: int) -> bytes:
    groups = "".join(
        f'<g id="u{i + 1}"><use xlink:href="#u{i}"/><use href="#u{i}"/></g>' for i in range(levels)
    )
    return (f'{SVG}width="50" height="50"><defs><rect id="u0" width="1" height="1"/>{groups}'
            f'</defs><use xlink:href="#u{levels}"/></svg>').encode()  # fmt: skip


def test_a_doubling_reference_bomb_is_refused_at_once() -> None:
    started = time.process_time()
    with pytest.raises(ImageDecodeError, match="reference bomb"):
        decode_image(doubling(30))  # 2^30 elements; cairosvg spent ~60 s CPU on it
    assert time.process_time() - started < 1.0


def test_a_self_reference_is_refused() -> None:
    with pytest.raises(ImageDecodeError, match="refers to itself"):
        decode_image(f'{SVG}><g id="a"><use xlink:href="#a"/></g></svg>'.encode())


def test_modest_reuse_still_renders() -> None:
    decoded = decode_image(doubling(8))  # 2^8 copies of one square: a pattern, not a bomb
    assert decoded.width == 50
