"""The HTTP cache of re-audits: a stored answer is audited only if still valid today.

Scrapy's `HttpCacheMiddleware` with a policy made for audits (`AuditCachePolicy`): a stored
answer is fresh only while the site itself said so (RFC 9111 §4.2: `Cache-Control: max-age`,
or `Expires` after `Date`; never the Last-Modified heuristic, never with `no-cache`), and is
then audited without a request. Otherwise each request goes out with `If-None-Match` /
`If-Modified-Since` and a `304 Not Modified` hands the stored body back without downloading
it again. Only answers that can be revalidated (200 with an ETag or a Last-Modified) or that
carry an explicit lifetime are kept. Unlike RFC 2616's private cache, a 5xx or a download
failure is never papered over with the stored copy: the page is a `crawl.error`.

Storage is one SQLite file per estate (`SqliteCacheStorage`), outside the report folder,
bounded in size (least recently used entries go first; half the bound, the other half is
for parsed pages, crawler/extract_cache.py). Nothing secret reaches it: request
headers are not stored, `Set-Cookie` is dropped, and a response that echoes a staging
credential (crawler/secrets.py) is not stored at all; nor is anything fetched with a
staging header or cookie (`carries_a_secret`): what a credential unlocks stays off disk.
The middleware sits below `SecretHeadersMiddleware` (850 < 900), so it sees responses after
the secrets were stripped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.extensions.httpcache import RFC2616Policy, rfc1123_to_epoch
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

from brandaudit.cache_db import open_cache
from brandaudit.crawler.cache_eviction import evict_to
from brandaudit.crawler.cache_place import DEFAULT_MAX_BYTES
from brandaudit.crawler.cache_record import ExchangeLog, answer_digest
from brandaudit.crawler.cache_replay import read_revalidated
from brandaudit.crawler.secrets import active

log = logging.getLogger(__name__)

COMMIT_EVERY = 200
VALIDATORS = (b"If-None-Match", b"If-Modified-Since")
NOT_REPLAYED = frozenset({b"cookie", b"referer", b"if-none-match", b"if-modified-since"})
NEVER_STORED = frozenset({b"set-cookie", b"set-cookie2"})
MIDDLEWARE = "brandaudit.crawler.http_cache.AuditCacheMiddleware"


def cache_settings(path: Path, max_bytes: int) -> dict[str, Any]:
    """The Scrapy settings that turn the audit cache on, stored at `path`."""
    return {
        "HTTPCACHE_ENABLED": True,
        "HTTPCACHE_POLICY": "brandaudit.crawler.http_cache.AuditCachePolicy",
        "HTTPCACHE_STORAGE": "brandaudit.crawler.http_cache.SqliteCacheStorage",
        "BRANDAUDIT_HTTP_CACHE": str(path),
        "BRANDAUDIT_HTTP_CACHE_MAX_BYTES": max_bytes,
    }


class AuditCachePolicy(RFC2616Policy):
    """Always revalidate; keep only what can be revalidated; a new answer always wins.
    An answer this audit already revalidated (crawler/cache_replay.py) is not asked again."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.revalidated = read_revalidated(settings.get("BRANDAUDIT_RUN_DIR"))

    def should_cache_request(self, request: Request) -> bool:
        if "playwright" in request.meta or carries_a_secret(request.url):
            return False
        return super().should_cache_request(request)

    def should_cache_response(self, response: Response, request: Request) -> bool:
        if b"no-store" in self._parse_cachecontrol(response) or response.status != 200:
            return False
        headers = response.headers
        return b"ETag" in headers or b"Last-Modified" in headers or self._lifetime(response) > 0

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        if request.url in self.revalidated:
            request.meta["ba_revalidated"] = True  # unchanged, asked seconds ago
            return True
        now = time.time()
        age = self._compute_current_age(cachedresponse, request, now)
        if self._lifetime(cachedresponse) > age:
            return True  # the site said it stays valid this long: no request at all
        self._set_conditional_validators(request, cachedresponse)
        return False

    def _lifetime(self, response: Response) -> float:
        """The freshness lifetime the site gave explicitly (RFC 9111 §4.2.1), in seconds;
        0 without one. No heuristic: an audit trusts no copy the site did not vouch for."""
        cc = self._parse_cachecontrol(response)
        if b"no-cache" in cc:
            return 0
        max_age = self._get_max_age(cc)
        if max_age is not None:
            return max_age
        date = rfc1123_to_epoch(response.headers.get(b"Date"))
        expires = rfc1123_to_epoch(response.headers.get(b"Expires"))
        return max(0, expires - date) if date and expires else 0

    def is_cached_response_valid(
        self, cachedresponse: Response, response: Response, request: Request
    ) -> bool:
        return response.status == 304  # a 5xx is the site's answer today, not the cache's


class AuditCacheMiddleware(HttpCacheMiddleware):
    """Scrapy's cache middleware without its error recovery, and with validators taken off
    the request once answered (a redirect or retry copies the request's headers). It logs
    every answer the crawl used, for the crawl's record (crawler/cache_record.py)."""

    exchanges: ExchangeLog

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AuditCacheMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.exchanges = ExchangeLog()
        crawler.ba_exchanges = middleware.exchanges  # type: ignore[attr-defined]  # run.py
        return middleware

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        revalidating = "cached_response" in request.meta
        if "_dont_cache" in request.meta or request.meta.get("dont_cache"):
            self.exchanges.poison(f"an answer not cached: {request.url}")
        if "cached" in response.flags and not revalidating:  # fresh: no request was made
            if request.meta.get("ba_revalidated"):
                self.stats.inc_value("httpcache/revalidate")
                self.stats.inc_value(f"brandaudit/cache_unchanged_{_kind(request)}")
            else:
                self.stats.inc_value(f"brandaudit/cache_fresh_{_kind(request)}")
        answer = super().process_response(request, response)
        if isinstance(answer, Response):
            self._log(request, answer)
        for name in VALIDATORS:
            request.headers.pop(name, None)
        if revalidating and answer is not response:
            self.stats.inc_value(f"brandaudit/cache_unchanged_{_kind(request)}")
        elif revalidating:
            self.stats.inc_value(f"brandaudit/cache_changed_{_kind(request)}")
        return answer

    def _log(self, request: Request, answer: Response) -> None:
        """The answer in the crawl's exchange log: what was read, and how to ask again."""
        if not self.exchanges.request_headers:  # the same on every request of a crawl
            self.exchanges.request_headers = {
                name.decode("latin-1"): values[0].decode("latin-1")
                for name, values in request.headers.items()
                if values and name.lower() not in NOT_REPLAYED
            }
        validators, fresh_for = {}, 0.0
        if answer.status == 200 and self.policy.should_cache_response(answer, request):
            for name in (b"ETag", b"Last-Modified"):
                if name in answer.headers:
                    validators[name.decode()] = answer.headers[name].decode("latin-1")
            policy: AuditCachePolicy = self.policy  # type: ignore[assignment]
            now = time.time()
            fresh_for = policy._lifetime(answer) - policy._compute_current_age(answer, request, now)
        digest = answer_digest(answer.status, answer.headers.get, answer.body)
        self.exchanges.add(
            request.url, _kind(request), answer.status, digest, validators, fresh_for
        )

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> Request | Response | None:
        if not isinstance(exception, IgnoreRequest):  # robots.txt refusals are replayed
            self.exchanges.poison(f"{request.url}: {type(exception).__name__}")
        request.meta.pop("cached_response", None)  # a failure today is reported as one
        for name in VALIDATORS:
            request.headers.pop(name, None)
        return None


def _kind(request: Request) -> str:
    return "pages" if "ba_depth" in request.meta else "other"


class SqliteCacheStorage:
    """Cached answers by request fingerprint in one SQLite file, bounded in size."""

    def __init__(self, settings: Any) -> None:
        self.path = Path(settings["BRANDAUDIT_HTTP_CACHE"])
        bound = settings.getint("BRANDAUDIT_HTTP_CACHE_MAX_BYTES", DEFAULT_MAX_BYTES)
        self.max_bytes = bound // 2  # the other half: parsed pages (crawler/extract_cache.py)
        self._db: sqlite3.Connection | None = None
        self._pending = 0
        self._fingerprint: Any = None

    def open_spider(self, spider: Spider) -> None:
        self._fingerprint = spider.crawler.request_fingerprinter.fingerprint
        self._db = open_cache(
            self.path,
            ["answers (key TEXT PRIMARY KEY, url TEXT, status INT, headers TEXT, body BLOB,"
             " body_sha TEXT, size INT, used REAL)"],
            name="HTTP cache",
            without="crawling without it",
            pragmas=("auto_vacuum = INCREMENTAL", "synchronous = NORMAL"),
        )  # fmt: skip

    def close_spider(self, spider: Spider) -> None:
        if self._db is None:
            return
        try:
            self._db.commit()
            evict_to(self._db, self.max_bytes)
        except sqlite3.Error as exc:
            log.warning("HTTP cache %s: %s", self.path, exc)
        self._db.close()
        self._db = None

    def retrieve_response(self, spider: Spider, request: Request) -> Response | None:
        if self._db is None:
            return None  # (the middleware turns a read error into a miss)
        row = self._db.execute(
            "SELECT url, status, headers, body FROM answers WHERE key = ?",
            (self._fingerprint(request).hex(),),
        ).fetchone()
        if row is None:
            return None
        url, status, header_json, body = row
        pairs = json.loads(header_json)
        headers = Headers([(k.encode("latin-1"), v.encode("latin-1")) for k, v in pairs])
        respcls = responsetypes.from_args(headers=headers, url=url, body=body)
        return respcls(url=url, headers=headers, status=status, body=body)

    def store_response(self, spider: Spider, request: Request, response: Response) -> None:
        try:
            self._store(request, response)
        except Exception:  # the cache is an optimisation: it never costs a page
            log.warning("HTTP cache could not store %s", response.url, exc_info=True)

    def _store(self, request: Request, response: Response) -> None:
        if self._db is None or _echoes_a_secret(response):
            return
        headers = [
            (name.decode("latin-1"), value.decode("latin-1"))
            for name, values in response.headers.items()
            if name.lower() not in NEVER_STORED
            for value in values
        ]
        key = self._fingerprint(request).hex()
        body_sha = hashlib.sha256(response.body).hexdigest()
        now = time.time()
        try:
            updated = self._db.execute(  # a 304 only refreshes headers and the use time
                "UPDATE answers SET headers = ?, used = ? WHERE key = ? AND body_sha = ?",
                (json.dumps(headers), now, key, body_sha),
            ).rowcount
            if not updated:
                self._db.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (key, response.url, response.status, json.dumps(headers), response.body,
                     body_sha, len(response.body) + 200, now),
                )  # fmt: skip
            self._pending += 1
            if self._pending >= COMMIT_EVERY:
                self._db.commit()
                self._pending = 0
        except sqlite3.Error as exc:
            log.warning("HTTP cache write failed for %s: %s", response.url, exc)


def carries_a_secret(url: str) -> bool:
    """Whether a request to `url` goes out with a staging header or cookie: what it unlocks
    is neither stored nor answered from the store (crawler/secrets.py)."""
    secrets = active()
    return bool(secrets) and secrets.applies_to(url)


def _echoes_a_secret(response: Response) -> bool:
    """A staging credential in the answer (an echo page, a debug header): never stored."""
    raw = b"\n".join(v for _, vs in response.headers.items() for v in vs)
    return echoes_a_secret(raw + b"\n" + response.body)


def echoes_a_secret(raw: bytes) -> bool:
    """Whether `raw` holds a value of $BRANDAUDIT_HEADERS (crawler/secrets.py)."""
    secrets = active()
    values = [v.encode("latin-1") for v in secrets.headers.values() if len(v) >= 4]
    if secrets.cookie:
        values += [part.strip().encode("latin-1") for part in secrets.cookie.split(";")]
    return any(value and value in raw for value in values)
