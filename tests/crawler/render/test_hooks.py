"""Rendering hooks on a real Chromium: layout boxes, colours, fonts, screenshot, closing."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from brandaudit.crawler.artifacts import PageArtifact
from brandaudit.crawler.extract import extract_page
from brandaudit.crawler.render.hooks import VIEWPORT, collect
from brandaudit.crawler.render.page_script import SETTLE_SCRIPT
from brandaudit.crawler.run_store import RunWriter
from brandaudit.site_server import Route, serve_site

pytestmark = pytest.mark.browser


async def render(browser, url: str, run_dir: Path) -> tuple[PageArtifact, object]:
    page = await browser.new_page(viewport=VIEWPORT)
    response = await page.goto(url, wait_until="load", timeout=10_000)
    await page.evaluate(SETTLE_SCRIPT, {"quietMs": 100, "maxMs": 2000})
    html = await page.content()
    artifact, _ = extract_page(url, response.status, html, 0, None)
    fake_response = SimpleNamespace(url=url, status=response.status, text=html)
    data = await collect(fake_response, page, RunWriter(run_dir), artifact)
    return data.apply(artifact), page


@pytest.fixture(scope="module")
def rendered(browser, loop, spa_root, tmp_path_factory) -> tuple[PageArtifact, object, Path]:
    run_dir = tmp_path_factory.mktemp("run")
    with serve_site(spa_root) as site:
        artifact, page = loop.run_until_complete(render(browser, site.url("index.html"), run_dir))
    return artifact, page, run_dir


def test_text_injected_by_javascript_is_in_the_artifact(rendered) -> None:
    artifact, _, _ = rendered
    assert artifact.rendered
    texts = {block.text for block in artifact.text_blocks}
    assert "Rendered by JavaScript: bridges that carry ideas." in texts


def test_page_is_closed_after_collect(rendered) -> None:
    _, page, _ = rendered
    assert page.is_closed()


def test_image_displayed_box_is_the_layout_box(rendered) -> None:
    artifact, _, _ = rendered
    logo = next(ref for ref in artifact.images if ref.url.endswith("logo.png"))
    assert logo.selector == "#logo"
    assert (logo.displayed.width, logo.displayed.height) == (200, 200)
    assert artifact.rects["#logo"].width == 200


def test_text_blocks_get_rects_under_the_extractor_selectors(rendered) -> None:
    artifact, _, _ = rendered
    block = next(b for b in artifact.text_blocks if b.text.startswith("Rendered by"))
    assert block.selector == "#injected"
    rect = artifact.rects[block.selector]
    assert rect.width > 100 and rect.height > 5 and rect.y > 300  # below the 300 px hero
    assert artifact.rects["html"].width == VIEWPORT["width"]


def test_computed_colours_of_prominent_elements(rendered) -> None:
    artifact, _, _ = rendered
    by_role = {(c.role, c.property): c for c in artifact.colors}
    button = by_role[("button", "background-color")]
    assert button.value == "rgb(228, 0, 124)"
    assert button.area == pytest.approx(400 * 120)
    assert by_role[("background", "background-color")].value in {
        "rgb(11, 95, 255)",
        "rgb(255, 255, 255)",
    }
    assert all("rgba(0, 0, 0, 0)" not in c.value for c in artifact.colors)


def test_fonts_report_the_family_actually_used(rendered) -> None:
    artifact, _, _ = rendered
    by_family = {f.family: f for f in artifact.fonts}
    assert "DejaVu Sans" in by_family  # installed: the first family of the body's stack
    fallback = by_family["sans-serif"]  # "Inter" is neither installed nor loaded
    assert '"Inter"' in fallback.stack or "Inter" in fallback.stack
    assert fallback.sample == "Set in a family this page never loads."
    assert fallback.chars == len(fallback.sample)


def test_screenshot_is_a_stored_full_page_png(rendered) -> None:
    artifact, _, run_dir = rendered
    path = run_dir / "blobs" / artifact.screenshot
    image = Image.open(io.BytesIO(path.read_bytes()))
    assert image.format == "PNG"
    assert image.width == VIEWPORT["width"]
    assert image.height == int(artifact.rects["html"].height)
    assert image.getpixel((10, 150))[:3] == (11, 95, 255)  # the hero band


def test_page_that_never_loads_times_out_and_the_page_is_closed(browser, loop, tmp_path) -> None:
    async def scenario(url: str) -> tuple[str, bool]:
        page = await browser.new_page()
        try:
            await page.goto(url, wait_until="load", timeout=500)
        except Exception as exc:  # Playwright's TimeoutError
            error = type(exc).__name__
        else:
            error = ""
        finally:
            blank = SimpleNamespace(url=url, status=0, text="")
            await collect(blank, page, RunWriter(tmp_path), PageArtifact(url, 0))
        return error, page.is_closed()

    with serve_site(routes={"/slow": Route(body=b"<p>late</p>", delay_s=2)}) as site:
        error, closed = loop.run_until_complete(asyncio.wait_for(scenario(site.url("slow")), 10))
    assert error == "TimeoutError"
    assert closed
