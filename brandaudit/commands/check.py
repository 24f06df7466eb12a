"""`brandaudit check --from RUN_DIR`: re-check a saved crawl with no network."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from brandaudit.commands.audit import (
    add_output_options,
    gate_settings,
    parse_formats,
    report_outcome,
)
from brandaudit.errors import UserError


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="re-check a saved crawl against a (changed) guideline, no network",
        description="Run the checks again on the crawl saved by an earlier audit.",
    )
    parser.add_argument(
        "--from",
        dest="run_dir",
        type=Path,
        required=True,
        metavar="RUN_DIR",
        help="an earlier audit's --out folder (or its crawl/ folder)",
    )
    parser.add_argument("--guideline", type=Path, required=True, metavar="PATH")
    add_output_options(parser)


def run(args: argparse.Namespace) -> int:
    from brandaudit.pipeline import check_saved_run, default_out_dir

    if not args.run_dir.is_dir():
        raise UserError(f"--from: folder not found: {args.run_dir}")
    outcome = check_saved_run(
        args.run_dir,
        args.guideline,
        args.out or default_out_dir(),
        parse_formats(args.format),
        gate_settings(args),
    )
    report_outcome(outcome, args)
    return outcome.exit_code
