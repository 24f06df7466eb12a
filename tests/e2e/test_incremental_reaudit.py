"""Re-audits through the command line: unchanged pages are revalidated (304) and their
findings reused, a changed page is always checked again, cross-page results (a template
repeat folded over its pages) stay right, and a changed guideline reuses nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

from brandaudit.brand_assets import SAMPLE_GUIDELINE
from brandaudit.site_server import serve_site
from tests.cli_runner import brandaudit_in_process

PAGES = 6
FOOTER = "<footer><p>Nova Bridge is a trademark.</p></footer>"  # the same on every page


def page(n: int, body: str) -> str:
    nav = "".join(f'<a href="/p{k}.html">{k}</a> ' for k in range(1, PAGES))
    return (f"<!doctype html><html lang='en'><head><title>Page {n}</title></head><body>"
            f"<main><p>{body}</p>{nav}</main>{FOOTER}</body></html>")  # fmt: skip


def write_site(root: Path) -> None:
    root.mkdir()
    (root / "index.html").write_text(page(0, "NovaBridge helps teams."), encoding="utf-8")
    for n in range(1, PAGES):
        (root / f"p{n}.html").write_text(page(n, f"Page {n}: NovaBridge."), encoding="utf-8")


def audit(tmp_path: Path, site_url: str, name: str, *extra: str, guideline: Path | None = None):
    env = {**os.environ, "BRANDAUDIT_CACHE": str(tmp_path / "cache" / "hashes.sqlite")}
    out = tmp_path / name
    proc = brandaudit_in_process(
        "audit", "--guideline", guideline or SAMPLE_GUIDELINE, site_url, "--render", "never",
        "--out", out, "--no-history", "--fail-on", "never", *extra, env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads((out / "report.json").read_text(encoding="utf-8")), proc.stdout


def website_findings(report: dict) -> list[str]:
    return sorted(
        json.dumps(f, sort_keys=True) for f in report["findings"] if f["touchpoint"] == "website"
    )


def test_unchanged_pages_are_reused_and_a_changed_page_is_checked_again(tmp_path: Path) -> None:
    write_site(tmp_path / "site")
    with serve_site(tmp_path / "site", conditional=True) as site:
        first, _ = audit(tmp_path, site.url(), "first")
        second, out = audit(tmp_path, site.url(), "second")
        (tmp_path / "site" / "p3.html").write_text(page(3, "Page 3: Novabridge now."))
        third, _ = audit(tmp_path, site.url(), "third")
        fresh, _ = audit(tmp_path, site.url(), "fresh", "--no-cache")
    assert first["incremental"]["pages_unchanged"] == 0
    assert first["incremental"]["pages_rechecked"] >= PAGES
    # Unchanged: every page answered 304, every page's findings reused, the same report.
    assert second["incremental"]["pages_unchanged"] == PAGES
    assert second["incremental"]["pages_rechecked"] == 0
    assert website_findings(second) == website_findings(first)
    assert second["coverage"]["crawled"] == first["coverage"]["crawled"]
    assert f"{PAGES} pages unchanged (304)" in out
    html = (tmp_path / "second" / "report.html").read_text(encoding="utf-8")
    assert f"Re-audit: {PAGES} pages unchanged since the last audit" in html
    # The footer's wrong name is one template finding listing every page, in every run.
    folded = [f for f in second["findings"] if f["evidence"].get("page_count") == PAGES]
    assert len(folded) == 1 and "trademark" in folded[0]["location"]["snippet"]
    # One page changed: fetched, checked again, its new finding reported.
    assert third["incremental"]["pages_changed"] == 1
    assert third["incremental"]["pages_unchanged"] == PAGES - 1
    new = [f for f in third["findings"] if f["url"].endswith("/p3.html")]
    assert any(f["evidence"].get("found") == "Novabridge" for f in new)
    assert website_findings(third) == website_findings(fresh)
    assert "incremental" not in fresh


def test_a_changed_guideline_reuses_no_finding(tmp_path: Path) -> None:
    write_site(tmp_path / "site")
    other = tmp_path / "guideline" / "brand.yaml"
    other.parent.mkdir()
    for path in SAMPLE_GUIDELINE.parent.rglob("*"):
        if path.is_file():
            target = other.parent / path.relative_to(SAMPLE_GUIDELINE.parent)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    text = other.read_text(encoding="utf-8")
    other.write_text(text.replace("terms:", "terms:\n  - {use: teams, not: [groups]}", 1))
    with serve_site(tmp_path / "site", conditional=True) as site:
        audit(tmp_path, site.url(), "first")
        changed, _ = audit(tmp_path, site.url(), "second", guideline=other)
    assert changed["incremental"]["pages_unchanged"] == PAGES  # the site did not change
    assert changed["incremental"]["pages_findings_reused"] == 0  # the guideline did
