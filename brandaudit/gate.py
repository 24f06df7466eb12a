"""The CI gate: policy, then baseline, then the exit code (CONTRACT §1).

Called by the audit command on the report document before the reports are rendered, so
every format shows the severities the policy decided and the comparison with the baseline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brandaudit.baseline import Comparison, compare_ids, load_baseline
from brandaudit.policy import RANK, Policy, apply_policy, exit_code, resolve_fail_on
from brandaudit.report_file import validate_report
from brandaudit.reports.finding_store import rewrite
from brandaudit.reports.touchpoints import touchpoint_summaries
from brandaudit.triage import Decision
from brandaudit.triage_apply import TriageTally, merge_decisions


@dataclass(frozen=True)
class GateResult:
    exit_code: int
    comparison: Comparison | None
    findings: Sequence[dict[str, Any]]  # after the policy (on disk for an audit)
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
    decisions = merge_decisions(_policy_decisions(policy), (triage or {}).values())
    tally = TriageTally(decisions)
    accepted = load_baseline(baseline_path)["findings"] if baseline_path is not None else None
    floor = RANK.get(fail_on, 99)
    seen = _Seen(accepted is not None)
    failing: list[dict[str, Any]] = []

    def judge(finding: dict[str, Any]) -> dict[str, Any] | None:
        """One finding through the policy, triage and the baseline (a single pass over the
        audit's findings, which may be on disk)."""
        seen.raw(finding)
        kept = apply_policy([finding], policy)
        if not kept:
            return None
        judged = tally.apply(kept[0]) if decisions else kept[0]
        if judged is not None:
            seen.kept(judged)
            counts = accepted is None or judged["id"] not in accepted
            if counts and RANK.get(str(judged.get("severity")), 3) >= floor:
                failing.append(judged)
        return judged

    findings = rewrite(report_doc["findings"], judge)
    if decisions:
        report_doc["triage"] = tally.section()
        if report_doc["triage"]["set_aside"] and "pages" in report_doc:
            _rescore(report_doc, findings)
    report_doc["findings"] = findings
    summary = report_doc.setdefault("summary", {})
    summary["findings"] = {
        level: seen.severities.get(level, 0) for level in ("error", "warning", "info")
    }
    report_doc["policy"] = {
        "file": str(policy.source) if policy.source else None,
        "fail_on": fail_on,
        "suppressed": seen.raw_count - seen.kept_count - len(tally.set_aside),
        "overridden": seen.overridden,
    }

    comparison = None
    if accepted is not None:
        everything = compare_ids(seen.raw_ids, seen.raw_urls, report_doc, accepted)
        comparison = Comparison(
            new_ids=tuple(fid for fid in everything.new_ids if fid in seen.kept_ids),
            persisting_ids=tuple(fid for fid in everything.persisting_ids if fid in seen.kept_ids),
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

    code = exit_code(failing[:1], fail_on)
    return GateResult(exit_code=code, comparison=comparison, findings=findings, failing=failing)


class _Seen:
    """What the gate's one pass counts: severities and overrides of the kept findings, and
    (with a baseline only) the ids and URLs the comparison needs."""

    def __init__(self, ids: bool) -> None:
        self.ids = ids
        self.raw_count = self.kept_count = self.overridden = 0
        self.severities: Counter[str] = Counter()
        self.raw_ids: list[str] = []
        self.raw_urls: set[str] = set()
        self.kept_ids: set[str] = set()

    def raw(self, finding: dict[str, Any]) -> None:
        self.raw_count += 1
        if self.ids:
            self.raw_ids.append(finding["id"])
            self.raw_urls.add(str(finding.get("url", "")))

    def kept(self, finding: dict[str, Any]) -> None:
        self.kept_count += 1
        self.severities[str(finding.get("severity"))] += 1
        self.overridden += "default_severity" in finding
        if self.ids:
            self.kept_ids.add(finding["id"])


def _policy_decisions(policy: Policy) -> list[Decision]:
    return [
        Decision(finding_id=e.id, status=e.status, who=e.by, at=e.at, reason=e.reason,
                 assignee=e.assignee, rule=e.rule, url=e.url)
        for e in policy.triage
    ]  # fmt: skip


def _rescore(report_doc: dict[str, Any], findings: Sequence[dict[str, Any]]) -> None:
    """Touchpoint scores without the findings triage set aside: an accepted exception or a
    false alarm costs a touchpoint nothing."""
    seeds = report_doc.get("audit", {}).get("seeds", ())
    summary = report_doc.setdefault("summary", {})
    summary["touchpoints"] = touchpoint_summaries(report_doc["pages"], findings, seeds)


def _brief(entry: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "rule", "severity", "url", "message")
    return {key: entry[key] for key in keys if key in entry}
