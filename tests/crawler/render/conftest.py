"""One Chromium per test worker (pytest-xdist process), driven on one event loop, shared by
every render test module the worker runs (a launch costs about a CPU second), plus a fixture
single-page app."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from brandaudit.crawler.render.browser import find_chromium, launch_options

SHELL = """<!doctype html><html><head><title>NovaBridge app</title>
<style>
  body { margin: 0; font-family: "DejaVu Sans", serif; background: #FFFFFF; color: #0A1F44; }
  #hero { height: 300px; background: #0B5FFF; }
  .cta { display: block; width: 400px; height: 120px; background: #E4007C; color: #FFFFFF;
         border: 0; font-size: 24px; }
  .unapproved { font-family: "Inter", sans-serif; font-size: 20px; }
  .tiny { font-size: 6px; color: #00FF00; }
</style>
<script src="app.js" defer></script></head>
<body><div id="root"></div></body></html>"""

APP_JS = """
document.getElementById("root").innerHTML = `
  <main>
    <section id="hero"><h1>NovaBridge Cloud</h1></section>
    <p id="injected">Rendered by JavaScript: bridges that carry ideas.</p>
    <img id="logo" src="logo.png" alt="NovaBridge" style="width: 200px; height: 200px">
    <button class="cta">Sign in</button>
    <p class="unapproved">Set in a family this page never loads.</p>
    <p class="tiny">fine print</p>
    <nav><a href="plain.html">A plain page</a> <a href="slow">A page that never loads</a></nav>
  </main>`;
"""

PLAIN = """<!doctype html><html><head><title>Plain</title></head><body><main>
<h1>About NovaBridge</h1><p>A static page whose text is in its HTML, readable without a browser.
NovaBridge builds bridges that carry ideas across teams, offices and time zones.</p>
<p>Static pages are fetched once, by Scrapy alone, when rendering is automatic.</p>
</main></body></html>"""


def logo_png() -> bytes:
    """A 200×50 logo: shown at 200×200 it is distorted."""
    buffer = io.BytesIO()
    Image.new("RGB", (200, 50), "#0B5FFF").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def spa_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("spa")
    (root / "index.html").write_text(SHELL, encoding="utf-8")
    (root / "app.js").write_text(APP_JS, encoding="utf-8")
    (root / "logo.png").write_bytes(logo_png())
    (root / "plain.html").write_text(PLAIN, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    event_loop = asyncio.new_event_loop()
    yield event_loop
    event_loop.close()


@pytest.fixture(scope="session")
def browser(loop: asyncio.AbstractEventLoop) -> Iterator[object]:
    if find_chromium() is None:
        pytest.skip("no Chromium executable (set BRANDAUDIT_CHROMIUM)")
    from playwright.async_api import async_playwright

    manager = async_playwright()
    playwright = loop.run_until_complete(manager.start())
    chromium = loop.run_until_complete(playwright.chromium.launch(**launch_options()))
    yield chromium
    loop.run_until_complete(chromium.close())
    loop.run_until_complete(playwright.stop())
