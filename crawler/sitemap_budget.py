"""How many sitemap URLs one crawl reads: a million-URL sitemap must not make it unbounded.

The sitemap protocol caps one file at 50,000 URLs; a crawl reads that many entries across
all its sitemaps and only counts the rest (coverage reason `max_pages`, with a `limits`
entry that says so), so the report tells how much the sitemaps listed beyond the budget.
"""

from __future__ import annotations

from dataclasses import dataclass

from brandaudit.crawler.coverage import CoverageLedger

SITEMAP_URLS = 50_000  # the sitemap protocol's per-file maximum


@dataclass
class SitemapBudget:
    limit: int = SITEMAP_URLS
    taken: int = 0
    refused: int = 0

    def take(self, ledger: CoverageLedger, url: str) -> bool:
        """Whether one more sitemap entry may be read; past the budget it is only counted."""
        if self.taken < self.limit:
            self.taken += 1
            return True
        self.refused += 1
        ledger.skip_many(1, "max_pages")
        ledger.limits["sitemap_urls"] = (
            f"sitemap budget of {self.limit:,} URLs: {self.refused:,} more sitemap URLs not read"
        )
        return False
