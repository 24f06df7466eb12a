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
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from brandaudit import __version__
from brandaudit.brand_assets.guideline import Guideline
from brandaudit.cache_db import open_cache
from brandaudit.checks.finding import Finding, Location, Severity
from brandaudit.checks.registry import run_checks
from brandaudit.crawler.artifacts import CrawlMeta, PageArtifact, page_from_dict, to_dict
from brandaudit.crawler.run_store import CrawlResult

log = logging.getLogger(__name__)

MAX_ROWS = 2_000_000  # about 2 GB at the benchmark's ~1 KB of findings per page
NOT_IN_KEY = ("depth", "referrer")


@lru_cache(maxsize=1)
def checks_version() -> str:
    """brandaudit's version and a hash of every source file of the checks package."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


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


@dataclass
class ReuseCounts:
    reused: int = 0  # pages whose findings came from an earlier audit
    checked: int = 0  # pages checked (new or changed, or nothing stored)


class FindingsReuse:
    """Per-page findings by (page content, guideline + checks); a no-op when unusable."""

    def __init__(
        self, path: Path, guideline: Guideline, secret_values: tuple[str, ...] = ()
    ) -> None:
        self.path = path
        # Staging credentials (BRANDAUDIT_HEADERS): a page that shows one keeps it out of its
        # snippets only if its findings are never stored, as the HTTP cache does for its body.
        self.secret_values = tuple(v for v in secret_values if len(v) >= 4)
        self.context = hashlib.sha256(
            f"{guideline_hash(guideline)}\n{checks_version()}".encode()
        ).hexdigest()
        self.counts = ReuseCounts()
        self._db = open_cache(
            path,
            ["findings (page TEXT, context TEXT, findings TEXT, used REAL,"
             " PRIMARY KEY (page, context))"],
            name="findings cache",
            without="checking every page",
            any_thread=True,
        )  # fmt: skip

    def lookup(self, pages: list[PageArtifact]) -> tuple[dict[str, list[Finding]], list[str]]:
        """({url: reused findings}, keys of the pages to check) for `pages`, in order."""
        keys = [page_key(page) for page in pages]
        return self._lookup([page.url for page in pages], keys), keys

    def lookup_records(
        self, records: list[dict[str, Any]]
    ) -> tuple[dict[str, list[Finding]], list[str]]:
        """`lookup` for page records read from pages.jsonl, none of them built as artifacts."""
        keys = [record_key(record) for record in records]
        return self._lookup([record["url"] for record in records], keys), keys

    def _lookup(self, urls: list[str], keys: list[str]) -> dict[str, list[Finding]]:
        reused: dict[str, list[Finding]] = {}
        if self._db is not None:
            hits = []
            for url, key in zip(urls, keys, strict=True):
                row = self._db.execute(
                    "SELECT findings FROM findings WHERE page = ? AND context = ?",
                    (key, self.context),
                ).fetchone()
                if row is not None:
                    reused[url] = [finding_from_json(f) for f in json.loads(row[0])]
                    hits.append((key, self.context))
            self._db.executemany(
                f"UPDATE findings SET used = {time.time()!r} WHERE page = ? AND context = ?", hits
            )
        self.counts.reused += len(reused)
        self.counts.checked += len(urls) - len(reused)
        return reused

    def remember(self, key: str, findings: list[Finding]) -> None:
        if self._db is None:
            return
        if any(f.rule == "check.failed" for f in findings):
            return  # a crash is not a result: try again next time
        data = json.dumps([finding_to_json(f) for f in findings], default=str, ensure_ascii=False)
        if any(value in data for value in self.secret_values):
            return
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO findings VALUES (?, ?, ?, ?)",
                (key, self.context, data, time.time()),
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
            (rows,) = self._db.execute("SELECT COUNT(*) FROM findings").fetchone()
            if rows > MAX_ROWS:
                self._db.execute(
                    "DELETE FROM findings WHERE rowid IN (SELECT rowid FROM findings"
                    " ORDER BY used LIMIT ?)",
                    (rows - MAX_ROWS,),
                )
                self._db.commit()
        except sqlite3.Error as exc:
            log.warning("findings cache %s: %s", self.path, exc)
        self._db.close()
        self._db = None


def check_records(
    records: list[dict[str, Any]],
    run_dir: Path,
    meta: CrawlMeta,
    guideline: Guideline,
    reuse: FindingsReuse | None,
) -> dict[str, list[Finding]]:
    """`check_pages` for page records read from pages.jsonl: a page whose findings are reused
    is never built as an artifact (a re-audit of an unchanged site builds none)."""
    if reuse is None:
        return check_pages([page_from_dict(r) for r in records], run_dir, meta, guideline, None)
    reused, keys = reuse.lookup_records(records)
    todo = [(record, key) for record, key in zip(records, keys, strict=True)
            if record["url"] not in reused]  # fmt: skip
    checked = _check([page_from_dict(record) for record, _ in todo], run_dir, meta, guideline)
    for record, key in todo:
        reuse.remember(key, checked[record["url"]])
    reuse.flush()
    return {**reused, **checked}


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
