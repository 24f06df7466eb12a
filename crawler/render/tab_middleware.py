"""Downloader middleware: give each rendered request a lease on a tab just before download.

A tab is attached here rather than when the spider builds the request, so a request
waiting in the scheduler never holds an open tab (and a Playwright page never has to be
pickled into a JOBDIR queue). scrapy-playwright navigates the tab it finds in
`meta["playwright_page"]` instead of opening one; the spider ends the lease (see
`crawler.render.hooks.collect` and `release_page`).
"""

from __future__ import annotations

from scrapy import Request, signals
from scrapy.crawler import Crawler

from brandaudit.crawler.render.hooks import LEASE_KEY
from brandaudit.crawler.render.tab_pool import TabLease, TabPool
from brandaudit.crawler.render.tuning import tuned_int


class TabPoolMiddleware:
    """Owns the crawl's `TabPool`; its counts go to the crawl stats as brandaudit/tabs_*."""

    def __init__(self, crawler: Crawler, limit: int) -> None:
        self.crawler = crawler
        self.pool = TabPool(limit)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TabPoolMiddleware:
        settings = crawler.settings
        limit = settings.getint("BRANDAUDIT_RENDER_TABS") or settings.getint("CONCURRENT_REQUESTS")
        limit = tuned_int("tabs", limit)
        middleware = cls(crawler, limit)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    async def process_request(self, request: Request) -> None:
        if not (request.meta.get("playwright") and request.meta.get("playwright_include_page")):
            return  # not rendered, or scrapy-playwright closes the page itself
        lease = request.meta.get(LEASE_KEY)
        if isinstance(lease, TabLease) and not lease.ended:
            return  # a retry or redirect of a leased request: it keeps its lease and tab
        lease = await self.pool.lease(request.url)
        request.meta[LEASE_KEY] = lease
        if lease.page is not None:
            request.meta["playwright_page"] = lease.page
        else:
            request.meta.pop("playwright_page", None)  # a stale tab from an ended lease

    def spider_closed(self) -> None:
        stats = self.crawler.stats
        if stats is None:
            return
        for name, count in self.pool.counts.items():
            stats.set_value(f"brandaudit/tabs_{name}", count)
