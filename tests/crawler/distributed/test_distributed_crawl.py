"""Scale-out crawls: several worker processes on a real redis-server, against a local site.

Each test compares with what a single-process crawl of the same site gives, or with a
limit the shared state must hold across workers (pages, per-host requests in flight).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from redis import Redis

from brandaudit.crawler.coverage import read_coverage
from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.run import run_crawl
from brandaudit.crawler.run_store import PAGES, load_run
from brandaudit.site_server import serve_site

from .conftest import ConcurrencyProbe, write_site

PAGES_N = 40


def _coverage(run_dir: Path) -> dict[str, Any]:
    """coverage.json, its URL list in a stable order (workers meet URLs in any order)."""
    raw = read_coverage(run_dir)
    assert raw is not None, "no coverage.json: the report would say coverage is unknown"
    return {**raw, "urls": sorted(raw["urls"], key=lambda u: (u["url"], u["reason"]))}


def _summary(run_dir: Path) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    result = load_run(run_dir)
    return (
        [p.url for p in result.pages],
        sorted(u for u, i in result.images.items() if i.sha256),
        [(e.url, e.reason) for e in result.errors],
    )


def test_three_workers_crawl_what_one_process_crawls(tmp_path: Path, redis_url: str) -> None:
    write_site(tmp_path / "site", PAGES_N)
    with serve_site(tmp_path / "site") as site:
        seed = (site.url(),)
        run_crawl(CrawlOptions(seeds=seed), tmp_path / "one")
        meta = run_crawl(
            CrawlOptions(seeds=seed, redis_url=redis_url, workers=3), tmp_path / "three"
        )
    one, three = _summary(tmp_path / "one"), _summary(tmp_path / "three")
    assert len(one[0]) == PAGES_N and one[2]  # the site's pages, and its broken links
    assert three == one
    # The same coverage: crawled pages, off-site and excluded links met, nothing cut.
    one_cov, three_cov = _coverage(tmp_path / "one"), _coverage(tmp_path / "three")
    assert three_cov["crawled"] == PAGES_N and three_cov["complete"] is True
    for part in ("complete", "crawled", "not_crawled", "limits", "orphans", "seeds_failed"):
        assert three_cov[part] == one_cov[part], part
    assert [u["url"] for u in three_cov["urls"]] == [u["url"] for u in one_cov["urls"]]
    lines = (tmp_path / "three" / PAGES).read_text().splitlines()
    assert len(lines) == PAGES_N  # each page fetched and sent once over all workers
    assert meta.stats["workers"] == 3
    assert not list(Redis.from_url(redis_url).scan_iter("brandaudit:run:*"))  # cleaned up


def test_max_pages_holds_over_all_workers(tmp_path: Path, redis_url: str) -> None:
    write_site(tmp_path / "site", PAGES_N)
    with serve_site(tmp_path / "site") as site:
        options = CrawlOptions(seeds=(site.url(),), max_pages=12, redis_url=redis_url, workers=3)
        run_crawl(options, tmp_path / "run")
    assert len(load_run(tmp_path / "run").pages) == 12
    coverage = _coverage(tmp_path / "run")  # the cut is said, as in a single process
    assert coverage["complete"] is False and coverage["crawled"] == 12
    assert coverage["not_crawled"]["max_pages"] >= 1


@pytest.mark.parametrize("cap", [2, 16])
def test_requests_per_host_are_capped_across_workers(
    tmp_path: Path, redis_url: str, cap: int
) -> None:
    write_site(tmp_path / "site", PAGES_N)
    probe = ConcurrencyProbe(tmp_path / "site", delay_s=0.15)
    with serve_site(tmp_path / "site", routes=probe.routes(PAGES_N)) as site:
        options = CrawlOptions(
            seeds=(site.url("p0.html"),), redis_url=redis_url, workers=3, concurrency=4,
            host_concurrency=cap, use_sitemap=False,
        )  # fmt: skip
        run_crawl(options, tmp_path / "run")
    assert len(load_run(tmp_path / "run").pages) == PAGES_N
    if cap == 2:
        assert probe.most <= 2
    else:  # the control: without a tight cap, three workers do exceed two at once
        assert probe.most > 2


def test_a_worker_killed_with_sigkill_loses_nothing(tmp_path: Path, redis_url: str) -> None:
    write_site(tmp_path / "site", PAGES_N)
    probe = ConcurrencyProbe(tmp_path / "site", delay_s=0.3)
    client = Redis.from_url(redis_url)
    killed: list[int] = []

    def kill_one_worker_midway() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            held = [k for k in client.scan_iter("brandaudit:run:*:inflight:*") if client.hlen(k)]
            run_pages = list(client.scan_iter("brandaudit:run:*:seen_pages"))
            if held and run_pages and client.hlen(run_pages[0]) >= 10:
                worker = held[0].decode().rsplit(":", 1)[1]
                prefix = held[0].decode().split(":inflight:")[0]
                pid = client.get(f"{prefix}:alive:{worker}")
                if pid:
                    os.kill(int(pid), signal.SIGKILL)
                    killed.append(int(pid))
            time.sleep(0.05)

    with serve_site(tmp_path / "site", routes=probe.routes(PAGES_N)) as site:
        killer = threading.Thread(target=kill_one_worker_midway)
        killer.start()
        options = CrawlOptions(
            seeds=(site.url("p0.html"),), redis_url=redis_url, workers=3, concurrency=4,
            use_sitemap=False,
        )  # fmt: skip
        meta = run_crawl(options, tmp_path / "run")
        killer.join()
    assert killed, "no worker was killed: the test did not exercise a crash"
    assert meta.stats["brandaudit/requeued_from_dead_workers"] >= 1
    pages = [p.url for p in load_run(tmp_path / "run").pages]
    assert sorted(pages) == sorted(site.url(f"p{i}.html") for i in range(PAGES_N))
    assert _coverage(tmp_path / "run")["crawled"] == PAGES_N  # a page fetched twice counts once
