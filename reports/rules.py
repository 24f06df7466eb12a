"""Rule metadata for the renderers, read from the check registry (never duplicated here).

SARIF's rule list, JUnit's passing cases and the HTML rule titles all come from
`checks.registry.RULES`. A finding whose rule is not registered (a report loaded from an
older version, say) still gets an entry, built from the finding itself.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from brandaudit.checks.finding import Severity
from brandaudit.checks.registry import RULES, Rule, load_all_checks

log = logging.getLogger(__name__)


def registered_rules() -> dict[str, Rule]:
    """Every rule the registered checks may emit, by id (imports all check modules once).

    A check module that fails to import must not cost the user the report of an audit
    that already ran: the rules registered so far are used and the failure is logged.
    """
    try:
        load_all_checks()
    except Exception:  # a broken check module; the audit's own findings still stand
        log.exception("could not load every check; rule metadata may be incomplete")
    return dict(RULES)


def rules_for(findings: Iterable[Mapping[str, Any]]) -> list[Rule]:
    """Registered rules plus any rule seen only in findings, sorted by id."""
    rules = registered_rules()
    for finding in findings:
        if finding["rule"] not in rules:
            rules[finding["rule"]] = Rule(
                id=finding["rule"],
                severity=Severity(finding["severity"]),
                title=finding["rule"],
                why="",
                fix="",
            )
    return [rules[rule_id] for rule_id in sorted(rules)]
