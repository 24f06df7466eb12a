"""`brandaudit demo`: audit the bundled sample brand on its bundled demo site.

The demo site is served on 127.0.0.1 for the length of the audit; it plants one of each
kind of inconsistency (see brand_assets/demo_site/planted.json) among traps that must stay
silent.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_GUIDELINE
from brandaudit.commands.audit import (
    add_output_options,
    clear_previous_crawl,
    gate_settings,
    parse_formats,
    quiet,
    report_outcome,
)
from brandaudit.site_server import RunningSite, serve_site


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="audit the bundled sample brand on its bundled demo site",
        description="Serve the bundled demo site on 127.0.0.1 and audit it with the sample "
        "brand's guideline. Exits 0 when the demo ran, whatever it found, unless "
        "--fail-on is given.",
    )
    parser.add_argument("--render", choices=("auto", "always", "never"), default="auto")
    add_output_options(parser)


DEMO_PORT = 8765  # fixed, so finding ids (which include URLs) compare across demo runs


@contextmanager
def serve_demo_site() -> Iterator[RunningSite]:
    """Serve the demo site on its usual port, or on a free one if that is taken."""
    try:
        server = serve_site(DEMO_SITE_DIR, port=DEMO_PORT)
        site = server.__enter__()
    except OSError:
        with serve_site(DEMO_SITE_DIR) as site:
            yield site
        return
    try:
        yield site
    finally:
        server.__exit__(None, None, None)


def run(args: argparse.Namespace) -> int:
    from brandaudit.crawler.options import CrawlOptions
    from brandaudit.pipeline import audit, default_out_dir, read_guideline
    from brandaudit.progress import crawl_progress

    if args.fail_on is None:
        args.fail_on = "never"
    formats = parse_formats(args.format)
    gate = gate_settings(args)
    out_dir = args.out or default_out_dir()
    guideline = read_guideline(SAMPLE_GUIDELINE)
    clear_previous_crawl(out_dir)
    with serve_demo_site() as site:
        if not quiet(args):
            print(f"Serving the demo site at {site.base_url}")
        options = CrawlOptions(seeds=(site.base_url,), render=args.render, job_dir=out_dir / "job")
        with crawl_progress(enabled=False if quiet(args) else None) as on_progress:
            outcome = audit(guideline, options, out_dir, formats, gate, on_progress)
    report_outcome(outcome, args)
    return outcome.exit_code
