"""`SiteSpider` on a shared crawl: the same parsing, with state and acknowledgements in Redis.

Only what distribution needs is overridden: the bookkeeping moves to Redis when the crawl
starts (`shared_state`), every callback and errback acknowledges its request once its output
is handed on (`queue.acknowledge`), profile links, coverage events and stats travel through
the outbox, and
an idle worker stays open until the coordinator marks the run done.

Scrapy pulls a callback's outputs a little ahead of handing them on (a queue of
2 x CONCURRENT_ITEMS), so the generator ending does not mean its last outputs are queued:
the acknowledgement waits ACK_DELAY_S more. Dying inside that delay costs a second fetch,
never a lost page.

Pages are parsed by `parse_page_async`, which drives the same `parse_page` and claims the
page's body and links ahead on the worker's asyncio client, so the claims `parse_page`
makes find their answers waiting and the reactor never blocks on them. Each link's scope is
decided once (`why_not_page` answers for the claims ahead are kept for `_page_request`).
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from redis import Redis
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from brandaudit.crawler.distributed.batch import batch_of
from brandaudit.crawler.distributed.coverage_events import SharedCoverageLedger
from brandaudit.crawler.distributed.keys import RunKeys
from brandaudit.crawler.distributed.outbox import OutboxWriter
from brandaudit.crawler.distributed.queue import REQUEUED_META, acknowledge
from brandaudit.crawler.distributed.shared_state import ClaimContext, share_spider_state
from brandaudit.crawler.redirect_scope import too_long
from brandaudit.crawler.spider import SiteSpider, _is_html
from brandaudit.crawler.touchpoints.discover import discover_links, may_link_profiles

ACK_DELAY_S = 0.5
_UNSET: Any = object()
SCOPE_MEMO_MAX = 10_000


@dataclass(frozen=True)
class _ClaimLinks:
    """Yielded by `document_requests` to `parse_page_async`: claim these keys now."""

    keys: list[str]


class DistributedSiteSpider(SiteSpider):
    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> DistributedSiteSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.server = Redis.from_url(settings["REDIS_URL"])
        spider.keys = RunKeys(settings["BRANDAUDIT_RUN_ID"])
        spider.inflight_key = spider.keys.inflight(settings["BRANDAUDIT_WORKER_ID"])
        spider.batch = batch_of(crawler)
        spider.outbox = OutboxWriter(spider.server, spider.keys, spider.batch)
        spider.coverage = SharedCoverageLedger(spider.outbox.add_coverage)
        spider.claims = ClaimContext()
        spider._claims_ahead = set()  # pages whose claims parse_page_async makes ahead
        spider._scope_memo = {}
        plain_why_not_page = spider.scope.why_not_page

        def why_not_page(url: str, depth: int) -> str | None:
            answer = spider._scope_memo.pop((url, depth), _UNSET)
            return plain_why_not_page(url, depth) if answer is _UNSET else answer

        spider.scope.why_not_page = why_not_page  # type: ignore[method-assign]
        crawler.signals.connect(spider._stay_open_until_done, signal=signals.spider_idle)
        crawler.signals.connect(spider.batch.start, signal=signals.spider_opened)
        # After the pipelines' and the engine's last writes (closed runs before them).
        crawler.signals.connect(spider.batch.stop, signal=signals.engine_stopped)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        share_spider_state(self, self.server, self.keys, self.claims, self.batch)
        async for request in super().start():
            yield request
        self.batch.pipe.set(self.keys.seeded, 1)  # after the seeds' pushes, in order
        await self.batch.flush_async()

    def _stay_open_until_done(self) -> None:
        if not self.server.exists(self.keys.done):
            raise DontCloseSpider("the run is not done: other workers may queue more")

    def _record_profile_links(self, response: TextResponse) -> None:
        html = response.text
        links = discover_links(html, response.url) if may_link_profiles(html) else []
        if links:
            self.outbox.add_profile_links(response.url, list(links))

    # Acknowledgements

    def _for_page(self, request: Request, url: str) -> None:
        """Claims made from now on are this page's (set before each step of its output)."""
        self.claims.owner = url
        self.claims.depth = request.meta.get("ba_depth", 0)
        self.claims.reclaim = url if request.meta.get(REQUEUED_META) else ""

    def _ack_soon(self, request: Request) -> None:
        from twisted.internet import reactor

        reactor.callLater(  # type: ignore[attr-defined]
            ACK_DELAY_S, acknowledge, self.batch, self.inflight_key, request
        )

    def _acked(
        self, request: Request, outputs: Iterable[Any] | None, url: str | None = None
    ) -> Iterator[Any]:
        owner = url or request.url
        try:
            iterator = iter(outputs or ())
            while True:
                self._for_page(request, owner)
                try:
                    output = next(iterator)
                except StopIteration:
                    return
                yield output
        finally:
            self._ack_soon(request)

    async def _acked_async(
        self, request: Request, outputs: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        try:
            while True:
                self._for_page(request, request.url)
                try:
                    output = await outputs.__anext__()
                except StopAsyncIteration:
                    return
                yield output
        finally:
            self._ack_soon(request)

    def _page_request(self, *args: Any, **kwargs: Any) -> Request | None:
        request = super()._page_request(*args, **kwargs)
        if request is not None and request.callback == self.parse_page:
            request.callback = self.parse_page_async
        return request

    def document_requests(self, links: Iterable[str], page_url: str) -> Iterator[Any]:
        """Called by `parse_page` with the page's links just before it follows them: the
        ones it will claim one by one are claimed now, together (one round trip: on the
        asyncio client when `parse_page_async` drives the page, else here)."""
        links = list(links)
        if self.options.follow_links and self.claims.owner == page_url:
            depth = self.claims.depth + 1
            keys = []
            for link in links:
                if too_long(link):
                    continue
                reason = self.scope.why_not_page(link, depth)
                if len(self._scope_memo) < SCOPE_MEMO_MAX:
                    self._scope_memo[(link, depth)] = reason  # asked again in _page_request
                if reason is None:
                    keys.append(canonicalize_url(link))
            if page_url in self._claims_ahead:
                yield _ClaimLinks(keys)
            else:
                self.seen_pages.prefetch(keys)  # type: ignore[attr-defined]
        yield from super().document_requests(links, page_url)

    async def parse_page_async(self, response: Response) -> AsyncIterator[Any]:
        """`parse_page`, with its body and links claimed ahead without blocking."""
        request, owner = response.request, response.url
        self._for_page(request, owner)
        # Rendering may send the page to Chromium before the body test: claimed then, as before.
        if self.options.render == "never" and response.status < 400 and _is_html(response):
            await self.seen_bodies.claim_ahead(hashlib.sha256(response.body).digest())  # type: ignore[attr-defined]
        self._claims_ahead.add(owner)
        outputs = self.parse_page(response)
        try:
            while True:
                self._for_page(request, owner)
                try:
                    output = next(outputs)
                except StopIteration:
                    return
                if isinstance(output, _ClaimLinks):
                    await self.seen_pages.claim_ahead(output.keys)  # type: ignore[attr-defined]
                    continue
                yield output
        finally:
            outputs.close()  # acknowledges the request (`_acked`), however the page ended
            self._claims_ahead.discard(owner)
            self.seen_pages.forget(owner)  # type: ignore[attr-defined]
            self.seen_bodies.forget(owner)  # type: ignore[attr-defined]

    def parse_page(self, response: Response) -> Iterator[Any]:
        final_key = canonicalize_url(response.url)
        if final_key == canonicalize_url(response.meta.get("ba_url", "")):
            # Claimed when its request was made: recording it again needs no round trip.
            self.seen_pages.known(final_key)  # type: ignore[attr-defined]
        return self._acked(response.request, super().parse_page(response), response.url)

    def page_failed(self, failure: Failure) -> Iterator[Any]:
        return self._acked(failure.request, super().page_failed(failure))  # type: ignore[attr-defined]

    def parse_image(self, response: Response) -> Iterator[Any]:
        return self._acked(response.request, super().parse_image(response))

    def image_failed(self, failure: Failure) -> Iterator[Any]:
        return self._acked(failure.request, super().image_failed(failure))  # type: ignore[attr-defined]

    def parse_document(self, response: Response) -> Iterator[Any]:  # a linked PDF
        return self._acked(response.request, super().parse_document(response))

    def document_failed(self, failure: Failure) -> Iterator[Any]:
        return self._acked(failure.request, super().document_failed(failure))  # type: ignore[attr-defined]

    def _parse_robots(self, response: Response) -> Iterator[Any]:
        return self._acked(response.request, super()._parse_robots(response))

    def _parse_sitemap(self, response: Response) -> Iterator[Any]:
        return self._acked(response.request, super()._parse_sitemap(response))

    def _sitemap_failed(self, failure: Failure) -> Iterator[Any]:  # type: ignore[override]
        outputs = super()._sitemap_failed(failure)  # type: ignore[func-returns-value]
        return self._acked(failure.request, outputs)  # type: ignore[attr-defined]

    def parse_rendered_page(self, response: Response) -> AsyncIterator[Any]:  # type: ignore[override]
        return self._acked_async(response.request, super().parse_rendered_page(response))

    def rendered_page_failed(self, failure: Failure) -> AsyncIterator[Any]:  # type: ignore[override]
        request = failure.request  # type: ignore[attr-defined]
        return self._acked_async(request, super().rendered_page_failed(failure))
