"""`brandaudit diff A B`: findings new in B, fixed since A, and still there.

A and B are report.json paths (or their folders), audit ids from `brandaudit history`,
`last` or `last~N`. Exit status follows the audit's rules applied to what is new: 1 when B
has a new finding at or above --fail-on (default error), so `diff` can gate a pull request.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console

from brandaudit.diff import diff_json, diff_reports, render_text
from brandaudit.history import HistoryStore
from brandaudit.policy import exit_code


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="compare two audits: new, fixed and persisting findings",
        description="Compare audit A (older) with audit B (newer). A and B are report.json "
        "paths, audit ids from 'brandaudit history', last or last~N. Exit status 1 when B "
        "has a new finding at or above --fail-on.",
    )
    parser.add_argument("a", metavar="A", help="the older audit")
    parser.add_argument("b", metavar="B", help="the newer audit")
    parser.add_argument("--json", action="store_true", help="print the difference as JSON")
    parser.add_argument(
        "--fail-on", choices=("error", "warning", "info", "never"), default="error",
        help="lowest severity of a new finding that makes the exit status 1 (default: error)",
    )  # fmt: skip
    parser.add_argument(
        "--history", type=Path, metavar="PATH",
        help="history store for ids (default: $BRANDAUDIT_HISTORY or the user data folder)",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    store = HistoryStore(args.history)
    a_doc, b_doc = store.load(args.a), store.load(args.b)
    result = diff_reports(a_doc, b_doc)
    if args.json:
        json.dump(diff_json(result, args.a, args.b), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        render_text(result, args.a, args.b, Console(soft_wrap=False))
    return exit_code(result.new, args.fail_on)
