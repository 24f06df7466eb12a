"""Browser discovery and the scrapy-playwright settings built from CrawlOptions."""

from __future__ import annotations

import pytest

from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.render import browser
from brandaudit.crawler.render.browser import (
    BrowserUnavailable,
    find_chromium,
    launch_options,
    playwright_settings,
    verify_browser,
)


def test_environment_variable_overrides_the_path_lookup(monkeypatch) -> None:
    monkeypatch.setenv(browser.ENV_CHROMIUM, "/opt/chrome/chrome")
    assert find_chromium() == "/opt/chrome/chrome"
    assert launch_options()["executable_path"] == "/opt/chrome/chrome"


def test_no_browser_on_path_means_playwrights_own(monkeypatch) -> None:
    monkeypatch.delenv(browser.ENV_CHROMIUM, raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    assert find_chromium() is None
    assert "executable_path" not in launch_options()


def test_missing_executable_is_one_clear_error() -> None:
    with pytest.raises(BrowserUnavailable, match="does not exist or is not executable"):
        verify_browser("/nonexistent/chromium")


def test_settings_route_http_and_https_through_the_handler() -> None:
    seeds = ("http://127.0.0.1/",)
    options = CrawlOptions(seeds=seeds, render="always", concurrency=6, timeout_s=7)
    settings = playwright_settings(options)
    assert set(settings["DOWNLOAD_HANDLERS"]) == {"http", "https"}
    assert settings["BRANDAUDIT_RENDER_TABS"] == 6  # the tab pool's bound
    assert settings["PLAYWRIGHT_MAX_PAGES_PER_CONTEXT"] >= 6  # never the one that waits
    assert settings["PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT"] == 7000
    launch = settings["PLAYWRIGHT_LAUNCH_OPTIONS"]
    assert launch["headless"] and "--no-sandbox" in launch["args"]


@pytest.mark.browser
def test_the_installed_browser_launches() -> None:
    if find_chromium() is None:
        pytest.skip("no Chromium executable")
    verify_browser()


def test_rendered_crawls_get_the_tab_pool_and_plain_crawls_no_browser(tmp_path) -> None:
    from brandaudit.crawler.settings import scrapy_settings

    seeds = ("http://127.0.0.1/",)
    rendered = scrapy_settings(CrawlOptions(seeds=seeds, render="auto"), tmp_path)
    plain = scrapy_settings(CrawlOptions(seeds=seeds, render="never"), tmp_path)
    assert (
        "brandaudit.crawler.render.tab_middleware.TabPoolMiddleware"
        in rendered["DOWNLOADER_MIDDLEWARES"]
    )
    tab_pool = "brandaudit.crawler.render.tab_middleware.TabPoolMiddleware"
    assert tab_pool not in plain["DOWNLOADER_MIDDLEWARES"] and "DOWNLOAD_HANDLERS" not in plain
