"""A Markdown summary sized for a pull-request comment.

Counts per severity, a score per touchpoint, the new/fixed counts against a baseline when
the document carries a comparison, and the most severe findings; the full detail stays in
report.html (linked by relative path). Crawled text is untrusted: every value is escaped
so a page cannot inject links, images or table cells into the comment.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from typing import Any

from brandaudit.reports.coverage import coverage_line

TOP_FINDINGS = 10
MAX_CELL = 80
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_ICON = {"error": "🔴", "warning": "🟠", "info": "🔵"}

# Characters that carry meaning inside a GitHub-flavoured Markdown table cell (line-start
# syntax cannot occur there), plus @ so crawled text never mentions a GitHub user.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~&@#])")
_SPACE = re.compile(r"\s+")


def escape(text: Any, limit: int = MAX_CELL) -> str:
    """One line of literal text: whitespace collapsed, shortened, Markdown defused."""
    flat = _SPACE.sub(" ", str(text)).strip()
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _found_expected(finding: dict[str, Any]) -> str:
    evidence = finding["evidence"]
    found = evidence.get("found")
    if found is None and evidence.get("image_url"):
        found = str(evidence["image_url"]).rstrip("/").rsplit("/", 1)[-1]  # the file name
    expected = evidence.get("expected")
    if found is None and expected is None:
        return escape(finding["message"])
    return f"{escape(found or '', 40)} → {escape(expected or '', 40)}"


def _comparison(comparison: dict[str, Any]) -> list[str]:
    new, fixed = len(comparison.get("new", ())), len(comparison.get("fixed", ()))
    baseline = escape(comparison.get("baseline", "the baseline"), 120)
    return [f"Against {baseline}: **{new} new**, **{fixed} fixed**.", ""]


def render(document: dict[str, Any], html_link: str = "report.html") -> str:
    summary = document["summary"]
    counts = summary["findings"]
    total = sum(counts.values())
    lines = [
        "## Brand audit",
        "",
        f"{summary['pages']} pages and {summary['images']} images checked against "
        f"`{escape(document['audit']['guideline'], 120)}`: **{total} findings** "
        f"({counts['error']} errors, {counts['warning']} warnings, {counts['info']} info).",
        "",
    ]
    if "coverage" in document:
        lines += [escape(coverage_line(document["coverage"]), 2_000), ""]
    if "comparison" in document:
        lines += _comparison(document["comparison"])
    if summary["touchpoints"]:
        lines += _table(
            ("Touchpoint", "Kind", "Pages", "Score"),
            (
                (escape(t["url"]), escape(t["kind"]), str(t["pages"]), f"{t['score']:.1f}")
                for t in summary["touchpoints"]
            ),
        )
        lines.append("")
    ranked = heapq.nsmallest(  # the top few only: the findings may be many, on disk
        TOP_FINDINGS,
        enumerate(document["findings"]),
        key=lambda item: (SEVERITY_ORDER.get(item[1]["severity"], 3), item[0]),
    )
    top = [finding for _, finding in ranked]
    if top:
        heading = "Top findings" if total > len(top) else "Findings"
        lines += [f"### {heading}", ""]
        lines += _table(
            ("", "Page", "Rule", "Found → expected"),
            (
                (
                    SEVERITY_ICON.get(f["severity"], ""),
                    escape(f["url"], 100),
                    f"`{f['rule']}`",
                    _found_expected(f),
                )
                for f in top
            ),
        )
        lines.append("")
        if total > len(top):
            lines += [f"…and {total - len(top)} more.", ""]
    lines.append(f"Full report with evidence and fixes: [{html_link}]({html_link})")
    return "\n".join(lines) + "\n"
