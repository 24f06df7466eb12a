"""The CI gate: policy, then baseline, then the exit code (CONTRACT §1).

Called by the audit command on the report document before the reports are rendered, so
every format shows the severities the policy decided and the comparison with the baseline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brandaudit.baseline import Comparison, compare, load_baseline
from brandaudit.policy import RANK, Policy, apply_policy, exit_code, resolve_fail_on
from brandaudit.report_file import validate_report
from brandaudit.reports.touchpoints import touchpoint_summaries
from brandaudit.triage import Decision
from brandaudit.triage_apply import apply_triage, merge_decisions


@dataclass(frozen=True)
class GateResult:
    exit_code: int
    comparison: Comparison | None
    findings: list[dict[str, Any]]  # after the policy
    failing: list[dict[str, Any]] = field(default_factory=list)  # what made the gate fail


def gate(
    report_doc: dict[str, Any],
    *,
    fail_on: str | None,
    baseline_path: Path | None,
    policy: Policy,
    triage: Mapping[str, Decision] | None = None,
) -> GateResult:
    """Apply `policy` to the report in place, compare with the baseline, decide the exit code.

    Mutates `report_doc`: `findings` become the policy's view (with `default_severity` where
    changed), `summary.findings` is recounted, `policy` records what was dropped, and with a
    baseline `comparison` lists new, fixed and persisting ids. With a baseline only new
    findings at or above `fail_on` fail the gate. `fail_on` None means the policy's
    `fail_on` (default "error"), so an explicit --fail-on beats the policy file.
    Triage decisions (the history store's `triage`, merged with the policy file's) set
    accepted exceptions and false alarms aside and flag regressions (see triage_apply).
    """
    validate_report(report_doc, "report")
    fail_on = resolve_fail_on(fail_on, policy)
    exit_code([], fail_on)  # reject a bad --fail-on before doing anything
    raw = list(report_doc["findings"])
    findings = apply_policy(raw, policy)
    suppressed = len(raw) - len(findings)
    decisions = merge_decisions(_policy_decisions(policy), (triage or {}).values())
    if decisions:
        findings, report_doc["triage"] = apply_triage(findings, decisions)
        if report_doc["triage"]["set_aside"] and "pages" in report_doc:
            _rescore(report_doc, findings)
    kept_ids = {finding["id"] for finding in findings}
    report_doc["findings"] = findings
    _recount(report_doc, findings)
    report_doc["policy"] = {
        "file": str(policy.source) if policy.source else None,
        "fail_on": fail_on,
        "suppressed": suppressed,
        "overridden": sum(1 for f in findings if "default_severity" in f),
    }

    comparison = None
    counted = findings
    if baseline_path is not None:
        everything = compare({**report_doc, "findings": raw}, load_baseline(baseline_path))
        comparison = Comparison(
            new_ids=tuple(fid for fid in everything.new_ids if fid in kept_ids),
            persisting_ids=tuple(fid for fid in everything.persisting_ids if fid in kept_ids),
            fixed=everything.fixed,
            unchecked=everything.unchecked,
        )
        report_doc["comparison"] = {
            "baseline": str(baseline_path),
            "new": list(comparison.new_ids),
            "fixed": list(comparison.fixed_ids),
            "persisting": list(comparison.persisting_ids),
            "fixed_findings": [_brief(entry) for entry in comparison.fixed],
            "unchecked": [entry["id"] for entry in comparison.unchecked],
        }
        new = set(comparison.new_ids)
        counted = [finding for finding in findings if finding["id"] in new]

    code = exit_code(counted, fail_on)
    floor = RANK.get(fail_on, 99)
    failing = [f for f in counted if RANK.get(str(f.get("severity")), 3) >= floor]
    return GateResult(exit_code=code, comparison=comparison, findings=findings, failing=failing)


def _policy_decisions(policy: Policy) -> list[Decision]:
    return [
        Decision(finding_id=e.id, status=e.status, who=e.by, at=e.at, reason=e.reason,
                 assignee=e.assignee, rule=e.rule, url=e.url)
        for e in policy.triage
    ]  # fmt: skip


def _rescore(report_doc: dict[str, Any], findings: list[dict[str, Any]]) -> None:
    """Touchpoint scores without the findings triage set aside: an accepted exception or a
    false alarm costs a touchpoint nothing."""
    seeds = report_doc.get("audit", {}).get("seeds", ())
    summary = report_doc.setdefault("summary", {})
    summary["touchpoints"] = touchpoint_summaries(report_doc["pages"], findings, seeds)


def _recount(report_doc: dict[str, Any], findings: list[dict[str, Any]]) -> None:
    counts = Counter(str(f.get("severity")) for f in findings)
    summary = report_doc.setdefault("summary", {})
    summary["findings"] = {level: counts.get(level, 0) for level in ("error", "warning", "info")}


def _brief(entry: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "rule", "severity", "url", "message")
    return {key: entry[key] for key in keys if key in entry}
