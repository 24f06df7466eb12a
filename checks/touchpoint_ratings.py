"""touchpoint.rating and touchpoint.rating_drop: app listings' ratings against the brand's
satisfaction target and against the last audit.

What it finds: a listing whose average rating is below the guideline's `apps.min_rating`
(warning), and a listing whose rating fell by 0.2 or more since the previous audit of the
same guideline (info; the pipeline passes the previous audit's `ratings`).
Why it matters: brand plans set a customer-satisfaction target (often 4.5 of 5); the store
rating is the public, continuous measure of it, and a sudden drop is early news of a bad
release or a support problem.
Never a finding: a listing with no rating (too few ratings, or a wall hid it: that is
`touchpoint.partial`), or a change smaller than 0.2.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import Finding, Location, Severity
from brandaudit.checks.registry import Rule, check
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact
from brandaudit.crawler.touchpoints.store import load_profiles

DROP = 0.2  # the threshold: a fall of 0.2 stars or more is news
RATING = Rule(
    "touchpoint.rating",
    Severity.WARNING,
    "App listings are rated at or above the brand's target",
    "The store rating is the public measure of customer satisfaction the brand plan targets.",
    "Read the recent reviews, fix what they name, and answer them in the store.",
)
RATING_DROP = Rule(
    "touchpoint.rating_drop",
    Severity.INFO,
    "App ratings hold since the last audit",
    "A sudden fall in rating is early news of a bad release or a support problem.",
    "Read the reviews posted since the last audit for what changed.",
)


def ratings(profiles: Iterable[ProfileArtifact]) -> list[dict[str, Any]]:
    """The report's `ratings`: one entry per app listing read, rated or not."""
    return [
        {
            "platform": p.platform,
            "url": p.url,
            "name": p.display_name,
            "rating": p.rating,
            "rating_count": p.rating_count,
        }
        for p in profiles
        if p.kind == "app" and not p.removed
    ]


def _finding(rule: Rule, p: ProfileArtifact, message: str, evidence: dict) -> Finding:
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        url=p.url,
        touchpoint=p.platform,
        message=message,
        location=Location(snippet=f"{p.display_name or p.url}: {p.rating}"),
        evidence={"aspect": "rating", **evidence},
        suggestion=rule.fix,
        identity=f"{rule.id} {p.url}",
    )


@check(RATING, RATING_DROP)
def run(result: CrawlResult, guideline: Guideline) -> Iterator[Finding]:
    floor = guideline.apps.min_rating
    if floor is None:
        return
    for p in load_profiles(result.run_dir):
        if p.kind == "app" and p.rating is not None and p.rating < floor:
            count = f" from {p.rating_count} ratings" if p.rating_count else ""
            yield _finding(
                RATING,
                p,
                f"{p.platform.replace('_', ' ')} rates '{p.display_name}' {p.rating:g}{count};"
                f" the guideline's target is {floor:g}.",
                {
                    "found": f"{p.rating:g}",
                    "expected": f"{floor:g}",
                    "rating": p.rating,
                    "target": floor,
                    "rating_count": p.rating_count,
                },
            )


def rating_drops(
    result: CrawlResult, previous: Iterable[Mapping[str, Any]], since: str | None = None
) -> list[Finding]:
    """Info findings for listings whose rating fell by DROP or more from `previous` (the
    last audit's `ratings`)."""
    before = {r["url"]: r.get("rating") for r in previous if r.get("rating") is not None}
    drops = []
    for p in load_profiles(result.run_dir):
        old = before.get(p.url)
        if p.kind != "app" or p.rating is None or old is None:
            continue
        if round(old - p.rating, 2) >= DROP:
            when = f" (audit of {since})" if since else ""
            drops.append(
                _finding(
                    RATING_DROP,
                    p,
                    f"{p.platform.replace('_', ' ')} rating of '{p.display_name}' fell from"
                    f" {old:g} to {p.rating:g} since the last audit{when}.",
                    {
                        "found": f"{p.rating:g}",
                        "expected": f"{old:g}",
                        "rating": p.rating,
                        "previous": old,
                        "rating_count": p.rating_count,
                    },
                )
            )
    return drops
