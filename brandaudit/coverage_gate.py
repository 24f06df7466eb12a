"""A seed that could not be fetched at all fails the gate: the site was not audited.

Without this an unreachable staging site gave "Audited 1 pages: 0 errors, 1 warnings" and
exit 0, so a CI gate passed a release it never saw. Only `--fail-on never` lets it pass.
"""

from __future__ import annotations

from typing import Any


def gate_exit_code(document: dict[str, Any], exit_code: int) -> int:
    """`exit_code`, raised to 1 when a seed was not audited (unless the gate is off)."""
    coverage = document.get("coverage") or {}
    fail_on = (document.get("policy") or {}).get("fail_on", "error")
    if coverage.get("seeds_failed") and fail_on != "never":
        return max(exit_code, 1)
    return exit_code
