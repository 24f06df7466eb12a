"""Findings on documents say where on the page: `location.page` (1-based) and `location.box`.

Checks report a document's text and pictures by selector, as on any page (`page[2] > line[5]`,
`page[2] > image[1]`, `page[2]` for the rendered page); this pass, run once over all findings,
turns those selectors into the page number and the line's box kept by the PDF reader (points
from the page's top-left corner), so no check needs to know about documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from brandaudit.checks.finding import Finding
from brandaudit.crawler.artifacts import PageArtifact
from brandaudit.crawler.documents.budget import DOCUMENT
from brandaudit.crawler.page_store import pages_where
from brandaudit.crawler.run_store import CrawlResult

_PAGE = re.compile(r"page\[(\d+)\]")


def document_pages(result: CrawlResult) -> dict[str, PageArtifact]:
    """The crawl's documents (PDFs, scans, photos) by URL: a few pages of any site."""
    return pages_where(result.pages, DOCUMENT)


def place_in_documents(
    findings: Iterable[Finding],
    result: CrawlResult,
    documents: dict[str, PageArtifact] | None = None,
) -> list[Finding]:
    """Findings with document places; only findings on documents change, so a caller may
    pass just those (with `documents`, the result of `document_pages`)."""
    documents = document_pages(result) if documents is None else documents
    placed = []
    for finding in findings:
        page = documents.get(finding.url)
        match = _PAGE.match(finding.location.selector or "") if page else None
        if page is None or match is None:
            placed.append(finding)
            continue
        location = replace(finding.location, page=int(match.group(1)))
        rect = page.rects.get(finding.location.selector or "")
        if location.box is None and rect is not None:
            location = replace(
                location,
                box=(round(rect.x), round(rect.y), round(rect.width), round(rect.height)),
            )
        placed.append(replace(finding, location=location))
    return _one_logo_per_place(placed)


def _one_logo_per_place(findings: list[Finding]) -> list[Finding]:
    """A logo printed as a picture is seen twice: in the picture and in the page's rendering.
    The picture's finding stands for both; the rendering's alone catches vector logos."""
    pictured = {
        (f.rule, f.url, f.location.page, str(f.evidence.get("expected")))
        for f in findings
        if f.rule.startswith("logo.") and "> image[" in (f.location.selector or "")
    }
    return [
        f
        for f in findings
        if not (
            f.rule.startswith("logo.")
            and f.location.page is not None
            and _PAGE.fullmatch(f.location.selector or "")
            and (f.rule, f.url, f.location.page, str(f.evidence.get("expected"))) in pictured
        )
    ]
