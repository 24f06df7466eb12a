"""`SiteSpider` on a shared crawl: the same parsing, with state and acknowledgements in Redis.

Only what distribution needs is overridden: the bookkeeping moves to Redis when the crawl
starts (`shared_state`), every callback and errback acknowledges its request once its output
is handed on (`queue.acknowledge`), profile links and stats travel through the outbox, and
an idle worker stays open until the coordinator marks the run done.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from redis import Redis
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from brandaudit.crawler.distributed.keys import RunKeys
from brandaudit.crawler.distributed.outbox import OutboxWriter
from brandaudit.crawler.distributed.queue import acknowledge
from brandaudit.crawler.distributed.shared_state import BodyClaims, share_spider_state
from brandaudit.crawler.spider import SiteSpider
from brandaudit.crawler.touchpoints.discover import discover_links, may_link_profiles


class DistributedSiteSpider(SiteSpider):
    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> DistributedSiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.server = Redis.from_url(settings["REDIS_URL"])
        spider.keys = RunKeys(settings["BRANDAUDIT_RUN_ID"])
        spider.inflight_key = spider.keys.inflight(settings["BRANDAUDIT_WORKER_ID"])
        spider.outbox = OutboxWriter(spider.server, spider.keys)
        crawler.signals.connect(spider._stay_open_until_done, signal=signals.spider_idle)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        share_spider_state(self, self.server, self.keys)
        async for request in super().start():
            yield request
        self.server.set(self.keys.seeded, 1)

    def _stay_open_until_done(self) -> None:
        if not self.server.exists(self.keys.done):
            raise DontCloseSpider("the run is not done: other workers may queue more")

    def _record_profile_links(self, response: TextResponse) -> None:
        html = response.text
        links = discover_links(html, response.url) if may_link_profiles(html) else []
        if links:
            self.outbox.add_profile_links(response.url, list(links))

    def _acked(self, request: Request, outputs: Iterable[Any] | None) -> Iterator[Any]:
        try:
            if outputs is not None:
                yield from outputs
        finally:
            acknowledge(self.server, self.inflight_key, request)

    def parse_page(self, response: Response) -> Iterator[Any]:
        def outputs() -> Iterator[Any]:
            # Set in the same step that tests the body, so no other page interleaves.
            if isinstance(self.seen_bodies, BodyClaims):
                self.seen_bodies.current_url = response.url
            yield from SiteSpider.parse_page(self, response)

        return self._acked(response.request, outputs())

    def page_failed(self, failure: Failure) -> Iterator[Any]:
        return self._acked(failure.request, super().page_failed(failure))  # type: ignore[attr-defined]

    def parse_image(self, response: Response) -> Iterator[Any]:
        return self._acked(response.request, super().parse_image(response))

    def image_failed(self, failure: Failure) -> Iterator[Any]:
        return self._acked(failure.request, super().image_failed(failure))  # type: ignore[attr-defined]

    def _parse_robots(self, response: Response) -> Iterator[Any]:
        return self._acked(response.request, super()._parse_robots(response))

    def _parse_sitemap(self, response: Response) -> Iterator[Any]:
        return self._acked(response.request, super()._parse_sitemap(response))

    def _sitemap_failed(self, failure: Failure) -> Iterator[Any]:  # type: ignore[override]
        return self._acked(failure.request, super()._sitemap_failed(failure))  # type: ignore[attr-defined,func-returns-value]

    async def parse_rendered_page(self, response: Response) -> AsyncIterator[Any]:
        try:
            async for output in super().parse_rendered_page(response):
                yield output
        finally:
            acknowledge(self.server, self.inflight_key, response.request)

    async def rendered_page_failed(self, failure: Failure) -> AsyncIterator[Any]:
        try:
            async for output in super().rendered_page_failed(failure):
                yield output
        finally:
            acknowledge(self.server, self.inflight_key, failure.request)  # type: ignore[attr-defined]
