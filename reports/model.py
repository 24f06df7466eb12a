"""The report document (CONTRACT §3): one plain dict built from the crawl and the findings.

Every renderer reads this document, never the crawl directly (only the HTML report also
looks up image bytes for thumbnails), so `report.json` and the other formats always agree.
The document may gain fields; it never renames or drops the contract's.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from importlib.metadata import PackageNotFoundError, version
from pathlib import PurePath
from typing import Any

from brandaudit.checks.finding import Finding, Severity
from brandaudit.crawler.page_store import page_summaries
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.reports.coverage import coverage_of
from brandaudit.reports.finding_store import FindingRows, finding_columns
from brandaudit.reports.touchpoints import touchpoint_summaries

SCHEMA_VERSION = 1
TOOL_NAME = "brandaudit"


@dataclass(frozen=True)
class AuditInfo:
    """Facts about the audit run that the crawl and findings do not carry."""

    started: str  # UTC ISO 8601, e.g. "2026-11-23T09:00:00Z"
    finished: str
    guideline: str  # the path as the user gave it
    seeds: tuple[str, ...]
    audit_id: str = ""  # id in the history store, when there is one


def tool_version() -> str:
    """The installed brandaudit version, without importing the application package.

    Dependencies point brandaudit → reports, so this module must not import `brandaudit`;
    when running from a source tree (no installed metadata) the already-imported
    application module is consulted instead.
    """
    try:
        return version(TOOL_NAME)
    except PackageNotFoundError:
        module = sys.modules.get(TOOL_NAME)
        return str(getattr(module, "__version__", "0.0.0"))


_PLAIN = frozenset({str, int, float, bool, type(None)})


def jsonable(value: Any) -> Any:
    """Turn evidence values (tuples, dataclasses, enums, paths) into plain JSON data."""
    kind = type(value)
    if kind in _PLAIN:  # most values: the checks below would return them as they are
        return value
    if kind is dict:
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable(dataclasses.asdict(value))
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [jsonable(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, PurePath):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """One finding as the contract spells it; the location built by hand
    (`dataclasses.asdict` was 4 % of a whole audit's CPU)."""
    location = finding.location
    return {
        "id": finding.id,
        "rule": finding.rule,
        "severity": Severity(finding.severity).value,
        "touchpoint": finding.touchpoint,
        "url": finding.url,
        "message": finding.message,
        "location": {
            "selector": jsonable(location.selector),
            "snippet": jsonable(location.snippet),
            "start": jsonable(location.start),
            "end": jsonable(location.end),
            "source": jsonable(location.source),
            "page": jsonable(location.page),
            "box": jsonable(location.box),
        },
        "evidence": jsonable(finding.evidence),
        "suggestion": finding.suggestion,
    }


def _pages(result: CrawlResult) -> list[dict[str, Any]]:
    """Fetched pages, then pages that failed (with their status when known), by URL."""
    pages = [
        {"url": p.url, "touchpoint": p.touchpoint, "status": p.status, "title": p.title}
        for p in page_summaries(result.pages)
    ]
    fetched = {page["url"] for page in pages}
    failed: dict[str, dict[str, Any]] = {}
    for error in result.errors:
        if error.kind == "page" and error.url not in fetched and error.url not in failed:
            failed[error.url] = {
                "url": error.url,
                "touchpoint": error.touchpoint,
                "status": error.status,
                "title": "",
                "error": error.reason,
            }
    return sorted(pages + list(failed.values()), key=lambda page: page["url"])


def build_report(
    info: AuditInfo,
    result: CrawlResult,
    findings: Sequence[Finding] | Sequence[dict[str, Any]],
    logos: list[dict[str, Any]],
) -> dict[str, Any]:
    """The report.json document. `findings` are already finalised; their order is kept.
    Findings already in the contract's shape (the audit's rows on disk,
    reports/finding_store.py) are kept as they are, not copied into memory."""
    pages = _pages(result)
    finding_dicts: Sequence[dict[str, Any]] = (
        findings  # type: ignore[assignment]
        if not findings or not isinstance(findings[0], Finding)
        else [finding_to_dict(finding) for finding in findings]  # type: ignore[arg-type]
    )
    counts = (
        Counter(finding_dicts.severity_counts())
        if isinstance(finding_dicts, FindingRows)
        else Counter(finding["severity"] for finding in finding_dicts)
    )
    audit: dict[str, Any] = {
        "started": info.started,
        "finished": info.finished,
        "guideline": info.guideline,
        "seeds": list(info.seeds),
    }
    if info.audit_id:
        audit["id"] = info.audit_id
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": tool_version()},
        "audit": audit,
        "summary": {
            "pages": len(pages),
            "pages_failed": sum(1 for page in pages if "error" in page),
            "images": len(result.images),
            "findings": {severity.value: counts.get(severity.value, 0) for severity in Severity},
            "touchpoints": touchpoint_summaries(
                pages, finding_columns(finding_dicts, "touchpoint", "url", "severity"), info.seeds
            ),
        },
        "pages": pages,
        "findings": finding_dicts,
        "logos": jsonable(logos),
        "coverage": coverage_of(result, finding_dicts),
    }
