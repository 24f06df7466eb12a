"""The coverage ledger: each URL met and not fetched counted once, and `complete` exactly
when no limit cut the crawl."""

from __future__ import annotations

from brandaudit.crawler.coverage import CoverageLedger, off_site_redirect
from brandaudit.crawler.sitemap_budget import SitemapBudget


def test_a_url_met_twice_is_counted_once_with_its_first_reason() -> None:
    ledger = CoverageLedger()
    ledger.skip("https://x.example/p?b=2&a=1", "excluded", "https://x.example/")
    ledger.skip("https://x.example/p?a=1&b=2", "depth", "https://x.example/q")  # same URL
    ledger.fetched_page("https://x.example/")
    doc = ledger.to_dict()
    assert doc["not_crawled"]["excluded"] == 1 and doc["not_crawled"]["depth"] == 0
    assert doc["urls_total"] == 1 and doc["urls"][0]["referrer"] == "https://x.example/"
    assert doc["complete"] is True  # the user's choice does not make it partial


def test_a_url_fetched_after_waiting_for_a_slot_leaves_the_ledger() -> None:
    ledger = CoverageLedger()
    ledger.fetched_page("https://x.example/")
    ledger.skip("https://x.example/a", "max_pages", "https://x.example/")
    assert ledger.to_dict()["complete"] is False
    ledger.unskip("https://x.example/a")
    ledger.fetched_page("https://x.example/a")
    doc = ledger.to_dict()
    assert doc["urls_total"] == 0 and doc["crawled"] == 2 and doc["complete"] is True


def test_limits_and_unreachable_seeds_make_coverage_incomplete() -> None:
    for reason in ("max_pages", "depth", "trap", "too_long"):
        ledger = CoverageLedger()
        ledger.fetched_page("https://x.example/")
        ledger.skip("https://x.example/b", reason, "https://x.example/")  # type: ignore[arg-type]
        assert ledger.to_dict()["complete"] is False, reason
    ledger = CoverageLedger()
    ledger.seeds_failed["https://x.example/"] = "connection refused"
    assert ledger.to_dict()["complete"] is False
    assert CoverageLedger().to_dict()["complete"] is False  # nothing crawled is not complete


def test_an_off_site_redirect_is_recorded_under_its_target() -> None:
    ledger = CoverageLedger()
    ledger.fetched_page("https://x.example/")
    off_site_redirect(ledger, "https://x.example/go", "https://other.example/", None)
    [entry] = ledger.to_dict()["urls"]
    assert entry == {"url": "https://other.example/", "reason": "off_site",
                     "referrer": "https://x.example/go",
                     "detail": "redirect from https://x.example/go"}  # fmt: skip


def test_a_huge_sitemap_is_counted_past_its_budget_not_read() -> None:
    ledger, budget = CoverageLedger(), SitemapBudget(limit=3)
    taken = [budget.take(ledger, f"https://x.example/{i}") for i in range(1_000_000)]
    assert sum(taken) == 3
    doc = ledger.to_dict()
    assert doc["not_crawled"]["max_pages"] == 999_997 and "sitemap_urls" in doc["limits"]
    assert doc["complete"] is False and doc["urls"] == []
