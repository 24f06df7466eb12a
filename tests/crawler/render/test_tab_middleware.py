"""Which requests the tab middleware leases a tab for (no browser: pool pages are stand-ins)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from scrapy import Request
from scrapy.utils.test import get_crawler

from brandaudit.crawler.render.hooks import LEASE_KEY, lease_of
from brandaudit.crawler.render.tab_middleware import TabPoolMiddleware


class FakeTab:
    """Enough of a Playwright page for the pool's bookkeeping."""

    def __init__(self, url: str) -> None:
        self.url = url

    def is_closed(self) -> bool:
        return False


def middleware(limit: int = 2) -> TabPoolMiddleware:
    crawler = get_crawler(settings_dict={"BRANDAUDIT_RENDER_TABS": limit})
    return TabPoolMiddleware.from_crawler(crawler)


def rendered(url: str, **meta: object) -> Request:
    return Request(url, meta={"playwright": True, "playwright_include_page": True, **meta})


def test_only_rendered_requests_that_hand_their_page_over_get_a_lease() -> None:
    mw = middleware()
    plain = Request("http://x.example/a")
    closed_by_handler = Request("http://x.example/b", meta={"playwright": True})
    asyncio.run(mw.process_request(plain))
    asyncio.run(mw.process_request(closed_by_handler))
    assert lease_of(plain.meta) is None and lease_of(closed_by_handler.meta) is None
    assert sum(mw.pool.counts.values()) == 0


def test_an_idle_tab_goes_into_the_request_meta() -> None:
    async def scenario() -> tuple[object, object]:
        mw = middleware()
        tab = FakeTab("http://x.example/old")
        mw.pool.idle.append(tab)
        request = rendered("http://x.example/new")
        await mw.process_request(request)
        return tab, request.meta.get("playwright_page")

    tab, given = asyncio.run(scenario())
    assert given is tab


def test_a_retried_request_keeps_its_lease_and_a_stale_tab_is_dropped() -> None:
    async def scenario() -> tuple[bool, int, bool]:
        mw = middleware(limit=1)
        first = rendered("http://x.example/a")
        await mw.process_request(first)
        lease = lease_of(first.meta)
        retry = first.replace()  # what RetryMiddleware sends: the same meta
        await asyncio.wait_for(mw.process_request(retry), 1)  # no second lease: no wait
        kept = lease_of(retry.meta) is lease
        await lease.discard(None)
        stale = SimpleNamespace(url="http://x.example/gone")
        later = rendered("http://x.example/b", **{LEASE_KEY: lease, "playwright_page": stale})
        await asyncio.wait_for(mw.process_request(later), 1)
        return kept, mw.pool.counts["opened"], later.meta.get("playwright_page") is None

    kept, opened, stale_dropped = asyncio.run(scenario())
    assert kept and opened == 2 and stale_dropped
