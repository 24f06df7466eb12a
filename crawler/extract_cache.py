"""Parsed pages by the bytes they were parsed from, so a 304 re-audit parses nothing twice.

`extract_page` is a function of (URL, status, body, touchpoint) and the extractor's code;
depth and referrer are only copied into the artifact. Its output (the artifact without them,
the links, the inline images) is kept beside the estate's HTTP cache (crawler/http_cache.py),
in its own file (one writer per SQLite file), under the SHA-256 of those inputs and of the
crawler's source files: an unchanged page costs a lookup instead of ~2.3 ms of parsing, a
changed page or a new brandaudit parses again. Each of the two files gets half the bound.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import sqlite3
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from brandaudit import __version__
from brandaudit.cache_db import open_cache
from brandaudit.crawler.artifacts import PageArtifact, to_dict
from brandaudit.crawler.cache_eviction import evict_to
from brandaudit.crawler.http_cache import echoes_a_secret

log = logging.getLogger(__name__)

Extracted = tuple[PageArtifact, list[str], dict[str, bytes]]
COMMIT_EVERY = 200


@dataclass(frozen=True)
class StoredLink:
    url: str


@dataclass(frozen=True)
class StoredPage:
    """A page given back by the cache as its pages.jsonl record, never built as an artifact:
    the spider reads its URL and image URLs, the run store writes the record as it is
    (building and serialising the artifact again was ~0.6 ms a page)."""

    record: dict[str, Any]

    @property
    def url(self) -> str:
        return self.record["url"]

    @property
    def images(self) -> tuple[StoredLink, ...]:
        return tuple(StoredLink(image["url"]) for image in self.record["images"])


@lru_cache(maxsize=1)
def extractor_version() -> str:
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def extraction_key(url: str, status: int, body: bytes, touchpoint: str) -> str:
    digest = hashlib.sha256(f"{extractor_version()}\n{url}\n{status}\n{touchpoint}\n".encode())
    digest.update(body)
    return digest.hexdigest()


class ExtractCache:
    """Parsed pages in the HTTP cache's SQLite file; a no-op when it cannot be used."""

    def __init__(self, http_cache: Path, max_bytes: int) -> None:
        path = parsed_pages_path(http_cache)
        self.max_bytes = max_bytes
        self._pending = 0
        self._db = open_cache(
            path,
            ["extracted (key TEXT PRIMARY KEY, data TEXT, size INT, used REAL)"],
            name="parsed-page cache",
            without="parsing every page",
            pragmas=("auto_vacuum = INCREMENTAL",),
        )

    def get(
        self, key: str, depth: int, referrer: str | None
    ) -> tuple[StoredPage, list[str], dict[str, bytes]] | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT data FROM extracted WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            self._db.execute("UPDATE extracted SET used = ? WHERE key = ?", (time.time(), key))
            self._wrote()
            data = json.loads(row[0])
            page = StoredPage({**data["page"], "depth": depth, "referrer": referrer})
            inline = {name: base64.b64decode(b) for name, b in data["inline"].items()}
            return page, list(data["links"]), inline
        except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
            log.warning("parsed-page cache read failed: %s", exc)
            return None

    def put(
        self, key: str, extracted: Extracted, body: bytes, page_line: str | None = None
    ) -> None:
        """Keep `extracted`; `page_line` is the page's pages.jsonl line when the caller has it
        (its depth and referrer are replaced on the way out, so one encoding serves both)."""
        if self._db is None or echoes_a_secret(body):
            return  # a page showing a staging credential stays out of the cache
        page, links, inline = extracted
        if page_line is None:
            page_line = json.dumps({**to_dict(page), "depth": 0, "referrer": None})
        inline_text = {name: base64.b64encode(b).decode() for name, b in inline.items()}
        try:
            text = (
                f'{{"page": {page_line}, "links": {json.dumps(links)}, '
                f'"inline": {json.dumps(inline_text)}}}'
            )
            self._db.execute(
                "INSERT OR REPLACE INTO extracted VALUES (?, ?, ?, ?)",
                (key, text, len(text), time.time()),
            )
            self._wrote()
        except sqlite3.Error as exc:
            log.warning("parsed-page cache write failed: %s", exc)

    def _wrote(self) -> None:
        """Commit every COMMIT_EVERY writes (use times included): a lock held all crawl long
        would stall another audit of the same estate."""
        self._pending += 1
        if self._db is not None and self._pending >= COMMIT_EVERY:
            self._db.commit()
            self._pending = 0

    def close(self) -> None:
        if self._db is None:
            return
        try:
            self._db.commit()
            evict_to(self._db, self.max_bytes)
        except sqlite3.Error as exc:
            log.warning("parsed-page cache: %s", exc)
        self._db.close()
        self._db = None


def parsed_pages_path(http_cache: Path) -> Path:
    return http_cache.with_name(f"{http_cache.stem}.parsed.sqlite")
