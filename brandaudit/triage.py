"""Triage decisions: what an editor decided about one finding, kept in the history store.

Decisions are a log keyed by the finding's stable id (who, when, why); the latest one per
finding counts. The next audit applies them (see triage_apply), so "this is a false alarm"
said once is not asked again every week.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from brandaudit.errors import UserError
from brandaudit.history import HistoryStore

STATUSES = ("fixed", "accepted", "false_alarm", "assigned")
LABELS = {
    "fixed": "fixed",
    "accepted": "accepted exception",
    "false_alarm": "false alarm",
    "assigned": "assigned",
}
NEEDS_REASON = ("accepted", "false_alarm")
# What the next audit does with a finding under each status.
SETS_ASIDE = ("accepted", "false_alarm")  # listed as triaged, never a failure


@dataclass(frozen=True)
class Decision:
    finding_id: str
    status: str
    who: str
    at: str
    reason: str | None = None
    assignee: str | None = None
    guideline: str | None = None
    rule: str | None = None
    url: str | None = None
    message: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def validate(decision: Decision) -> Decision:
    """One clear error for a decision that cannot be stored (the dashboard shows it)."""
    if decision.status not in STATUSES:
        raise UserError(f"triage status '{decision.status}': expected one of {', '.join(STATUSES)}")
    if decision.status in NEEDS_REASON and not (decision.reason or "").strip():
        raise UserError(f"a {LABELS[decision.status]} needs a reason")
    if decision.status == "assigned" and not (decision.assignee or "").strip():
        raise UserError("an assignment needs the name of the person it is assigned to")
    if not decision.who.strip():
        raise UserError("a triage decision needs the name of who made it")
    return decision


class TriageStore:
    """Triage decisions in the history file (table `triage`, added by its migration 2)."""

    def __init__(self, history: HistoryStore | Path | str | None = None) -> None:
        self.history = history if isinstance(history, HistoryStore) else HistoryStore(history)

    def record(self, decision: Decision) -> None:
        validate(decision)
        row = asdict(decision)
        with self.history.connect(write=True) as conn:
            conn.execute(
                f"INSERT INTO triage ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                tuple(row.values()),
            )

    def current(self, guideline: str | None = None) -> dict[str, Decision]:
        """The latest decision per finding id (all guidelines unless one is given)."""
        sql = "SELECT * FROM triage ORDER BY seq"
        with self.history.connect() as conn:
            rows = conn.execute(sql).fetchall() if conn else []
        latest: dict[str, Decision] = {}
        for row in rows:
            data = {key: value for key, value in dict(row).items() if key != "seq"}
            if guideline is None or data["guideline"] in (None, guideline):
                latest[data["finding_id"]] = Decision(**data)
        return latest

    def log(self, finding_id: str) -> list[Decision]:
        """Every decision on one finding, oldest first (who changed their mind, and when)."""
        with self.history.connect() as conn:
            rows = (
                conn.execute(
                    "SELECT * FROM triage WHERE finding_id = ? ORDER BY seq", (finding_id,)
                ).fetchall()
                if conn
                else []
            )
        return [Decision(**{k: v for k, v in dict(row).items() if k != "seq"}) for row in rows]

    def false_alarms_by_rule(self) -> list[tuple[str, int]]:
        """How many findings each rule has that editors marked false alarms: which checks
        mislead. Most first."""
        counts: dict[str, int] = {}
        for decision in self.current().values():
            if decision.status == "false_alarm":
                counts[decision.rule or "?"] = counts.get(decision.rule or "?", 0) + 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
