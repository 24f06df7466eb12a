"""What the history says about progress: trend points, improvement rate, since last audit.

Everything is scoped to one guideline when given, so audits of different brands sharing a
history file never mix in one chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from statistics import mean
from typing import Any

from brandaudit.audit_records import AuditRecords
from brandaudit.diff import diff_reports
from brandaudit.history_diff import improvement_since, since_previous
from brandaudit.report_file import audited_urls, was_checked
from brandaudit.reports.finding_store import FindingRows
from brandaudit.trend_chart import trend_svg

_CURRENT = "current"


@dataclass(frozen=True)
class TrendPoint:
    audit_id: str
    started: str | None
    error: int
    warning: int
    info: int
    score: float | None  # mean score of the matching touchpoints, if the report had scores


def _when(started: str | None) -> datetime | None:
    try:
        moment = datetime.fromisoformat(started or "")
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def trend(
    store: AuditRecords,
    touchpoint: str | None = None,
    limit: int = 30,
    guideline: str | None = None,
) -> list[TrendPoint]:
    """The last `limit` audits, oldest first; `touchpoint` is a kind or a URL prefix."""
    points = []
    for audit in reversed(store.list(limit=limit, guideline=guideline)):
        counts = store.severity_counts(audit.id, touchpoint) if touchpoint else audit.counts
        scores = [
            s["score"]
            for s in audit.scores
            if isinstance(s.get("score"), int | float)
            and (touchpoint is None or touchpoint in (s.get("kind"), s.get("url")))
        ]
        points.append(
            TrendPoint(
                audit_id=audit.id,
                started=audit.started,
                score=round(mean(scores), 1) if scores else None,
                **counts,
            )
        )
    return points


def improvement_rate(
    store: AuditRecords,
    window_days: float = 30,
    touchpoint: str | None = None,
    guideline: str | None = None,
    now: datetime | None = None,
    current: dict[str, Any] | None = None,
) -> float | None:
    """Share of the findings present at the window's start that are gone by its end.

    The start is the last audit at or before `now - window_days` (or the first audit in the
    window); the end is the last audit at or before `now` (default: the newest audit).
    `current` is a report not yet recorded, counted as the newest audit. Findings on pages
    the end audit did not visit are left out. None when there are not two audits to
    compare or the start had no findings.
    """
    audits = [(_when(a.started), a.id) for a in reversed(store.list(guideline=guideline))]
    if current is not None and not is_recorded(store, current):
        audits.append((_when(current.get("audit", {}).get("started")), _CURRENT))
    dated = sorted(((when, key) for when, key in audits if when), key=lambda pair: pair[0])
    if not dated:
        return None
    end_time = now or dated[-1][0]
    up_to_end = [pair for pair in dated if pair[0] <= end_time]
    if len(up_to_end) < 2:
        return None
    start_time = end_time - timedelta(days=window_days)
    before = [pair for pair in up_to_end if pair[0] <= start_time]
    start = (before[-1] if before else up_to_end[0])[1]
    end = up_to_end[-1][1]
    if start == end:
        return None
    history = _history_file(store, current)
    if history is not None and end == _CURRENT and start != _CURRENT and touchpoint is None:
        return improvement_since(history, start, current)  # type: ignore[arg-type]

    def findings(key: str) -> tuple[dict[str, dict[str, Any]], set[str] | None]:
        doc = current if key == _CURRENT and current is not None else store.load(key)
        found = {f["id"]: f for f in doc["findings"] if _on(f, touchpoint)}
        return found, audited_urls(doc)

    at_start, _ = findings(start)
    at_end, audited = findings(end)
    # A finding on a page the end audit never visited is neither fixed nor still there.
    comparable = [f for fid, f in at_start.items() if fid in at_end or was_checked(f, audited)]
    if not comparable:
        return None
    fixed = [f for f in comparable if f["id"] not in at_end]
    return round(len(fixed) / len(comparable), 3)


def _on(finding: dict[str, Any], touchpoint: str | None) -> bool:
    if touchpoint is None:
        return True
    return finding.get("touchpoint") == touchpoint or str(finding.get("url", "")).startswith(
        touchpoint
    )


def is_recorded(store: AuditRecords, report_doc: dict[str, Any]) -> bool:
    """Whether this report is already in the history (same guideline, start and finish)."""
    audit = report_doc.get("audit", {})
    return any(
        (a.started, a.finished) == (audit.get("started"), audit.get("finished"))
        for a in store.list(guideline=audit.get("guideline"))
    )


def since_last(store: AuditRecords, report_doc: dict[str, Any]) -> dict[str, Any]:
    """This audit against the previous one of the same guideline: {previous_id, new, ...}."""
    audit = report_doc.get("audit", {})
    current = _when(audit.get("started"))
    previous = None
    for candidate in store.list(guideline=audit.get("guideline")):
        when = _when(candidate.started)
        if current is None or (when is not None and when < current):
            previous = candidate
            break
    if previous is None:
        return {"previous_id": None, "previous_started": None, "new": [], "fixed": [],
                "persisting": [], "unchecked": [], "fixed_findings": []}  # fmt: skip
    history = _history_file(store, report_doc)
    if history is not None:  # both audits' findings on disk: compared by queries
        lists = since_previous(history, previous.id, report_doc)
        if lists is not None:
            return {"previous_id": previous.id, "previous_started": previous.started, **lists}
    result = diff_reports(store.load(previous.id), report_doc)
    keys = ("id", "rule", "severity", "url", "message")
    return {
        "previous_id": previous.id,
        "previous_started": previous.started,
        **result.ids(),
        "fixed_findings": [{k: f[k] for k in keys if k in f} for f in result.fixed],
        "coverage_shrank": result.coverage,
    }


def _history_file(store: AuditRecords, report_doc: dict[str, Any] | None) -> Path | None:
    """The history's SQLite file when the report's findings are on disk too (an audit's
    own rows, reports/finding_store.py): then the comparisons are queries (history_diff)."""
    path = getattr(store, "path", None)
    if report_doc is None or not isinstance(report_doc.get("findings"), FindingRows):
        return None
    return path if isinstance(path, Path) and path.is_file() else None


def history_section(
    store: AuditRecords, report_doc: dict[str, Any], window_days: float = 30, limit: int = 30
) -> dict[str, Any]:
    """document["history"] for the HTML report, before or after recording `report_doc`."""
    guideline = report_doc.get("audit", {}).get("guideline")
    points = trend(store, limit=limit, guideline=guideline)
    if not is_recorded(store, report_doc):
        points = [*points, _point(report_doc)][-limit:]
    return {
        "since_last": since_last(store, report_doc),
        "trend_svg": trend_svg(points),
        "improvement_rate": improvement_rate(
            store, window_days, guideline=guideline, current=report_doc
        ),
    }


def _point(report_doc: dict[str, Any]) -> TrendPoint:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in report_doc["findings"]:
        if finding.get("severity") in counts:
            counts[finding["severity"]] += 1
    touchpoints = report_doc.get("summary", {}).get("touchpoints", [])
    scores = [tp["score"] for tp in touchpoints if isinstance(tp.get("score"), int | float)]
    return TrendPoint(
        audit_id="this audit",
        started=report_doc.get("audit", {}).get("started"),
        score=round(mean(scores), 1) if scores else None,
        **counts,
    )
