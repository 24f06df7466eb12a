"""Crawl fixture sites served on 127.0.0.1 through run_crawl, and check the run directory."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.run import CrawlFailed, run_crawl
from brandaudit.crawler.run_store import CrawlResult, load_run
from brandaudit.site_server import Route, RunningSite, serve_site

HTML = {"Content-Type": "text/html; charset=utf-8"}


def png_bytes(color: str = "#0B5FFF", size: tuple[int, int] = (32, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def page(body: str, title: str = "Page") -> str:
    head = f"<head><title>{title}</title></head>"
    return f"<!doctype html><html lang='en'>{head}<body>{body}</body></html>"


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def crawl(
    site: RunningSite, run_dir: Path, seeds: tuple[str, ...] = (), **options: Any
) -> CrawlResult:
    options.setdefault("retries", 0)
    run_crawl(CrawlOptions(seeds=seeds or (site.url(),), **options), run_dir)
    return load_run(run_dir)


def paths(result: CrawlResult, site: RunningSite) -> set[str]:
    return {p.url.removeprefix(site.base_url[:-1]) for p in result.pages}


def errors(result: CrawlResult, site: RunningSite) -> dict[str, Any]:
    return {e.url.removeprefix(site.base_url[:-1]): e for e in result.errors}


# One site with every kind of breakage, crawled once for the tests below.

SHARED_PAGES = [f"/p{i}.html" for i in range(10)]


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("broken_site")
    logo = png_bytes()
    links = "".join(f'<a href="{p}">{p}</a> ' for p in SHARED_PAGES)
    write_site(root, {
        "index.html": page(
            f"<p>Home of NovaBridge. {links}</p>"
            '<a href="/missing.html">404</a><a href="/error">500</a><a href="/loop">loop</a>'
            '<a href="/old">moved</a><a href="/data.json">json</a>'
            '<a href="mailto:a@b.test">mail</a>'
            '<a href="http://127.0.0.1:9/elsewhere.html">other site</a>'
            '<img src="/img/copy-a.png"><img src="/img/copy-b.png"><img src="/img/fake.png">'
            '<img src="/img/corrupt.png"><img src="/img/gone.png">'
            '<svg viewBox="0 0 4 4" width="4" height="4"><rect width="4" height="4"/></svg>',
            "Home",
        ),
        **{p.lstrip("/"): page(f'<p>Page {p}</p><img src="/img/shared.png" width="32" height="32">')
           for p in SHARED_PAGES},
        "new.html": page("<p>The new place</p>", "New"),
        "data.json": '{"not": "html"}',
        "img/shared.png": logo,
        "img/copy-a.png": png_bytes("#0A1F44"),
        "img/copy-b.png": png_bytes("#0A1F44"),
        "img/corrupt.png": png_bytes("#FFFFFF")[:40],
    })  # fmt: skip
    routes = {
        "/error": Route(500, b"<h1>Internal error</h1>", HTML),
        "/loop": Route(302, b"", {"Location": "/loop"}),
        "/old": Route(301, b"", {"Location": "/new.html"}),
        "/img/fake.png": Route(
            200, b"<!doctype html><html><body>Oops</body></html>", {"Content-Type": "image/png"}
        ),
    }
    progress: list[tuple[int, int, int]] = []
    with serve_site(root, routes) as site:
        run_dir = tmp_path_factory.mktemp("broken_run")
        meta = run_crawl(
            CrawlOptions(seeds=(site.url(),), retries=0),
            run_dir,
            on_progress=lambda *c: progress.append(c),
        )
        yield site, load_run(run_dir), meta, progress


def test_every_reachable_page_is_kept_and_only_on_the_seed_site(broken_site: Any) -> None:
    site, result, _, _ = broken_site
    assert paths(result, site) == {"/", "/new.html", *SHARED_PAGES}
    assert not any("elsewhere" in hit for hit in site.hits)
    home = next(p for p in result.pages if p.url == site.url())
    assert (home.title, home.lang, home.depth, home.referrer) == ("Home", "en", 0, None)
    assert home.text_blocks[0].source == "title"


def test_a_page_reached_through_a_redirect_is_recorded_under_its_final_url(
    broken_site: Any,
) -> None:
    site, result, _, _ = broken_site
    moved = next(p for p in result.pages if p.url.endswith("/new.html"))
    assert moved.status == 200 and moved.referrer == site.url()
    assert not any(p.url.endswith("/old") for p in result.pages)


def test_failed_pages_become_crawl_errors_with_status_and_referrer(broken_site: Any) -> None:
    site, result, _, _ = broken_site
    found = errors(result, site)
    assert (found["/missing.html"].status, found["/missing.html"].reason) == (404, "HTTP 404")
    assert found["/missing.html"].referrer == site.url()
    assert (found["/error"].status, found["/error"].kind) == (500, "page")
    assert "too many redirects" in found["/loop"].reason
    # A linked data file is not a broken page: coverage lists it as unsupported.
    assert "/data.json" not in found
    [data] = [u for u in result.coverage["urls"] if u["url"] == site.url("data.json")]
    assert data["reason"] == "unsupported" and "application/json" in data.get("detail", "")


def test_image_that_is_not_an_image_is_an_error(broken_site: Any) -> None:
    site, result, _, _ = broken_site
    found = errors(result, site)
    assert found["/img/fake.png"].kind == "image"
    assert found["/img/fake.png"].reason == "not an image (the server returned an HTML page)"
    assert found["/img/corrupt.png"].reason.startswith("not an image (corrupt PNG data")
    assert (found["/img/gone.png"].status, found["/img/gone.png"].reason) == (404, "HTTP 404")
    fake = result.images[site.url("/img/fake.png")]
    assert fake.sha256 is None and fake.error == found["/img/fake.png"].reason


def test_an_image_used_on_ten_pages_is_fetched_once(broken_site: Any) -> None:
    site, result, _, _ = broken_site
    assert site.hits.count("/img/shared.png") == 1
    shared = result.images[site.url("/img/shared.png")]
    assert (shared.status, shared.content_type, shared.size_bytes) == (
        200,
        "image/png",
        len(png_bytes()),
    )
    assert result.image_bytes(shared) == png_bytes()
    refs = [r for p in result.pages for r in p.images if r.url == shared.url]
    assert len(refs) == 10 and all(r.displayed and r.displayed.width == 32 for r in refs)


def test_identical_bytes_at_two_urls_are_stored_once(broken_site: Any) -> None:
    site, result, _, _ = broken_site
    a, b = result.images[site.url("/img/copy-a.png")], result.images[site.url("/img/copy-b.png")]
    assert a.sha256 == b.sha256 is not None
    blobs = {path.name for path in (result.run_dir / "blobs").iterdir()}
    stored = {i.sha256 for i in result.images.values() if i.sha256}
    assert blobs == stored and len(stored) == 3  # shared, the copies, the inline SVG


def test_inline_svg_is_stored_as_an_image(broken_site: Any) -> None:
    _, result, _, _ = broken_site
    (svg,) = [i for url, i in result.images.items() if url.startswith("inline-svg:")]
    assert svg.content_type == "image/svg+xml"
    assert result.image_bytes(svg).startswith(b"<svg")  # type: ignore[union-attr]


def test_meta_and_progress(broken_site: Any) -> None:
    site, result, meta, progress = broken_site
    assert result.meta.seeds == (site.url(),) and result.meta.finished >= result.meta.started
    assert result.meta.stats["pages"] == len(result.pages) == 12
    assert result.meta.stats["errors"] == len(result.errors) == 6
    assert result.meta.stats.get("log_count/ERROR", 0) == 0
    assert meta == result.meta
    assert progress and progress[-1][0] == 12 and progress[-1][2] == 6
    assert (result.run_dir / "crawl.log").stat().st_size > 0


# Robots, limits, sitemaps and timeouts: small sites of their own.

ROBOTS = {
    "/robots.txt": Route(
        200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}
    )
}


def test_robots_txt_is_obeyed_by_default_and_can_be_ignored(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "index.html": page('<a href="/private/secret.html">s</a><a href="/public.html">p</a>'),
        "private/secret.html": page("<p>secret</p>"),
        "public.html": page("<p>public</p>"),
    })  # fmt: skip
    with serve_site(root, ROBOTS) as site:
        obeyed = crawl(site, tmp_path / "obeyed")
        assert paths(obeyed, site) == {"/", "/public.html"}
        assert "/private/secret.html" not in site.hits and obeyed.errors == []
        ignored = crawl(site, tmp_path / "ignored", obey_robots=False)
        assert paths(ignored, site) == {"/", "/public.html", "/private/secret.html"}


def test_a_seed_disallowed_by_robots_txt_says_so(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {"private/secret.html": page("<p>secret</p>")})
    with serve_site(root, ROBOTS) as site:
        result = crawl(site, tmp_path / "run", seeds=(site.url("/private/secret.html"),))
    (error,) = result.errors
    assert result.pages == [] and error.kind == "page" and "robots.txt" in error.reason


def test_max_pages_is_exact_even_when_links_are_broken(tmp_path: Path) -> None:
    links = "".join(f'<a href="/broken{i}.html">b</a>' for i in range(3))
    links += "".join(f'<a href="/n{i}.html">n</a>' for i in range(30))
    root = write_site(tmp_path / "site", {
        "index.html": page(links), **{f"n{i}.html": page(links, f"n{i}") for i in range(30)},
    })  # fmt: skip
    with serve_site(root) as site:
        result = crawl(site, tmp_path / "run", max_pages=5, concurrency=4)
    assert len(result.pages) == 5
    assert {e.status for e in result.errors} <= {404}


def test_max_depth_stops_following_links(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "index.html": page('<a href="/a.html">a</a>'), "a.html": page('<a href="/b.html">b</a>'),
        "b.html": page('<img src="/deep.png">'), "deep.png": png_bytes(),
    })  # fmt: skip
    with serve_site(root) as site:
        result = crawl(site, tmp_path / "run", max_depth=1, headers={"X-Staging": "s3cret-token"})
        assert paths(result, site) == {"/", "/a.html"} and "/b.html" not in site.hits
    for file in (tmp_path / "run").rglob("*"):  # staging credentials are never written down
        assert not file.is_file() or b"s3cret-token" not in file.read_bytes(), file


def test_sitemaps_seed_pages_nothing_links_to(tmp_path: Path) -> None:
    def urlset(*locs: str) -> str:
        entries = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
        return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'

    files = {"index.html": "<p>no links</p>", "unlinked.html": "<p>u</p>", "deep.html": "<p>d</p>"}
    root = write_site(tmp_path / "site", {name: page(body) for name, body in files.items()})
    with serve_site(root) as site:
        index = f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{site.url("/maps/pages.xml")}</loc></sitemap></sitemapindex>'
        routes = {
            "/sitemap.xml": Route(
                200,
                urlset(site.url("/unlinked.html")).encode(),
                {"Content-Type": "application/xml"},
            ),
            "/robots.txt": Route(
                200,
                f"Sitemap: {site.url('/maps/index.xml')}\n".encode(),
                {"Content-Type": "text/plain"},
            ),
            "/maps/index.xml": Route(200, index.encode(), {"Content-Type": "application/xml"}),
            "/maps/pages.xml": Route(
                200, gzip.compress(urlset(site.url("/deep.html")).encode()), {}
            ),
        }
        site.server.routes.update(routes)
        result = crawl(site, tmp_path / "run")
        assert paths(result, site) == {"/", "/unlinked.html", "/deep.html"}
        without = crawl(site, tmp_path / "without", use_sitemap=False)
        assert paths(without, site) == {"/"}


def test_timeouts_and_oversized_responses_are_errors(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", {
        "index.html": page(
            '<a href="/slow.html">slow</a><a href="/big.html">big</a><img src="/big.png">'
        ),
        "big.html": page("<p>" + "x" * 5000 + "</p>"), "big.png": png_bytes(size=(400, 400)),
    })  # fmt: skip
    routes = {"/slow.html": Route(200, page("<p>late</p>").encode(), HTML, delay_s=3)}
    with serve_site(root, routes) as site:
        result = crawl(site, tmp_path / "run", timeout_s=1, max_response_bytes=4000)
    found = errors(result, site)
    assert found["/slow.html"].reason == "timed out after 1 s"
    assert "larger than the 4,000-byte limit" in found["/big.html"].reason
    assert paths(result, site) == {"/"}


def test_a_crawl_process_that_dies_raises_crawl_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", "/bin/false")
    with pytest.raises(CrawlFailed, match="exited with code 1"):
        run_crawl(CrawlOptions(seeds=("http://127.0.0.1:9/",)), tmp_path / "run")


def test_an_unreachable_seed_is_an_error_not_an_empty_crawl(tmp_path: Path) -> None:
    with serve_site(tmp_path) as site:
        dead = site.url()  # the port is free again once the server stops
    result = crawl(site, tmp_path / "run", seeds=(dead,))
    (error,) = result.errors
    assert error.url == dead and error.reason == "connection refused"


def test_the_same_page_at_two_urls_is_kept_once(tmp_path: Path) -> None:
    home = page('<p>Home</p><a href="/index.html">home again</a><a href="/other.html">o</a>')
    root = write_site(tmp_path / "site", {"index.html": home, "other.html": page("<p>o</p>")})
    with serve_site(root) as site:
        result = crawl(site, tmp_path / "run", use_sitemap=False)
    assert paths(result, site) == {"/", "/other.html"}
    assert result.meta.stats["brandaudit/duplicate_content_pages"] == 1
