"""The gate's policy: which findings count and how much, decided apart from the checks.

A check reports a default severity; a policy (brandaudit.yaml, see policy_model) may change
it per rule (exact id or glob such as ``text.*``), per URL pattern, switch rules off, and
ignore places (cookie banners) or pages. Keeping this out of the checks lets one team gate
CI differently from another without touching detection.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase
from typing import Any

from brandaudit.errors import UserError
from brandaudit.policy_file import POLICY_FILENAME, find_policy, load_policy
from brandaudit.policy_model import FailOn, Ignore, Level, Policy, UrlOverride
from brandaudit.selector_match import selector_within

__all__ = [
    "POLICY_FILENAME", "RANK", "FailOn", "Ignore", "Level", "Policy", "UrlOverride",
    "apply_policy", "exit_code", "find_policy", "load_policy", "resolve_fail_on",
]  # fmt: skip

RANK = {"info": 1, "warning": 2, "error": 3}


def url_matches(pattern: str, url: str) -> bool:
    """Glob (``*`` spans slashes) or, with the ``re:`` prefix, a regex searched in the URL."""
    if pattern.startswith("re:"):
        return re.search(pattern[3:], url) is not None
    return fnmatchcase(url, pattern)


def _specificity(key: str) -> tuple[int, int]:
    wild = any(ch in key for ch in "*?[")
    return (0 if wild else 1, len(key))


def _level_for(rule: str, rules: Mapping[str, str]) -> str | None:
    """The override of the most specific key matching the rule: exact id, then longest glob."""
    matching = [key for key in rules if fnmatchcase(rule, key)]
    return rules[max(matching, key=_specificity)] if matching else None


def severity_for(finding: Mapping[str, Any], policy: Policy) -> str:
    """The finding's severity under the policy; URL overrides (last matching wins) beat rules."""
    rule, url = str(finding.get("rule", "")), str(finding.get("url", ""))
    level = _level_for(rule, policy.rules) or str(finding.get("severity", "error"))
    for override in policy.urls:
        if url_matches(override.pattern, url):
            level = _level_for(rule, override.rules) or level
    return level


def is_ignored(finding: Mapping[str, Any], policy: Policy) -> bool:
    url = str(finding.get("url", ""))
    if any(url_matches(pattern, url) for pattern in policy.ignore.urls):
        return True
    selector = (finding.get("location") or {}).get("selector")
    return bool(selector) and any(
        selector_within(selector, ignored) for ignored in policy.ignore.selectors
    )


def apply_policy(findings: list[dict], policy: Policy) -> list[dict]:
    """Findings as the policy sees them: ignored and 'off' dropped, severities overridden.

    A changed finding keeps its check's severity in ``default_severity``.
    """
    kept = []
    for finding in findings:
        if is_ignored(finding, policy):
            continue
        level, original = severity_for(finding, policy), finding.get("severity")
        if level == "off":
            continue
        if level != original:
            finding = {**finding, "severity": level}
            finding.setdefault("default_severity", original)
        kept.append(finding)
    return kept


def exit_code(findings: Iterable[Mapping[str, Any]], fail_on: str) -> int:
    """1 when a finding is at or above `fail_on`, else 0 (CONTRACT §1)."""
    if fail_on not in ("never", *RANK):
        raise UserError(f"--fail-on: expected error, warning, info or never, got '{fail_on}'")
    if fail_on == "never":
        return 0
    floor = RANK[fail_on]
    return int(any(RANK.get(str(f.get("severity")), 3) >= floor for f in findings))


def resolve_fail_on(option: str | None, policy: Policy) -> str:
    """An explicit --fail-on beats the policy file's fail_on (default 'error')."""
    return option if option is not None else policy.fail_on
