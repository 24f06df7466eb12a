"""A real redis-server on loopback for the scale-out tests, and a site to crawl.

.ci/run installs Debian's redis-server and starts it on 127.0.0.1:6379; without the binary
these tests skip and say why.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from redis import Redis

from brandaudit.site_server import Route


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def per_worker_database(url: str) -> str:
    """Under pytest-xdist each worker gets its own database (gw0 the given one, gw1 the one
    below...): workers take jobs from a shared queue, so two test processes on one database
    would crawl each other's runs and see each other's keys."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    index = int(worker.removeprefix("gw") or 0)
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(base - index) % 16}"))


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """$BRANDAUDIT_TEST_REDIS (started by .ci/run), else a private redis-server."""
    given = os.environ.get("BRANDAUDIT_TEST_REDIS")
    if given:
        given = per_worker_database(given)
        Redis.from_url(given).ping()  # fails loudly: .ci/run said it is there
        yield given
        return
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (.ci/run installs Debian's redis-server)")
    port = _free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except Exception:
            time.sleep(0.05)
    try:
        yield url
    finally:
        server.terminate()
        server.wait(10)


def write_site(root: Path, pages: int, images: int = 4) -> None:
    """The index (p0) links to every page; each page links to two others and shows two of
    `images` images and a broken link; /index.html repeats p0 (one page, reported once)."""
    (root / "img").mkdir(parents=True)
    from PIL import Image

    for i in range(images):
        Image.new("RGB", (40 + i, 20), (60 * i % 256, 90, 200)).save(root / "img" / f"i{i}.png")
    for i in range(pages):
        targets = range(pages) if i == 0 else (i + 1, 3 * i + 7)  # the index links to all
        links = "".join(f'<a href="/p{j % pages}.html">p{j % pages}</a>' for j in targets)
        imgs = "".join(f'<img src="/img/i{(i + k) % images}.png" alt="">' for k in (0, 1))
        body = (
            f"<!doctype html><html><head><title>Page {i}</title></head><body><main>"
            f"<h1>Page {i}</h1><p>Nova Bridge moves page {i} forward.</p>{imgs}{links}"
            f'<a href="/missing-{i % 3}.html">old</a></main></body></html>'
        )
        (root / f"p{i}.html").write_text(body, encoding="utf-8")
    (root / "index.html").write_text((root / "p0.html").read_text(), encoding="utf-8")


class ConcurrencyProbe:
    """Routes that answer after `delay_s` and record the most requests in progress at once."""

    def __init__(self, root: Path, delay_s: float) -> None:
        self.root, self.delay_s = root, delay_s
        self.lock = threading.Lock()
        self.now = self.most = 0

    def route(self, path: str) -> Route:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        try:
            time.sleep(self.delay_s)
            file = self.root / path.lstrip("/").split("?")[0]
            if not file.is_file():
                return Route(404, b"<h1>Not found</h1>", {"Content-Type": "text/html"})
            return Route(200, file.read_bytes(), {"Content-Type": "text/html; charset=utf-8"})
        finally:
            with self.lock:
                self.now -= 1

    def routes(self, pages: int) -> dict[str, object]:
        return {f"/p{i}.html": self.route for i in range(pages)}
