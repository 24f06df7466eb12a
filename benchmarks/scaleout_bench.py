"""Scale-out on Redis: one crawl process against three workers on a shared Redis queue.

Generates the crawl_bench site (N pages, images), serves it on 127.0.0.1 answering every
request after --delay seconds (a slow real server: `slow_server.py`, an asyncio server in
its own process, which reports the most requests it had in progress at once, so that the
benchmark shows the server was concurrent and each crawl kept its fixed concurrency),
starts a private redis-server, and runs `crawler.run.run_crawl` twice at the same
per-process concurrency (CONCURRENT_REQUESTS = --concurrency in every process):

  (a) one process (the ordinary crawl);
  (b) --redis with --workers W local worker processes.

Prints pages/s of both, CPU seconds (workers and crawl children from RUSAGE_CHILDREN, the
coordinator's own draining from RUSAGE_SELF, redis-server from its INFO), and whether the
page-local findings of both crawls are identical. Targets (issue 20): pages/s >= 2.5x with
3 workers; CPU of the workers (+ coordinator) <= 1.15x the single process.

Length: each process pays a fixed start-up (imports, Scrapy's engine: about 1.5 CPU-s,
several seconds of wall on a loaded machine), so the default site is 3,000 pages: one
process needs at least 3030 / (8 / 0.1 s) = 38 s, three workers 13 s, and start-up is a
small part of either. `--prestarted` takes start-up out of the wall clock (workers wait
for the run, as deployed with `brandaudit worker`); their CPU is counted either way.

    python benchmarks/scaleout_bench.py [--pages 3000] [--delay 0.1] [--concurrency 8]
                                        [--prestarted]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from crawl_bench import generate_site  # noqa: E402


def cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


class SlowServer:
    """`slow_server.py` in a child process: its URL, and its concurrency on demand."""

    def __init__(self, root: Path, delay_s: float) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "benchmarks" / "slow_server.py"), str(root), str(delay_s)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None and self.process.stdin is not None
        self.url = f"http://127.0.0.1:{int(self.process.stdout.readline())}/"

    def most_in_progress(self) -> tuple[int, int]:
        """The most requests in progress at once, and the requests answered, since last asked."""
        assert self.process.stdout is not None and self.process.stdin is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        most, answered = self.process.stdout.readline().split()
        return int(most), int(answered)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


class Phases:
    """When the first and the last page reached the run folder (the progress callback's
    view: every 0.5 s for one process, every 0.1 s for the coordinator)."""

    def __init__(self, started: float) -> None:
        self.started = started
        self.first: float | None = None
        self.last = started
        self.pages = 0

    def progress(self, pages: int, images: int, errors: int) -> None:
        now = time.perf_counter()
        if pages and self.first is None:
            self.first = now
        if pages > self.pages:
            self.pages, self.last = pages, now

    def describe(self, wall: float) -> str:
        first = (self.first or self.started) - self.started
        last = self.last - self.started
        return (
            f"start to first page {first:.1f} s, pages arriving {last - first:.1f} s "
            f"({self.pages / max(last - first, 1e-9):.1f} pages/s), last page to end "
            f"{wall - last:.1f} s"
        )


def start_redis() -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return server, f"redis://127.0.0.1:{port}/0"


def start_waiting_worker(url: str) -> subprocess.Popen[bytes]:
    """`brandaudit worker --once`, started and waiting for a run before the clock starts."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "brandaudit", "worker", "--redis", url, "--once"],
        stdout=subprocess.PIPE,
    )
    assert worker.stdout is not None
    worker.stdout.readline()  # "worker waiting for audits on ..."
    return worker


def redis_cpu(url: str) -> float:
    from redis import Redis

    info = Redis.from_url(url).info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def findings_of(run_dir: Path) -> list[tuple[str, str, str]]:
    from brandaudit.brand_assets import SAMPLE_GUIDELINE
    from brandaudit.brand_assets.guideline import load_guideline
    from brandaudit.checks.finding import finalise
    from brandaudit.checks.registry import fold_across_pages, run_checks
    from brandaudit.crawler.run_store import load_run

    result = load_run(run_dir)
    checked = run_checks(result, load_guideline(SAMPLE_GUIDELINE), page_local=True)
    found = finalise(fold_across_pages(checked))
    return sorted((f.id, f.rule, f.url) for f in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--images", type=int, default=30)
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--prestarted",
        action="store_true",
        help="workers already running (`brandaudit worker`), as in a deployment; "
        "default: the audit starts them (their start-up is timed)",
    )
    args = parser.parse_args()

    from brandaudit.crawler.options import CrawlOptions
    from brandaudit.crawler.run import run_crawl
    from brandaudit.crawler.run_store import load_run

    redis, url = start_redis()
    try:
        with tempfile.TemporaryDirectory(prefix="scaleout_bench_") as tmp:
            tmp_path = Path(tmp)
            generate_site(tmp_path / "site", args.pages, args.images)
            site = SlowServer(tmp_path / "site", args.delay)
            print(
                f"site: {args.pages} pages, {args.images} images, every answer after "
                f"{args.delay * 1000:.0f} ms; concurrency {args.concurrency} per process"
            )
            rows = []
            try:
                for workers in (0, args.workers):
                    options = CrawlOptions(
                        seeds=(site.url,), concurrency=args.concurrency,
                        host_concurrency=args.concurrency * max(1, workers),
                        redis_url=url if workers else None, workers=max(1, workers),
                    )  # fmt: skip
                    run_dir = tmp_path / f"run{workers}"
                    c0, s0, r0 = cpu(resource.RUSAGE_CHILDREN), cpu(resource.RUSAGE_SELF), 0.0
                    r0 = redis_cpu(url)
                    site.most_in_progress()  # reset
                    waiting = []
                    if workers and args.prestarted:  # long-running workers, as on other machines
                        waiting = [start_waiting_worker(url) for _ in range(workers)]
                        options = dataclasses.replace(options, workers=0)
                    started = time.perf_counter()
                    phases = Phases(started)
                    run_crawl(options, run_dir, on_progress=phases.progress)
                    wall = time.perf_counter() - started
                    for worker in waiting:
                        worker.wait(60)
                    children = cpu(resource.RUSAGE_CHILDREN) - c0
                    coordinator = cpu(resource.RUSAGE_SELF) - s0
                    redis_s = redis_cpu(url) - r0
                    pages = len(load_run(run_dir).pages)
                    most, answered = site.most_in_progress()
                    rows.append((workers, wall, pages, children, coordinator, redis_s))
                    label = f"{workers} workers on Redis" if workers else "one process"
                    print(
                        f"{label:>20}: {wall:6.1f} s wall, {pages} pages, {pages / wall:6.1f} "
                        f"pages/s; CPU s: crawl processes {children:.1f}, this process "
                        f"{coordinator:.1f}, redis-server {redis_s:.1f}; server: {answered} "
                        f"requests, at most {most} in progress at once"
                    )
                    print(f"{'':>22}{phases.describe(wall)}")
            finally:
                site.stop()
            (_, wall1, pages1, cpu1, self1, _), (_, wall3, pages3, cpu3, self3, redis3) = rows
            same = findings_of(tmp_path / "run0") == findings_of(tmp_path / f"run{args.workers}")
            print(f"same pages: {pages1 == pages3}; same page findings: {same}")
            print(
                f"speed-up: {(pages3 / wall3) / (pages1 / wall1):.2f}x pages/s "
                f"(target >= 2.5 with 3 workers)"
            )
            base = cpu1 + self1
            print(
                f"CPU ratio: workers + coordinator {(cpu3 + self3) / base:.2f}x (target <= 1.15), "
                f"with redis-server {(cpu3 + self3 + redis3) / base:.2f}x"
            )
        print(
            "load average (1, 5, 15 min) at the end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
        )
    finally:
        redis.terminate()
        redis.wait()


if __name__ == "__main__":
    main()
