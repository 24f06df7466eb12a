"""report.json `incremental`: every way a page reached the audit is counted, and the terminal
line says pages that were audited from the cache without any request."""

from __future__ import annotations

from brandaudit.checks.reuse import ReuseCounts
from brandaudit.incremental import incremental_line, incremental_summary


def test_fresh_revalidated_changed_and_new_answers_are_counted_apart() -> None:
    stats = {
        "brandaudit/cache_unchanged_pages": 7,
        "brandaudit/cache_changed_pages": 2,
        "brandaudit/cache_fresh_pages": 5,
        "brandaudit/cache_fresh_other": 3,
        "httpcache/revalidate": 9,  # 7 pages + 2 images answered 304
        "httpcache/firsthand": 4,
    }
    summary = incremental_summary(stats, ReuseCounts(reused=12, checked=2))
    assert summary == {
        "pages_unchanged": 7,
        "pages_changed": 2,
        "other_unchanged": 2,
        "pages_fresh": 5,
        "other_fresh": 3,
        "first_fetched": 4,
        "pages_findings_reused": 12,
        "pages_rechecked": 2,
        "crawl_replayed": False,
    }
    line = incremental_line(summary)
    assert line is not None and "5 still fresh (no request)" in line
    assert incremental_line(None) is None
