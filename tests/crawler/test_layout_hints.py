"""An unrendered page says whether its CSS may resize images (so markup sizes are not layout)."""

from __future__ import annotations

import pytest

from brandaudit.crawler.extract import extract_page

IMG = '<img src="/logo.png" width="200" height="50" alt="NovaBridge">'


@pytest.mark.parametrize(("head", "may"), [
    ("", False),
    ("<style>body { color: #0A1F44 }</style>", False),
    ("<style>header img { width: auto }</style>", True),
    ("<style>.logo{max-width:100%}</style>", True),
    ('<link rel="stylesheet" href="/site.css">', True),
    ('<link rel="preload stylesheet" href="/site.css">', True),
    ('<link rel="icon" href="/favicon.ico">', False),
])  # fmt: skip
def test_css_that_may_resize_images_is_noticed(head: str, may: bool) -> None:
    html = f"<html><head>{head}</head><body>{IMG}</body></html>"
    page, _ = extract_page("https://x.example/", 200, html, 0, None)
    assert page.css_may_resize is may
