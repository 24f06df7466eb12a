"""The report's `coverage` (CONTRACT §5) and the words every format uses to tell it.

Built from what the crawl left in `coverage.json` (crawler/coverage.py); the URL list is
capped here, `urls_total` keeps the full count. A crawl saved before coverage was recorded
(`check --from` an old run) says so instead of claiming completeness.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from brandaudit.crawler.coverage import LIMIT_REASONS, REASONS, WIDENING_OPTION
from brandaudit.crawler.run_store import CrawlResult

REPORTED_PER_REASON = 500  # URLs per reason in report.json; report.html shows SAMPLE_URLS
SAMPLE_URLS = 5


def coverage_of(result: CrawlResult, findings: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """report.json's coverage; pages whose logo sizes were read from markup only (CSS not
    applied) are listed under `layout_not_checked`."""
    unlaid = sorted({f["url"] for f in findings if f["evidence"].get("layout") == "markup"})
    return {**_crawl_coverage(result), "layout_not_checked": unlaid}


def _crawl_coverage(result: CrawlResult) -> dict[str, Any]:
    raw = result.coverage
    if raw is None:
        return {
            "complete": False,
            "crawled": len(result.pages),
            "not_crawled": dict.fromkeys(REASONS, 0),
            "urls": [],
            "urls_total": 0,
            "note": "saved before coverage was recorded: what it left out is unknown",
        }
    urls = sorted(raw["urls"], key=lambda u: (REASONS.index(u["reason"]), u["url"]))
    kept: list[dict[str, Any]] = []
    for reason in REASONS:  # each reason keeps its examples, however many another has
        kept += [u for u in urls if u["reason"] == reason][:REPORTED_PER_REASON]
    return {**raw, "urls": kept}


def widening_option(reason: str) -> str:
    return WIDENING_OPTION.get(reason, "")


def is_limit(reason: str) -> bool:
    return reason in LIMIT_REASONS


def samples(coverage: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """A few URLs per reason, for report.html."""
    by_reason: dict[str, list[dict[str, Any]]] = {}
    for entry in coverage.get("urls", []):
        listed = by_reason.setdefault(entry["reason"], [])
        if len(listed) < SAMPLE_URLS:
            listed.append(entry)
    return by_reason


def coverage_line(coverage: dict[str, Any] | None) -> str:
    """One sentence: complete or partial, pages crawled, what was left out and why."""
    if not coverage:
        return "Coverage: unknown."
    state = "complete" if coverage["complete"] else "PARTIAL"
    left = ", ".join(
        f"{count} {reason}" for reason, count in coverage["not_crawled"].items() if count
    )
    line = f"Coverage: {state}, {coverage['crawled']} pages crawled"
    line += f"; not crawled: {left}" if left else "; nothing left out"
    cut = [r for r, n in coverage["not_crawled"].items() if n and is_limit(r)]
    if cut:
        line += " (" + "; ".join(f"{r}: {widening_option(r)}" for r in cut) + ")"
    for limit, what in coverage.get("limits", {}).items():
        line += f"; {limit}: {what}"
    for seed in coverage.get("seeds_failed", []):
        line += f"; NOT AUDITED: {seed['url']} ({seed['reason']})"
    return line + "."
