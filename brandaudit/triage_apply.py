"""Applying triage decisions to an audit's findings, before the gate counts them.

- accepted exception / false alarm: set aside, listed under report["triage"]["set_aside"]
  with the decision; never a failure.
- fixed, and the finding is back: kept, marked `regression` (and listed), so the gate and
  the editor see that the fix did not hold.
- assigned: kept, annotated with who has it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from brandaudit.triage import SETS_ASIDE, Decision


def merge_decisions(*sources: Iterable[Decision]) -> dict[str, Decision]:
    """One decision per finding id: the newest by time (a later source wins a tie), so a
    policy file exported last week and the history store agree on what was said last."""
    merged: dict[str, Decision] = {}
    for source in sources:
        for decision in source:
            held = merged.get(decision.finding_id)
            if held is None or decision.at >= held.at:
                merged[decision.finding_id] = decision
    return merged


def apply_triage(
    findings: list[dict[str, Any]], decisions: Mapping[str, Decision]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """(findings that still count, the report's `triage` section)."""
    kept: list[dict[str, Any]] = []
    set_aside: list[dict[str, Any]] = []
    regressions: list[str] = []
    for finding in findings:
        decision = decisions.get(finding["id"])
        if decision is None:
            kept.append(finding)
            continue
        marked = {**finding, "triage": decision.as_dict()}
        if decision.status in SETS_ASIDE:
            set_aside.append(marked)
            continue
        if decision.status == "fixed":
            marked["regression"] = True
            regressions.append(finding["id"])
        kept.append(marked)
    section = {
        "decisions": len(decisions),
        "set_aside": set_aside,
        "regressions": regressions,
        "assigned": sum(1 for f in kept if f.get("triage", {}).get("status") == "assigned"),
    }
    return kept, section
