"""`brandaudit baseline create`: accept a report's findings so CI fails only on new ones."""

from __future__ import annotations

import argparse
from pathlib import Path

from brandaudit.baseline import create_baseline, write_baseline
from brandaudit.history import HistoryStore


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "baseline",
        help="accept the findings of a report as known",
        description="Baselines list accepted findings; 'audit --baseline FILE' then fails "
        "only on findings that are not in it.",
    )
    actions = parser.add_subparsers(dest="baseline_command", metavar="ACTION")
    actions.required = True
    create = actions.add_parser(
        "create",
        help="write a baseline from a report.json",
        description="Write a baseline accepting every finding of REPORT_JSON.",
    )
    create.add_argument(
        "--from", dest="from_report", type=Path, required=True, metavar="REPORT_JSON",
        help="the report whose findings are accepted: a report.json (or its folder), "
        "or an audit id from the history, last or last~N",
    )  # fmt: skip
    create.add_argument(
        "--out", type=Path, required=True, metavar="BASELINE_JSON", help="baseline file to write"
    )
    create.add_argument(
        "--history", type=Path, metavar="PATH",
        help="history store for audit ids (default: $BRANDAUDIT_HISTORY or the user data folder)",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    report = HistoryStore(args.history).load(str(args.from_report))
    baseline = create_baseline(report)
    write_baseline(baseline, args.out)
    count = len(baseline["findings"])
    print(f"Baseline of {count} accepted finding{'s' * (count != 1)} written to {args.out}")
    return 0
