"""What makes a rendered page cheaper: the headless shell first, no per-request events to
Python, the body from the settle script instead of a second call."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from scrapy import Request
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from scrapy_playwright.page import PageMethod

from brandaudit.crawler.render import browser as browser_module
from brandaudit.crawler.render import shared_handler
from brandaudit.crawler.render.browser import find_chromium
from brandaudit.crawler.render.page_script import HTML_KEY, SETTLE_SCRIPT
from brandaudit.crawler.render.shared_handler import _stop_network_events, take_settled_html
from brandaudit.site_server import serve_site


def _executable(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_the_headless_shell_is_preferred_to_the_full_browser(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(browser_module.ENV_CHROMIUM, raising=False)
    full = _executable(tmp_path, "chromium")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_chromium() == str(full)  # without the shell, the full browser still renders
    shell = _executable(tmp_path, "chromium-headless-shell")
    assert find_chromium() == str(shell)
    monkeypatch.setenv(browser_module.ENV_CHROMIUM, str(full))
    assert find_chromium() == str(full)  # the user's choice wins


def test_scrapy_playwrights_counters_still_have_the_names_we_remove() -> None:
    for name in ("_increment_request_stats", "_increment_response_stats"):
        assert callable(getattr(ScrapyPlaywrightDownloadHandler, name, None)), name


class Counters:
    """Stands in for the handler: the two listeners scrapy-playwright puts on every tab."""

    def __init__(self) -> None:
        self.requests = self.responses = 0

    async def _increment_request_stats(self, request: object) -> None:
        self.requests += 1

    async def _increment_response_stats(self, response: object) -> None:
        self.responses += 1


@pytest.mark.browser
def test_a_tab_without_the_counters_sends_no_request_events(browser, loop, spa_root) -> None:
    async def visit(stop: bool) -> Counters:
        counters = Counters()
        page = await browser.new_page()
        page.on("request", counters._increment_request_stats)
        page.on("response", counters._increment_response_stats)
        if stop:
            _stop_network_events(page, counters)  # type: ignore[arg-type]
        await page.goto(site.url("index.html"), wait_until="load")
        await page.evaluate("() => new Promise((done) => setTimeout(done, 50))")
        await page.close()
        return counters

    assert os.path.isfile(spa_root / "index.html")
    with serve_site(spa_root) as site:
        counted = loop.run_until_complete(visit(stop=False))
        stopped = loop.run_until_complete(visit(stop=True))
    assert counted.requests >= 2 and counted.responses >= 2  # the page and its sub-resources
    assert (stopped.requests, stopped.responses) == (0, 0)


def test_scrapy_playwrights_helpers_for_our_body_step_are_there() -> None:
    """A release that renames them falls back to its own, slower step: say so here."""
    assert shared_handler.OWN_BODY


LATE_DOM = """<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">
<html><head><title>Late</title></head><body><p>static</p>
<script>setTimeout(() => { const p = document.createElement("p");
  p.textContent = "drawn 60 ms after load & <escaped>"; document.body.appendChild(p); }, 60);
</script></body></html>"""


@pytest.mark.browser
def test_the_settle_script_returns_the_html_page_content_would(browser, loop, tmp_path) -> None:
    """The response body is the settle script's HTML: the same bytes as Playwright's own
    `page.content()` gives after settling (doctype with its identifiers, late DOM, entities),
    and a document without a doctype has none."""
    (tmp_path / "late.html").write_text(LATE_DOM, encoding="utf-8")
    (tmp_path / "bare.html").write_text("<p>no doctype</p>", encoding="utf-8")
    args = {"quietMs": 100, "maxMs": 2000}

    async def both(url: str) -> tuple[str, str]:
        page = await browser.new_page()
        await page.goto(url, wait_until="load")
        settled = (await page.evaluate(SETTLE_SCRIPT, args))[HTML_KEY]
        content = await page.content()
        await page.close()
        return settled, content

    with serve_site(tmp_path) as site:
        late, late_content = loop.run_until_complete(both(site.url("late.html")))
        bare, bare_content = loop.run_until_complete(both(site.url("bare.html")))
    assert late == late_content
    assert late.startswith('<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN"')
    assert "drawn 60 ms after load &amp; &lt;escaped&gt;" in late
    assert bare == bare_content and bare.startswith("<html>")


def test_the_settled_html_is_taken_once() -> None:
    method = PageMethod("evaluate", SETTLE_SCRIPT)
    method.result = {HTML_KEY: "<html></html>"}
    request = Request("http://127.0.0.1/", meta={"playwright_page_methods": [method]})
    assert take_settled_html(request) == "<html></html>"
    assert take_settled_html(request) is None  # the request no longer holds a copy
    assert take_settled_html(Request("http://127.0.0.1/")) is None  # page.content() then
