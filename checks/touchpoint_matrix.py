"""The cross-touchpoint matrix: one row per touchpoint, one column per brand element.

Rows are the websites, then each social profile, then each app listing, then each
document; columns are name, logo, slogan/bio, link and facts. A cell is "inconsistent"
when a finding falls in it, "consistent" when the element was read and nothing fired, and
"n/a" when there was nothing to judge (no bio shown, a login wall, a removed profile, a
website has no link back).
The report puts this list in report.json as `touchpoints_matrix`; the HTML report draws it
with reports/templates/_matrix.html.j2.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.document_matrix import document_rows
from brandaudit.checks.matrix_cells import COLUMNS, WEBSITE_RULES, cell, finding_fields
from brandaudit.checks.touchpoint_logos import judged_images
from brandaudit.crawler.page_store import page_summaries
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact
from brandaudit.crawler.touchpoints.store import load_profiles


def touchpoint_matrix(
    result: CrawlResult, guideline: Guideline, findings: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Rows of {touchpoint, kind, url, label, coverage, notes, cells, findings}; each cell
    is {"state": "consistent" | "inconsistent" | "n/a", "findings": [finding ids]}."""
    if not isinstance(findings, Sequence):  # read several times; rows on disk stay there
        findings = list(findings)
    rows = [
        _website_row(root, result, finding_fields(findings, *_READ))
        for root in _website_roots(result, guideline)
    ]
    profiles = load_profiles(result.run_dir)
    for kind in ("social", "app"):
        rows.extend(_profile_row(p, result, findings) for p in profiles if p.kind == kind)
    return rows + document_rows(result, findings)


_READ = ("touchpoint", "url", "rule", "id")  # what website and document rows read of a finding


def _root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else url


def _website_roots(result: CrawlResult, guideline: Guideline) -> list[str]:
    roots = [_root(p.url) for p in page_summaries(result.pages) if p.touchpoint == "website"]
    roots += [_root(u) for u in guideline.touchpoints.websites]
    return list(dict.fromkeys(roots))


_cell = cell


def _website_row(root: str, result: CrawlResult, findings: Iterable[Mapping[str, Any]]) -> dict:
    by_column: dict[str, list[str]] = {column: [] for column in COLUMNS}
    for finding in findings:
        if finding.get("touchpoint") != "website" or _root(str(finding.get("url"))) != root:
            continue
        rule = str(finding.get("rule", ""))
        column = next((c for prefix, c in WEBSITE_RULES if rule.startswith(prefix)), None)
        if column:
            by_column[column].append(str(finding.get("id", "")))
    crawled = any(
        p.status < 400
        for p in page_summaries(result.pages)
        if p.touchpoint == "website" and _root(p.url) == root
    )
    return {
        "touchpoint": "website",
        "kind": "website",
        "url": root,
        "label": urlsplit(root).netloc or root,
        "coverage": "full" if crawled else "none",
        "notes": [] if crawled else ["no page of this website was crawled"],
        "cells": {c: _cell(crawled and c != "link", by_column[c]) for c in COLUMNS},
        "findings": [],
    }


def _profile_row(
    profile: ProfileArtifact, result: CrawlResult, findings: list[Mapping[str, Any]]
) -> dict:
    by_column: dict[str, list[str]] = {column: [] for column in COLUMNS}
    row_level: list[str] = []
    for finding in findings:
        rule = str(finding.get("rule", ""))
        if finding.get("url") != profile.url or not rule.startswith("touchpoint."):
            continue
        aspect = (finding.get("evidence") or {}).get("aspect")
        by_column.get(aspect, row_level).append(str(finding.get("id")))
    readable = profile.coverage != "none" and not profile.removed
    applicable = {
        "name": bool(profile.display_name or profile.developer),
        "logo": bool(judged_images(result, profile)),
        "bio": bool(profile.bio),
        "link": bool(profile.website_link),
        "facts": bool(profile.bio),
    }
    handle = (
        f" @{profile.handle.lstrip('@')}" if profile.handle and profile.kind == "social" else ""
    )
    name = profile.display_name if profile.kind == "app" and profile.display_name else ""
    return {
        "touchpoint": profile.platform,
        "kind": profile.kind,
        "url": profile.url,
        "label": f"{profile.platform.replace('_', ' ')}{handle}{f' · {name}' if name else ''}",
        "coverage": "none" if profile.removed else profile.coverage,
        "notes": list(profile.coverage_notes),
        "cells": {c: _cell(readable and applicable[c], by_column[c]) for c in COLUMNS},
        "findings": row_level,
        **(
            {"rating": profile.rating, "rating_count": profile.rating_count}
            if profile.kind == "app"
            else {}
        ),
    }
