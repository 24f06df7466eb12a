"""One worker's crawl of a run: a child process running Scrapy on the shared queue.

`python -m brandaudit.crawler.distributed` reads {"redis", "run", "worker"} on stdin (a
Redis URL may hold a password: never on a command line), loads the run's options from
Redis and crawls until the coordinator marks the run done. A heartbeat thread keeps
`alive:<worker>` (value: the pid) set while the process lives; after `kill -9` it expires and the
coordinator re-queues what the worker held.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import threading
import traceback
import warnings
from pathlib import Path
from typing import Any

from redis import Redis

from brandaudit.crawler.distributed.keys import RunKeys
from brandaudit.crawler.distributed.spec import options_from_json
from brandaudit.crawler.options import CrawlOptions

HEARTBEAT_S = 2.0
HEARTBEAT_TTL_MS = 6000  # three missed beats: dead
IDLE_POLL_S = 0.1  # how soon an idle worker looks at the shared queue again (Scrapy: 5 s)


def worker_settings(
    options: CrawlOptions, log_dir: Path, redis_url: str, keys: RunKeys, worker: str
) -> dict[str, Any]:
    """The single-process settings, with scrapy-redis's scheduler and the run's keys."""
    from brandaudit.crawler.settings import scrapy_settings

    settings = scrapy_settings(options, log_dir)
    settings.pop("JOBDIR", None)  # the queue lives in Redis
    middlewares = dict(settings.get("DOWNLOADER_MIDDLEWARES") or {})
    middlewares["brandaudit.crawler.distributed.politeness.HostLeaseMiddleware"] = 950
    settings.update(
        SCHEDULER="scrapy_redis.scheduler.Scheduler",
        SCHEDULER_QUEUE_CLASS="brandaudit.crawler.distributed.queue.AckedPriorityQueue",
        SCHEDULER_QUEUE_KEY=keys.requests,
        SCHEDULER_DUPEFILTER_KEY=keys.dupefilter,
        DUPEFILTER_CLASS="scrapy_redis.dupefilter.RFPDupeFilter",
        SCHEDULER_PERSIST=True,  # one worker closing must not clear the others' queue
        # A callback's outputs handed on one at a time: a link is queued right after the
        # spider claims it, and the request is acknowledged only after its last output
        # (Scrapy's default of 100 pulls claims far ahead of queueing; a kill lost them).
        CONCURRENT_ITEMS=1,
        REDIS_URL=redis_url,
        ITEM_PIPELINES={"brandaudit.crawler.distributed.pipeline.OutboxPipeline": 300},
        DOWNLOADER_MIDDLEWARES=middlewares,
        BRANDAUDIT_RUN_ID=keys.run_id,
        BRANDAUDIT_WORKER_ID=worker,
        BRANDAUDIT_HOST_CONCURRENCY=options.host_concurrency,
    )
    return settings


def _heartbeat(server: Redis, key: str, stop: threading.Event) -> None:
    while not stop.is_set():
        server.set(key, os.getpid(), px=HEARTBEAT_TTL_MS)
        stop.wait(HEARTBEAT_S)


def crawl_as_worker(redis_url: str, run_id: str, worker: str) -> int:
    """Join run `run_id` as `worker` and crawl until it is done; 0 on success."""
    from scrapy.core.engine import ExecutionEngine
    from scrapy.crawler import CrawlerProcess
    from scrapy.exceptions import ScrapyDeprecationWarning

    from brandaudit.crawler.distributed.outbox import OutboxWriter
    from brandaudit.crawler.distributed.spider import DistributedSiteSpider
    from brandaudit.crawler.run import _stats_subset

    server = Redis.from_url(redis_url)
    keys = RunKeys(run_id)
    spec = server.get(keys.spec)
    if spec is None:
        print(f"run {run_id} is not in Redis (finished or never started)", file=sys.stderr)
        return 1
    options = options_from_json(spec)
    stop = threading.Event()
    server.set(keys.alive(worker), os.getpid(), px=HEARTBEAT_TTL_MS)
    server.sadd(keys.workers, worker)
    beat = threading.Thread(target=_heartbeat, args=(server, keys.alive(worker), stop), daemon=True)
    beat.start()
    # The engine looks at its scheduler every 5 s when idle; a shared queue fills from
    # other workers, so look far more often (one cheap Redis call per look).
    ExecutionEngine._SLOT_HEARTBEAT_INTERVAL = IDLE_POLL_S
    # scrapy-redis 0.9.1 passes `spider=` to the stats collector (deprecated in Scrapy 2.13+).
    warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy_redis")
    try:
        with tempfile.TemporaryDirectory(prefix=f"brandaudit-worker-{worker}-") as tmp:
            settings = worker_settings(options, Path(tmp), redis_url, keys, worker)
            settings["LOG_FILE"] = None  # the log goes to stderr, which the parent keeps
            process = CrawlerProcess(settings)
            crawler = process.create_crawler(DistributedSiteSpider)
            process.crawl(crawler, options=options)
            process.start()
            stats = _stats_subset(crawler.stats.get_stats() if crawler.stats else {})
        OutboxWriter(server, keys).add_stats(worker, stats)
        return 0
    except Exception:
        traceback.print_exc()
        return 1
    finally:
        stop.set()
        beat.join()
        server.delete(keys.alive(worker))


PROFILE_ENV = "BRANDAUDIT_WORKER_PROFILE"  # a folder: each worker writes <worker>.prof there


def main() -> int:
    # Scrapy and the spider first (a second or more of CPU), then wait for the job: a worker
    # started ahead of its run (`brandaudit worker`) is ready when the run comes. The
    # downloader's TLS modules build deprecated aliases with `inspect.stack()` at import,
    # which reads the source of every frame: here the stack is short (3 s of wall per worker
    # measured when imported inside the engine's start-up).
    import scrapy.core.downloader.handlers.http11
    import scrapy.crawler  # noqa: F401
    import scrapy_redis.scheduler  # noqa: F401

    import brandaudit.crawler.distributed.pipeline
    import brandaudit.crawler.distributed.politeness
    import brandaudit.crawler.distributed.spider  # noqa: F401

    preload_components()
    text = sys.stdin.read()
    if not text.strip():  # spawned ahead, and its parent stopped before a run came
        return 0
    job = json.loads(text)
    if "workers" in job:  # several local workers: forks of this process
        return run_forked(job["redis"], job["run"], job["workers"])
    return run_one(job["redis"], job["run"], job["worker"])


def preload_components() -> None:
    """Import what Scrapy's engine loads by name when a crawl starts (extensions,
    middlewares, download handlers, pipelines): once here, before the job comes and before
    forking, instead of in every worker (7 % of a worker's samples, profiled). A component
    that cannot load is left to the engine, which says why."""
    from scrapy.settings import default_settings
    from scrapy.utils.misc import load_object

    from brandaudit.crawler.settings import GUARD_MIDDLEWARES

    paths: list[str] = list(GUARD_MIDDLEWARES)
    for name in dir(default_settings):
        value = getattr(default_settings, name)
        if name.isupper() and isinstance(value, dict):
            paths += [p for p in (*value, *value.values()) if isinstance(p, str) and "." in p]
        elif name.isupper() and isinstance(value, str) and value.count(".") > 1:
            paths.append(value)
    for path in paths:
        with contextlib.suppress(Exception):
            load_object(path)


def run_one(redis_url: str, run_id: str, worker: str) -> int:
    """`crawl_as_worker`, under cProfile when BRANDAUDIT_WORKER_PROFILE names a folder."""
    profile_dir = os.environ.get(PROFILE_ENV)
    if not profile_dir:
        return crawl_as_worker(redis_url, run_id, worker)
    import cProfile

    profiler = cProfile.Profile()
    try:
        return profiler.runcall(crawl_as_worker, redis_url, run_id, worker)  # type: ignore[no-any-return]
    finally:
        profiler.dump_stats(str(Path(profile_dir) / f"{worker}.prof"))


def run_forked(redis_url: str, run_id: str, workers: list[tuple[str, str | None]]) -> int:
    """Run each (worker id, log file) in a fork of this process, which has imported Scrapy
    and the spider (no reactor, no thread, no connection yet): N local workers pay the
    imports' CPU once instead of N times (1.6-1.8 CPU s each, measured at load 6) and start
    together. SIGTERM is passed on to the workers (Scrapy's graceful stop); this process
    exits when they all have, 0 if they all succeeded."""
    import gc
    import signal

    pids: list[int] = []

    def pass_on(signum: int, frame: Any) -> None:
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signum)

    signal.signal(signal.SIGTERM, pass_on)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C reaches the workers themselves
    gc.freeze()  # the imported objects stay shared with the forks (copy on write)
    for worker, log in workers:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the worker
            code = 1
            try:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.default_int_handler)
                if log is not None:
                    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
                    os.dup2(fd, 1)
                    os.dup2(fd, 2)
                    os.close(fd)
                code = run_one(redis_url, run_id, worker)
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        pids.append(pid)
    codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
    return 0 if not any(codes) else 1
