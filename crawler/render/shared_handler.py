"""One scrapy-playwright handler for both http and https.

Scrapy builds a download handler per scheme, and scrapy-playwright's (not lazy) starts its
own Playwright driver when the engine starts: two Node processes, ~93 MB PSS for the idle
one (benchmarks/render_bench.py). Handing the same instance to both schemes keeps one
driver, one browser and one tab pool; closing is done once, however often it is asked.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any

from scrapy.crawler import Crawler
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from twisted.internet.defer import Deferred, succeed

_SHARED = "_brandaudit_playwright_handler"


class SharedPlaywrightHandler(ScrapyPlaywrightDownloadHandler):
    """scrapy-playwright's handler, built once per crawler."""

    _closing: Any = None

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
