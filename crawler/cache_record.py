"""A crawl's record: every answer it used and everything it wrote, so that the next audit of
an unchanged estate can replay it instead of crawling (crawler/cache_replay.py).

A crawl is a function of its options, the crawler's code and the answers it got. The crawl
child logs each answer the spider received (`ExchangeLog`, filled by the HTTP cache
middleware: URL, status, a digest of what the crawl reads of it, its validators and how long
the site said it stays fresh) and, when the crawl finished normally, keeps that log and the
run folder's outputs (pages, images and their bytes, errors, coverage) in one file beside the
estate's HTTP cache. If any answer today differs, the record is useless and the spider runs.

Never recorded: a crawl with staging secrets (what they unlock stays off disk), a rendered
or distributed or resumed crawl, or one where a download failed or was retried (today's
answer could not be compared with one that never came).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from brandaudit.crawler.options import CrawlOptions
from brandaudit.source_digest import package_source_digest

log = logging.getLogger(__name__)

FORMAT = 1
MANIFEST = "manifest.json"
# The run folder's outputs a replay restores (crawler/run_store.py, coverage, discovery).
OUTPUTS = ("pages.jsonl", "images.jsonl", "errors.jsonl", "documents.jsonl",
           "coverage.json", "profile_links.jsonl")  # fmt: skip
BLOBS = "blobs"
# Answer headers the crawl reads (response class, decoding, redirects, refresh, file names):
# two answers with the same status, these headers and the same body are the same input.
READ_HEADERS = (b"Content-Type", b"Content-Encoding", b"Content-Disposition", b"Location",
                b"Refresh")  # fmt: skip


def answer_digest(status: int, header: Any, body: bytes) -> str:
    """What the crawl reads of an answer, hashed; `header(name)` gives a header's value."""
    digest = hashlib.sha256(str(status).encode())
    for name in READ_HEADERS:
        value = header(name)
        digest.update(b"\n" + name + b": " + (value or b""))
    digest.update(b"\n\n")
    digest.update(body)
    return digest.hexdigest()


@dataclass
class ExchangeLog:
    """The answers a crawl used, in order; `why_not` says why it cannot be replayed."""

    exchanges: list[dict[str, Any]] = field(default_factory=list)
    request_headers: dict[str, str] = field(default_factory=dict)
    why_not: str | None = None

    def poison(self, why: str) -> None:
        if self.why_not is None:
            self.why_not = why

    def add(self, url: str, kind: str, status: int, digest: str, validators: dict[str, str],
            fresh_for_s: float) -> None:  # fmt: skip
        fresh_until = time.time() + fresh_for_s if fresh_for_s > 0 else 0
        self.exchanges.append({"url": url, "kind": kind, "status": status, "digest": digest,
                               "validators": validators, "fresh_until": fresh_until})  # fmt: skip


@lru_cache(maxsize=1)
def crawler_version() -> str:
    """brandaudit's version and every source file of the crawler package."""
    return package_source_digest(Path(__file__).resolve().parent)


def why_not_recorded(options: CrawlOptions) -> str | None:
    """Why a crawl with `options` is neither recorded nor replayed (None: it can be)."""
    if options.http_cache is None:
        return "no HTTP cache"
    if options.headers:
        return "staging headers: what they unlock is not kept"
    if options.render != "never":
        return "rendered pages are not cached"
    if options.redis_url:
        return "a distributed crawl"
    if options.job_dir is not None and options.job_dir.is_dir() and any(options.job_dir.iterdir()):
        return "a resumed crawl: part of it was fetched by another"
    return None


def options_key(options: CrawlOptions) -> str:
    """The crawl's options that decide its output, with the crawler's code."""
    decisive = dataclasses.replace(options, http_cache=None, http_cache_max_bytes=0, job_dir=None)
    return hashlib.sha256(f"{decisive!r}\n{crawler_version()}".encode()).hexdigest()


def record_path(http_cache: Path) -> Path:
    return http_cache.with_name(f"{http_cache.stem}.replay.zip")


def save_record(
    options: CrawlOptions,
    run_dir: Path,
    exchanges: ExchangeLog,
    stats: dict[str, Any],
    why_not: str | None,
) -> bool:
    """Keep the finished crawl's record (replacing the last one); False when it cannot be
    replayed, and then any older record is removed (it describes an older crawl).
    `why_not` is `why_not_recorded` as it was before the crawl."""
    assert options.http_cache is not None
    path = record_path(options.http_cache)
    why_not = why_not or exchanges.why_not
    if stats.get("finish_reason") != "finished":
        why_not = why_not or f"the crawl ended: {stats.get('finish_reason')}"
    if any(key.startswith("retry/") for key in stats):
        why_not = why_not or "a request was retried"
    files = [run_dir / name for name in OUTPUTS if (run_dir / name).exists()]
    if (run_dir / BLOBS).is_dir():
        files += sorted((run_dir / BLOBS).iterdir())
    size = sum(f.stat().st_size for f in files)
    if size > options.http_cache_max_bytes // 4:
        why_not = why_not or f"the crawl's outputs ({size} bytes) exceed a quarter of the bound"
    if why_not is not None:
        log.info("crawl not recorded for replay: %s", why_not)
        path.unlink(missing_ok=True)
        return False
    manifest = {
        "format": FORMAT, "key": options_key(options), "stats": stats,
        "request_headers": exchanges.request_headers, "exchanges": exchanges.exchanges,
    }  # fmt: skip

    def write(archive: zipfile.ZipFile) -> None:
        for file in files:
            archive.write(file, file.relative_to(run_dir).as_posix())

    return _write_record(path, manifest, write)


def rewrite_manifest(path: Path, manifest: dict[str, Any]) -> bool:
    """The same record with a new manifest (answers' lifetimes renewed by a replay)."""
    with zipfile.ZipFile(path) as old:

        def copy(archive: zipfile.ZipFile) -> None:
            for name in old.namelist():
                if name != MANIFEST:
                    archive.writestr(old.getinfo(name), old.read(name))

        return _write_record(path, manifest, copy)


def _write_record(path: Path, manifest: dict[str, Any], write: Any) -> bool:
    """Write the record beside its final place, then move it there (readers see one whole)."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
        os.close(handle)
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest))
            write(archive)
        os.replace(tmp, path)
        return True
    except OSError as exc:  # a record is an optimisation: it never costs the crawl
        log.warning("crawl record %s not written: %s", path, exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return False
