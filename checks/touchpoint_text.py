"""Profile names and bios judged by the website's own text checks.

Rather than a second copy of brand-name, slogan, term and fact matching, each profile
becomes a one-page pseudo crawl (its display name and bio as text blocks) handed to every
registered `text.*` and `fact.*` check; their findings come back re-labelled as
`touchpoint.name` / `touchpoint.bio`. A better slogan matcher on the website is thus a
better one on every profile too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import Finding
from brandaudit.checks.registry import CHECKS, load_all_checks
from brandaudit.crawler.artifacts import PageArtifact, TextBlock
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact

NAME_SELECTOR = "profile-name"  # pseudo selectors: where in the profile the text sits
BIO_SELECTOR = "profile-bio"
DELEGATED_PREFIXES = ("text.", "fact.")


def text_checks() -> list:
    """The registered checks that read text: any with a text.* or fact.* rule."""
    load_all_checks()
    return [
        check_
        for name, check_ in sorted(CHECKS.items())
        if name != "touchpoints" and any(r.id.startswith(DELEGATED_PREFIXES) for r in check_.rules)
    ]


def profile_pages(result: CrawlResult, profiles: Iterable[ProfileArtifact]) -> CrawlResult:
    """A pseudo crawl: one page per readable profile, its name and bio as text blocks."""
    pages = []
    for profile in profiles:
        blocks = []
        if profile.display_name:
            blocks.append(TextBlock(profile.display_name, NAME_SELECTOR, "text"))
        if profile.bio:
            blocks.append(TextBlock(profile.bio, BIO_SELECTOR, "text"))
        if blocks:
            pages.append(
                PageArtifact(
                    url=profile.url,
                    status=profile.status or 200,
                    title="",
                    touchpoint=profile.platform,
                    text_blocks=tuple(blocks),
                )
            )
    return CrawlResult(run_dir=result.run_dir, pages=pages, meta=result.meta)


def delegated_findings(
    result: CrawlResult, guideline: Guideline, profiles: Iterable[ProfileArtifact]
) -> Iterator[tuple[Finding, str]]:
    """(finding of a text check on a profile, which profile field: 'name' or 'bio')."""
    pseudo = profile_pages(result, profiles)
    if not pseudo.pages:
        return
    findings: list[Finding] = []
    for check_ in text_checks():
        findings.extend(check_.run(pseudo, guideline))
    for finding in findings:
        if finding.rule.startswith(DELEGATED_PREFIXES):
            yield finding, "name" if finding.location.selector == NAME_SELECTOR else "bio"


def relabel(finding: Finding, rule_id: str, aspect: str, field: str) -> Finding:
    """The text check's finding as a touchpoint finding: same message and evidence, plus
    which rule found it (`evidence.via`) and which matrix column it belongs to."""
    evidence = {**finding.evidence, "via": finding.rule, "aspect": aspect, "field": field}
    location = replace(finding.location, selector=f"profile > {field}")
    return replace(
        finding,
        rule=rule_id,
        location=location,
        evidence=evidence,
        identity=f"{finding.rule}|{finding.identity}",
    )
