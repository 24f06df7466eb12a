"""Merging what rendering found into a page artifact (no browser: hand-built inspections)."""

from __future__ import annotations

from brandaudit.crawler.artifacts import Box, ColorSample, ImageRef, PageArtifact, Rect
from brandaudit.crawler.render.hooks import RenderedData
from brandaudit.crawler.render.page_script import PageInspection, RenderedImage

URL = "https://n.example/"


def inspection() -> PageInspection:
    rects = {
        "html": Rect(0, 0, 1280, 2000),
        "#logo": Rect(10, 10, 200, 200),
        "main > picture > img": Rect(0, 300, 640, 320),
        "#hero": Rect(0, 0, 1280, 400),
    }
    hero = RenderedImage("#hero", "section", "/img/hero.jpg", rects["#hero"])
    colors = (ColorSample("#hero", "background-color", "rgb(1, 2, 3)", 512_000, "background"),)
    return PageInspection(rects=rects, colors=colors, images=(hero,))


def artifact() -> PageArtifact:
    return PageArtifact(
        URL, 200,
        images=(
            ImageRef(URL + "logo.png", "img", "#logo", displayed=Box(200, 50)),
            ImageRef(URL + "wide.webp", "picture", "main > picture > source:nth-of-type(1)"),
            ImageRef(URL + "favicon.ico", "favicon", 'link[rel="icon"]'),
        ),
    )  # fmt: skip


def test_layout_boxes_replace_markup_sizes() -> None:
    merged = RenderedData(inspection(), "abc").apply(artifact())
    boxes = {ref.url.rsplit("/", 1)[1]: ref.displayed for ref in merged.images}
    assert boxes["logo.png"] == Box(200, 200)  # CSS stretched it
    assert boxes["wide.webp"] == Box(640, 320)  # a <source> is shown through its <img>
    assert boxes["favicon.ico"] is None  # not laid out: left alone
    assert merged.rendered and merged.screenshot == "abc"
    assert merged.colors[0].value == "rgb(1, 2, 3)"


def test_background_images_from_stylesheets_become_image_refs() -> None:
    merged = RenderedData(inspection(), "abc").apply(artifact())
    hero = next(ref for ref in merged.images if ref.url == URL + "img/hero.jpg")
    assert (hero.kind, hero.selector, hero.displayed) == ("css_background", "#hero", Box(1280, 400))


def test_a_page_that_could_not_be_inspected_is_left_as_fetched() -> None:
    page = artifact()
    assert RenderedData(PageInspection(), error="TargetClosedError: gone").apply(page) == page
