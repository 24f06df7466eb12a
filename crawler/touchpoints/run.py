"""Fetch social profiles and app listings into a run directory (profiles.jsonl + images).

Scrapy's Twisted reactor cannot restart inside one process, so the spider
(crawler.touchpoints.spider) runs in a child Python process; this side never imports Scrapy
and makes sure every URL ends with a ProfileArtifact, even when the child dies.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from brandaudit.crawler.artifacts import CrawlError
from brandaudit.crawler.run_store import RunWriter
from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact
from brandaudit.crawler.touchpoints.registry import adapter_for, base_url_overrides
from brandaudit.crawler.touchpoints.short_links import short_link_service
from brandaudit.crawler.touchpoints.store import ProfileWriter, load_aliases, load_profiles


def run_touchpoint_crawl(
    urls: Sequence[str],
    run_dir: Path,
    base_urls: Mapping[str, str] | None = None,
    timeout_s: float = 20,
    *,
    delay_s: float = 1.0,
    user_agent: str | None = None,
    render: bool = False,
) -> None:
    """Fetch each profile/listing URL and append what was read to `run_dir`.

    Every URL ends up with a ProfileArtifact: unknown platforms and fetches that never
    completed get coverage "none" and a note saying why, never silence. With `render`,
    platforms whose profiles are built by scripts (X) are fetched in Chromium through
    crawler.render when a browser is available; otherwise they carry a "rendering not
    available" note.
    """
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    overrides = base_url_overrides(base_urls)
    unique = list(dict.fromkeys(urls))
    writer = ProfileWriter(run_dir)
    known = []
    aliases = load_aliases(run_dir)
    for url in unique:
        adapter = adapter_for(url)
        service = short_link_service(url)
        if adapter is None and service is not None:
            why = (aliases.get(url) or {}).get("reason") or "it was not followed"
            note = f"short link not resolved to a profile: {why}"
            writer.add(_unfetched_profile(url, service.platform, "social", note))
        elif adapter is None:
            host = urlsplit(url).hostname or "unknown"
            writer.add(
                _unfetched_profile(url, host, "social", "no adapter for this platform: not audited")
            )
        else:
            known.append(url)
    if not known:
        return
    spec = {
        "urls": known,
        "run_dir": str(run_dir),
        "overrides": overrides,
        "timeout_s": timeout_s,
        "delay_s": delay_s,
        "user_agent": user_agent,
        "render": render,
    }
    reason = _run_child(spec, budget_s=len(known) * (timeout_s * 3 + delay_s * 4) + 60)
    fetched = {p.url for p in load_profiles(run_dir)}
    errors = RunWriter(run_dir)
    try:
        for url in known:
            if url not in fetched:
                adapter = adapter_for(url)
                assert adapter is not None
                note = f"fetch did not complete: {reason or 'no answer recorded'}"
                writer.add(_unfetched_profile(url, adapter.platform, adapter.kind, note))
                errors.add_error(
                    CrawlError(url=url, kind="page", reason=note, touchpoint=adapter.platform)
                )
    finally:
        errors.close()


def _run_child(spec: dict[str, Any], budget_s: float) -> str | None:
    """Run the spider in a child process; the reason it failed, or None."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(spec, handle)
        spec_path = handle.name
    try:
        done = subprocess.run(
            [sys.executable, "-P", "-m", "brandaudit.crawler.touchpoints.spider", spec_path],
            capture_output=True,
            text=True,
            timeout=budget_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"the profile crawl exceeded {budget_s:.0f} s and was stopped"
    finally:
        os.unlink(spec_path)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        return f"the profile crawl failed: {lines[-1] if lines else f'exit {done.returncode}'}"
    return None


def _unfetched_profile(url: str, platform: str, kind: Any, note: str) -> ProfileArtifact:
    return ProfileArtifact(
        url=url, platform=platform, kind=kind, coverage="none", coverage_notes=(note,)
    )
