"""Replaying the last crawl of an unchanged estate (crawler/cache_replay.py) on a real server:
every answer is asked again and, all unchanged, the crawl's outputs come back byte for byte
without Scrapy; a changed page, a changed robots.txt or a staging secret means a real crawl."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from brandaudit.crawler.cache_record import record_path
from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.run import run_crawl
from brandaudit.crawler.run_store import load_run
from brandaudit.site_server import serve_site

PAGE = "<!doctype html><html><head><title>{0}</title></head><body><main><p>{0} by NovaBridge.</p>{1}</main></body></html>"  # noqa: E501
LINKS = '<a href="/a.html">a</a><a href="/b.html">b</a><img src="/logo.png" alt="logo">'
OUTPUTS = ("pages.jsonl", "images.jsonl", "coverage.json")


def write_site(root: Path) -> None:
    from PIL import Image

    root.mkdir()
    Image.new("RGB", (40, 20), (11, 95, 255)).save(root / "logo.png")
    (root / "index.html").write_text(PAGE.format("Home", LINKS), encoding="utf-8")
    for name in ("a", "b"):
        (root / f"{name}.html").write_text(PAGE.format(name, LINKS), encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")


def crawl(seed: str, run_dir: Path, cache: Path, **options: object) -> dict:
    run_crawl(CrawlOptions(seeds=(seed,), http_cache=cache, **options), run_dir)  # type: ignore[arg-type]
    return load_run(run_dir).meta.stats


def test_an_unchanged_estate_is_replayed_with_the_same_outputs(tmp_path: Path) -> None:
    write_site(tmp_path / "site")
    cache = tmp_path / "cache" / "estate.sqlite"
    with serve_site(tmp_path / "site", conditional=True) as site:
        first = crawl(site.url(), tmp_path / "run1", cache)
        before = len(site.hits)
        second = crawl(site.url(), tmp_path / "run2", cache)
        asked = Counter(site.hits[before:])
    assert "brandaudit/crawl_replayed" not in first and record_path(cache).exists()
    assert second["brandaudit/crawl_replayed"] == 1
    assert "replayed" in (tmp_path / "run2" / "crawl.log").read_text()
    # Every answer asked once: the pages and the image conditionally (all 304), robots.txt
    # (validated) and the missing sitemap (a 404, downloaded and compared).
    assert asked == Counter(["/robots.txt", "/", "/a.html", "/b.html", "/logo.png", "/sitemap.xml"])
    assert sorted(site.not_modified[-5:]) == ["/", "/a.html", "/b.html", "/logo.png", "/robots.txt"]
    for name in OUTPUTS:
        assert (tmp_path / "run2" / name).read_bytes() == (tmp_path / "run1" / name).read_bytes()
    blobs = lambda run: sorted(p.name for p in (tmp_path / run / "blobs").iterdir())  # noqa: E731
    assert blobs("run2") == blobs("run1") != []
    assert second["brandaudit/cache_unchanged_pages"] == 3
    assert second["httpcache/revalidate"] == 5  # 3 pages, the image, robots.txt
    assert second["brandaudit/pages"] == first["brandaudit/pages"] == 3


def test_a_changed_page_is_crawled_and_nothing_unchanged_is_asked_twice(tmp_path: Path) -> None:
    write_site(tmp_path / "site")
    cache = tmp_path / "cache" / "estate.sqlite"
    with serve_site(tmp_path / "site", conditional=True) as site:
        crawl(site.url(), tmp_path / "run1", cache)
        (tmp_path / "site" / "b.html").write_text(PAGE.format("b", LINKS + " Nova Bridge now"))
        before = len(site.hits)
        second = crawl(site.url(), tmp_path / "run2", cache)
        asked = Counter(site.hits[before:])
    assert "brandaudit/crawl_replayed" not in second
    page_b = next(p for p in load_run(tmp_path / "run2").pages if p.url.endswith("/b.html"))
    assert "Nova Bridge now" in " ".join(b.text for b in page_b.text_blocks)
    assert second["brandaudit/cache_changed_pages"] == 1
    assert second["brandaudit/cache_unchanged_pages"] == 2
    assert asked["/b.html"] == 2  # found changed before the crawl, then fetched by it
    twice = [path for path, n in asked.items() if n > 1 and path != "/b.html"]
    assert twice == ["/sitemap.xml"] or twice == []  # a 404: never stored, so asked again


def test_a_changed_robots_txt_is_obeyed_before_anything_else_is_asked(tmp_path: Path) -> None:
    write_site(tmp_path / "site")
    cache = tmp_path / "cache" / "estate.sqlite"
    with serve_site(tmp_path / "site", conditional=True) as site:
        crawl(site.url(), tmp_path / "run1", cache)
        (tmp_path / "site" / "robots.txt").write_text("User-agent: *\nDisallow: /b.html\n")
        before = len(site.hits)
        second = crawl(site.url(), tmp_path / "run2", cache)
        asked = site.hits[before:]
    assert "/b.html" not in asked
    assert "brandaudit/crawl_replayed" not in second
    urls = sorted(p.url.rsplit("/", 1)[-1] for p in load_run(tmp_path / "run2").pages)
    assert urls == ["", "a.html"]


def test_a_crawl_with_staging_secrets_leaves_no_record(tmp_path: Path) -> None:
    write_site(tmp_path / "site")
    cache = tmp_path / "cache" / "estate.sqlite"
    headers = {"Authorization": "Bearer staging-token-4c1f9e"}
    with serve_site(tmp_path / "site", conditional=True) as site:
        crawl(site.url(), tmp_path / "run1", cache)
        assert record_path(cache).exists()
        crawl(site.url(), tmp_path / "run2", cache, headers=headers)
        assert not record_path(cache).exists()  # the older record goes: it is not today's
        second = crawl(site.url(), tmp_path / "run3", cache, headers=headers)
    assert "brandaudit/crawl_replayed" not in second
    assert not record_path(cache).exists()


def test_a_lifetime_given_on_a_revalidation_spares_the_next_audit_any_request(
    tmp_path: Path,
) -> None:
    """RFC 9111 freshness through replays: once the site says max-age (here on its 304s), the
    record keeps it, and a re-audit within it asks only what has no lifetime (the 404)."""
    write_site(tmp_path / "site")
    cache = tmp_path / "cache" / "estate.sqlite"
    with serve_site(tmp_path / "site", conditional=True) as site:
        crawl(site.url(), tmp_path / "run1", cache)
        site.server.cache_control = "max-age=600"
        second = crawl(site.url(), tmp_path / "run2", cache)
        before = len(site.hits)
        third = crawl(site.url(), tmp_path / "run3", cache)
        asked = site.hits[before:]
    assert second["brandaudit/crawl_replayed"] == third["brandaudit/crawl_replayed"] == 1
    assert asked == ["/sitemap.xml"]
    assert third["brandaudit/cache_fresh_pages"] == 3
    assert (tmp_path / "run3" / "pages.jsonl").read_bytes() == (
        tmp_path / "run1" / "pages.jsonl"
    ).read_bytes()
