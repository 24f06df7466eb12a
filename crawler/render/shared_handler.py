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
import time
import weakref
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.http.headers import Headers
from scrapy.responsetypes import responsetypes
from scrapy_playwright import _utils
from scrapy_playwright.handler import DEFAULT_CONTEXT_NAME, ScrapyPlaywrightDownloadHandler
from twisted.internet.defer import Deferred, succeed

from brandaudit.crawler.render.page_script import HTML_KEY
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
# The body from the settle script's result, not page.content(): scrapy-playwright's helpers
# that step uses (0.0.48); a release without them keeps its own step.
BODY_STEPS = ("_get_response_and_download", "_apply_page_methods")
OWN_BODY = (
    all(hasattr(ScrapyPlaywrightDownloadHandler, n) for n in BODY_STEPS)
    and all(hasattr(_utils, n) for n in ("_encode_body", "_set_redirect_meta"))
    and TUNING.get("content") != "1"  # content=1: benchmark knob, scrapy-playwright's step
)
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

    async def _download_request_with_page(
        self, request: Request, page: Any, spider: Spider
    ) -> Response:
        """scrapy-playwright's step (0.0.48), with the body the settle script returned.

        Its own step then asks `page.content()` (Playwright's utility world: ~35-60 ms of
        CPU a page in benchmarks/render_bench.py, tuning content=1) and the response's TLS
        details and server address (two more driver round trips, read by nothing here).
        """
        if not OWN_BODY:
            return await super()._download_request_with_page(request, page, spider)
        if request.meta.get("playwright_include_page"):
            request.meta["playwright_page"] = page
        started = time.time()
        response, download = await self._get_response_and_download(request, page, spider)
        headers = Headers()
        if response is not None:
            await _utils._set_redirect_meta(request=request, response=response)
            headers = Headers(await response.all_headers())
            headers.pop("Content-Encoding", None)
        await self._apply_page_methods(page, request, spider)
        html = take_settled_html(request)
        if html is None and not download:
            html = await page.content()
        request.meta["download_latency"] = time.time() - started
        if not request.meta.get("playwright_include_page"):
            await page.close()
        if download:
            if download.exception:
                raise download.exception
            return _download_response(request, download)
        body, encoding = _utils._encode_body(headers=headers, text=html or "")
        respcls = responsetypes.from_args(headers=headers, url=page.url, body=body)
        return respcls(
            url=page.url, status=response.status if response is not None else 200,
            headers=headers, body=body, request=request, flags=["playwright"],
            encoding=encoding,
        )  # fmt: skip

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


def take_settled_html(request: Request) -> str | None:
    """The HTML the settle script returned (crawler/render/page_script.py), taken once."""
    for method in request.meta.get("playwright_page_methods") or ():
        result = getattr(method, "result", None)
        if isinstance(result, dict) and isinstance(result.get(HTML_KEY), str):
            method.result = None  # the response holds it; the request need not
            return result[HTML_KEY]
    return None


def _download_response(request: Request, download: Any) -> Response:
    """A navigation that became a download (a PDF link): its bytes, as scrapy-playwright."""
    request.meta["playwright_suggested_filename"] = download.suggested_filename
    respcls = responsetypes.from_args(url=download.url, body=download.body)
    headers = Headers(download.headers)
    headers.pop("Content-Encoding", None)
    return respcls(
        url=download.url, status=download.response_status, headers=headers,
        body=download.body, request=request, flags=["playwright"],
    )  # fmt: skip


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
