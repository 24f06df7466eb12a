"""Rendered navigations without scrapy-playwright's route: headers, cache, launch flags."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from scrapy import Request

from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.render.browser import launch_options
from brandaudit.crawler.render.chromium_features import (
    installed_playwright_features,
    read_driver_features,
)
from brandaudit.crawler.render.shared_handler import needs_route
from brandaudit.crawler.run import run_crawl
from brandaudit.crawler.run_store import load_run

AGENT = "brandaudit-test/1.0"
PAGE = (
    '<!doctype html><html><head><title>{title}</title><link rel="stylesheet" href="/site.css">'
    "</head><body><main><p>{title} of NovaBridge, a page with enough text to read.</p>"
    '<a href="/second.html">next</a></main></body></html>'
)


@dataclass
class Recorder:
    """What a local site was asked for: (path, headers) per request."""

    seen: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def headers_of(self, path: str) -> list[dict[str, str]]:
        return [headers for seen_path, headers in self.seen if seen_path == path]


@contextmanager
def recording_site() -> Iterator[tuple[str, Recorder]]:
    recorder = Recorder()
    bodies = {
        "/first.html": ("text/html", PAGE.format(title="First")),
        "/second.html": ("text/html", PAGE.format(title="Second")),
        "/site.css": ("text/css", "body { color: #0A1F44; }"),
    }

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            recorder.seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            ctype, body = bodies.get(self.path, ("text/plain", "not here"))
            data = body.encode()
            self.send_response(200 if self.path in bodies else 404)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", recorder
    finally:
        server.shutdown()
        server.server_close()


def rendered_crawl(tmp_path: Path, **extra: object) -> Recorder:
    with recording_site() as (base, recorder):
        options = CrawlOptions(
            seeds=(base + "/first.html",), render="always", user_agent=AGENT, concurrency=1,
            retries=0, use_sitemap=False, obey_robots=False, max_pages=2, timeout_s=10, **extra,
        )  # fmt: skip
        run_crawl(options, tmp_path / "run")
        assert len(load_run(tmp_path / "run").pages) == 2
        return recorder


def test_plain_requests_need_no_route_and_extra_headers_do() -> None:
    plain = Request("http://127.0.0.1/", headers={"User-Agent": AGENT, "Referer": "http://a/"})
    assert not needs_route(plain, AGENT)
    assert needs_route(plain, "another agent")  # only a route can change it per request
    assert needs_route(Request("http://127.0.0.1/", headers={"Cookie": "s=1"}), AGENT)
    assert needs_route(Request("http://127.0.0.1/", headers={"X-Staging": "on"}), AGENT)
    assert needs_route(Request("http://127.0.0.1/", method="POST", body=b"q=1"), AGENT)


@pytest.mark.browser
def test_unrouted_pages_send_our_agent_and_referer_and_share_the_browser_cache(tmp_path) -> None:
    recorder = rendered_crawl(tmp_path)
    [first] = recorder.headers_of("/first.html")
    second = recorder.headers_of("/second.html")
    assert first["user-agent"] == AGENT and second and second[0]["user-agent"] == AGENT
    assert second[0]["referer"].endswith("/first.html")
    styles = recorder.headers_of("/site.css")
    assert [h["user-agent"] for h in styles] == [AGENT]  # once: the second page used the cache


@pytest.mark.browser
def test_a_request_with_extra_headers_is_routed_and_keeps_them(tmp_path) -> None:
    recorder = rendered_crawl(tmp_path, headers={"X-Staging": "letmein"})
    for path in ("/first.html", "/second.html"):
        navigations = recorder.headers_of(path)
        assert navigations and all(h.get("x-staging") == "letmein" for h in navigations)
        assert all(h["user-agent"] == AGENT for h in navigations)


def test_one_feature_list_keeps_playwrights_and_drops_render_document() -> None:
    args = launch_options("/bin/true")["args"]
    flags = [arg for arg in args if arg.startswith("--disable-features")]
    assert len(flags) == 1  # Chromium keeps only the last one
    assert "RenderDocument" in flags[0].split("=", 1)[1].split(",")


def test_the_installed_playwrights_features_are_all_kept() -> None:
    theirs = installed_playwright_features()
    assert theirs, "Playwright's disabled-features list moved: see chromium_features.py"
    flag = next(a for a in launch_options("/bin/true")["args"] if a.startswith("--disable-f"))
    assert set(theirs) <= set(flag.split("=", 1)[1].split(","))


def test_an_older_driver_layout_is_read_and_an_unknown_one_falls_back(tmp_path) -> None:
    switches = tmp_path / "lib" / "server" / "chromium" / "chromiumSwitches.js"
    switches.parent.mkdir(parents=True)
    switches.write_text('const disabledFeatures = [\n  "BackForwardCache",\n  "Translate",\n];\n')
    assert read_driver_features(tmp_path) == ("BackForwardCache", "Translate")
    assert read_driver_features(tmp_path / "elsewhere") is None
