"""Crawl coverage: every URL the crawl met and did not fetch, once, with its reason.

A brand team must know what an audit did not look at. The spider tells the `CoverageLedger`
about each URL it skips (and each page it fetches); at the end the ledger is written to
`coverage.json` in the run directory, from which report.json's `coverage` (CONTRACT §5) is
built. Only the first reason a URL was skipped for is kept, and a URL fetched later (a page
that waited for a budget slot, or was reached again by a shorter path) leaves the ledger.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from w3lib.url import canonicalize_url

Reason = Literal[
    "robots", "excluded", "off_site", "max_pages", "depth", "trap", "too_long", "unsupported"
]  # fmt: skip
REASONS: tuple[Reason, ...] = (
    "robots", "excluded", "off_site", "max_pages", "depth", "trap", "too_long", "unsupported"
)  # fmt: skip
# Limits cut a crawl short; the other reasons are the user's choice (robots.txt, --exclude,
# other hosts) or not web pages at all, and do not make the crawl incomplete.
LIMIT_REASONS: frozenset[str] = frozenset({"max_pages", "depth", "trap", "too_long"})
COVERAGE_FILE = "coverage.json"
# The ledger remembers this many distinct skipped URLs (a million-URL sitemap must not make
# memory unbounded); beyond it skipped URLs are still counted, without de-duplication.
TRACKED_URLS = 200_000
WIDENING_OPTION: dict[str, str] = {
    "robots": "--ignore-robots (for sites you own, e.g. staging)",
    "excluded": "drop the matching --exclude / widen --include",
    "off_site": "give the other host as a seed URL",
    "max_pages": "raise --max-pages",
    "depth": "raise or drop --max-depth",
    "trap": "give the URL as a seed, or list it with --urls-from",
    "too_long": "none: Scrapy's URL length limit (2,083 characters)",
    "unsupported": "none: not an HTML page brandaudit audits",
}


@dataclass
class CoverageLedger:
    """What the crawl met and did not fetch, and which pages it rendered and why."""

    crawled: int = 0
    skipped: dict[str, tuple[str, str, str | None, str]] = field(default_factory=dict)
    seen_raw: set[str] = field(default_factory=set)  # skipped URLs as met: no re-canonicalising
    untracked: dict[str, int] = field(default_factory=dict)  # counts past TRACKED_URLS
    fetched: set[str] = field(default_factory=set)
    limits: dict[str, str] = field(default_factory=dict)  # limit -> what it stopped, in words
    rendered: dict[str, str] = field(default_factory=dict)  # url -> why it was rendered
    seeds_failed: dict[str, str] = field(default_factory=dict)  # seed -> why
    orphans: set[str] = field(default_factory=set)  # sitemap URLs no link reached (so far)

    def skip(
        self,
        url: str,
        reason: Reason,
        referrer: str | None,
        key: str | None = None,
        detail: str = "",
    ) -> None:
        """Record that `url` was met and will not be fetched (the first reason wins)."""
        if url in self.seen_raw:
            return
        key = key or _key(url)
        if key in self.skipped or key in self.fetched:
            return
        if len(self.skipped) >= TRACKED_URLS:
            self.untracked[reason] = self.untracked.get(reason, 0) + 1
            return
        self.seen_raw.add(url)
        self.skipped[key] = (url, reason, referrer, detail)

    def skip_many(self, urls: int, reason: Reason) -> None:
        """Count URLs that were never read one by one (a sitemap cut at its budget)."""
        self.untracked[reason] = self.untracked.get(reason, 0) + urls

    def fetched_page(self, url: str, key: str | None = None) -> None:
        """A page reached the audit: if it was skipped on another path, it no longer counts."""
        key = key or _key(url)
        self.fetched.add(key)
        skipped = self.skipped.pop(key, None)
        if skipped is not None:
            self.seen_raw.discard(skipped[0])
        self.crawled += 1

    def unskip(self, url: str) -> None:
        """A URL that waited (for a budget slot) is going to be fetched after all."""
        skipped = self.skipped.pop(_key(url), None)
        if skipped is not None:
            self.seen_raw.discard(skipped[0])

    def limit_hit(self, limit: str, description: str) -> None:
        self.limits.setdefault(limit, description)

    def rendered_page(self, url: str, why: str) -> None:
        self.rendered[url] = why

    def sitemap_only(self, key: str) -> None:
        """A sitemap lists the page; it is an orphan unless a link reaches it too."""
        self.orphans.add(key)

    def linked(self, key: str) -> None:
        """A link reaches the page: it is no orphan."""
        self.orphans.discard(key)

    def seed_failed(self, url: str, reason: str) -> None:
        self.seeds_failed.setdefault(url, reason)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(REASONS, 0)
        for _url, reason, _referrer, _detail in self.skipped.values():
            counts[reason] += 1
        for reason, extra in self.untracked.items():
            counts[reason] += extra
        return counts

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts()
        cut = any(counts[reason] for reason in LIMIT_REASONS) or bool(self.limits)
        return {
            "complete": not cut and not self.seeds_failed and self.crawled > 0,
            "crawled": self.crawled,
            "not_crawled": counts,
            "urls": [
                {"url": url, "reason": reason, "referrer": referrer}
                | ({"detail": detail} if detail else {})
                for url, reason, referrer, detail in self.skipped.values()
            ],
            "urls_total": sum(counts.values()),
            "limits": dict(self.limits),
            "rendered": [{"url": url, "why": why} for url, why in self.rendered.items()],
            "orphans": sorted(self.orphans & self.fetched),
            "seeds_failed": [{"url": url, "reason": why} for url, why in self.seeds_failed.items()],
        }

    def write(self, run_dir: Path) -> None:
        path = Path(run_dir) / COVERAGE_FILE
        tmp = path.with_suffix(".part")
        tmp.write_text(json.dumps(self.to_dict(), ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)


def _key(url: str) -> str:
    return canonicalize_url(url)


def off_site_redirect(ledger: CoverageLedger, url: str, target: str, referrer: str | None) -> None:
    """A page that redirects to another host: the target is not audited, and the report says
    so (the redirect itself is not followed; see the spider's redirect scope)."""
    ledger.skip(target, "off_site", referrer or url, detail=f"redirect from {url}")


def read_coverage(run_dir: Path) -> dict[str, Any] | None:
    """The coverage a crawl left in `run_dir`, or None for a crawl saved before it existed."""
    path = Path(run_dir) / COVERAGE_FILE
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
