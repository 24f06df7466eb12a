"""The re-audit HTTP cache: conditional requests on a real server, nothing secret on disk,
and a page that fails today is a crawl error, never yesterday's copy."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from brandaudit.crawler.cache_eviction import evict_to
from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.run import run_crawl
from brandaudit.crawler.run_store import load_run
from brandaudit.site_server import Route, serve_site

PAGE = "<!doctype html><html><head><title>{0}</title></head><body><main><p>{0} by NovaBridge.</p>{1}</main></body></html>"  # noqa: E501
SECRET_HEADER = "Bearer staging-token-4c1f9e"
SECRET_COOKIE = "gate=opensesame-77a2"


def write_site(root: Path) -> None:
    from PIL import Image

    root.mkdir()
    Image.new("RGB", (40, 20), (11, 95, 255)).save(root / "logo.png")
    links = '<a href="/a.html">a</a><a href="/b.html">b</a><img src="/logo.png" alt="logo">'
    (root / "index.html").write_text(PAGE.format("Home", links), encoding="utf-8")
    for name in ("a", "b"):
        (root / f"{name}.html").write_text(PAGE.format(name, links), encoding="utf-8")


def crawl(seed: str, run_dir: Path, cache: Path, **options: object) -> dict:
    run_crawl(CrawlOptions(seeds=(seed,), http_cache=cache, **options), run_dir)  # type: ignore[arg-type]
    result = load_run(run_dir)
    coverage = json.loads((run_dir / "coverage.json").read_text())
    return {"result": result, "coverage": coverage}


def test_a_re_crawl_revalidates_every_page_and_image(tmp_path: Path) -> None:
    write_site(tmp_path / "site")
    cache = tmp_path / "cache" / "estate.sqlite"
    with serve_site(tmp_path / "site", conditional=True) as site:
        first = crawl(site.url(), tmp_path / "run1", cache)
        assert site.not_modified == []
        hits_before = len(site.hits)
        second = crawl(site.url(), tmp_path / "run2", cache)
        conditional = sorted(site.not_modified)
    assert conditional == ["/", "/a.html", "/b.html", "/logo.png"]
    # Nothing else was downloaded again: only the (404) robots.txt and sitemap.xml.
    assert set(site.hits[hits_before:]) - set(conditional) == {"/robots.txt", "/sitemap.xml"}
    pages = lambda run: sorted((p.url, p.text_blocks) for p in run["result"].pages)  # noqa: E731
    assert pages(second) == pages(first) and len(pages(first)) == 3
    images = lambda run: sorted((u, i.sha256) for u, i in run["result"].images.items())  # noqa: E731
    assert images(second) == images(first) and images(first)[0][1]
    assert second["result"].errors == []
    assert second["coverage"]["crawled"] == first["coverage"]["crawled"] == 3
    stats = second["result"].meta.stats
    assert stats["brandaudit/cache_unchanged_pages"] == 3
    assert stats["httpcache/revalidate"] == 4
    assert stats["brandaudit/pages_parse_reused"] == 3  # parsed once, in the first crawl
    assert "brandaudit/pages_parse_reused" not in first["result"].meta.stats


def test_a_changed_page_is_downloaded_again(tmp_path: Path) -> None:
    write_site(tmp_path / "site")
    cache = tmp_path / "cache.sqlite"
    with serve_site(tmp_path / "site", conditional=True) as site:
        crawl(site.url(), tmp_path / "run1", cache)
        (tmp_path / "site" / "a.html").write_text(PAGE.format("a", "Nova Bridge now"))
        second = crawl(site.url(), tmp_path / "run2", cache)
    assert "/a.html" not in site.not_modified
    page_a = next(p for p in second["result"].pages if p.url.endswith("/a.html"))
    assert "Nova Bridge now" in " ".join(b.text for b in page_a.text_blocks)
    assert second["result"].meta.stats["brandaudit/cache_changed_pages"] == 1
    assert second["result"].meta.stats["brandaudit/pages_parse_reused"] == 2  # not a.html


def test_a_page_failing_today_is_a_crawl_error_not_the_cached_copy(tmp_path: Path) -> None:
    first_answer = Route(200, PAGE.format("Flaky", "").encode(),
                         {"Content-Type": "text/html", "ETag": '"v1"'})  # fmt: skip
    answers = iter([first_answer])
    broken = Route(503, b"down", {"Content-Type": "text/plain"})
    routes = {"/flaky.html": lambda path: next(answers, broken)}
    write_site(tmp_path / "site")
    home = PAGE.format("Home", '<a href="/flaky.html">f</a>')
    (tmp_path / "site" / "index.html").write_text(home)
    cache = tmp_path / "cache.sqlite"
    with serve_site(tmp_path / "site", routes, conditional=True) as site:
        first = crawl(site.url(), tmp_path / "run1", cache, retries=0)
        second = crawl(site.url(), tmp_path / "run2", cache, retries=0)
    assert any(p.url.endswith("/flaky.html") for p in first["result"].pages)
    assert not any(p.url.endswith("/flaky.html") for p in second["result"].pages)
    assert [(e.url.rsplit("/", 1)[-1], e.reason) for e in second["result"].errors] == [
        ("flaky.html", "HTTP 503")
    ]


def test_the_cache_on_disk_holds_no_secret(tmp_path: Path) -> None:
    """Staging headers and cookies go out with every request (the server checks), and what
    they unlock is never stored: no answer, no parsed page, so the re-crawl asks afresh.
    Without secrets the same site is stored (the test can see a leak), minus Set-Cookie."""
    write_site(tmp_path / "site")
    seen: list[tuple[str, str]] = []

    def login(path: str) -> Route:
        return Route(200, PAGE.format("Login", "").encode(), {
            "Content-Type": "text/html", "ETag": '"login"', "Set-Cookie": "session=tracked-9d8e",
        })  # fmt: skip

    links = '<a href="/login.html">l</a><a href="/a.html">a</a>'
    (tmp_path / "site" / "index.html").write_text(PAGE.format("Home", links))
    cache = tmp_path / "cache" / "estate.sqlite"
    headers = {"Authorization": SECRET_HEADER, "Cookie": SECRET_COOKIE}
    with serve_site(tmp_path / "site", {"/login.html": login}, conditional=True) as site:
        original = site.server.RequestHandlerClass._respond

        def spy(handler, head):  # type: ignore[no-untyped-def]
            got = handler.headers
            seen.append((got.get("Authorization", ""), got.get("Cookie", "")))
            return original(handler, head)

        site.server.RequestHandlerClass._respond = spy  # type: ignore[method-assign]
        try:
            crawl(site.url(), tmp_path / "run1", cache, headers=headers)
            second = crawl(site.url(), tmp_path / "run2", cache, headers=headers)
            assert site.not_modified == []  # nothing stored, so nothing to revalidate
            on_disk = b"".join(p.read_bytes() for p in (tmp_path / "cache").iterdir())
            crawl(site.url(), tmp_path / "run3", cache)  # the same site, no credential
        finally:
            site.server.RequestHandlerClass._respond = original  # type: ignore[method-assign]
    assert (SECRET_HEADER, SECRET_COOKIE) in seen  # the secrets did go out
    assert len(second["result"].pages) == 4  # and the pages were audited
    assert b"by NovaBridge" not in on_disk
    for secret in (SECRET_HEADER, "opensesame-77a2", "staging-token"):
        assert secret.encode() not in on_disk, secret
    without = b"".join(p.read_bytes() for p in (tmp_path / "cache").iterdir())
    assert b"by NovaBridge" in without  # stored when no credential unlocked it
    assert b"session=tracked-9d8e" not in without
    with sqlite3.connect(cache) as db:
        urls = [row[0] for row in db.execute("SELECT url FROM answers")]
    assert any(url.endswith("/login.html") for url in urls)


def test_the_cache_is_bounded_least_recently_used_first(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "c.sqlite")
    db.execute(
        "CREATE TABLE answers (key TEXT PRIMARY KEY, url TEXT, status INT, headers TEXT,"
        " body BLOB, body_sha TEXT, size INT, used REAL)"
    )
    for n in range(10):
        db.execute("INSERT INTO answers VALUES (?, '', 200, '[]', x'', '', 1000, ?)", (f"k{n}", n))
    assert evict_to(db, 3500) == 7
    assert sorted(row[0] for row in db.execute("SELECT key FROM answers")) == ["k7", "k8", "k9"]


def test_a_page_the_site_says_is_fresh_is_audited_without_a_request(tmp_path: Path) -> None:
    """RFC 9111 §4.2: `max-age` or `Expires` vouch for the stored copy, so the re-crawl asks
    nothing; `no-cache`, an expired lifetime, or only a Last-Modified (the heuristic) still
    mean a request."""
    from email.utils import formatdate

    now = formatdate(usegmt=True)
    later = formatdate(timeval=__import__("time").time() + 3600, usegmt=True)
    kinds = {
        "max-age": {"Cache-Control": "max-age=3600"},
        "expires": {"Expires": later, "Date": now},
        "no-cache": {"Cache-Control": "max-age=3600, no-cache"},
        "expired": {"Cache-Control": "max-age=0"},
        "heuristic": {"Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"},
    }

    def route(kind: str) -> Route:
        headers = {"Content-Type": "text/html", "ETag": f'"{kind}"', **kinds[kind]}
        return Route(200, PAGE.format(kind, "").encode(), headers)

    routes = {f"/{kind}.html": (lambda path, k=kind: route(k)) for kind in kinds}
    write_site(tmp_path / "site")
    links = "".join(f'<a href="/{kind}.html">{kind}</a>' for kind in kinds)
    (tmp_path / "site" / "index.html").write_text(PAGE.format("Home", links))
    cache = tmp_path / "cache.sqlite"
    with serve_site(tmp_path / "site", routes, conditional=True) as site:
        crawl(site.url(), tmp_path / "run1", cache)
        before = len(site.hits)
        second = crawl(site.url(), tmp_path / "run2", cache)
        asked = set(site.hits[before:])
    assert {"/max-age.html", "/expires.html"}.isdisjoint(asked)
    assert {"/no-cache.html", "/expired.html", "/heuristic.html", "/"} <= asked
    urls = sorted(p.url.rsplit("/", 1)[-1] for p in second["result"].pages)
    assert urls == ["", *sorted(f"{kind}.html" for kind in kinds)]
    stats = second["result"].meta.stats
    assert stats["brandaudit/cache_fresh_pages"] == 2
    texts = {
        p.url.rsplit("/", 1)[-1]: [b.text for b in p.text_blocks] for p in second["result"].pages
    }
    assert "max-age by NovaBridge." in texts["max-age.html"]  # the stored copy, audited
