"""report.html: hostile text escaped, images side by side, self-contained."""

from __future__ import annotations

import base64
import copy
import io
import re

import numpy as np
from cairosvg.surface import PNGSurface
from cairosvg.url import fetch
from PIL import Image

from brandaudit.reports import html
from brandaudit.reports.html import highlight, safe_screenshot
from brandaudit.reports.thumbnails import thumbnail_data_uri
from brandaudit.site_server import Route, serve_site

HOSTILE = "<script>alert(1)</script>"


def _render(example, **kwargs) -> str:
    return html.render(
        example.document,
        result=kwargs.get("result", example.result),
        guideline=kwargs.get("guideline", example.guideline),
    )


def _article(page: str, rule: str) -> str:
    """The one finding card of `rule` in the by-page view."""
    cards = [part.split("</article>")[0] for part in page.split("<article")[1:]]
    [card] = [card for card in cards if f'<strong class="rule">{rule}</strong>' in card]
    return card


def _png(data_uri: str) -> Image.Image:
    assert data_uri.startswith("data:image/png;base64,")
    return Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1]))).convert("RGBA")


def _mean_rgb(image: Image.Image) -> tuple[float, float, float]:
    pixels = np.asarray(image, dtype=float).reshape(-1, 4)
    coloured = pixels[(pixels[:, 3] > 200) & (pixels[:, :3].min(axis=1) < 200)]
    return tuple(coloured[:, :3].mean(axis=0))


def test_hostile_crawled_text_is_escaped(example):
    page = _render(example)
    assert HOSTILE not in page
    assert "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page.lower()  # the report itself runs no script at all


def test_offending_span_is_highlighted_after_escaping():
    marked = highlight("a <i> Nova Bridge & nova bridge", "Nova Bridge")
    assert str(marked) == "a &lt;i&gt; <mark>Nova Bridge</mark> &amp; <mark>nova bridge</mark>"
    assert str(highlight("x <i> y", "<i>")) == "x <mark>&lt;i&gt;</mark> y"
    assert str(highlight("plain", None)) == "plain"
    assert str(highlight(None, "<b>")) == "<mark>&lt;b&gt;</mark>"


def test_text_finding_shows_locator_snippet_expected_and_fix(example):
    article = _article(_render(example), "text.brand_name")
    assert "main &gt; p:nth-of-type(2)" in article
    assert "Since 2015 <mark>Nova Bridge</mark> helps teams ship." in article
    assert '<span class="expected">NovaBridge</span>' in article
    assert "Replace &#39;Nova Bridge&#39; with &#39;NovaBridge&#39;." in article


def _pictures(page: str) -> dict[str, str]:
    """Embedded image definitions: id -> data URI."""
    return dict(re.findall(r'<image id="([^"]+)" width="\d+" height="\d+" href="([^"]+)"/>', page))


def test_logo_finding_shows_found_image_beside_guideline_logo(example):
    page = _render(example)
    article = _article(page, "logo.altered")
    ids = re.findall(r'<use href="#([^"]+)"/>', article)
    assert len(ids) == 2
    found, expected = (_png(_pictures(page)[id_]) for id_ in ids)
    assert max(found.size) <= 160 and max(expected.size) <= 160
    # The crawled copy has its red and blue channels swapped: orange, where the logo is blue.
    found_r, _, found_b = _mean_rgb(found)
    expected_r, _, expected_b = _mean_rgb(expected)
    assert found_r > found_b
    assert expected_b > expected_r
    assert "hash distance 9" in article
    assert "Altered copy of an approved logo" in article
    assert "<strong>horizontal</strong>" in article


def test_report_is_self_contained(example):
    page = _render(example)
    assert re.findall(r'\bsrc="([^"]+)"', page) == ["shots/about-nav.png"]
    pictures = _pictures(page)
    assert pictures and all(uri.startswith("data:image/png;base64,") for uri in pictures.values())
    for href in re.findall(r'\bhref="([^"]+)"', page):
        assert href.startswith(("#", "https://", "data:image/png;base64,")), href
    assert set(re.findall(r'<use href="#([^"]+)"/>', page)) == set(pictures)
    assert "<link" not in page
    assert "@import" not in page
    assert "url(http" not in page


def test_screenshot_is_shown_only_for_safe_relative_paths(example):
    page = _render(example)
    assert '<img src="shots/about-nav.png"' in page
    for unsafe in ("javascript:alert(1)", "/etc/passwd", "../secret.png", "http://x/y.png", 3):
        assert safe_screenshot(unsafe) is None
    assert safe_screenshot("shots/a-1.png") == "shots/a-1.png"


def test_renders_without_crawl_or_guideline(example):
    page = html.render(example.document)
    assert "image not available" in page
    assert "logo not available" in page
    assert "data:image/png" not in page and "<use" not in page


def test_each_image_is_embedded_once_however_often_it_is_shown(example):
    document = copy.deepcopy(example.document)
    document["findings"] += [dict(f, id=f"{f['id']}-copy") for f in document["findings"]]
    page = html.render(document, result=example.result, guideline=example.guideline)
    pictures = _pictures(page)
    assert len(pictures) == len(set(pictures.values()))  # no data URI twice
    # found + guideline logo (+ replacement) on every logo card, each drawn by reference.
    assert len(re.findall(r"<use href=", page)) > len(pictures)


def test_inventory_pages_and_summary_are_shown(example):
    page = _render(example)
    assert 'id="logos"' in page and "img/old-logo.svg" in page
    assert "not fetched:</span> Internal Server Error" in page
    assert "75.0" in page and "Findings by rule" in page


def test_hostile_svg_is_rasterised_without_fetching_anything():
    with serve_site(routes={"/x.png": Route(200, b"", {"Content-Type": "image/png"})}) as site:
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
            ' width="40" height="20"><script>alert(1)</script>'
            '<rect width="40" height="20" fill="#0B5FFF"/>'
            f'<image href="{site.url("x.png")}" xlink:href="{site.url("x.png")}"'
            ' width="10" height="10"/></svg>'
        ).encode()
        uri = thumbnail_data_uri(svg, "image/svg+xml")
        assert site.hits == []
        # Control: a fetching renderer does request the URL, so the assertion above can fail.
        PNGSurface.convert(bytestring=svg, url_fetcher=fetch)
        assert "/x.png" in site.hits
    image = _png(uri)
    assert image.getpixel((image.width // 2, image.height // 2))[:3] == (0x0B, 0x5F, 0xFF)


def test_unreadable_image_gives_no_thumbnail():
    assert thumbnail_data_uri(b"not an image") is None
    assert thumbnail_data_uri(b"<svg><unclosed", "image/svg+xml") is None
    assert thumbnail_data_uri(None) is None


def test_colour_swatches_accept_only_strict_hex() -> None:
    from brandaudit.reports.html import swatches

    assert swatches({"swatch": "#E4007C", "nearest": "#0B5FFF"}) == [
        ("found", "#E4007C"),
        ("nearest palette colour", "#0B5FFF"),
    ]
    hostile = {"swatch": "red;background:url(http://evil.example/x)", "nearest": "#0B5FFF;}"}
    assert swatches(hostile) == []


def test_evidence_values_read_as_prose_and_stay_escaped() -> None:
    from brandaudit.reports.evidence_format import format_evidence

    assert format_evidence({"width": 160, "height": 80.5}) == "160 × 80.5 px"
    diff = [
        {"op": "insert", "expected": "", "found": "big"},
        {"op": "replace", "expected": "ideas", "found": "<b>plans</b>"},
    ]
    assert str(format_evidence(diff)) == (
        "<ins>big</ins>; <del>ideas</del> → <ins>&lt;b&gt;plans&lt;/b&gt;</ins>"
    )
    assert str(format_evidence(HOSTILE)) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert format_evidence(92.34567) == "92.346"
    assert format_evidence(["a", 2]) == "a, 2"
