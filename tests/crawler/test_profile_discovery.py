"""The website crawl records the social and app-store links each page points to."""

from __future__ import annotations

from pathlib import Path

from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.run import run_crawl
from brandaudit.crawler.touchpoints.discover import load_profile_links
from brandaudit.site_server import serve_site

HOME = """<!DOCTYPE html><html><head><title>Home</title>
<script type="application/ld+json">{"@type": "Organization", "name": "NovaBridge",
 "sameAs": ["https://www.linkedin.com/company/novabridge"]}</script>
<meta name="apple-itunes-app" content="app-id=1234567890">
</head><body><p>Welcome.</p><a href="/plain.html">plain</a>
<footer><a href="https://x.com/novabridge">X</a>
<a href="https://x.com/intent/tweet?text=hi">share</a></footer></body></html>"""
PLAIN = "<!DOCTYPE html><html><head><title>Plain</title></head><body><p>No links.</p></body></html>"


def test_crawl_records_profile_links_per_page(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text(HOME, encoding="utf-8")
    (site_dir / "plain.html").write_text(PLAIN, encoding="utf-8")
    run_dir = tmp_path / "run"
    with serve_site(site_dir) as site:
        run_crawl(CrawlOptions(seeds=(site.base_url,), use_sitemap=False), run_dir)
        home = site.base_url
    links = load_profile_links(run_dir)
    assert links is not None
    assert set(links) == {
        "https://www.linkedin.com/company/novabridge",
        "https://apps.apple.com/app/id1234567890",
        "https://x.com/novabridge",
    }
    assert all(pages == (home,) for pages in links.values())


def test_a_site_without_profile_links_still_says_discovery_ran(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text(PLAIN.replace("No links.", "<a href='/b'>b</a>"))
    (site_dir / "b").write_text(PLAIN, encoding="utf-8")
    run_dir = tmp_path / "run"
    with serve_site(site_dir) as site:
        run_crawl(CrawlOptions(seeds=(site.base_url,), use_sitemap=False), run_dir)
    assert load_profile_links(run_dir) == {}  # ran and found nothing, unlike None (never ran)
    assert (run_dir / "profile_links.jsonl").read_text() == ""  # no line per page without links
