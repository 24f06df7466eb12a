"""Re-audits of a site that declares its pages fresh (`Cache-Control: max-age`), through the
command line: pages still fresh are audited from the cache with no request at all, with the
same findings; a page requested with a staging credential is never served from the cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

from brandaudit.brand_assets import SAMPLE_GUIDELINE
from brandaudit.site_server import RunningSite, serve_site
from tests.cli_runner import brandaudit_in_process

PAGES = 5


def write_site(root: Path) -> None:
    root.mkdir()
    nav = "".join(f'<a href="/p{k}.html">{k}</a> ' for k in range(1, PAGES))
    for n in range(PAGES):
        name = "index.html" if n == 0 else f"p{n}.html"
        body = f"<main><p>Page {n}: Novabridge helps teams.</p>{nav}</main>"
        head = f"<!doctype html><html lang='en'><head><title>P{n}</title></head>"
        html = f"{head}<body>{body}</body></html>"
        (root / name).write_text(html, encoding="utf-8")


def audit(tmp_path: Path, site: RunningSite, name: str, **env_extra: str) -> dict:
    env = {**os.environ, "BRANDAUDIT_CACHE": str(tmp_path / "cache" / "hashes.sqlite"), **env_extra}
    out = tmp_path / name
    proc = brandaudit_in_process(
        "audit", "--guideline", SAMPLE_GUIDELINE, site.url(), "--render", "never",
        "--out", out, "--no-history", "--fail-on", "never", env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def page_hits(hits: list[str]) -> list[str]:
    return [h for h in hits if h == "/" or h.endswith(".html")]


def findings(report: dict) -> list[str]:
    return sorted(json.dumps(f, sort_keys=True) for f in report["findings"])


def test_fresh_pages_are_audited_from_the_cache_without_a_request(tmp_path: Path) -> None:
    write_site(tmp_path / "site")
    with serve_site(tmp_path / "site", conditional=True) as site:
        site.server.cache_control = "max-age=600"
        first = audit(tmp_path, site, "first")
        before = len(site.hits)
        second = audit(tmp_path, site, "second")
        second_hits = site.hits[before:]
    assert len(page_hits(site.hits[:before])) == PAGES
    assert page_hits(second_hits) == []  # every page came from the cache
    assert second["incremental"]["pages_fresh"] == PAGES
    assert second["incremental"]["pages_findings_reused"] >= PAGES
    assert second["coverage"]["crawled"] == first["coverage"]["crawled"]
    assert findings(second) == findings(first)
    assert any(f["evidence"].get("found") == "Novabridge" for f in second["findings"])


def test_a_staging_credential_bypasses_the_fresh_cache(tmp_path: Path) -> None:
    write_site(tmp_path / "site")
    with serve_site(tmp_path / "site", conditional=True) as site:
        site.server.cache_control = "max-age=600"
        audit(tmp_path, site, "first")
        before = len(site.hits)
        staged = audit(tmp_path, site, "staged", BRANDAUDIT_HEADERS="X-Preview: s3cret-token")
        staged_hits = site.hits[before:]
    assert len(page_hits(staged_hits)) == PAGES  # fetched in full, not answered from the cache
    assert staged["incremental"]["pages_fresh"] == 0
    cache = tmp_path / "cache"
    for path in cache.rglob("*"):
        if path.is_file():
            assert b"s3cret-token" not in path.read_bytes(), path
