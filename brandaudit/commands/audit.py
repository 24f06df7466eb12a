"""`brandaudit audit`: crawl the seeds, check them against the guideline, write reports."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brandaudit.errors import UserError

if TYPE_CHECKING:  # the pipeline loads the crawler and imaging stack: only when `run` runs
    from brandaudit.pipeline import AuditOutcome, GateSettings

FORMATS = ("junit", "sarif", "md", "csv")
SEVERITIES = ("error", "warning", "info", "never")
RENDER_MODES = ("auto", "always", "never")


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by `audit`, `check` and `demo`: where reports go and what fails."""
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="report folder (default: reports/<UTC timestamp>/)"
    )
    parser.add_argument(
        "--format",
        default="",
        metavar="LIST",
        help=f"extra formats, comma-separated: {', '.join(FORMATS)}",
    )
    parser.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default=None,
        help="lowest severity that makes the exit status 1 (default: error)",
    )
    parser.add_argument(
        "--baseline", type=Path, metavar="FILE", help="fail only on findings not in this baseline"
    )
    parser.add_argument(
        "--policy",
        type=Path,
        metavar="FILE",
        help="severity overrides and ignore lists (default: brandaudit.yaml "
        "beside the guideline, if any)",
    )
    parser.add_argument(
        "--history",
        type=Path,
        metavar="PATH",
        help="history store (SQLite; default: $BRANDAUDIT_HISTORY or the user data folder)",
    )
    parser.add_argument(
        "--no-history", action="store_true", help="do not record this audit in the history store"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print a JSON summary on stdout (counts by severity, report paths, exit status, "
        "coverage) and nothing else",
    )


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="crawl and audit websites against a brand guideline",
        description="Crawl the given URLs and the guideline's websites; report every place "
        "that disagrees with the guideline.",
    )
    parser.add_argument(
        "--guideline", type=Path, required=True, metavar="PATH", help="the brand guideline (YAML)"
    )
    parser.add_argument("urls", nargs="*", metavar="URL", help="extra seed URLs")
    add_output_options(parser)
    crawl = parser.add_argument_group("crawl")
    crawl.add_argument("--max-pages", type=int, metavar="N", help="stop after N pages")
    crawl.add_argument(
        "--max-depth",
        type=int,
        default=None,
        metavar="N",
        help="follow links at most N clicks from a seed (default: no limit; crawl traps are "
        "guarded, and what they stop is in the report's coverage)",
    )
    crawl.add_argument(
        "--render",
        choices=RENDER_MODES,
        default="auto",
        help="render pages in Chromium: auto (application shells), always, never (default auto)",
    )
    crawl.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="REGEX",
        help="only crawl URLs matching this pattern (repeatable)",
    )
    crawl.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="REGEX",
        help="never crawl URLs matching this pattern (repeatable)",
    )
    crawl.add_argument(
        "--ignore-robots", action="store_true", help="do not obey robots.txt (staging sites)"
    )
    crawl.add_argument("--no-sitemap", action="store_true", help="do not seed from sitemap.xml")
    crawl.add_argument(
        "--concurrency", type=int, default=8, metavar="N", help="parallel requests (default 8)"
    )
    crawl.add_argument(
        "--timeout",
        type=float,
        default=20.0,
        metavar="SECONDS",
        help="per-request timeout (default 20)",
    )
    crawl.add_argument(
        "--time-limit",
        type=float,
        metavar="SECONDS",
        help="end the crawl after this long; the report says it is partial (default: none)",
    )
    crawl.add_argument(
        "--urls-from",
        type=Path,
        metavar="FILE",
        help="audit only the URLs listed in FILE, one per line (e.g. the pages a release "
        "changed): no link following, no sitemap",
    )
    scale = parser.add_argument_group("scale-out (see README, 'Large estates')")
    scale.add_argument(
        "--redis",
        metavar="URL",
        help="crawl on a shared Redis queue (redis://host:port/db); more machines join with "
        "`brandaudit worker --redis URL`",
    )
    scale.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="local worker processes with --redis (default 2; 0: only workers elsewhere)",
    )
    scale.add_argument(
        "--host-concurrency",
        type=int,
        default=16,
        metavar="N",
        help="with --redis: requests in flight to one host over all workers (default 16)",
    )
    crawl.add_argument(
        "--no-cache",
        action="store_true",
        help="fetch every page and check it again: no HTTP cache, no reused findings "
        "(default: re-audits revalidate pages and reuse the findings of unchanged ones)",
    )
    crawl.add_argument(
        "--resume",
        action="store_true",
        help="continue an interrupted audit in the same --out folder",
    )


HEADERS_ENV = "BRANDAUDIT_HEADERS"


def headers_from_env() -> dict[str, str]:
    """Staging credentials from $BRANDAUDIT_HEADERS ("Name: value" lines, e.g. Authorization
    or Cookie): never on the command line, where shells and CI logs keep them."""
    headers = {}
    for line in os.environ.get(HEADERS_ENV, "").splitlines():
        if not line.strip():
            continue
        name, sep, value = line.partition(":")
        if not sep or not name.strip():
            raise UserError(f"${HEADERS_ENV}: expected 'Name: value' lines")
        headers[name.strip()] = value.strip()
    return headers


def urls_from_file(path: Path) -> tuple[str, ...]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UserError(f"--urls-from: cannot read {path}: {exc.strerror}") from None
    urls = tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    if not urls:
        raise UserError(f"--urls-from: {path} lists no URL")
    return urls


def parse_formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UserError(
            f"--format: unknown format '{unknown[0]}' (choose from {', '.join(FORMATS)})"
        )
    return formats


def gate_settings(args: argparse.Namespace) -> GateSettings:
    from brandaudit.pipeline import GateSettings

    for option, path in (("--baseline", args.baseline), ("--policy", args.policy)):
        if path is not None and not path.is_file():
            raise UserError(f"{option}: file not found: {path}")
    return GateSettings(
        fail_on=args.fail_on,
        baseline=args.baseline,
        policy=args.policy,
        history=args.history,
        record_history=not args.no_history,
    )


def quiet(args: argparse.Namespace) -> bool:
    """-q or --json: nothing but errors (and the JSON) on the terminal."""
    return getattr(args, "verbosity", 0) < 0 or getattr(args, "json", False)


def report_outcome(outcome: AuditOutcome, args: argparse.Namespace | None = None) -> None:
    """Print the counts and where the report is: the one thing a user needs next (with
    --json, the JSON summary only; with -q, nothing). GitHub annotations and the webhook
    are for machines and go out either way (with --json, annotations on stderr, which the
    Actions runner reads too)."""
    from brandaudit.notify import github_annotations, post_webhook

    as_json = args is not None and getattr(args, "json", False)
    if as_json:
        from brandaudit.outcome_summary import outcome_summary

        summary = outcome_summary(outcome.document, outcome.paths, outcome.exit_code)
        json.dump(summary, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif args is None or not quiet(args):
        print_counts(outcome)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in github_annotations(outcome.document):
            print(line, file=sys.stderr if as_json else sys.stdout)
    post_webhook(outcome.document, str(outcome.paths["html"].resolve()))


def print_counts(outcome: AuditOutcome) -> None:
    from brandaudit.incremental import incremental_line
    from brandaudit.reports.coverage import coverage_line

    counts = outcome.document["summary"]["findings"]
    pages = outcome.document["summary"]["pages"]
    print(
        f"Audited {pages} pages: {counts.get('error', 0)} errors, "
        f"{counts.get('warning', 0)} warnings, {counts.get('info', 0)} info."
    )
    print(coverage_line(outcome.document.get("coverage")))
    reused = incremental_line(outcome.document.get("incremental"))
    if reused:
        print(reused)
    shrank = (outcome.document.get("history") or {}).get("since_last", {}).get("coverage_shrank")
    if shrank:
        print(shrank)
    comparison = outcome.document.get("comparison")
    if comparison:
        print(
            f"Against the baseline: {len(comparison['new'])} new, {len(comparison['fixed'])} fixed."
        )
    print(f"Report: {outcome.paths['html'].resolve()}")


def clear_previous_crawl(out_dir: Path) -> None:
    """A fresh audit into a used folder must not inherit the old crawl or its job state."""
    for name in ("crawl", "job"):
        if (out_dir / name).is_dir():
            shutil.rmtree(out_dir / name)


def run(args: argparse.Namespace) -> int:
    from brandaudit.crawler.cache_place import estate_http_cache, max_http_cache_bytes
    from brandaudit.crawler.options import CrawlOptions
    from brandaudit.pipeline import audit, collect_seeds, default_out_dir, read_guideline
    from brandaudit.progress import crawl_progress

    if args.max_pages is not None and args.max_pages < 1:
        raise UserError("--max-pages: must be at least 1")
    if args.max_depth is not None and args.max_depth < 0:
        raise UserError("--max-depth: must be 0 or more")
    if args.concurrency < 1:
        raise UserError("--concurrency: must be at least 1")
    if args.time_limit is not None and args.time_limit <= 0:
        raise UserError("--time-limit: must be a positive number of seconds")
    if args.redis is None and args.workers is not None:
        raise UserError("--workers: only with --redis URL")
    workers = 2 if args.workers is None else args.workers
    if workers < 0 or args.host_concurrency < 1:
        raise UserError("--workers must be 0 or more, --host-concurrency at least 1")
    if args.redis and args.resume:
        raise UserError("--resume: not with --redis (the shared queue is not kept)")
    formats = parse_formats(args.format)
    gate = gate_settings(args)
    guideline = read_guideline(args.guideline)
    listed = urls_from_file(args.urls_from) if args.urls_from else ()
    # With --urls-from, just the listed pages: the guideline's websites are not crawled.
    seeds = collect_seeds((*listed, *args.urls), guideline, websites=not listed)
    out_dir = args.out or default_out_dir()
    if args.resume and args.out is None:
        raise UserError("--resume: give the --out folder of the interrupted audit")
    options = CrawlOptions(
        seeds=seeds,
        max_pages=args.max_pages,
        max_depth=0 if listed else args.max_depth,
        follow_links=not listed,
        include=tuple(args.include),
        exclude=tuple(args.exclude),
        obey_robots=not args.ignore_robots,
        use_sitemap=not (args.no_sitemap or listed),
        headers=headers_from_env(),
        concurrency=args.concurrency,
        timeout_s=args.timeout,
        time_limit_s=args.time_limit,
        render=args.render,
        job_dir=out_dir / "job",
        redis_url=args.redis,
        workers=workers,
        host_concurrency=args.host_concurrency,
        # One cache file per estate; not on a shared Redis queue, whose workers have no
        # common disk (README, "Large estates").
        http_cache=None if args.no_cache or args.redis else estate_http_cache(seeds),
        http_cache_max_bytes=max_http_cache_bytes(),
    )
    if not args.resume:
        clear_previous_crawl(out_dir)
    with crawl_progress(enabled=False if quiet(args) else None) as on_progress:
        outcome = audit(guideline, options, out_dir, formats, gate, on_progress)
    report_outcome(outcome, args)
    sys.stdout.flush()
    return outcome.exit_code
