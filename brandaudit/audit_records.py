"""What progress figures read of the audit history: its audits' summaries and their reports.

Below both history.py (the SQLite store, which provides it) and trends.py (which reads it),
so the two never import each other: trends is computed from any `AuditRecords`, a test's
list of reports as well as the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol


@dataclass(frozen=True)
class AuditSummary:
    id: str
    started: str | None
    finished: str | None
    guideline: str | None
    seeds: list[str]
    counts: dict[str, int]  # error / warning / info
    pages: int | None
    report_path: str | None
    scores: list[dict[str, Any]]  # summary.touchpoints: kind, url, score


class AuditRecords(Protocol):
    """Recorded audits, newest first; one audit's report; its counts on one touchpoint."""

    def list(
        self, limit: int | None = None, guideline: str | None = None
    ) -> list[AuditSummary]: ...

    def load(self, ref: str | Path) -> dict[str, Any]: ...

    def severity_counts(self, audit_id: str, touchpoint: str) -> dict[str, int]: ...
