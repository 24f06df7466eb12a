"""Filtering an audit's findings by severity, rule, touchpoint, triage status and text."""

from __future__ import annotations

from typing import Any

UNTRIAGED = "untriaged"


def _status(finding: dict[str, Any]) -> str:
    return (finding.get("decision") or {}).get("status", UNTRIAGED)


def finding_facets(findings: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The values each filter can take in this audit, sorted."""
    return {
        "severity": [s for s in ("error", "warning", "info")
                     if any(f.get("severity") == s for f in findings)],
        "rule": sorted({str(f.get("rule")) for f in findings}),
        "touchpoint": sorted({str(f.get("touchpoint")) for f in findings}),
        "status": sorted({_status(f) for f in findings}),
    }  # fmt: skip


def filter_findings(
    findings: list[dict[str, Any]],
    severity: str = "",
    rule: str = "",
    touchpoint: str = "",
    status: str = "",
    q: str = "",
) -> list[dict[str, Any]]:
    """The findings matching every filter given (an empty filter matches all)."""
    needle = q.strip().casefold()
    return [
        f for f in findings
        if (not severity or f.get("severity") == severity)
        and (not rule or f.get("rule") == rule)
        and (not touchpoint or f.get("touchpoint") == touchpoint)
        and (not status or _status(f) == status)
        and (not needle or needle in f"{f.get('message')} {f.get('url')}".casefold())
    ]  # fmt: skip
