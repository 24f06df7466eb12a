"""App ratings over time: the report's `ratings`, their drop since the last audit, and
their trend across the history store.

The store keeps every audit's whole report, so the ratings recorded in report.json are the
history: the previous audit of the same guideline gives the drop, the last 30 give the trend.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from brandaudit.checks.finding import Finding
from brandaudit.checks.touchpoint_ratings import rating_drops, ratings
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.crawler.touchpoints.store import load_profiles
from brandaudit.history import HistoryStore

TREND_AUDITS = 30


def current_ratings(result: CrawlResult) -> list[dict[str, Any]]:
    return ratings(load_profiles(result.run_dir))


def drops_since_last(
    store: HistoryStore | None, guideline: str, result: CrawlResult
) -> list[Finding]:
    """`touchpoint.rating_drop` findings against the last recorded audit of `guideline`."""
    last = store.list(limit=1, guideline=guideline) if store else []
    if not last:
        return []
    previous = store.load(last[0].id, findings=False)  # type: ignore[union-attr]
    return rating_drops(result, previous.get("ratings") or [], last[0].started)


def rating_trend(
    store: HistoryStore, guideline: str, document: dict[str, Any]
) -> list[dict[str, Any]]:
    """Per listing, its rating at each of the recent audits (oldest first), this one last."""
    audits = list(reversed(store.list(limit=TREND_AUDITS, guideline=guideline)))
    series: dict[str, dict[str, Any]] = {}
    # one recorded audit at a time, without its findings: only its ratings are read
    docs = chain((store.load(a.id, findings=False) for a in audits), [document])
    for doc in docs:
        started = (doc.get("audit") or {}).get("started")
        for entry in doc.get("ratings") or []:
            line = series.setdefault(
                entry["url"],
                {"platform": entry.get("platform"), "url": entry["url"], "points": []},
            )
            line["name"] = entry.get("name")
            line["points"].append(
                {"started": started, "rating": entry.get("rating"),
                 "rating_count": entry.get("rating_count")}
            )  # fmt: skip
    return list(series.values())
