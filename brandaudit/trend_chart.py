"""An inline SVG line chart of findings by severity over audits, for the HTML report.

Self-contained markup (no script, no CDN) built only from numbers and escaped text, so the
report can embed it as trusted HTML and still open offline.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Protocol

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 110, 16, 40
SERIES = (("error", "#c62828"), ("warning", "#e08600"), ("info", "#1565c0"))


class Point(Protocol):
    audit_id: str
    started: str | None
    error: int
    warning: int
    info: int


def _label(point: Point) -> str:
    return (point.started or "")[:10] or f"audit {point.audit_id}"


def trend_svg(points: Sequence[Point]) -> str:
    """Findings per severity for each audit, oldest to newest, as one <svg> element."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'font-family="sans-serif" font-size="11" aria-label="Findings by severity over time">'
    )
    if not points:
        middle = f'<text x="{WIDTH // 2}" y="{HEIGHT // 2}" text-anchor="middle">'
        return f"{head}{middle}No earlier audits recorded.</text></svg>"
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top_value = max(1, *(getattr(p, name) for p in points for name, _ in SERIES))
    step = plot_w / max(1, len(points) - 1)

    def x(index: int) -> float:
        return round(LEFT + (index * step if len(points) > 1 else plot_w / 2), 1)

    def y(value: int) -> float:
        return round(TOP + plot_h - value / top_value * plot_h, 1)

    parts = [head]
    for tick in sorted({0, top_value // 2, top_value}):
        parts.append(
            f'<line x1="{LEFT}" y1="{y(tick)}" x2="{LEFT + plot_w}" y2="{y(tick)}" '
            f'stroke="#ddd"/><text x="{LEFT - 6}" y="{y(tick) + 4}" text-anchor="end">'
            f"{tick}</text>"
        )
    shown = sorted({0, len(points) - 1, (len(points) - 1) // 2})
    for index in shown:
        parts.append(
            f'<text x="{x(index)}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">'
            f"{escape(_label(points[index]))}</text>"
        )
    for row, (name, colour) in enumerate(SERIES):
        coords = " ".join(f"{x(i)},{y(getattr(p, name))}" for i, p in enumerate(points))
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{coords}"/>'
        )
        for index, point in enumerate(points):
            value = getattr(point, name)
            tip = escape(f"Audit {point.audit_id} ({_label(point)}): {value} {name}")
            parts.append(
                f'<circle cx="{x(index)}" cy="{y(value)}" r="3" fill="{colour}">'
                f"<title>{tip}</title></circle>"
            )
        legend_y = TOP + 12 + row * 18
        parts.append(
            f'<rect x="{WIDTH - RIGHT + 16}" y="{legend_y - 9}" width="10" height="10" '
            f'fill="{colour}"/><text x="{WIDTH - RIGHT + 32}" y="{legend_y}">{name}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
