"""Baselines: the findings a team has accepted, so CI fails only on what is new.

Findings are matched by their stable id (a fingerprint of rule, URL and what was found,
expected and its context; see checks/finding.py), never by position, so editing a page
around a known problem does not make it "new".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from brandaudit import __version__
from brandaudit.errors import UserError
from brandaudit.report_file import (
    audited_urls,
    findings_by_id,
    read_json,
    validate_report,
    was_checked,
)

BASELINE_VERSION = 1
_KEPT = ("rule", "severity", "url", "touchpoint", "message", "evidence")


@dataclass(frozen=True)
class Comparison:
    """A report against a baseline: ids new or still there, and baseline entries now gone."""

    new_ids: tuple[str, ...]
    persisting_ids: tuple[str, ...]
    fixed: tuple[dict[str, Any], ...]  # baseline entries (with their "id") no longer found
    # Baseline entries on pages this audit did not visit: neither fixed nor present.
    unchecked: tuple[dict[str, Any], ...] = ()

    @property
    def fixed_ids(self) -> tuple[str, ...]:
        return tuple(entry["id"] for entry in self.fixed)


def create_baseline(report_doc: dict[str, Any]) -> dict[str, Any]:
    """Accept every finding of a report: ids with what a human needs to recognise each."""
    validate_report(report_doc, "report")
    entries = {
        fid: {key: finding[key] for key in _KEPT if key in finding}
        for fid, finding in sorted(findings_by_id(report_doc).items())
    }
    return {
        "baseline_version": BASELINE_VERSION,
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tool": {"name": "brandaudit", "version": __version__},
        "audit": report_doc.get("audit", {}),
        "findings": entries,
    }


def write_baseline(baseline_doc: dict[str, Any], path: Path | str) -> None:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(baseline_doc, indent=2, ensure_ascii=False, sort_keys=False)
        path.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise UserError(f"--out: cannot write baseline {path}: {exc.strerror or exc}") from None


def load_baseline(path: Path | str) -> dict[str, Any]:
    """Read a baseline file; a report.json is accepted too (all its findings are accepted)."""
    data = read_json(path, "baseline")
    if isinstance(data, dict) and "schema_version" in data and "findings" in data:
        return create_baseline(validate_report(data, str(path)))
    if not isinstance(data, dict) or data.get("baseline_version") != BASELINE_VERSION:
        raise UserError(
            f"{path}: not a brandaudit baseline (field 'baseline_version' must be "
            f"{BASELINE_VERSION}); create one with 'brandaudit baseline create'"
        )
    findings = data.get("findings")
    if not isinstance(findings, dict) or not all(isinstance(v, dict) for v in findings.values()):
        raise UserError(f"{path}: field 'findings' must map finding ids to objects")
    return data


def compare(report_doc: dict[str, Any], baseline_doc: dict[str, Any]) -> Comparison:
    """Which of the report's findings are new against the baseline, and which it fixed."""
    findings = report_doc.get("findings", [])
    ids = [finding["id"] for finding in findings]
    urls = {str(finding.get("url", "")) for finding in findings}
    return compare_ids(ids, urls, report_doc, baseline_doc.get("findings", {}))


def compare_ids(
    ids: Iterable[str],
    finding_urls: Iterable[str],
    report_doc: dict[str, Any],
    accepted: dict[str, dict[str, Any]],
) -> Comparison:
    """`compare` from the report's finding ids and URLs alone (the audit's findings are on
    disk: only what the comparison needs is held)."""
    current = dict.fromkeys(ids)
    audited = audited_urls({"pages": report_doc.get("pages"), "findings": []})
    if audited is not None:
        audited |= {urldefrag(url).url for url in finding_urls}
    gone = [{"id": fid, **entry} for fid, entry in accepted.items() if fid not in current]
    return Comparison(
        new_ids=tuple(fid for fid in current if fid not in accepted),
        persisting_ids=tuple(fid for fid in current if fid in accepted),
        fixed=tuple(entry for entry in gone if was_checked(entry, audited)),
        unchecked=tuple(entry for entry in gone if not was_checked(entry, audited)),
    )
