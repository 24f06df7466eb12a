"""What `audit --json` (and `check`, `demo`) print: the audit's outcome as one JSON object.

For scripts and CI steps that want the counts, the report paths and the exit status without
parsing prose or opening report.json. Extend it; never rename or drop a key (scripts read it).
"""

from __future__ import annotations

from typing import Any

from brandaudit import __version__

SUMMARY_VERSION = 1
SEVERITIES = ("error", "warning", "info")


def outcome_summary(
    document: dict[str, Any], paths: dict[str, Any], exit_status: int
) -> dict[str, Any]:
    """The summary of a finished audit; `paths` maps each written format to its file."""
    summary = document.get("summary", {})
    counts = summary.get("findings", {})
    result: dict[str, Any] = {
        "summary_version": SUMMARY_VERSION,
        "tool": {"name": "brandaudit", "version": __version__},
        "exit_status": exit_status,
        "pages": summary.get("pages", 0),
        "images": summary.get("images", 0),
        "findings": {severity: int(counts.get(severity, 0)) for severity in SEVERITIES},
        "reports": {kind: str(path.resolve()) for kind, path in sorted(paths.items())},
    }
    comparison = document.get("comparison")
    if comparison:
        result["baseline"] = {
            "new": len(comparison.get("new", ())),
            "fixed": len(comparison.get("fixed", ())),
        }
    coverage = document.get("coverage")
    if coverage:
        # The counts only: the URL list can be long and is in report.json.
        result["coverage"] = {key: value for key, value in coverage.items() if key != "urls"}
    return result
