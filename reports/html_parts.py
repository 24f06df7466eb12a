"""Split a large report's finding cards into part files that a browser opens quickly.

One report.html with 10,000 finding cards is 11 MB and unusable; editors look for their own
pages. Up to `SINGLE_FILE_LIMIT` findings everything stays in report.html. Beyond it,
report.html keeps the summary, the by-rule table and a table of pages, and the cards go to
`report-part-001.html`, … beside it, whole pages at a time, about `PART_SIZE` cards each.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

SINGLE_FILE_LIMIT = 500
PART_SIZE = 250
PART_GLOB = "report-part-*.html"  # every file `part_file` names


@dataclass
class PageRow:
    """A page's line in report.html's table, pointing into its part file."""

    url: str
    index: int  # the page's anchor number within its part file
    counts: Counter[str]


@dataclass
class Part:
    number: int
    pages_findings: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)

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
    def size(self) -> int:
        return sum(len(findings) for _url, findings in self.pages_findings)

    @property
    def pages(self) -> int:
        return len(self.pages_findings)

    @property
    def rows(self) -> list[PageRow]:
        return [
            PageRow(url, index, Counter(f["severity"] for f in findings))
            for index, (url, findings) in enumerate(self.pages_findings, start=1)
        ]


def part_file(number: int) -> str:
    return f"report-part-{number:03d}.html"


def by_page(findings: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Findings grouped by page URL, pages in order of their first finding."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        groups.setdefault(finding["url"], []).append(finding)
    return list(groups.items())


def split(findings: list[dict[str, Any]]) -> list[Part]:
    """No parts when the findings fit in one file; otherwise whole pages packed in order."""
    if len(findings) <= SINGLE_FILE_LIMIT:
        return []
    parts = [Part(1)]
    for url, page_findings in by_page(findings):
        if parts[-1].size and parts[-1].size + len(page_findings) > PART_SIZE:
            parts.append(Part(len(parts) + 1))
        parts[-1].pages_findings.append((url, page_findings))
    return parts


def location_of(parts: list[Part]) -> dict[str, str]:
    """Finding id → the part file that shows its card."""
    return {
        finding["id"]: part.file
        for part in parts
        for _url, findings in part.pages_findings
        for finding in findings
    }
