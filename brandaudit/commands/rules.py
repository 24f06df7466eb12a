"""`brandaudit rules [ID]`: what each rule looks for, why it matters and how to fix it.

Like `ruff rule`: the text comes from the rule metadata beside each check, so the command,
SARIF's rule list and report.html always say the same thing.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from rapidfuzz import process
from rich import box
from rich.console import Console
from rich.table import Table

from brandaudit.checks.finding import Severity
from brandaudit.checks.registry import Rule
from brandaudit.errors import UserError
from brandaudit.reports.rules import registered_rules


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "rules",
        help="list the rules, or explain one",
        description="List every rule id with its default severity, or explain one rule: "
        "what it looks for, why it matters, how to fix it.",
    )
    parser.add_argument("rule", nargs="?", metavar="RULE_ID", help="e.g. logo.deprecated")
    parser.add_argument("--json", action="store_true", help="print the rules as JSON")


def _as_dict(rule: Rule) -> dict[str, str]:
    return {**dataclasses.asdict(rule), "severity": Severity(rule.severity).value}


def _find(rule_id: str, rules: dict[str, Rule]) -> Rule:
    if rule_id in rules:
        return rules[rule_id]
    closest = process.extract(rule_id, list(rules), limit=3, score_cutoff=50)
    hint = f"; did you mean {', '.join(name for name, _score, _ in closest)}?" if closest else ""
    raise UserError(f"unknown rule {rule_id!r}{hint} ('brandaudit rules' lists them all)")


def run(args: argparse.Namespace) -> int:
    rules = registered_rules()
    chosen = [_find(args.rule, rules)] if args.rule else [rules[key] for key in sorted(rules)]
    if args.json:
        json.dump([_as_dict(rule) for rule in chosen], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if args.rule:
        rule = chosen[0]
        print(f"{rule.id} ({Severity(rule.severity).value}): {rule.title}\n")
        print(f"Why it matters: {rule.why}")
        if rule.fix:
            print(f"How to fix: {rule.fix}")
        return 0
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("rule", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("looks for", overflow="fold", ratio=1)
    for rule in chosen:
        table.add_row(rule.id, Severity(rule.severity).value, rule.title)
    Console(soft_wrap=False).print(table)
    print("Explain one: brandaudit rules RULE_ID")
    return 0
