"""Re-audit of an unchanged estate without crawling: ask again, then replay the last crawl.

The last crawl's record (crawler/cache_record.py) lists every answer it used. Each is asked
again the way the HTTP cache would (a conditional request with its ETag / Last-Modified; no
request while the site's own max-age or Expires holds; an answer without validators is
downloaded and compared), with the crawl's User-Agent and headers, at most `concurrency`
requests in flight, robots.txt first (only if it is unchanged are the URLs it allowed asked).
If every answer is unchanged, the crawl's inputs are the same, so its outputs are: they are
restored from the record, with no Scrapy process (~10 CPU s of 304s through Scrapy's stack
for 1,563 requests, against ~1 s here). If anything changed or failed, the spider crawls as
usual, and the answers found unchanged here are not asked again (`REVALIDATED`).
"""

from __future__ import annotations

import http.client
import json
import logging
import ssl
import threading
import time
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from brandaudit.crawler.cache_record import (
    FORMAT,
    MANIFEST,
    answer_digest,
    options_key,
    record_path,
    rewrite_manifest,
    why_not_recorded,
)
from brandaudit.crawler.options import CrawlOptions

log = logging.getLogger(__name__)

REVALIDATED = "revalidated.json"  # URLs this audit found unchanged before crawling


def read_revalidated(run_dir: str | None) -> frozenset[str]:
    """The URLs the crawl need not ask again (none outside an audit's run folder)."""
    if not run_dir:
        return frozenset()
    try:
        return frozenset(json.loads((Path(run_dir) / REVALIDATED).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return frozenset()


@dataclass
class Revalidation:
    """What asking the record's answers again found."""

    unchanged: list[str] = field(default_factory=list)  # URLs
    refreshed: bool = False  # an answer came with a new lifetime (max-age): record it
    failed: bool = False  # a request failed: ask no more
    changed: str | None = None  # the first difference, said in words
    statuses: dict[int, int] = field(default_factory=dict)  # answers received, by status
    counts: dict[str, int] = field(default_factory=dict)  # stat name -> count
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, name: str) -> None:
        with self.lock:
            self.counts[name] = self.counts.get(name, 0) + 1


class _Asker:
    """Conditional GETs on one kept-alive connection per thread and site."""

    def __init__(self, headers: dict[str, str], timeout_s: float, max_bytes: int) -> None:
        self.headers, self.timeout_s, self.max_bytes = headers, timeout_s, max_bytes
        self.local = threading.local()

    def ask(self, url: str, validators: dict[str, str]) -> tuple[int, Any, bytes]:
        parts = urlsplit(url)
        connections = self.local.__dict__.setdefault("connections", {})
        site = (parts.scheme, parts.netloc)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = dict(self.headers)
        if "ETag" in validators:
            headers["If-None-Match"] = validators["ETag"]
        if "Last-Modified" in validators:
            headers["If-Modified-Since"] = validators["Last-Modified"]
        for attempt in (1, 2):  # a kept-alive connection the server closed: once more
            connection = connections.get(site) or self._connect(*site)
            connections[site] = connection
            try:
                connection.request("GET", path, headers=headers)
                answer = connection.getresponse()
                body = answer.read(self.max_bytes + 1)
                if answer.will_close:
                    connection.close()
                    del connections[site]
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                connection.close()
                del connections[site]
                if attempt == 2:
                    raise
        if len(body) > self.max_bytes:
            raise ValueError("larger than the crawl's size limit")
        return answer.status, lambda name: _header(answer, name), body

    def _connect(self, scheme: str, netloc: str) -> http.client.HTTPConnection:
        if scheme == "https":  # verified: an unverifiable site is simply crawled
            return http.client.HTTPSConnection(
                netloc, timeout=self.timeout_s, context=ssl.create_default_context()
            )
        return http.client.HTTPConnection(netloc, timeout=self.timeout_s)


def _header(answer: http.client.HTTPResponse, name: bytes) -> bytes | None:
    value = answer.getheader(name.decode())
    return None if value is None else value.encode("latin-1")


def revalidate(manifest: dict[str, Any], options: CrawlOptions) -> Revalidation:
    """Ask every recorded answer again, robots.txt first (if it changed, nothing else), and
    stop at the first failure; a changed answer does not stop it: the crawl that follows
    asks again only what was not found unchanged here."""
    found = Revalidation()
    asker = _Asker(manifest["request_headers"], options.timeout_s, options.max_response_bytes)
    exchanges: dict[str, dict[str, Any]] = {}  # robots.txt is read twice (rules, sitemaps)
    for exchange in manifest["exchanges"]:
        if exchanges.setdefault(exchange["url"], exchange)["digest"] != exchange["digest"]:
            found.changed = f"{exchange['url']} answered two ways in the last crawl"
            return found
    robots = [e for e in exchanges.values() if urlsplit(e["url"]).path == "/robots.txt"]
    others = [e for e in exchanges.values() if urlsplit(e["url"]).path != "/robots.txt"]
    now = time.time()

    def one(exchange: dict[str, Any]) -> None:
        if found.failed:
            return
        kind = exchange["kind"]
        if exchange["fresh_until"] > now:  # the site vouched for it: no request
            found.count("httpcache/hit")
            found.count(f"brandaudit/cache_fresh_{kind}")
            found.unchanged.append(exchange["url"])
            return
        try:
            status, header, body = asker.ask(exchange["url"], exchange["validators"])
        except (OSError, ValueError, http.client.HTTPException) as exc:
            found.changed = found.changed or f"{exchange['url']}: {type(exc).__name__} {exc}"
            found.failed = True  # a site in trouble is not asked more than the crawl will
            return
        with found.lock:
            found.statuses[status] = found.statuses.get(status, 0) + 1
        if status == 304 and exchange["validators"]:
            found.count("httpcache/revalidate")
            found.count(f"brandaudit/cache_unchanged_{kind}")
        elif answer_digest(status, header, body) == exchange["digest"]:
            found.count("httpcache/firsthand")  # no validator: downloaded and compared
        else:
            found.changed = found.changed or f"{exchange['url']} changed (HTTP {status})"
            return
        if exchange["validators"] or exchange["fresh_until"]:  # stored by the HTTP cache
            fresh_for = lifetime(header) - _age(header)
            exchange["fresh_until"] = now + fresh_for if fresh_for > 0 else 0
            found.refreshed = found.refreshed or fresh_for > 0
        found.unchanged.append(exchange["url"])

    for exchange in robots:
        one(exchange)
    if found.changed is None:  # a changed robots.txt: nothing else is asked before the crawl
        with ThreadPoolExecutor(max_workers=options.concurrency) as pool:
            list(pool.map(one, others))
    return found


def lifetime(header: Any) -> float:
    """The freshness lifetime an answer's own headers give (RFC 9111 §4.2.1, as the HTTP
    cache's policy: max-age, or Expires after Date; nothing with no-cache or no-store)."""
    control = (header(b"Cache-Control") or b"").decode("latin-1").lower()
    directives = {}
    for part in control.split(","):
        name, _, value = part.strip().partition("=")
        directives[name] = value.strip('"')
    if "no-cache" in directives or "no-store" in directives:
        return 0
    if directives.get("max-age", "").isdigit():
        return int(directives["max-age"])
    try:
        date = parsedate_to_datetime((header(b"Date") or b"").decode("latin-1"))
        expires = parsedate_to_datetime((header(b"Expires") or b"").decode("latin-1"))
    except (TypeError, ValueError):
        return 0
    return max(0.0, (expires - date).total_seconds())


def _age(header: Any) -> float:
    try:
        return float(header(b"Age") or 0)
    except ValueError:
        return float("inf")  # unreadable: not fresh


def replay_unchanged(options: CrawlOptions, run_dir: Path) -> dict[str, Any] | None:
    """The crawl's stats after restoring the last crawl into `run_dir`, when every answer it
    used is unchanged today; None when the spider must crawl."""
    (run_dir / REVALIDATED).unlink(missing_ok=True)
    if why_not_recorded(options) is not None or any(urllib.request.getproxies().values()):
        return None  # (a proxy: the spider goes through it, this client would not)
    assert options.http_cache is not None
    started = time.monotonic()
    try:
        with zipfile.ZipFile(record_path(options.http_cache)) as archive:
            manifest = json.loads(archive.read(MANIFEST))
            if manifest.get("format") != FORMAT or manifest.get("key") != options_key(options):
                return None
            found = revalidate(manifest, options)
            if found.changed is not None:
                log.info("crawling: %s", found.changed)
                (run_dir / REVALIDATED).write_text(json.dumps(found.unchanged), encoding="utf-8")
                return None
            for name in archive.namelist():
                if name != MANIFEST:
                    archive.extract(name, run_dir)
        if found.refreshed:  # the next audit within the new lifetimes asks nothing
            rewrite_manifest(record_path(options.http_cache), manifest)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        log.info("no crawl to replay: %s", exc)
        return None
    return replayed_stats(manifest["stats"], found, time.monotonic() - started)


def replayed_stats(recorded: dict[str, Any], found: Revalidation, wall_s: float) -> dict[str, Any]:
    """The recorded crawl's stats, with today's requests and cache counts in place of its."""
    today = ("downloader/", "httpcache/", "brandaudit/cache_", "response_received_count",
             "brandaudit/pages_parse_reused", "elapsed_time_seconds")  # fmt: skip
    stats = {k: v for k, v in recorded.items() if not k.startswith(today)}
    asked = sum(found.statuses.values())
    stats.update(found.counts)
    stats.update({f"downloader/response_status_count/{s}": n for s, n in found.statuses.items()})
    stats.update({
        "downloader/request_count": asked, "downloader/response_count": asked,
        "response_received_count": asked, "elapsed_time_seconds": round(wall_s, 3),
        "brandaudit/pages_parse_reused": recorded.get("brandaudit/pages", 0),
        "brandaudit/crawl_replayed": 1,
    })  # fmt: skip
    return stats
