"""kill -9 in the middle of a crawl, then `--resume`: the same findings as a clean run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from brandaudit.brand_assets import SAMPLE_GUIDELINE
from brandaudit.site_server import Route, serve_site

PAGES = 24


def slow_site() -> dict[str, Route]:
    """A chain of slow pages, each with one misspelt brand name: a crawl takes seconds."""
    routes = {}
    for n in range(PAGES):
        link = f'<a href="/p{n + 1}.html">next</a>' if n + 1 < PAGES else ""
        body = (f"<html><head><title>Page {n}</title></head><body><p>Page {n}: Nova Bridge "
                f"helps team {n}.</p>{link}</body></html>").encode()  # fmt: skip
        routes["/" if n == 0 else f"/p{n}.html"] = Route(
            200, body, {"Content-Type": "text/html"}, delay_s=0.25
        )
    return routes


def audit(base_url: str, out: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-P", "-m", "brandaudit", "audit", "--guideline", str(SAMPLE_GUIDELINE),
         base_url, "--out", str(out), "--render", "never", "--no-history", "--no-sitemap",
         "--concurrency", "1", "--fail-on", "never", "--max-depth", str(PAGES), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip


def finding_ids(out: Path, *, web_only: bool = False) -> list[str]:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    findings = report["findings"]
    if web_only:  # the sample guideline's offline photo has a finding of its own
        findings = [f for f in findings if f["url"].startswith("http")]
    return sorted(f["id"] for f in findings)


def test_kill_9_then_resume_gives_the_clean_run_findings(tmp_path: Path) -> None:
    with serve_site(routes=slow_site(), port=0) as site:
        killed = audit(site.base_url, tmp_path / "resumed")
        pages = tmp_path / "resumed" / "crawl" / "pages.jsonl"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (
            not pages.exists() or len(pages.read_text().splitlines()) < PAGES // 3
        ):
            time.sleep(0.1)
        os.killpg(killed.pid, signal.SIGKILL)  # the whole group: CLI and crawl child
        killed.wait(timeout=30)
        before = len(pages.read_text().splitlines())
        assert 0 < before < PAGES, "the kill must land in the middle of the crawl"

        resumed = audit(site.base_url, tmp_path / "resumed", "--resume")
        clean = audit(site.base_url, tmp_path / "clean")
        for proc in (resumed, clean):
            _, stderr = proc.communicate(timeout=120)
            assert proc.returncode == 0, stderr
    assert len(finding_ids(tmp_path / "clean", web_only=True)) == PAGES
    assert finding_ids(tmp_path / "resumed") == finding_ids(tmp_path / "clean")
