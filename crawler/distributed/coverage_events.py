"""Crawl coverage on a shared crawl: each worker's ledger events, replayed by the coordinator.

A single process keeps one `CoverageLedger` and writes `coverage.json` at the end. Workers
share no disk, and a URL one worker skips (its budget was spent, say) may be fetched by
another, so each worker sends what changed in its ledger through the outbox, in the same
write batch as the page outputs that caused it (a worker killed before a flush loses both
together, and the re-queued request makes them again). The coordinator replays the events,
in outbox order, into its own ledger, which then holds what a single process's would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from w3lib.url import canonicalize_url

from brandaudit.crawler.coverage import CoverageLedger, Reason

Event = list[Any]


class SharedCoverageLedger(CoverageLedger):
    """A worker's ledger: records as usual and hands each change to `emit`. Repeats this
    worker already sent are not sent again (the coordinator's ledger ignores them anyway)."""

    def __init__(self, emit: Callable[[Event], None]) -> None:
        super().__init__()
        self._emit = emit
        self._linked: set[str] = set()  # keys whose `linked` event went out

    def skip(
        self,
        url: str,
        reason: Reason,
        referrer: str | None,
        key: str | None = None,
        detail: str = "",
    ) -> None:
        before = (len(self.skipped), sum(self.untracked.values()))
        super().skip(url, reason, referrer, key, detail)
        if (len(self.skipped), sum(self.untracked.values())) != before:
            self._emit(["skip", url, reason, referrer, key, detail])

    def skip_many(self, urls: int, reason: Reason) -> None:
        super().skip_many(urls, reason)
        self._emit(["skip_many", urls, reason])

    def fetched_page(self, url: str, key: str | None = None) -> None:
        super().fetched_page(url, key)
        self._emit(["fetched", url, key])

    def unskip(self, url: str) -> None:
        super().unskip(url)
        self._emit(["unskip", url])

    def limit_hit(self, limit: str, description: str) -> None:
        if limit not in self.limits:
            self._emit(["limit", limit, description])
        super().limit_hit(limit, description)

    def rendered_page(self, url: str, why: str) -> None:
        super().rendered_page(url, why)
        self._emit(["rendered", url, why])

    def sitemap_only(self, key: str) -> None:
        super().sitemap_only(key)
        self._emit(["sitemap_only", key])

    def linked(self, key: str) -> None:
        super().linked(key)
        if key not in self._linked:  # another worker may hold it as a sitemap orphan
            self._linked.add(key)
            self._emit(["linked", key])

    def seed_failed(self, url: str, reason: str) -> None:
        if url not in self.seeds_failed:
            self._emit(["seed_failed", url, reason])
        super().seed_failed(url, reason)


def replay(ledger: CoverageLedger, event: Event) -> None:
    """Apply one worker event to the coordinator's ledger. A page fetched twice (its worker
    was killed after sending it; the re-queued request fetched it again) counts once."""
    op, *args = event
    if op == "skip":
        ledger.skip(*args)
    elif op == "skip_many":
        ledger.skip_many(*args)
    elif op == "fetched":
        url, key = args
        key = key or canonicalize_url(url)
        if key not in ledger.fetched:
            ledger.fetched_page(url, key)
    elif op == "unskip":
        ledger.unskip(*args)
    elif op == "limit":
        ledger.limit_hit(*args)
    elif op == "rendered":
        ledger.rendered_page(*args)
    elif op == "sitemap_only":
        ledger.sitemap_only(*args)
    elif op == "linked":
        ledger.linked(*args)
    elif op == "seed_failed":
        ledger.seed_failed(*args)
    else:
        raise ValueError(f"unknown coverage event {op!r}")
