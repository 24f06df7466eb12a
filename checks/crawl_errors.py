"""`crawl.error`: every page or image that could not be fetched becomes a finding.

What it finds: each crawl error the crawler recorded (HTTP error, timeout, refused or
unreadable response), filed on the page that links to the URL (where the link is fixed),
or on the URL itself for a seed.
Why it matters: a page the crawler could not read is a page nobody checked. Dropping it
silently would make an audit look cleaner than the site is.
Never a finding: URLs the audit chose not to fetch (out of scope, excluded, beyond the
page or depth limit, linked pages robots.txt disallows): those are the report's coverage,
not errors. A seed that robots.txt disallows is one: the user asked for it.
"""

from __future__ import annotations

from collections.abc import Iterator

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import Finding, Location, Severity
from brandaudit.checks.registry import Rule, check
from brandaudit.crawler.run_store import CrawlResult

CRAWL_ERROR = Rule(
    id="crawl.error",
    severity=Severity.WARNING,
    title="Every page and image could be fetched and read",
    why="A page or image that could not be fetched was not audited; its problems stay unseen.",
    fix="Fix the broken link or the server error, or exclude the URL from the audit.",
)


@check(CRAWL_ERROR)
def run(result: CrawlResult, guideline: Guideline) -> Iterator[Finding]:
    for error in result.errors:
        status = f"HTTP {error.status}: " if error.status else ""
        if error.reason.startswith("HTTP "):
            status = ""  # the reason already says it
        what = "Page" if error.kind == "page" else "Image"
        # A broken link or image is fixed on the page that refers to it: file it there.
        url = error.referrer or error.url
        yield Finding(
            rule=CRAWL_ERROR.id,
            severity=CRAWL_ERROR.severity,
            url=url,
            touchpoint=error.touchpoint,
            message=f"{what} {error.url} could not be fetched or read ({status}{error.reason}).",
            location=Location(snippet=error.url),
            evidence={
                "kind": error.kind,
                "target_url": error.url,
                "status": error.status,
                "reason": error.reason,
                "referrer": error.referrer,
            },
            suggestion=(
                f"Fix or remove the link to {error.url}."
                if error.referrer
                else f"Make {error.url} reachable, or remove it from the audit's seeds."
            ),
            identity=f"{error.kind} {error.url}",
        )
