"""What changed between two audits: findings new in B, fixed since A, and still there.

Matching is by stable finding id, so a problem counts as the same problem across audits
even when the page around it changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from brandaudit.coverage_change import coverage_change
from brandaudit.report_file import audited_urls, findings_by_id, validate_report, was_checked

if TYPE_CHECKING:  # rich draws the CLI's table; the audit imports this module for its data
    from rich.console import Console

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


@dataclass(frozen=True)
class DiffResult:
    new: list[dict[str, Any]]  # in B, not in A (B's finding)
    fixed: list[dict[str, Any]]  # in A, not in B (A's finding)
    persisting: list[dict[str, Any]]  # in both (B's finding)
    unchecked: list[dict[str, Any]] = field(default_factory=list)  # in A, on pages B never saw
    coverage: str | None = None  # a line when B covered less than A (coverage_change)

    def ids(self) -> dict[str, list[str]]:
        return {
            "new": [f["id"] for f in self.new],
            "fixed": [f["id"] for f in self.fixed],
            "persisting": [f["id"] for f in self.persisting],
            "unchecked": [f["id"] for f in self.unchecked],
        }


def diff_reports(a_doc: dict[str, Any], b_doc: dict[str, Any]) -> DiffResult:
    """Compare report A (older) with report B (newer) by finding id."""
    a = findings_by_id(validate_report(a_doc, "A"))
    b = findings_by_id(validate_report(b_doc, "B"))
    audited = audited_urls(b_doc)
    gone = [finding for fid, finding in a.items() if fid not in b]
    return DiffResult(
        new=[finding for fid, finding in b.items() if fid not in a],
        fixed=[finding for finding in gone if was_checked(finding, audited)],
        persisting=[finding for fid, finding in b.items() if fid in a],
        unchecked=[finding for finding in gone if not was_checked(finding, audited)],
        coverage=coverage_change(a_doc, b_doc),
    )


def _brief(finding: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "rule", "severity", "touchpoint", "url", "message")
    return {key: finding[key] for key in keys if key in finding}


def diff_json(result: DiffResult, a_label: str, b_label: str) -> dict[str, Any]:
    """A JSON-ready document: the two sides, counts, and the findings of each group."""
    return {
        "a": a_label,
        "b": b_label,
        "counts": {
            "new": len(result.new),
            "fixed": len(result.fixed),
            "persisting": len(result.persisting),
            "unchecked": len(result.unchecked),
        },
        "new": [_brief(f) for f in result.new],
        "fixed": [_brief(f) for f in result.fixed],
        "persisting": [_brief(f) for f in result.persisting],
        "unchecked": [_brief(f) for f in result.unchecked],
        "coverage_shrank": result.coverage,
    }


def render_text(result: DiffResult, a_label: str, b_label: str, console: Console) -> None:
    """A table of new and fixed findings and one line of totals; persisting ones are counted."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console.print(f"Comparing {a_label} (A) with {b_label} (B)", markup=False, highlight=False)
    rows = [("new", f) for f in result.new] + [("fixed", f) for f in result.fixed]
    if rows:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("change", no_wrap=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("rule", overflow="fold", ratio=2)
        table.add_column("url", overflow="fold", ratio=3)
        table.add_column("message", overflow="fold", ratio=4)
        for change, finding in rows:
            severity = str(finding.get("severity", ""))
            table.add_row(
                Text("+ new" if change == "new" else "- fixed"),
                Text(severity, style=SEVERITY_STYLE.get(severity, "")),
                *(Text(str(finding.get(key) or "")) for key in ("rule", "url", "message")),
            )
        console.print(table)
    if result.coverage:
        console.print(result.coverage, markup=False, highlight=False)
    unchecked = f", {len(result.unchecked)} on pages B did not audit" if result.unchecked else ""
    console.print(
        f"{len(result.new)} new, {len(result.fixed)} fixed, "
        f"{len(result.persisting)} persisting{unchecked}",
        highlight=False,
    )
