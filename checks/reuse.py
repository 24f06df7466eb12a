"""Findings of unchanged pages reused across audits, keyed by what decides them.

A page-local check's findings on a page are a function of the page artifact, the guideline
and the checks' code, so they are stored under (sha256 of the page artifact, sha256 of the
guideline and of the checks' source with brandaudit's version). An unchanged page in a
re-audit gets its findings back without being checked; a changed page, a changed guideline
or a new brandaudit misses and is checked again. Only per-page results are stored: what
spans pages (template repeats, logo inventory, touchpoint comparisons) is recomputed from
them every audit (`registry.fold_across_pages`, the non-page-local checks).

`depth` and `referrer` are left out of the page key: the same page reached by another link
is the same content, and no page-local check reads them (a test holds that). SQLite beside
the other caches; the least recently used entries beyond `MAX_ROWS` go first.

A page's findings are kept in the form the audit's findings spool stores them (`codec`:
reports/finding_store.py `SpoolRows` in an audit), so an unchanged page's rows are copied into
the spool as they are; and each pages.jsonl line seen is remembered with its URL and page key,
so an unchanged line is not even parsed (`PageLine`, `lines_to_check`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.cache_db import open_cache
from brandaudit.checks.finding import Finding, Location, Severity
from brandaudit.checks.registry import run_checks
from brandaudit.crawler.artifacts import CrawlMeta, PageArtifact, page_from_dict, to_dict
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.source_digest import package_source_digest

log = logging.getLogger(__name__)

MAX_ROWS = 2_000_000  # about 2 GB at the benchmark's ~1 KB of findings per page
NOT_IN_KEY = ("depth", "referrer")


@lru_cache(maxsize=1)
def checks_version() -> str:
    """brandaudit's version and a hash of every source file of the checks package."""
    return package_source_digest(Path(__file__).resolve().parent)


def guideline_hash(guideline: Guideline) -> str:
    """Everything the guideline says (its design-tokens file included)."""
    digest = hashlib.sha256(guideline.model_dump_json().encode())
    tokens = guideline.design_tokens
    if tokens is not None:
        path = tokens if tokens.is_absolute() else guideline.source.parent / tokens
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable tokens")
    return digest.hexdigest()


def page_key(page: PageArtifact) -> str:
    return record_key(to_dict(page))


def record_key(record: dict[str, Any]) -> str:
    """`page_key` of a page record as read from pages.jsonl: the same key, computed without
    building the artifact (JSON writes a tuple as it writes a list)."""
    data = {k: v for k, v in record.items() if k not in NOT_IN_KEY}
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def finding_to_json(finding: Finding) -> dict[str, Any]:
    return asdict(finding)


def finding_from_json(data: dict[str, Any]) -> Finding:
    location = dict(data["location"])
    if location.get("box") is not None:
        location["box"] = tuple(location["box"])
    return Finding(
        **{**data, "severity": Severity(data["severity"]), "location": Location(**location)}
    )


class RowCodec(Protocol):
    """How findings are kept: a row per finding, and back; `version` names the layout."""

    version: str

    def row(self, finding: Finding) -> tuple[Any, ...]: ...

    def finding(self, row: Sequence[Any]) -> Finding: ...


class JsonRows:
    """Findings as JSON (tests and callers without a findings spool)."""

    version = "json-1"

    def row(self, finding: Finding) -> tuple[Any, ...]:
        return (json.dumps(finding_to_json(finding), default=str, ensure_ascii=False),)

    def finding(self, row: Sequence[Any]) -> Finding:
        return finding_from_json(json.loads(row[0]))


@dataclass
class PageLine:
    """A page's pages.jsonl line; `record` is parsed only when its findings are not reused."""

    line: bytes
    digest: bytes  # crawler/page_store.py `record_digest`
    url: str
    page: str | None = None  # the page key, when known without parsing
    record: dict[str, Any] | None = field(default=None, repr=False)


@dataclass
class ReuseCounts:
    reused: int = 0  # pages whose findings came from an earlier audit
    checked: int = 0  # pages checked (new or changed, or nothing stored)


class FindingsReuse:
    """Per-page findings by (page content, guideline + checks); a no-op when unusable."""

    def __init__(
        self,
        path: Path,
        guideline: Guideline,
        secret_values: tuple[str, ...] = (),
        codec: RowCodec | None = None,
    ) -> None:
        self.path = path
        # Staging credentials (BRANDAUDIT_HEADERS): a page that shows one keeps it out of its
        # snippets only if its findings are never stored, as the HTTP cache does for its body.
        self.secret_values = tuple(v.encode() for v in secret_values if len(v) >= 4)
        self.codec = codec or JsonRows()
        self.context = hashlib.sha256(
            f"{guideline_hash(guideline)}\n{checks_version()}\n{self.codec.version}".encode()
        ).hexdigest()
        self.counts = ReuseCounts()
        self._db = open_cache(
            path,
            ["page_rows (page TEXT, context TEXT, rows BLOB, used REAL,"
             " PRIMARY KEY (page, context))",
             "lines (digest BLOB PRIMARY KEY, url TEXT, page TEXT)"],
            name="findings cache",
            without="checking every page",
            any_thread=True,
        )  # fmt: skip

    def lookup(self, pages: list[PageArtifact]) -> tuple[dict[str, list[Finding]], list[str]]:
        """({url: reused findings}, keys of the pages to check) for `pages`, in order."""
        keys = [page_key(page) for page in pages]
        return self._lookup([page.url for page in pages], keys), keys

    def _lookup(self, urls: list[str], keys: list[str]) -> dict[str, list[Finding]]:
        rows = self.lookup_rows(urls, keys)
        return {url: [self.codec.finding(row) for row in found] for url, found in rows.items()}

    def lookup_rows(self, urls: list[str], keys: list[str]) -> dict[str, list[tuple[Any, ...]]]:
        """{url: its findings as `codec` rows} for the pages whose findings are kept."""
        reused: dict[str, list[tuple[Any, ...]]] = {}
        if self._db is not None:
            hits = []
            for url, key in zip(urls, keys, strict=True):
                row = self._db.execute(
                    "SELECT rows FROM page_rows WHERE page = ? AND context = ?",
                    (key, self.context),
                ).fetchone()
                if row is not None:
                    reused[url] = pickle.loads(row[0])  # our own cache file, as the spool's
                    hits.append((key, self.context))
            self._db.executemany(
                f"UPDATE page_rows SET used = {time.time()!r} WHERE page = ? AND context = ?", hits
            )
        self.counts.reused += len(reused)
        self.counts.checked += len(urls) - len(reused)
        return reused

    def remember(self, key: str, findings: list[Finding]) -> list[tuple[Any, ...]]:
        """Keep a page's findings; returns them as `codec` rows."""
        rows = [self.codec.row(finding) for finding in findings]
        if self._db is None:
            return rows
        if any(f.rule == "check.failed" for f in findings):
            return rows  # a crash is not a result: try again next time
        data = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
        if any(value in data for value in self.secret_values):
            return rows
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO page_rows VALUES (?, ?, ?, ?)",
                (key, self.context, data, time.time()),
            )
        except sqlite3.Error as exc:
            log.warning("findings cache write failed: %s", exc)
        return rows

    def known_line(self, digest: bytes) -> tuple[str, str] | None:
        """(URL, page key) of a pages.jsonl line seen before, byte for byte."""
        if self._db is None:
            return None
        row = self._db.execute("SELECT url, page FROM lines WHERE digest = ?", (digest,))
        return row.fetchone()

    def remember_lines(self, lines: list[PageLine]) -> None:
        if self._db is None:
            return
        try:
            self._db.executemany(
                "INSERT OR REPLACE INTO lines VALUES (?, ?, ?)",
                [(line.digest, line.url, line.page) for line in lines if line.page is not None],
            )
        except sqlite3.Error as exc:
            log.warning("findings cache write failed: %s", exc)

    def flush(self) -> None:
        """Commit a batch: another audit sharing the file waits for no more than one."""
        if self._db is None:
            return
        try:
            self._db.commit()
        except sqlite3.Error as exc:
            log.warning("findings cache commit failed: %s", exc)

    def close(self) -> None:
        if self._db is None:
            return
        try:
            self._db.commit()
            (rows,) = self._db.execute("SELECT COUNT(*) FROM page_rows").fetchone()
            if rows > MAX_ROWS:
                self._db.execute(
                    "DELETE FROM page_rows WHERE rowid IN (SELECT rowid FROM page_rows"
                    " ORDER BY used LIMIT ?)",
                    (rows - MAX_ROWS,),
                )
                (lines,) = self._db.execute("SELECT COUNT(*) FROM lines").fetchone()
                if lines > MAX_ROWS:  # a line's page key is only a shortcut
                    self._db.execute("DELETE FROM lines")
                self._db.commit()
        except sqlite3.Error as exc:
            log.warning("findings cache %s: %s", self.path, exc)
        self._db.close()
        self._db = None


def read_line(line: bytes, digest: bytes, reuse: FindingsReuse | None) -> PageLine | None:
    """A pages.jsonl line: its URL and page key from the cache when seen before, else parsed
    (None for a line cut short by a killed crawl, which load_run skips too)."""
    known = reuse.known_line(digest) if reuse is not None else None
    if known is not None:
        return PageLine(line, digest, known[0], known[1])
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("url"), str):
        return None
    return PageLine(line, digest, record["url"], None, record)


def check_lines(
    lines: list[PageLine],
    run_dir: Path,
    meta: CrawlMeta,
    guideline: Guideline,
    reuse: FindingsReuse,
) -> dict[str, list[tuple[Any, ...]]]:
    """Every page's page-local findings as `reuse.codec` rows: copied from the cache for an
    unchanged page (never parsed when its line was seen before), checked otherwise."""
    for line in lines:
        if line.page is None:
            line.page = record_key(parsed_record(line))
    reused = reuse.lookup_rows([line.url for line in lines], [line.page or "" for line in lines])
    todo = [line for line in lines if line.url not in reused]
    checked = _check(
        [page_from_dict(parsed_record(line)) for line in todo], run_dir, meta, guideline
    )
    rows = {line.url: reuse.remember(line.page or "", checked[line.url]) for line in todo}
    reuse.remember_lines(lines)
    reuse.flush()
    return {**reused, **rows}


def parsed_record(line: PageLine) -> dict[str, Any]:
    """The line's record, parsed on first need."""
    if line.record is None:
        line.record = json.loads(line.line)
    return line.record


def _check(
    pages: list[PageArtifact], run_dir: Path, meta: CrawlMeta, guideline: Guideline
) -> dict[str, list[Finding]]:
    """The page-local checks' findings on `pages`, by URL."""
    by_url: dict[str, list[Finding]] = {page.url: [] for page in pages}
    if pages:
        batch = CrawlResult(run_dir=run_dir, pages=pages, meta=meta)
        for finding in run_checks(batch, guideline, page_local=True):
            if finding.url not in by_url:
                raise ValueError(f"a page-local check reported on another page: {finding.url}")
            by_url[finding.url].append(finding)
    return by_url


def check_pages(
    pages: list[PageArtifact],
    run_dir: Path,
    meta: CrawlMeta,
    guideline: Guideline,
    reuse: FindingsReuse | None,
) -> dict[str, list[Finding]]:
    """Every page's page-local findings (not yet folded across pages): reused where the
    page, the guideline and the checks are unchanged, checked otherwise."""
    reused, keys = reuse.lookup(pages) if reuse is not None else ({}, [])
    by_url = _check([page for page in pages if page.url not in reused], run_dir, meta, guideline)
    if reuse is not None:
        for page, key in zip(pages, keys, strict=True):
            if page.url in by_url:
                reuse.remember(key, by_url[page.url])
        reuse.flush()
    return {**reused, **by_url}
