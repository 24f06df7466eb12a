"""Findings by rule, with the same finding on many pages folded into one row.

A misspelt name in a shared footer is one mistake shown on every page. Listing it once per
page buries everything else (a 1,500-page site made a by-rule table of 6,000 rows), so each
rule lists distinct issues, each with how many pages show it and a few links to examples.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

EXAMPLES = 3  # pages linked per issue; the others are counted
SHOWN_ISSUES = 200  # per rule; the CSV and JSON reports list every finding


@dataclass
class Issue:
    """One distinct finding of a rule and the places that show it."""

    severity: str
    message: str
    found: str | None
    expected: str | None
    suggestion: str
    selector: str | None  # the element, when every occurrence names the same one
    urls: list[str] = field(default_factory=list)
    examples: list[tuple[str, str]] = field(default_factory=list)  # (page url, link)

    @property
    def pages(self) -> int:
        return len(set(self.urls))

    @property
    def more(self) -> int:
        return max(0, len(self.urls) - len(self.examples))


def _found(view: dict[str, Any]) -> str | None:
    """What was found: the image's URL for a logo finding, else the offending text."""
    return view["image"]["url"] if view.get("image") else view.get("found")


def _key(view: dict[str, Any]) -> tuple:
    found = _found(view)
    expected = view.get("expected")
    # Without a found/expected pair the message itself is what recurs (e.g. crawl errors).
    message = None if found or expected else view["message"]
    return (view["severity"], str(found), str(expected), message, view.get("suggestion") or "")


def issues_by_rule(
    views: Iterable[dict[str, Any]], href: Callable[[dict[str, Any]], str]
) -> list[tuple[str, int, list[Issue]]]:
    """(rule id, finding count, issues) per rule, rules sorted, issues most widespread first."""
    rules: dict[str, dict[tuple, Issue]] = {}
    counts: dict[str, int] = {}
    for view in views:
        counts[view["rule"]] = counts.get(view["rule"], 0) + 1
        issues = rules.setdefault(view["rule"], {})
        selector = view["location"].get("selector")
        key = _key(view)
        if key not in issues:
            issues[key] = Issue(
                severity=view["severity"],
                message=view["message"],
                found=_found(view),
                expected=view.get("expected"),
                suggestion=view.get("suggestion") or "",
                selector=selector,
            )
        issue = issues[key]
        if issue.selector != selector:
            issue.selector = None
        issue.urls.append(sys.intern(view["url"]))  # one string a page, however many findings
        if len(issue.examples) < EXAMPLES:
            issue.examples.append((view["url"], href(view)))
    return [
        (rule, counts[rule], sorted(issues.values(), key=lambda issue: -len(issue.urls)))
        for rule, issues in sorted(rules.items())
    ]


def shown(issues: list[Issue]) -> tuple[list[Issue], int]:
    """The issues a report page lists, and how many distinct others it leaves to the CSV."""
    return issues[:SHOWN_ISSUES], max(0, len(issues) - SHOWN_ISSUES)
