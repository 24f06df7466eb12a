"""What the dashboard shows of the history: estates (one per guideline) and their touchpoints."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from brandaudit.audit_records import AuditSummary
from brandaudit.history import HistoryStore


@dataclass(frozen=True)
class Estate:
    guideline: str
    audits: list[AuditSummary]  # newest first

    @property
    def latest(self) -> AuditSummary:
        return self.audits[0]

    @property
    def score(self) -> float | None:
        return mean_score(self.latest.scores)


@dataclass
class TouchpointTrend:
    kind: str
    url: str
    points: list[tuple[str, str | None, float | None]] = field(default_factory=list)

    @property
    def latest(self) -> float | None:
        return self.points[-1][2] if self.points else None

    @property
    def change(self) -> float | None:
        """Latest score minus the score at this touchpoint's previous audit."""
        scored = [p[2] for p in self.points if p[2] is not None]
        return round(scored[-1] - scored[-2], 1) if len(scored) >= 2 else None


def mean_score(scores: Sequence[dict[str, Any]]) -> float | None:
    values = [s["score"] for s in scores if isinstance(s.get("score"), int | float)]
    return round(sum(values) / len(values), 1) if values else None


def estates(store: HistoryStore) -> list[Estate]:
    """Every guideline the history holds, with its audits; most recently audited first."""
    grouped: dict[str, list[AuditSummary]] = {}
    for audit in store.list():
        grouped.setdefault(audit.guideline or "(no guideline)", []).append(audit)
    return [Estate(guideline, audits) for guideline, audits in grouped.items()]


def estate(store: HistoryStore, guideline: str) -> Estate | None:
    audits = store.list(guideline=guideline)
    return Estate(guideline, audits) if audits else None


def touchpoint_trends(audits: Sequence[AuditSummary]) -> list[TouchpointTrend]:
    """Score of each touchpoint at every audit, oldest first (None where not audited)."""
    trends: dict[tuple[str, str], TouchpointTrend] = {}
    for audit in reversed(audits):
        for entry in audit.scores:
            key = (str(entry.get("kind")), str(entry.get("url")))
            trend = trends.setdefault(key, TouchpointTrend(*key))
            trend.points.append((audit.id, audit.started, entry.get("score")))
    return sorted(trends.values(), key=lambda t: (t.kind, t.url))


def sparkline(values: Sequence[float | None], width: int = 120, height: int = 28) -> str:
    """A tiny inline SVG polyline of scores (0..100), from numbers only: safe to embed."""
    scored = [(i, v) for i, v in enumerate(values) if v is not None]
    if not scored:
        return ""
    step = width / max(len(values) - 1, 1)
    coords = " ".join(
        f"{i * step:.1f},{height - 2 - (v / 100) * (height - 4):.1f}" for i, v in scored
    )
    dots = "".join(
        f'<circle cx="{i * step:.1f}" cy="{height - 2 - (v / 100) * (height - 4):.1f}" r="2"/>'
        for i, v in scored
    )
    label = escape(", ".join(f"{v:g}" for _, v in scored))
    return (
        f'<svg class="spark" viewBox="-3 0 {width + 6} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="scores {label}"><polyline fill="none" '
        f'stroke="#0b5fff" stroke-width="1.5" points="{coords}"/>'
        f'<g fill="#0b5fff">{dots}</g></svg>'
    )
