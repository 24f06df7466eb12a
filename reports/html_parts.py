"""Split a large report's finding cards into part files that a browser opens quickly.

One report.html with 10,000 finding cards is 11 MB and unusable; editors look for their own
pages. Up to `SINGLE_FILE_LIMIT` findings everything stays in report.html. Beyond it,
report.html keeps the summary, the by-rule table and a table of pages, and the cards go to
`report-part-001.html`, … beside it, whole pages at a time, about `PART_SIZE` cards each.
A page shows at most `PAGE_CARDS` cards; the rest are counted, and named in report.json.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from brandaudit.reports.finding_store import FindingRows

SINGLE_FILE_LIMIT = 500
PART_SIZE = 250
PAGE_CARDS = 500  # cards of one page in a part file; "N more" beyond
PART_GLOB = "report-part-*.html"  # every file `part_file` names


@dataclass
class PageRow:
    """A page's line in report.html's table, pointing into its part file."""

    url: str
    index: int  # the page's anchor number within its part file
    counts: Counter[str]


@dataclass
class Part:
    """Consecutive pages of findings: their URLs and counts only; the cards are read from
    the findings (on disk for an audit) when the part file is written."""

    number: int
    page_counts: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    size: int = 0  # findings

    @property
    def file(self) -> str:
        return part_file(self.number)

    @property
    def previous(self) -> str:
        return part_file(self.number - 1)

    @property
    def next(self) -> str:
        return part_file(self.number + 1)

    @property
    def pages(self) -> int:
        return len(self.page_counts)

    @property
    def urls(self) -> list[str]:
        return [url for url, _counts in self.page_counts]

    @property
    def rows(self) -> list[PageRow]:
        return [
            PageRow(url, index, Counter(counts))
            for index, (url, counts) in enumerate(self.page_counts, start=1)
        ]


def part_file(number: int) -> str:
    return f"report-part-{number:03d}.html"


def by_page(findings: Iterable[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Findings grouped by page URL, pages in order of their first finding."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        groups.setdefault(finding["url"], []).append(finding)
    return list(groups.items())


def page_counts(findings: Sequence[dict[str, Any]]) -> Iterable[tuple[str, dict[str, int]]]:
    """(page url, findings per severity), pages in order of their first finding; a query
    for findings on disk."""
    if isinstance(findings, FindingRows):
        return findings.page_counts()
    counts: dict[str, Counter[str]] = {}
    for finding in findings:
        counts.setdefault(finding["url"], Counter())[finding["severity"]] += 1
    return ((url, dict(page)) for url, page in counts.items())


def findings_on(findings: Sequence[dict[str, Any]], urls: list[str]) -> Iterable[dict[str, Any]]:
    """The findings of these pages, in report order."""
    if isinstance(findings, FindingRows):
        return findings.on_pages(urls)
    wanted = set(urls)
    return (finding for finding in findings if finding["url"] in wanted)


def split(findings: Sequence[dict[str, Any]]) -> list[Part]:
    """No parts when the findings fit in one file; otherwise whole pages packed in order."""
    if len(findings) <= SINGLE_FILE_LIMIT:
        return []
    parts = [Part(1)]
    for url, counts in page_counts(findings):
        found = sum(counts.values())
        if parts[-1].size and parts[-1].size + found > PART_SIZE:
            parts.append(Part(len(parts) + 1))
        parts[-1].page_counts.append((url, counts))
        parts[-1].size += found
    return parts


def file_of_page(parts: list[Part]) -> dict[str, str]:
    """Page URL -> the part file that shows its cards (a page is never split)."""
    return {url: part.file for part in parts for url, _counts in part.page_counts}
