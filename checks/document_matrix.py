"""Matrix rows for documents (CONTRACT §5): each PDF, scan or photo is a touchpoint of kind
`document`, judged in the same columns as a website; one that could not be read is a row
with coverage "none" and the reason, never a missing row."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from brandaudit.checks.matrix_cells import COLUMNS, WEBSITE_RULES, cell, finding_fields
from brandaudit.crawler.documents.budget import DOCUMENT
from brandaudit.crawler.page_store import pages_where
from brandaudit.crawler.run_store import CrawlResult


def document_rows(result: CrawlResult, findings: list[Mapping[str, Any]]) -> list[dict]:
    rows = []
    read = pages_where(result.pages, DOCUMENT)
    failed = {
        e.url: e.reason
        for e in result.errors
        if e.touchpoint == DOCUMENT and e.url not in read and "#" not in e.url
    }
    for url in sorted({*read, *failed}):
        by_column: dict[str, list[str]] = {column: [] for column in COLUMNS}
        for finding in finding_fields(findings, "url", "rule", "id"):
            if finding.get("url") != url:
                continue
            rule = str(finding.get("rule", ""))
            column = next((c for prefix, c in WEBSITE_RULES if rule.startswith(prefix)), None)
            if column:
                by_column[column].append(str(finding.get("id", "")))
        page = read.get(url)
        has_text = bool(page and page.text_blocks) or bool(page and page.images)
        rows.append(
            {
                "touchpoint": DOCUMENT,
                "kind": DOCUMENT,
                "url": url,
                "label": PurePosixPath(urlsplit(url).path or url).name or url,
                "coverage": "full" if page else "none",
                "notes": [] if page else [failed[url]],
                "cells": {
                    c: cell(
                        has_text and c != "link" and (c != "logo" or bool(page and page.images)),
                        by_column[c],
                    )
                    for c in COLUMNS
                },
                "findings": [],
            }
        )
    return rows
