"""`brandaudit scheduler`: run the scheduled audits kept in the history store, without the
dashboard (the dashboard process runs them too unless --no-scheduler)."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "scheduler",
        help="run scheduled audits (stored in the history store) until stopped",
        description="Start each due schedule as a child brandaudit process, never two runs "
        "of one schedule at once; notify new errors by webhook and e-mail.",
    )
    parser.add_argument(
        "--history", type=Path, metavar="PATH",
        help="history store (default: $BRANDAUDIT_HISTORY or the user data folder)",
    )  # fmt: skip
    parser.add_argument(
        "--reports-dir", type=Path, metavar="DIR",
        help="where scheduled audits write reports (default: beside the history)",
    )  # fmt: skip
    parser.add_argument("--interval", type=float, default=30.0, metavar="S",
                        help="seconds between looks for due schedules (default 30)")  # fmt: skip
    parser.add_argument("--once", action="store_true",
                        help="start what is due now, wait for it, and exit")  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from brandaudit.history import history_path
    from brandaudit.schedule_runner import Runner

    runner = Runner(args.history, args.reports_dir)
    print(f"brandaudit scheduler on {history_path(args.history)}", flush=True)
    if args.once:
        for thread in runner.tick():
            thread.join()
        return 0
    runner.serve(args.interval)
    return 0
