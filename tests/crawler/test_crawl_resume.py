"""A crawl with a job folder stops cleanly on Ctrl-C and a second run carries on from there."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.run import CrawlInterrupted, run_crawl
from brandaudit.crawler.run_store import load_run
from brandaudit.site_server import Route, serve_site

PAGES = 12


def site_routes() -> dict[str, Route]:
    links = "".join(f'<a href="/p{i}.html">{i}</a>' for i in range(PAGES))
    html = {"Content-Type": "text/html"}
    routes = {"/": Route(200, f"<html><body><p>{links}</p></body></html>".encode(), html)}
    for i in range(PAGES):
        body = f"<html><body><p>Page {i}</p></body></html>".encode()
        routes[f"/p{i}.html"] = Route(200, body, html, delay_s=0.2)
    return routes


def child_pids() -> list[int]:
    pids: list[int] = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        pids += [int(pid) for pid in (task / "children").read_text().split()]
    return pids


def test_an_interrupted_crawl_resumes_without_refetching(tmp_path: Path) -> None:
    run_dir, job_dir = tmp_path / "run", tmp_path / "job"
    with serve_site(None, site_routes()) as site:
        options = CrawlOptions(
            seeds=(site.url(),), job_dir=job_dir, concurrency=1, use_sitemap=False, retries=0
        )
        interrupted: list[int] = []

        def interrupt_after_two_pages(pages: int, images: int, errors: int) -> None:
            if pages >= 2 and not interrupted:
                interrupted.extend(child_pids())
                for pid in interrupted:
                    os.kill(pid, signal.SIGINT)  # what Ctrl-C does to the child

        with pytest.raises(CrawlInterrupted, match="resume"):
            run_crawl(options, run_dir, on_progress=interrupt_after_two_pages)
        first = load_run(run_dir)
        assert interrupted and 2 <= len(first.pages) < PAGES + 1
        hits_before = list(site.hits)

        run_crawl(options, run_dir)
        resumed = load_run(run_dir)
        assert len(resumed.pages) == PAGES + 1 and resumed.errors == []
        new_hits = site.hits[len(hits_before) :]
        assert "/" not in new_hits  # the seed was not fetched again
        assert not set(new_hits) & {p.url.removeprefix(site.url()[:-1]) for p in first.pages}


def test_resuming_a_finished_crawl_is_not_a_failure(tmp_path: Path) -> None:
    with serve_site(None, site_routes()) as site:
        options = CrawlOptions(seeds=(site.url(),), job_dir=tmp_path / "job", max_pages=3)
        run_crawl(options, tmp_path / "run")
        hits = len(site.hits)
        run_crawl(options, tmp_path / "run")
        assert len(load_run(tmp_path / "run").pages) == 3
        assert all(hit in ("/robots.txt", "/sitemap.xml") for hit in site.hits[hits:])
