"""A template-wide repeat folded into one finding: one fix, every page listed.

"Home | TCPDUMP & LIBPCAP", "Security | TCPDUMP & LIBPCAP", ...: the same wrong text in the
same place of a shared template (a <title> suffix, a meta description, a footer) is one
edit to the template, so it is one finding, on the first page, whose evidence lists every
page (`pages`) and says how many.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from brandaudit.checks.finding import Finding

MIN_PAGES = 3  # the same text in the same place on this many pages is a template


def _place(finding: Finding) -> tuple[str, ...]:
    """Same rule, same wrong text, same element, the same text after it to the snippet's end:
    the same template. ("Nova Bridge helps on page 5" and "... page 6" are two pages' own
    text, not a template: only text that repeats verbatim is one edit.)"""
    location = finding.location
    snippet = location.snippet or ""
    after = snippet[snippet.find(str(finding.evidence.get("found", ""))) :]
    return (
        finding.rule,
        str(finding.evidence.get("found", "")),
        location.selector,
        " ".join(after.split()),
        finding.severity,
    )


def merge(first: Finding, pages: list[str]) -> Finding:
    """The group's one finding: its first occurrence, naming every page (sorted)."""
    return replace(
        first,
        message=f"{first.message} The same text is on {len(pages)} pages (a shared "
        "template: fix it once).",
        evidence={**first.evidence, "pages": pages, "page_count": len(pages)},
    )


def fold_template_repeats(findings: Iterable[Finding]) -> list[Finding]:
    groups: dict[tuple[str, ...], list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[_place(finding)].append(finding)
    folded: list[Finding] = []
    for group in groups.values():
        pages = sorted({f.url for f in group})
        if len(pages) < MIN_PAGES:
            folded.extend(group)
            continue
        folded.append(merge(min(group, key=lambda f: (f.url, f.location.start or 0)), pages))
    return folded


# The same fold as queries over the findings spool (reports/finding_store.py): group by
# `place`, groups on `min_pages` pages or more become `merge(first, pages)`.
fold_template_repeats.place = _place  # type: ignore[attr-defined]
fold_template_repeats.merge = merge  # type: ignore[attr-defined]
fold_template_repeats.min_pages = MIN_PAGES  # type: ignore[attr-defined]
