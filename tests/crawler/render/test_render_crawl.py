"""End to end through run_crawl: --render always / auto / never on a single-page app."""

from __future__ import annotations

from pathlib import Path

import pytest

from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.run import CrawlFailed, run_crawl
from brandaudit.crawler.run_store import CrawlResult, load_run
from brandaudit.site_server import Route, serve_site

pytestmark = pytest.mark.browser

INJECTED = "Rendered by JavaScript: bridges that carry ideas."
SLOW = Route(body=b"<html><body><p>too late</p></body></html>", delay_s=4,
             headers={"Content-Type": "text/html"})  # fmt: skip


def crawl(spa_root: Path, run_dir: Path, render: str) -> tuple[CrawlResult, str]:
    with serve_site(spa_root, routes={"/slow": SLOW}) as site:
        options = CrawlOptions(
            seeds=(site.url("index.html"),), render=render, timeout_s=2, retries=0,
            use_sitemap=False, obey_robots=False, max_pages=10,
        )  # fmt: skip
        run_crawl(options, run_dir)
        return load_run(run_dir), site.base_url


def texts(result: CrawlResult, url: str) -> set[str]:
    page = next(p for p in result.pages if p.url == url)
    return {block.text for block in page.text_blocks}


def test_always_renders_every_page_and_survives_a_page_that_never_loads(spa_root, tmp_path) -> None:
    result, base = crawl(spa_root, tmp_path / "run", "always")
    index = next(p for p in result.pages if p.url == base + "index.html")
    assert index.rendered and INJECTED in texts(result, index.url)
    assert index.screenshot and (tmp_path / "run" / "blobs" / index.screenshot).is_file()
    assert any(c.value == "rgb(228, 0, 124)" for c in index.colors)
    logo = next(ref for ref in index.images if ref.url.endswith("logo.png"))
    assert (logo.displayed.width, logo.displayed.height) == (200, 200)
    plain = next(p for p in result.pages if p.url == base + "plain.html")
    assert plain.rendered  # reached only through a link that JavaScript wrote
    [slow] = [e for e in result.errors if e.url == base + "slow"]
    assert "timed out" in slow.reason
    log = (tmp_path / "run" / "crawl.log").read_text()
    assert log.count("Starting download handler") == 1  # one driver for http and https
    assert log.count("Closing browser") == 1 and "Traceback" not in log


def test_auto_renders_only_the_application_shell(spa_root, tmp_path) -> None:
    result, base = crawl(spa_root, tmp_path / "run", "auto")
    index = next(p for p in result.pages if p.url == base + "index.html")
    assert index.rendered and INJECTED in texts(result, index.url)
    plain = next(p for p in result.pages if p.url == base + "plain.html")
    assert not plain.rendered and "About NovaBridge" in texts(result, plain.url)
    assert [p.url for p in result.pages].count(index.url) == 1  # the static copy was replaced


def test_never_sees_only_the_static_shell_and_starts_no_browser(spa_root, tmp_path) -> None:
    result, base = crawl(spa_root, tmp_path / "run", "never")
    assert [p.url for p in result.pages] == [base + "index.html"]
    assert INJECTED not in texts(result, base + "index.html")
    assert not result.pages[0].rendered
    assert "scrapy-playwright" not in (tmp_path / "run" / "crawl.log").read_text()


def test_a_browser_that_cannot_start_fails_the_crawl_clearly(
    spa_root, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("BRANDAUDIT_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(CrawlFailed, match="no-such-chromium' does not exist or is not executable"):
        crawl(spa_root, tmp_path / "run", "always")


ROUTED_SHELL = b"""<!doctype html><html><head><script src="/router.js" defer></script></head>
<body><div id="app"></div></body></html>"""
ROUTER_JS = b"""document.getElementById("app").innerHTML = location.pathname === "/"
  ? '<a href="/pricing">Pricing</a> <a href="/team">Team</a>'
  : "<p>Route " + location.pathname + " drawn by the router.</p>";"""


def test_auto_renders_every_route_of_an_app_that_serves_one_shell(tmp_path) -> None:
    shell = Route(body=ROUTED_SHELL, headers={"Content-Type": "text/html"})
    script = Route(body=ROUTER_JS, headers={"Content-Type": "text/javascript"})
    routes = {"/": shell, "/pricing": shell, "/team": shell, "/router.js": script}
    with serve_site(routes=routes) as site:
        options = CrawlOptions(seeds=(site.url(),), render="auto", timeout_s=5, retries=0,
                               use_sitemap=False, obey_robots=False)  # fmt: skip
        run_crawl(options, tmp_path / "run")
    result = load_run(tmp_path / "run")
    drawn = {b.text for p in result.pages for b in p.text_blocks}
    assert {"Route /pricing drawn by the router.", "Route /team drawn by the router."} <= drawn
    assert all(p.rendered for p in result.pages)


# Each page reports the state it found, then leaves some behind for the next one.
REPORTER = b"""<!doctype html><html><body style="height: 4000px"><p id="state"></p>
<nav>NAV</nav><script>
document.getElementById("state").textContent = "found " + [typeof window.leaked, window.name,
  sessionStorage.getItem("k"), window.scrollY].join("|");
window.leaked = 1; window.name = "dirty"; sessionStorage.setItem("k", "v"); scrollTo(0, 900);
</script></body></html>"""


def test_pages_rendered_in_one_reused_tab_each_start_clean(tmp_path) -> None:
    names = [f"p{i}" for i in range(6)]
    links = " ".join(f'<a href="/{name}">{name}</a>' for name in names).encode()
    html = {"Content-Type": "text/html"}
    routes = {  # each page its own name, or the duplicate-content filter keeps one
        f"/{name}": Route(body=REPORTER.replace(b"NAV", links + name.encode()), headers=html)
        for name in names
    }
    with serve_site(routes=routes) as site:
        options = CrawlOptions(
            seeds=(site.url("p0"),), render="always", concurrency=1, timeout_s=5, retries=0,
            use_sitemap=False, obey_robots=False,
        )  # fmt: skip
        run_crawl(options, tmp_path / "run")
    result = load_run(tmp_path / "run")
    found = {b.text for p in result.pages for b in p.text_blocks if b.text.startswith("found")}
    assert len(result.pages) == 6 and all(p.rendered and p.screenshot for p in result.pages)
    assert len({p.screenshot for p in result.pages}) == 6  # the tab's kept session shot each page
    assert found == {"found undefined|||0"}
    log = (tmp_path / "run" / "crawl.log").read_text()
    assert "'brandaudit/tabs_opened': 1," in log and "'brandaudit/tabs_reused': 5," in log
