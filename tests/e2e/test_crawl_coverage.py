"""End to end through the CLI: what an audit did not look at is in its report, never silent.

A chain of pages (each links only the next, like "older posts") is the case the old default
`--max-depth 5` cut silently; robots.txt, `--exclude`, `--max-pages`, an off-site link, a
calendar trap, a too-long URL and an unreachable seed each must end in coverage.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from brandaudit.brand_assets import SAMPLE_GUIDELINE
from brandaudit.site_server import serve_site
from tests.cli_runner import brandaudit


def _page(title: str, links: list[str], extra: str = "") -> str:
    anchors = "".join(f'<a href="{href}">{href}</a> ' for href in links)
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title></head><body>"
        f"<h1>{title}</h1><p>Bridges that carry ideas, page {title}.</p>{anchors}{extra}"
        "</body></html>"
    )


def write_chain(site: Path, pages: int, folder: str = "posts", extra_links: tuple = ()) -> None:
    """index.html -> posts/1.html -> ... -> posts/<pages-1>.html: one link per page."""
    (site / folder).mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text(
        _page("home", [f"/{folder}/1.html", *extra_links]), encoding="utf-8"
    )
    for number in range(1, pages):
        following = [f"/{folder}/{number + 1}.html"] if number + 1 < pages else []
        (site / folder / f"{number}.html").write_text(
            _page(f"post {number}", following), encoding="utf-8"
        )


def _website_pages(report: dict) -> int:
    """Pages of the crawled websites (the sample guideline's offline photo is a document)."""
    touchpoints = report["summary"]["touchpoints"]
    return sum(t["pages"] for t in touchpoints if t["kind"] == "website")


def _audit(tmp_path: Path, *args: str) -> tuple[int, dict, str, str]:
    env = {**os.environ, "BRANDAUDIT_HISTORY": str(tmp_path / "history.sqlite")}
    out = tmp_path / "out"
    proc = brandaudit("audit", "--guideline", SAMPLE_GUIDELINE, "--render", "never",
                      "--out", out, "--format", "md,junit", *args, env=env)  # fmt: skip
    assert "Traceback" not in proc.stderr, proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    html = (out / "report.html").read_text(encoding="utf-8")
    return proc.returncode, report, html, proc.stdout


def test_a_45_page_chain_is_crawled_whole_with_default_options(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_chain(site, 45)
    with serve_site(site) as server:
        code, report, html, stdout = _audit(tmp_path, server.base_url, "--fail-on", "never")
    assert code == 0
    coverage = report["coverage"]
    assert coverage["crawled"] == 45 == _website_pages(report)
    assert coverage["complete"] is True
    assert sum(coverage["not_crawled"].values()) == 0 == coverage["urls_total"]
    assert "Coverage: complete, 45 pages crawled" in stdout
    assert '<h2 id="coverage">Coverage</h2>' in html and "<strong>Complete</strong>" in html


def test_robots_exclude_and_max_pages_are_each_counted_once(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_chain(site, 30, extra_links=(
        "/private/a.html", "/private/b.html", "/drafts/x.html", "https://elsewhere.example/",
        "/files/brochure.pdf", "/posts/1.html",
    ))  # fmt: skip
    for folder, name in (("private", "a"), ("private", "b"), ("drafts", "x")):
        (site / folder).mkdir(exist_ok=True)
        (site / folder / f"{name}.html").write_text(_page(name, []), encoding="utf-8")
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    with serve_site(site) as server:
        base = server.base_url.rstrip("/")
        code, report, html, stdout = _audit(
            tmp_path, server.base_url, "--exclude", "/drafts/", "--max-pages", "10",
            "--fail-on", "never", "--no-sitemap",
        )  # fmt: skip
    coverage = report["coverage"]
    assert coverage["crawled"] == 10 == _website_pages(report)
    assert coverage["not_crawled"] == {
        "robots": 2, "excluded": 1, "off_site": 1, "max_pages": 1, "depth": 0, "trap": 0,
        "too_long": 0, "unsupported": 1,
    }  # fmt: skip
    assert coverage["complete"] is False  # --max-pages cut the chain
    by_url = {entry["url"]: entry for entry in coverage["urls"]}
    assert by_url[f"{base}/private/a.html"]["reason"] == "robots"
    assert by_url[f"{base}/private/a.html"]["referrer"] == f"{base}/"
    assert by_url[f"{base}/drafts/x.html"]["reason"] == "excluded"
    assert by_url["https://elsewhere.example/"]["reason"] == "off_site"
    assert by_url[f"{base}/posts/10.html"] == {
        "url": f"{base}/posts/10.html", "reason": "max_pages", "referrer": f"{base}/posts/9.html"
    }  # fmt: skip
    assert coverage["urls_total"] == len(coverage["urls"]) == 6
    assert code == 0
    assert "Coverage: PARTIAL, 10 pages crawled" in stdout and "raise --max-pages" in stdout
    assert "<strong>Partial</strong>" in html
    for reason in ("robots", "excluded", "off_site", "max_pages", "unsupported"):
        assert f"<td><code>{reason}</code></td>" in html
    assert f"{base}/private/a.html" in html and "raise --max-pages" in html
    junit = (tmp_path / "out" / "report.junit.xml").read_text(encoding="utf-8")
    assert '<property name="coverage.complete" value="false"' in junit
    assert '<property name="coverage.not_crawled.robots" value="2"' in junit
    assert "Coverage: PARTIAL" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def test_without_limits_only_the_users_choices_are_left_out_and_coverage_is_complete(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    write_chain(site, 6, extra_links=("/private/a.html", "https://elsewhere.example/"))
    (site / "private").mkdir()
    (site / "private" / "a.html").write_text(_page("a", []), encoding="utf-8")
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    with serve_site(site) as server:
        _, report, _, _ = _audit(tmp_path, server.base_url, "--fail-on", "never")
    coverage = report["coverage"]
    assert coverage["not_crawled"]["robots"] == 1 and coverage["not_crawled"]["off_site"] == 1
    assert coverage["complete"] is True


def test_traps_and_too_long_urls_end_in_coverage_and_the_crawl_ends(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    long_url = "/" + "x" * 2100 + ".html"
    (site / "index.html").write_text(
        _page("home", ["/calendar/2026/12/", long_url, "/a/b/a/b/a/b/a/b/"]), encoding="utf-8"
    )
    # A calendar whose every month links the next one, for ever (served by a catch-all).
    calendar = site / "calendar"
    for year in range(2026, 2031):
        for month in range(1, 13):
            nxt = (year + 1, 1) if month == 12 else (year, month + 1)
            folder = calendar / str(year) / f"{month:02d}"
            folder.mkdir(parents=True)
            (folder / "index.html").write_text(
                _page(f"{year}-{month}", [f"/calendar/{nxt[0]}/{nxt[1]:02d}/"]), encoding="utf-8"
            )
    with serve_site(site) as server:
        base = server.base_url.rstrip("/")
        _, report, _html, _ = _audit(tmp_path, server.base_url, "--fail-on", "never")
    coverage = report["coverage"]
    # The over-long link is a crawl.error naming the limit (crawler/redirect_scope.py).
    [long] = [f for f in report["findings"] if f["rule"] == "crawl.error"]
    assert "long" in long["message"]
    assert coverage["not_crawled"]["trap"] == 2  # the calendar's far future, the repeated path
    traps = [entry for entry in coverage["urls"] if entry["reason"] == "trap"]
    assert {entry["url"] for entry in traps} == {
        f"{base}/calendar/2029/01/",
        f"{base}/a/b/a/b/a/b/a/b/",
    }
    assert coverage["complete"] is False
    assert coverage["crawled"] == 1 + 25  # home, 2026-12 .. 2028-12
    assert report["summary"]["pages_failed"] == 1  # the over-long URL


def test_an_unreachable_seed_fails_the_default_gate_with_a_report(tmp_path: Path) -> None:
    with serve_site(tmp_path) as server:
        dead = server.base_url  # the server stops: nothing listens on its port any more
    code, report, html, stdout = _audit(tmp_path, dead, "--timeout", "5")
    assert code == 1, stdout
    coverage = report["coverage"]
    assert coverage["complete"] is False and coverage["crawled"] == 0
    assert [seed["url"] for seed in coverage["seeds_failed"]] == [dead]
    assert "NOT AUDITED" in stdout and "Not audited" in html
    assert re.search(r"connection refused", json.dumps(coverage))


def test_sitemap_orphans_and_off_site_redirects(tmp_path: Path) -> None:
    from brandaudit.site_server import Route

    site = tmp_path / "site"
    write_chain(site, 3, extra_links=("/go",))
    (site / "orphan.html").write_text(_page("orphan", []), encoding="utf-8")
    with serve_site(site) as probe:
        port = probe.base_url.rsplit(":", 1)[1].strip("/")
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>http://127.0.0.1:{port}/orphan.html</loc></url>"
        f"<url><loc>http://127.0.0.1:{port}/posts/1.html</loc></url></urlset>",
        encoding="utf-8",
    )
    # /go answers with a redirect to another host (localhost is not 127.0.0.1).
    routes = {"/go": Route(302, headers={"Location": f"http://localhost:{port}/posts/2.html"})}
    with serve_site(site, routes=routes, port=int(port)) as server:
        base = server.base_url.rstrip("/")
        _, report, html, _ = _audit(tmp_path, server.base_url, "--fail-on", "never")
    coverage = report["coverage"]
    assert coverage["orphans"] == [f"{base}/orphan.html"]  # crawled, though no link reaches it
    assert f"{base}/orphan.html" in {page["url"] for page in report["pages"]}
    assert "pages only the sitemap lists" in html
    [entry] = coverage["urls"]
    assert entry == {"url": f"http://localhost:{port}/posts/2.html", "reason": "off_site",
                     "referrer": f"{base}/", "detail": f"redirect from {base}/go"}  # fmt: skip
    assert coverage["complete"] is True


def test_a_huge_sitemap_is_read_up_to_its_budget_and_the_rest_counted(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_chain(site, 2)
    # 60,000 entries on another host: read up to the sitemap budget, never fetched.
    urls = "".join(
        f"<url><loc>http://localhost:1/elsewhere/{n}.html</loc></url>" for n in range(60_000)
    )
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{urls}</urlset>",
        encoding="utf-8",
    )
    with serve_site(site) as server:
        _, report, html, _ = _audit(tmp_path, server.base_url, "--fail-on", "never")
    coverage = report["coverage"]
    assert "10,000 more sitemap URLs not read" in coverage["limits"]["sitemap_urls"]
    assert coverage["not_crawled"]["max_pages"] == 10_000
    assert coverage["not_crawled"]["off_site"] == 50_000
    assert len(coverage["urls"]) == 500 and coverage["urls_total"] == 60_000
    assert coverage["crawled"] == 2 == _website_pages(report)
    assert coverage["complete"] is False and "sitemap budget" in html


def test_coverage_that_shrank_since_the_last_audit_is_said(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_chain(site, 8)
    with serve_site(site) as server:
        _audit(tmp_path, server.base_url, "--fail-on", "never")
        _, report, html, stdout = _audit(tmp_path, server.base_url, "--fail-on", "never",
                                         "--max-pages", "3")  # fmt: skip
    line = "Coverage shrank: 8 pages crawled in A, 3 in B (B is partial: 1 max_pages)"
    assert report["history"]["since_last"]["coverage_shrank"].startswith(line)
    assert line in stdout and line in html
    env = {**os.environ, "BRANDAUDIT_HISTORY": str(tmp_path / "history.sqlite")}
    diff = brandaudit("diff", "last~1", "last", env=env)
    assert line in diff.stdout, diff.stderr


def test_a_linked_file_that_is_not_a_page_is_unsupported_not_an_error(tmp_path: Path) -> None:
    """Release notes and signatures linked from a page are files, not broken pages: coverage
    lists them as unsupported; a seed that is not HTML stays an error (nothing was audited)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        _page("home", ["/CHANGES.txt", "/release-1.0.tar.gz.sig", "/about.html"]),
        encoding="utf-8",
    )
    (site / "about.html").write_text(_page("about", []), encoding="utf-8")
    (site / "CHANGES.txt").write_text("1.0: first release\n", encoding="utf-8")
    (site / "release-1.0.tar.gz.sig").write_bytes(b"\x89PGP signature bytes")
    with serve_site(site) as server:
        code, report, _, _ = _audit(tmp_path, server.base_url, "--fail-on", "never")
        seed_text = brandaudit("audit", "--guideline", SAMPLE_GUIDELINE, "--render", "never",
                               server.url("CHANGES.txt"), "--out", tmp_path / "txt",
                               "--no-history", "--fail-on", "never")  # fmt: skip
    assert code == 0
    errors = [f for f in report["findings"] if f["rule"] == "crawl.error"]
    assert errors == []
    unsupported = {u["url"].rsplit("/", 1)[-1] for u in report["coverage"]["urls"]
                   if u["reason"] == "unsupported"}  # fmt: skip
    assert {"CHANGES.txt", "release-1.0.tar.gz.sig"} <= unsupported
    assert report["coverage"]["crawled"] == 2 and report["coverage"]["complete"] is True
    assert seed_text.returncode == 0, seed_text.stderr
    seed_report = json.loads((tmp_path / "txt" / "report.json").read_text(encoding="utf-8"))
    assert [f["rule"] for f in seed_report["findings"] if "CHANGES" in f["url"]] == ["crawl.error"]
