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


class TriageTally:
    """Triage decisions applied one finding at a time (the audit's findings are streamed from
    disk); `section` is the report's `triage` section once every finding went through."""

    def __init__(self, decisions: Mapping[str, Decision]) -> None:
        self.decisions = decisions
        self.set_aside: list[dict[str, Any]] = []
        self.regressions: list[str] = []
        self.assigned = 0

    def apply(self, finding: dict[str, Any]) -> dict[str, Any] | None:
        """The finding as it still counts (annotated), or None when set aside."""
        decision = self.decisions.get(finding["id"])
        if decision is None:
            return finding
        marked = {**finding, "triage": decision.as_dict()}
        if decision.status in SETS_ASIDE:
            self.set_aside.append(marked)
            return None
        if decision.status == "fixed":
            marked["regression"] = True
            self.regressions.append(finding["id"])
        if decision.status == "assigned":
            self.assigned += 1
        return marked

    def section(self) -> dict[str, Any]:
        return {
            "decisions": len(self.decisions),
            "set_aside": self.set_aside,
            "regressions": self.regressions,
            "assigned": self.assigned,
        }


def apply_triage(
    findings: list[dict[str, Any]], decisions: Mapping[str, Decision]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """(findings that still count, the report's `triage` section)."""
    tally = TriageTally(decisions)
    kept = [marked for finding in findings if (marked := tally.apply(finding)) is not None]
    return kept, tally.section()
