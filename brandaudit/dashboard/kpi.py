"""The improvement-rate KPI over a period, per touchpoint (README, "Dashboard").

For each touchpoint: take the findings open at the period's first audit (triaged accepted
exceptions and false alarms excluded: they are not work to do) on pages the period's last
audit checked again; its improvement rate is the share of them gone by the last audit. A
touchpoint *improved* when its rate is above zero and *met the target* when it is at least
TARGET (the brand's yearly target, 20 %). The estate's rate pools every touchpoint.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from brandaudit.audit_records import AuditSummary
from brandaudit.history import HistoryStore
from brandaudit.report_file import audited_urls, was_checked
from brandaudit.triage import SETS_ASIDE, Decision

TARGET = 0.20


@dataclass(frozen=True)
class TouchpointKpi:
    touchpoint: str
    open_at_start: int
    fixed: int
    still_open: int

    @property
    def rate(self) -> float | None:
        return self.fixed / self.open_at_start if self.open_at_start else None

    @property
    def meets_target(self) -> bool:
        return self.rate is not None and self.rate >= TARGET


@dataclass(frozen=True)
class PeriodKpi:
    start: AuditSummary | None
    end: AuditSummary | None
    touchpoints: list[TouchpointKpi]

    @property
    def rate(self) -> float | None:
        total = sum(t.open_at_start for t in self.touchpoints)
        return sum(t.fixed for t in self.touchpoints) / total if total else None

    @property
    def improved(self) -> list[TouchpointKpi]:
        return [t for t in self.touchpoints if t.fixed > 0]


def _day(started: str | None) -> date | None:
    try:
        return datetime.fromisoformat(started or "").date()
    except ValueError:
        return None


def touchpoint_of(finding: dict[str, Any], roots: list[str]) -> str:
    """The audited touchpoint a finding belongs to: the longest touchpoint URL its URL starts
    with, else its touchpoint kind."""
    url = str(finding.get("url", ""))
    matching = [root for root in roots if root and url.startswith(root)]
    return max(matching, key=len) if matching else str(finding.get("touchpoint") or "other")


def period_kpi(
    store: HistoryStore,
    audits: list[AuditSummary],
    first_day: date,
    last_day: date,
    decisions: dict[str, Decision],
) -> PeriodKpi:
    """The KPI between the first and the last audit whose start falls in the period."""
    inside = [a for a in reversed(audits) if (d := _day(a.started)) and first_day <= d <= last_day]
    if len(inside) < 2:
        return PeriodKpi(inside[0] if inside else None, None, [])
    start, end = inside[0], inside[-1]
    start_doc, end_doc = store.load(start.id), store.load(end.id)
    roots = [str(s.get("url")) for s in (*start.scores, *end.scores) if s.get("url")]
    checked = audited_urls(end_doc)
    end_ids = {f["id"] for f in end_doc["findings"]}
    counts: dict[str, list[int]] = {}
    for finding in start_doc["findings"]:
        decision = decisions.get(finding["id"])
        if decision is not None and decision.status in SETS_ASIDE:
            continue
        if finding["id"] not in end_ids and not was_checked(finding, checked):
            continue  # neither fixed nor still there: the end audit did not look
        tally = counts.setdefault(touchpoint_of(finding, roots), [0, 0])
        tally[0] += 1
        tally[1] += finding["id"] not in end_ids
    touchpoints = [
        TouchpointKpi(name, opened, fixed, opened - fixed)
        for name, (opened, fixed) in sorted(counts.items())
    ]
    return PeriodKpi(start, end, touchpoints)
