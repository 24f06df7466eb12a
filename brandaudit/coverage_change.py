"""Coverage that shrank between two audits is worth a line in `diff`.

Fewer findings on fewer pages is not progress: a finding "fixed" because its page was not
crawled this time says nothing. The line names both audits' crawled pages and what cut B.
"""

from __future__ import annotations

from typing import Any


def coverage_change(a_doc: dict[str, Any], b_doc: dict[str, Any]) -> str | None:
    """One sentence when B covered less than A (fewer pages, or partial where A was
    complete); None when coverage held or either report predates coverage."""
    a, b = a_doc.get("coverage"), b_doc.get("coverage")
    if not a or not b:
        return None
    fewer = b["crawled"] < a["crawled"]
    became_partial = a["complete"] and not b["complete"]
    if not fewer and not became_partial:
        return None
    line = f"Coverage shrank: {a['crawled']} pages crawled in A, {b['crawled']} in B"
    cut = {reason: n for reason, n in b["not_crawled"].items() if n}
    if not b["complete"]:
        line += " (B is partial"
        line += ": " + ", ".join(f"{n} {reason}" for reason, n in cut.items()) if cut else ""
        line += ")"
    failed = [seed["url"] for seed in b.get("seeds_failed", [])]
    if failed:
        line += f"; not audited in B: {', '.join(failed)}"
    return line + "."
