"""One scrapy-playwright handler for both http and https, navigating without interception.

Scrapy builds a download handler per scheme, and scrapy-playwright's (not lazy) starts its
own Playwright driver when the engine starts: two Node processes, ~93 MB PSS for the idle
one (benchmarks/render_bench.py). Handing the same instance to both schemes keeps one
driver, one browser and one tab pool; closing is done once, however often it is asked.

scrapy-playwright also routes every request of every page through Python (to put Scrapy's
headers on it and to abort blocked resource types). Routing switches Chromium's HTTP cache
off, so each page fetched its stylesheets, scripts and logos again, and every sub-request
made a round trip through the driver: ~14 % of the CPU per rendered page in
benchmarks/render_bench.py (tuning route=1 against the default). A request is routed only
when it carries a header Chromium would not send by itself (a cookie from a plain fetch, a
staging password); the user agent is the context's, and autoplay is off at launch
(crawler/render/browser.py) so media are not played without the route blocking them.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import weakref
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy_playwright.handler import DEFAULT_CONTEXT_NAME, ScrapyPlaywrightDownloadHandler
from twisted.internet.defer import Deferred, succeed

from brandaudit.crawler.render.tuning import TUNING

_SHARED = "_brandaudit_playwright_handler"
# Headers Chromium sends on its own navigations (the user agent is the context's).
# The referer goes to page.goto instead.
BROWSER_OWN_HEADERS = frozenset(
    {b"user-agent", b"accept", b"accept-language", b"accept-encoding", b"referer"}
)
# The unrouted navigation reuses scrapy-playwright's private steps (0.0.48); a release
# without them keeps its own routed navigation for every request (slower, still correct).
PRIVATE_STEPS = ("_download_request_with_retry", "_download_request_with_page", "_create_page")
CAN_SKIP_ROUTE = all(hasattr(ScrapyPlaywrightDownloadHandler, n) for n in PRIVATE_STEPS)
ALWAYS_ROUTE = TUNING.get("route") == "1" or not CAN_SKIP_ROUTE  # route=1: benchmark knob
KEEP_NETWORK_EVENTS = TUNING.get("events") == "1"  # benchmark knob: scrapy-playwright's counters


def needs_route(request: Request, context_user_agent: str | None) -> bool:
    """Whether the navigation must carry Scrapy's headers, which only a route can set."""
    if ALWAYS_ROUTE or request.method != "GET" or request.body:
        return True  # only the route sets a method or a body
    agent = request.headers.get(b"User-Agent")
    if agent is not None and agent.decode("latin-1") != context_user_agent:
        return True
    return any(name.lower() not in BROWSER_OWN_HEADERS for name in request.headers)


class SharedPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    """scrapy-playwright's handler, built once per crawler."""

    _closing: Any = None

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.user_agent: str | None = crawler.settings.get("USER_AGENT") or None
        self.routed: weakref.WeakSet[Any] = weakref.WeakSet()  # tabs with a route installed

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedPlaywrightHandler:
        shared = getattr(crawler, _SHARED, None)
        if not isinstance(shared, cls):
            shared = cls(crawler)
            setattr(crawler, _SHARED, shared)
        return shared

    def close(self) -> Any:  # type: ignore[override]
        if self._closing is not None:  # the second scheme: already closed or closing
            if isinstance(self._closing, Deferred):
                return succeed(None)
            return self._closing
        result = super().close()
        if inspect.isawaitable(result) and not isinstance(result, Deferred):
            result = asyncio.ensure_future(result)  # a future may be awaited twice
        self._closing = result
        return result

    async def _download_request_with_retry(self, request: Request, spider: Spider) -> Response:
        """scrapy-playwright's navigation, minus its route when the request needs none."""
        page = request.meta.get("playwright_page")
        if needs_route(request, self.user_agent):
            self.stats.inc_value("brandaudit/render_routed")
            try:
                return await super()._download_request_with_retry(request, spider)
            finally:
                routed = request.meta.get("playwright_page")
                if routed is not None:
                    self.routed.add(routed)
        if page is None or page.is_closed():
            page = await self._create_page(request=request, spider=spider)
        elif page in self.routed:  # a reused tab that an earlier request routed
            await page.unroute("**")
            self.routed.discard(page)
        request.meta.setdefault("playwright_context", DEFAULT_CONTEXT_NAME)
        referer = request.headers.get(b"Referer")
        if referer:
            goto = dict(request.meta.get("playwright_page_goto_kwargs") or {})
            goto.setdefault("referer", referer.decode("latin-1"))
            request.meta["playwright_page_goto_kwargs"] = goto
        return await self._download_request_with_page(request, page, spider)

    async def _create_page(self, request: Request, spider: Spider) -> Any:
        """A new tab; any popup it opens (window.open, target=_blank clicks) is closed at once,
        instead of loading, unseen, until the audit ends."""
        page = await super()._create_page(request=request, spider=spider)
        page.on("popup", _close_popup)
        if not KEEP_NETWORK_EVENTS:
            _stop_network_events(page, self)
        return page

    async def _create_browser_context(
        self, name: str, context_kwargs: dict[str, Any] | None, spider: Spider | None = None
    ) -> Any:
        """Contexts send Scrapy's user agent themselves (unrouted requests get no other)."""
        kwargs = dict(context_kwargs or {})
        if self.user_agent:
            kwargs.setdefault("user_agent", self.user_agent)
        return await super()._create_browser_context(name, kwargs, spider)


def _stop_network_events(page: Any, handler: ScrapyPlaywrightDownloadHandler) -> None:
    """Drop scrapy-playwright's request/response counters from the tab.

    With a listener on them, the driver sends every sub-request and response of every page
    to Python (Playwright subscribes per event) only to count them in the crawl stats
    (`playwright/request_count...`, read by nothing here). The navigation's own response
    listener, which spots downloads, is scrapy-playwright's and stays.
    """
    for event, listener in (
        ("request", handler._increment_request_stats),
        ("response", handler._increment_response_stats),
    ):
        with contextlib.suppress(Exception):  # renamed in another release: keep counting
            page.remove_listener(event, listener)


async def _close_popup(popup: Any) -> None:
    """Playwright runs async event handlers as tasks of its own."""
    with contextlib.suppress(Exception):  # already closed with its opener
        await popup.close()
