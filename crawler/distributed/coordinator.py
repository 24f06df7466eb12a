"""The coordinator's side of a distributed crawl (`audit --redis URL --workers N`).

It publishes the run (options as JSON, id in `brandaudit:runs`), starts N local workers (one
process that imports Scrapy once and forks them), and until the crawl is over: drains the
outbox into the run directory (coverage events into its own ledger, written as
`coverage.json` at the end), re-queues the in-flight requests of workers whose heartbeat
expired, and reports progress. The crawl is
over when, in one atomic snapshot, the queue, every in-flight hash and the outbox are empty
(after the seeds were queued), three polls in a row. It then marks the run done (workers
close and send their stats), drains the rest and removes the run's keys from Redis.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from redis import Redis
from redis.exceptions import RedisError

from brandaudit.crawler.artifacts import CrawlMeta
from brandaudit.crawler.coverage import CoverageLedger
from brandaudit.crawler.distributed.keys import ACTIVE_RUNS, RunKeys
from brandaudit.crawler.distributed.outbox import OutboxDrain
from brandaudit.crawler.distributed.recovery import requeue_dead
from brandaudit.crawler.distributed.spec import options_to_json
from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.run_progress import CrawlFailed, LineCounter, utc_now
from brandaudit.crawler.run_store import RunWriter
from brandaudit.crawler.touchpoints.discover import PROFILE_LINKS

POLL_S = 0.1
BUSY_POLL_S = 0.25  # records keep coming: the outbox is drained less often (coordinator CPU)
QUIET_POLLS = 3
LIVENESS_S = 1.0  # dead workers are looked for this often (heartbeats expire after 6 s)
NO_WORKER_S = 30.0  # no live worker for this long: the crawl cannot progress
STATS_WAIT_S = 15.0
WORKER_LOGS = "worker-logs"


def connect(redis_url: str) -> Redis:
    """A client for `redis_url`, or `CrawlFailed` naming it when it does not answer."""
    try:
        server = Redis.from_url(redis_url, socket_connect_timeout=5)
        server.ping()
    except (RedisError, ValueError) as exc:
        raise CrawlFailed(f"--redis: cannot reach {redact(redis_url)}: {exc}") from None
    return server


def redact(redis_url: str) -> str:
    """The URL without its password, for messages."""
    head, sep, tail = redis_url.rpartition("@")
    return f"{head.split('//')[0]}//***@{tail}" if sep else redis_url


def worker_id(index: int) -> str:
    return f"{socket.gethostname().replace(':', '-')}-{os.getpid()}-{index}"


def spawn_worker(log: Path | None) -> subprocess.Popen[bytes]:
    """A worker child that imports Scrapy and the spider, then waits for `give_job`: started
    ahead, it is ready when a run comes."""
    handle = None
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        handle = open(log, "ab")  # noqa: SIM115 - the child holds it; closed below
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "brandaudit.crawler.distributed"],
            stdin=subprocess.PIPE,
            stdout=handle,
            stderr=handle,
        )
    finally:
        if handle is not None:
            handle.close()


def give_job(child: subprocess.Popen[bytes], redis_url: str, run_id: str, worker: str) -> None:
    """Send a spawned worker its run (on stdin: a Redis URL may hold a password)."""
    assert child.stdin is not None
    with contextlib.suppress(BrokenPipeError):
        child.stdin.write(
            json.dumps({"redis": redis_url, "run": run_id, "worker": worker}).encode()
        )
        child.stdin.close()


def give_jobs(
    child: subprocess.Popen[bytes],
    redis_url: str,
    run_id: str,
    workers: list[tuple[str, str | None]],
) -> None:
    """Send a spawned child a run for several workers (id, log file), which it forks."""
    assert child.stdin is not None
    with contextlib.suppress(BrokenPipeError):
        child.stdin.write(
            json.dumps({"redis": redis_url, "run": run_id, "workers": workers}).encode()
        )
        child.stdin.close()


def run_distributed_crawl(
    options: CrawlOptions,
    run_dir: Path,
    on_progress: Callable[[int, int, int], None] | None = None,
) -> CrawlMeta:
    """Crawl `options.seeds` with shared-queue workers into `run_dir`; same result as
    `crawler.run.run_crawl`."""
    assert options.redis_url is not None
    server = connect(options.redis_url)
    keys = RunKeys(uuid.uuid4().hex[:16])
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / PROFILE_LINKS).touch()  # profile discovery runs, as in a local crawl
    counter = LineCounter(run_dir)
    stats: dict[str, dict[str, Any]] = {}
    coverage = CoverageLedger()  # the workers' events, replayed (coverage_events.py)
    outbox = OutboxDrain(server, keys, run_dir, stats.__setitem__, coverage)
    started = utc_now()
    server.set(keys.spec, options_to_json(options))
    server.sadd(ACTIVE_RUNS, keys.run_id)
    children = []
    if options.workers:  # one process that imports Scrapy once and forks the workers
        logs = run_dir / WORKER_LOGS
        child = spawn_worker(logs / "workers.log")
        give_jobs(
            child,
            options.redis_url,
            keys.run_id,
            [(worker_id(i), str(logs / f"{i}.log")) for i in range(options.workers)],
        )
        children.append(child)

    def drain() -> int:
        moved = outbox.drain()
        if moved and on_progress is not None:
            on_progress(*counter.counts())
        return moved

    try:
        requeued = _until_quiet(server, keys, children, run_dir, drain)
        server.set(keys.done, 1)
        _collect_stats(server, keys, children, stats, drain)
    except BaseException:
        coverage.limit_hit("interrupted", "the crawl was stopped before it finished")
        server.set(keys.done, 1)
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                child.terminate()
        raise
    finally:
        outbox.close()
        coverage.write(run_dir)
        server.srem(ACTIVE_RUNS, keys.run_id)
        for key in server.scan_iter(match=keys.pattern, count=500):
            server.delete(key)
    merged = merge_stats(stats.values())
    pages, images, errors = counter.counts()
    merged.update(pages=pages, images=images, errors=errors, workers=len(stats))
    merged["brandaudit/requeued_from_dead_workers"] = requeued
    meta = CrawlMeta(options.seeds, started, utc_now(), merged)
    writer = RunWriter(run_dir)
    writer.write_meta(meta)
    writer.close()
    if pages == 0 and errors == 0:
        raise CrawlFailed(
            f"crawl of {', '.join(options.seeds)} produced no page and no error "
            f"(worker logs: {run_dir / WORKER_LOGS})"
        )
    return meta


def _until_quiet(
    server: Redis,
    keys: RunKeys,
    children: list[subprocess.Popen[bytes]],
    run_dir: Path,
    drain: Callable[[], int],
) -> int:
    """Drain and re-queue until the crawl is quiet; how many requests were re-queued. While
    records arrive the crawl is not quiet: no snapshot, and a longer sleep (BUSY_POLL_S)."""
    quiet = requeued = 0
    last_alive = looked = time.monotonic()
    while quiet < QUIET_POLLS:
        moved = drain()
        quiet = 0 if moved else quiet + 1 if is_quiet(server, keys) else 0
        if time.monotonic() - looked < LIVENESS_S and quiet == 0:
            time.sleep(BUSY_POLL_S if moved else POLL_S)
            continue
        looked = time.monotonic()
        requeued += requeue_dead(server, keys)
        if any(server.exists(keys.alive(w.decode())) for w in server.smembers(keys.workers)):
            last_alive = time.monotonic()
        elif time.monotonic() - last_alive > NO_WORKER_S or (
            children and all(c.poll() is not None for c in children)
        ):
            raise CrawlFailed(
                "no worker is crawling (local workers exited; none joined from elsewhere); "
                f"worker logs: {run_dir / WORKER_LOGS}{_last_errors(run_dir / WORKER_LOGS)}"
            )
        time.sleep(POLL_S)
    return requeued


def is_quiet(server: Redis, keys: RunKeys) -> bool:
    """Seeds queued, and nothing queued, held by a worker or waiting in the outbox, in one
    atomic snapshot (a callback pushes its new requests and items before its ack)."""
    workers = [w.decode() for w in server.smembers(keys.workers)]
    pipe = server.pipeline(transaction=True)
    pipe.exists(keys.seeded).zcard(keys.requests).llen(keys.outbox)
    for worker in workers:
        pipe.hlen(keys.inflight(worker))
    seeded, queued, outbox, *held = pipe.execute()
    return bool(seeded) and queued == 0 and outbox == 0 and not any(held)


def _collect_stats(
    server: Redis,
    keys: RunKeys,
    children: list[subprocess.Popen[bytes]],
    stats: dict[str, dict[str, Any]],
    drain: Callable[[], int],
) -> None:
    """Wait for the workers to close and send their stats (a dead one sends none)."""
    deadline = time.monotonic() + STATS_WAIT_S
    while time.monotonic() < deadline:
        drain()
        pending = [
            w
            for w in (m.decode() for m in server.smembers(keys.workers))
            if w not in stats and server.exists(keys.alive(w))
        ]
        if not pending and all(c.poll() is not None for c in children):
            break
        time.sleep(POLL_S)
    drain()
    for child in children:
        try:
            child.wait(5)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def merge_stats(per_worker: Any) -> dict[str, Any]:
    """Counts add up over workers; other values keep the first worker's."""
    merged: dict[str, Any] = {}
    for stats in per_worker:
        for key, value in stats.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool) and key in merged:
                if key.endswith(("max", "elapsed_time_seconds")):
                    merged[key] = max(merged[key], value)
                else:
                    merged[key] += value
            else:
                merged.setdefault(key, value)
    return merged


def _last_errors(log_dir: Path, limit: int = 3) -> str:
    lines: list[str] = []
    for log in sorted(log_dir.glob("*.log")):
        lines += [
            line
            for line in log.read_text(errors="replace").splitlines()
            if "ERROR" in line or "Error" in line
        ]
    return "".join(f"\n  {line[:300]}" for line in lines[-limit:])
