"""Which Chromium renders pages, how it is launched, and the scrapy-playwright settings.

Playwright's bundled browser is usually not downloaded on servers and CI images, while a
distribution Chromium often is; without an explicit executable every rendered request
fails and Scrapy still exits 0 (MEASURED.md). So the executable is found here, checked by
one real launch before the crawl, and a missing browser is one clear error.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.render.chromium_features import disabled_features
from brandaudit.crawler.render.tuning import TUNING

log = logging.getLogger(__name__)

ENV_CHROMIUM = "BRANDAUDIT_CHROMIUM"
# The headless shell first: Chromium dropped the old headless mode from the full browser
# (132+), so `chromium --headless` runs the whole browser UI stack unseen. Debian ships the
# old mode as chromium-headless-shell (the build Playwright itself uses for headless runs):
# on 2 cores it rendered benchmarks/render_bench.py's pages for less CPU each than
# Debian's `chromium` (figures in the docstring of that benchmark), same Blink, same pixels.
CANDIDATES = (
    "chromium-headless-shell",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
)
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
    # Pages are navigated without a route that would abort media (shared_handler.py): a
    # hero video must not download and decode in every tab.
    "--autoplay-policy=user-gesture-required",
)
# One driver for both schemes.
HANDLER = "brandaudit.crawler.render.shared_handler.SharedPlaywrightHandler"
# Last before the download handler (an earlier middleware may still drop the request). Not
# part of playwright_settings: the touchpoint crawl has its own middlewares and no tab reuse.
TAB_MIDDLEWARES = {"brandaudit.crawler.render.tab_middleware.TabPoolMiddleware": 950}
MAX_CONTEXTS = 1  # one shared context: new contexts cost ~30 ms each and share nothing useful


_logged_fallback = False


class BrowserUnavailable(RuntimeError):
    """No browser can be launched; the message says what to install or set."""


def find_chromium() -> str | None:
    """The Chromium executable to use, or None for Playwright's own downloaded browser."""
    global _logged_fallback
    override = os.environ.get(ENV_CHROMIUM, "").strip()
    if override:
        return override
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    if not _logged_fallback:
        _logged_fallback = True
        log.info("no Chromium on PATH; using Playwright's own browser (set %s)", ENV_CHROMIUM)
    return None


def launch_options(executable: str | None = None) -> dict[str, Any]:
    """Keyword arguments for `playwright.chromium.launch`."""
    executable = executable if executable is not None else find_chromium()
    args = list(LAUNCH_ARGS)
    if TUNING.get("render_document") != "1":  # benchmark knob: Chromium's default
        args.append("--disable-features=" + ",".join(disabled_features()))
    options: dict[str, Any] = {"headless": True, "args": args}
    if executable:
        options["executable_path"] = executable
    return options


def verify_browser(
    executable: str | None = None, timeout_s: float = 20.0, *, launch: bool = True
) -> None:
    """Launch and close the browser once, or raise BrowserUnavailable naming the cause.

    With `launch=False` only check that a browser is installed (no start-up cost): for
    `--render auto`, which may never need it. Runs Playwright's sync API, so call it
    outside any running asyncio loop (before the crawl starts).
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    options = launch_options(executable)
    path = options.get("executable_path")
    if path and not (Path(path).is_file() and os.access(path, os.X_OK)):
        raise BrowserUnavailable(
            f"Chromium executable '{path}' does not exist or is not executable "
            f"(set {ENV_CHROMIUM} to a working browser, or use --render never)"
        )
    if path and not launch:
        return
    try:
        with sync_playwright() as playwright:
            if not launch:  # Playwright's own browser: is it downloaded?
                if not Path(playwright.chromium.executable_path).is_file():
                    raise PlaywrightError("Playwright's Chromium is not installed")
                return
            browser = playwright.chromium.launch(**options, timeout=timeout_s * 1000)
            browser.close()
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        where = f"'{path}'" if path else "Playwright's bundled Chromium"
        raise BrowserUnavailable(
            f"cannot launch {where} to render pages: {first} (install chromium, set "
            f"{ENV_CHROMIUM}, run `playwright install chromium`, or use --render never)"
        ) from None


def playwright_settings(options: CrawlOptions) -> dict[str, Any]:
    """Scrapy settings that route requests with meta ``playwright=True`` through Chromium.

    Requests without that meta key still use Scrapy's own HTTP download, so only rendered
    pages pay for the browser. Only merge these when `options.render` is not "never": the
    handler starts a browser as soon as the engine starts.
    """
    return {
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": launch_options(),
        "PLAYWRIGHT_MAX_CONTEXTS": MAX_CONTEXTS,
        # TabPoolMiddleware bounds open tabs (one lease each) at `concurrency`; the handler's
        # own per-context limit only backs it up, as it never sees a tab given back.
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 2 * max(1, options.concurrency),
        "BRANDAUDIT_RENDER_TABS": max(1, options.concurrency),
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": options.timeout_s * 1000,
        "PLAYWRIGHT_ABORT_REQUEST": "brandaudit.crawler.render.hooks.should_abort_request",
    }
