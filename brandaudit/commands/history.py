"""`brandaudit history`: the audits recorded so far, newest first, with their counts."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from brandaudit.history import HistoryStore


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "history",
        help="list past audits with their counts",
        description="List recorded audits, newest first. Use their ids (or last, last~N) "
        "with 'brandaudit diff'.",
    )
    parser.add_argument(
        "--history", type=Path, metavar="PATH",
        help="history store (default: $BRANDAUDIT_HISTORY or the user data folder)",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the audits as JSON")
    parser.add_argument(
        "--limit",
        type=int,
        default=20,
        metavar="N",
        help="show the N newest (default 20; 0 for all)",
    )


def run(args: argparse.Namespace) -> int:
    store = HistoryStore(args.history)
    audits = store.list(limit=max(args.limit, 0) or None)
    if args.json:
        rows = [dataclasses.asdict(audit) for audit in audits]
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if not audits:
        print(f"No audits recorded in {store.path} yet.")
        return 0
    print(f"Audits recorded in {store.path}, newest first:")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("id", "started (UTC)", "pages", "err", "warn", "info"):
        table.add_column(column, no_wrap=True, justify="left" if column[0] == "s" else "right")
    table.add_column("guideline", overflow="fold", ratio=1)
    table.add_column("report folder", overflow="fold", ratio=2)
    for audit in audits:
        started = (audit.started or "").replace("T", " ")[:16]
        guideline = Path(audit.guideline).name if audit.guideline else None
        report = audit.report_path
        if report and Path(report).name == "report.json":
            report = str(Path(report).parent)  # the folder holds every format
        cells = (audit.id, started, audit.pages, audit.counts["error"], audit.counts["warning"],
                 audit.counts["info"], guideline, report)  # fmt: skip
        table.add_row(*(Text("" if cell is None else str(cell)) for cell in cells))
    Console(soft_wrap=False).print(table)
    return 0
