"""A small threaded HTTP server for local sites: the demo site, test fixtures, benchmarks.

Serves a folder's files, plus optional scripted routes (status codes, redirects, slow or
broken responses) so fixture sites can plant every kind of failure a real site has.
Binds to 127.0.0.1 on a free port by default.
"""

from __future__ import annotations

import hashlib
import mimetypes
import posixpath
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class Route:
    """A scripted response for one path."""

    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # sleep before answering (timeouts, slow pages)


RouteTable = Mapping[str, Route | Callable[[str], Route]]


class _Handler(BaseHTTPRequestHandler):
    server: _SiteServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: tests and the demo print their own progress

    def do_HEAD(self) -> None:
        self._respond(head=True)

    def do_GET(self) -> None:
        self._respond(head=False)

    def _respond(self, head: bool) -> None:
        self.server.hits.append(self.path)
        path = urlsplit(self.path).path
        route = self.server.routes.get(path)
        if callable(route):
            route = route(self.path)
        if route is None:
            route = self._static(path)
            if self.server.conditional:
                route = self._revalidated(route)
        if route.delay_s:
            time.sleep(route.delay_s)
        try:
            self.send_response(route.status)
            headers = {"Content-Length": str(len(route.body)), **route.headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not head:
                self.wfile.write(route.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing left to say

    def _revalidated(self, route: Route) -> Route:
        """Static files with validators (ETag, Last-Modified), and 304 when they still hold."""
        if route.status != 200:
            return route
        etag = f'"{hashlib.sha256(route.body).hexdigest()[:20]}"'
        headers = {**route.headers, "ETag": etag, "Last-Modified": self.server.last_modified}
        if self.server.cache_control:  # on the 304 too (RFC 9110 §15.4.5)
            headers["Cache-Control"] = self.server.cache_control
        if etag in (self.headers.get("If-None-Match") or ""):
            self.server.not_modified.append(self.path)
            return Route(304, b"", {k: v for k, v in headers.items() if k != "Content-Type"})
        return Route(200, route.body, headers)

    def _static(self, path: str) -> Route:
        root = self.server.root
        if root is None:
            return Route(404, b"not found", {"Content-Type": "text/plain"})
        rel = posixpath.normpath(unquote(path)).lstrip("/")
        if rel.startswith(".."):
            return Route(403, b"forbidden", {"Content-Type": "text/plain"})
        file = root / rel
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return Route(404, b"<h1>Not found</h1>", {"Content-Type": "text/html"})
        ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/xml", "image/svg+xml"):
            ctype += "; charset=utf-8"
        return Route(200, file.read_bytes(), {"Content-Type": ctype})


class _SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str, port: int, root: Path | None, routes: RouteTable) -> None:
        super().__init__((host, port), _Handler)
        self.root = root
        self.routes = dict(routes)
        self.hits: list[str] = []
        self.conditional = False  # answer If-None-Match with 304 (re-audit tests, benchmarks)
        self.not_modified: list[str] = []  # paths answered 304
        self.cache_control: str | None = None  # e.g. "max-age=600" on conditional answers
        self.last_modified = formatdate(usegmt=True)


@dataclass
class RunningSite:
    """A started server: its base URL (ending in '/') and the paths requested so far."""

    base_url: str
    server: _SiteServer

    @property
    def hits(self) -> list[str]:
        return self.server.hits

    @property
    def not_modified(self) -> list[str]:
        return self.server.not_modified

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")


@contextmanager
def serve_site(
    root: Path | str | None = None,
    routes: RouteTable | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    conditional: bool = False,
) -> Iterator[RunningSite]:
    """Serve `root` (and `routes`) until the block exits; `conditional` gives static files
    an ETag and a Last-Modified and answers a matching If-None-Match with 304."""
    server = _SiteServer(host, port, Path(root) if root else None, routes or {})
    server.conditional = conditional
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield RunningSite(f"http://{host}:{server.server_address[1]}/", server)
    finally:
        server.shutdown()
        server.server_close()
