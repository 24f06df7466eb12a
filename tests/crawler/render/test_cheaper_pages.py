"""What makes a rendered page cheaper: the headless shell first, no per-request events to Python."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

from brandaudit.crawler.render import browser as browser_module
from brandaudit.crawler.render.browser import find_chromium
from brandaudit.crawler.render.shared_handler import _stop_network_events
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
