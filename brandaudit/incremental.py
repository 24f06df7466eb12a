"""What a re-audit reused, for the report: the HTTP cache's answers and the findings cache.

`report.json` gets an `incremental` key (absent with `--no-cache`): pages and images
revalidated unchanged (a `304 Not Modified`: counted as crawled, the stored copy audited),
still fresh by the site's own Cache-Control / Expires (audited from the cache without a
request), changed since the last audit, fetched for the first time, and pages whose findings were
reused versus checked; `crawl_replayed` when every answer the last crawl used was unchanged, so
its output was restored instead of crawling again (crawler/cache_replay.py).
"""

from __future__ import annotations

from typing import Any

from brandaudit.checks.reuse import ReuseCounts


def incremental_summary(stats: dict[str, Any], counts: ReuseCounts) -> dict[str, Any]:
    unchanged = stats.get("brandaudit/cache_unchanged_pages", 0)
    changed = stats.get("brandaudit/cache_changed_pages", 0)
    revalidated = stats.get("httpcache/revalidate", 0)
    return {
        "pages_unchanged": unchanged,  # answered 304: the stored copy was audited
        "pages_changed": changed,  # revalidated and found different: fetched again
        "other_unchanged": max(0, revalidated - unchanged),  # images, robots.txt, sitemaps
        "pages_fresh": stats.get("brandaudit/cache_fresh_pages", 0),  # no request: max-age
        "other_fresh": stats.get("brandaudit/cache_fresh_other", 0),
        "first_fetched": stats.get("httpcache/firsthand", 0),
        "pages_findings_reused": counts.reused,
        "pages_rechecked": counts.checked,
        "crawl_replayed": bool(stats.get("brandaudit/crawl_replayed")),
    }


def incremental_line(summary: dict[str, Any] | None) -> str | None:
    """One line for the terminal, or None when nothing was cached."""
    if not summary:
        return None
    return (
        f"Re-audit: {summary['pages_unchanged']} pages unchanged (304), "
        f"{summary.get('pages_fresh', 0)} still fresh (no request), "
        f"{summary['pages_changed']} changed; findings reused for "
        f"{summary['pages_findings_reused']} pages, {summary['pages_rechecked']} checked."
        + (
            " Nothing changed: the last crawl was replayed."
            if summary.get("crawl_replayed")
            else ""
        )
    )
