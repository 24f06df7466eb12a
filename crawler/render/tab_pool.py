"""Browser tabs kept open between rendered pages, handed out one lease per request.

Opening a tab per page cost Chromium a third of its CPU (benchmarks/render_bench.py on 2
cores: 6.0-6.6 pages/s with a new tab per page, 8.1-8.8 with reuse), so a finished page
is given back to the pool and the next rendered request navigates the same tab. A new
document leaves the old one's globals, styles and scroll position behind; what a tab keeps
across documents (`window.name`, `sessionStorage`) is cleared when it is given back. A tab
that crashed, was closed, cannot run the reset or has a page that keeps navigating is
closed instead of reused.

A lease is taken per request before it is downloaded (`crawler.render.tab_middleware`)
and ended once, by the callback (`give_back`) or the errback (`discard`). Leases are
bounded, so the pool and not scrapy-playwright's per-context semaphore limits open tabs:
that semaphore never sees a tab return, and waiting on it could deadlock.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from typing import Any
from urllib.parse import urldefrag

from brandaudit.crawler.render.tuning import tuned_int

log = logging.getLogger(__name__)

RESET_TIMEOUT_S = 2.0
# A renderer kept across navigations grows (~65 MB after 10 pages, ~115 MB after 30), so a
# tab is closed after this many pages: 968 against 1,391 MB PSS at the same pages/s.
MAX_USES = tuned_int("tab_uses", 10)
# What survives a navigation in the same tab; page state itself goes with the document.
RESET_SCRIPT = """() => {
  try { window.sessionStorage.clear(); } catch (e) {}
  window.name = "";
  window.stop();
  return location.href;
}"""


class TabLease:
    """One request's right to a tab; ends exactly once, however the request ends."""

    def __init__(self, pool: TabPool, page: Any | None) -> None:
        self.pool = pool
        self.page = page  # a reused tab, or None: scrapy-playwright opens a new one
        self.ended = False

    async def give_back(self, page: Any | None, rendered_url: str) -> None:
        """The page was rendered and inspected: keep its tab for the next request."""
        if self.ended:
            return
        self.ended = True
        try:
            await self.pool.keep(page, rendered_url)
        finally:  # only now: a lease taken meanwhile would open a tab beside this one
            self.pool.leases.release()

    async def discard(self, page: Any | None) -> None:
        """The request failed, or the page could not be inspected: close its tab."""
        if self.ended:
            return
        self.ended = True
        try:
            await self.pool.close(page)
        finally:
            self.pool.leases.release()


class TabPool:
    """Idle open tabs of one browser context and the leases that use them."""

    def __init__(self, limit: int, max_uses: int = MAX_USES) -> None:
        self.limit = max(1, limit)
        self.max_uses = max(1, max_uses)
        self.uses: Counter[int] = Counter()
        self.leases = asyncio.Semaphore(self.limit)
        self.idle: list[Any] = []
        self.crashed: set[int] = set()
        self.watched: set[int] = set()
        self.counts: Counter[str] = Counter()

    async def lease(self, url: str) -> TabLease:
        """Wait for a free lease; it comes with an idle tab when one is open."""
        await self.leases.acquire()
        page = self._take_idle(url)
        self.counts["reused" if page is not None else "opened"] += 1
        return TabLease(self, page)

    def _take_idle(self, url: str) -> Any | None:
        target = urldefrag(url).url
        for index, page in enumerate(self.idle):
            # The same URL (up to a fragment) would be a same-document navigation that
            # keeps the old document's state: give that request another tab.
            if urldefrag(page.url).url != target:
                return self.idle.pop(index)
        return None

    def usable(self, page: Any | None) -> bool:
        return page is not None and not page.is_closed() and id(page) not in self.crashed

    async def keep(self, page: Any | None, rendered_url: str) -> None:
        """Reset the tab and put it back, or close it when it is not safe to reuse."""
        self.uses[id(page)] += 1
        if not self.usable(page) or self.uses[id(page)] >= self.max_uses:
            await self.close(page)
            return
        self._watch(page)
        try:
            href = await asyncio.wait_for(page.evaluate(RESET_SCRIPT), RESET_TIMEOUT_S)
        except Exception as exc:  # crashed, hung in a script, or navigating: not reusable
            log.debug("tab reset failed for %s: %s", rendered_url, exc)
            await self.close(page)
            return
        if urldefrag(str(href)).url != urldefrag(page.url).url or not self.usable(page):
            await self.close(page)  # a navigation started after the page was inspected
            return
        self.idle.append(page)

    def _watch(self, page: Any) -> None:
        if id(page) in self.watched:
            return
        self.watched.add(id(page))
        page.on("crash", lambda crashed: self.crashed.add(id(crashed)))
        page.on("close", lambda closed: self._forget(closed))

    def _forget(self, page: Any) -> None:
        self.watched.discard(id(page))
        self.uses.pop(id(page), None)
        self.crashed.discard(id(page))
        if page in self.idle:
            self.idle.remove(page)

    async def close(self, page: Any | None) -> None:
        if page is None:
            return
        self.counts["closed"] += 1
        if page in self.idle:
            self.idle.remove(page)
        try:
            if not page.is_closed():
                await page.close()
        except Exception as exc:  # the browser may already be gone; nothing left to free
            log.debug("closing tab failed: %s", exc)
