"""`brandaudit worker --redis URL`: crawl for audits coordinated elsewhere (scale-out).

A worker needs no shared disk: it takes requests from the Redis queue of every run listed
in `brandaudit:runs`, and sends pages, image bytes and errors back through Redis. Each run
is crawled in a fresh child process (Twisted's reactor cannot restart), started ahead:
the next child imports Scrapy while the worker waits, so a run does not wait for it.
"""

from __future__ import annotations

import argparse
import time
from subprocess import Popen
from typing import Any

from brandaudit.errors import UserError

POLL_S = 0.5


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "worker",
        help="crawl for audits started elsewhere with --redis",
        description="Join the crawls of audits started with `brandaudit audit --redis URL`.",
    )
    parser.add_argument("--redis", required=True, metavar="URL", help="the audits' Redis")
    parser.add_argument(
        "--once", action="store_true", help="exit after one run instead of waiting for more"
    )


def run(args: argparse.Namespace) -> int:
    from brandaudit.crawler.distributed.coordinator import (
        connect,
        give_job,
        spawn_worker,
        worker_id,
    )
    from brandaudit.crawler.distributed.keys import ACTIVE_RUNS, RunKeys
    from brandaudit.crawler.run import CrawlFailed

    try:
        server = connect(args.redis)
    except CrawlFailed as exc:
        raise UserError(str(exc)) from None
    joined: set[str] = set()
    serial = 0
    ready: Popen[bytes] | None = spawn_worker(None)
    print(f"worker waiting for audits on {args.redis.rpartition('@')[2]}", flush=True)
    while True:
        runs = {m.decode() for m in server.smembers(ACTIVE_RUNS)} - joined
        run_id = next((r for r in sorted(runs) if not server.exists(RunKeys(r).done)), None)
        if run_id is None:
            time.sleep(POLL_S)
            continue
        joined.add(run_id)
        serial += 1
        assert ready is not None  # spawned at start, and after every run unless --once
        child, ready = ready, None
        give_job(child, args.redis, run_id, worker_id(serial))
        if not args.once:
            ready = spawn_worker(None)
        code = child.wait()
        print(f"run {run_id}: worker exited with {code}", flush=True)
        if args.once:
            return 0 if code == 0 else 2
