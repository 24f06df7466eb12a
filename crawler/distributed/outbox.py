"""How a worker's artifacts reach the coordinator when they share no disk.

Workers append JSON records to the run's outbox list (pages, images, errors, profile links,
coverage events, final stats); image bytes go under `blob:<sha256>` before the record that
names them, set only if absent, so an image served by many pages travels once. In a worker,
records and blobs go out with the worker's other writes (`batch.WriteBatch`), in the order
made. The coordinator drains the list into its own run directory with `RunWriter`, so
everything after the crawl (streamed checks, `load_run`, `check --from`) works exactly as
for a single-process crawl.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from redis import Redis

from brandaudit.crawler.artifacts import (
    CrawlError,
    ImageArtifact,
    PageArtifact,
    error_from_dict,
    image_from_dict,
    page_from_dict,
    to_dict,
)
from brandaudit.crawler.coverage import CoverageLedger
from brandaudit.crawler.distributed.batch import WriteBatch
from brandaudit.crawler.distributed.coverage_events import replay
from brandaudit.crawler.distributed.keys import RunKeys
from brandaudit.crawler.run_store import BLOBS, RunWriter
from brandaudit.crawler.touchpoints.discover import record_profile_links

DRAIN_BATCH = 500


class OutboxWriter:
    """`RunWriter`'s interface, writing into the run's Redis outbox instead of a folder."""

    def __init__(self, server: Redis, keys: RunKeys, batch: WriteBatch | None = None) -> None:
        self.server, self.keys, self.batch = server, keys, batch

    def _target(self) -> Any:
        return self.batch.pipe if self.batch is not None else self.server

    def _push(self, kind: str, record: dict[str, Any]) -> None:
        self._target().rpush(self.keys.outbox, json.dumps({"kind": kind, "record": record}))

    def add_fetched_document(self, url: str, sha256: str, referrer: str | None) -> None:
        self._push("document", {"url": url, "sha256": sha256, "referrer": referrer})

    def add_page(self, page: PageArtifact) -> None:
        self._push("page", to_dict(page))

    def add_image(self, image: ImageArtifact) -> None:
        self._push("image", to_dict(image))

    def add_error(self, error: CrawlError) -> None:
        self._push("error", to_dict(error))

    def add_profile_links(self, page_url: str, links: list[str]) -> None:
        self._push("profile_links", {"page": page_url, "links": links})

    def add_coverage(self, event: list[Any]) -> None:
        """One change to the worker's coverage ledger (distributed/coverage_events.py)."""
        self._target().rpush(self.keys.outbox, json.dumps({"kind": "coverage", "record": event}))

    def add_stats(self, worker: str, stats: dict[str, Any]) -> None:
        self._push("stats", {"worker": worker, "stats": stats})

    def store_blob(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        self._target().set(self.keys.blob(digest), data, nx=True)
        return digest

    def close(self) -> None:
        """Nothing to do: a batch is flushed by its worker (before its acknowledgements)."""


def drain_outbox(
    server: Redis,
    keys: RunKeys,
    writer: RunWriter,
    run_dir: Path,
    on_stats: Callable[[str, dict[str, Any]], None],
    coverage: CoverageLedger | None = None,
) -> int:
    """Move every record now in the outbox into `run_dir` (coverage events into `coverage`);
    how many records were moved."""
    moved = 0
    while True:
        raw_records = server.lpop(keys.outbox, DRAIN_BATCH)
        if not raw_records:
            return moved
        for raw in raw_records:
            message = json.loads(raw)
            if message["kind"] == "coverage":
                if coverage is not None:
                    replay(coverage, message["record"])
                continue
            _store(server, keys, writer, run_dir, message["kind"], message["record"], on_stats)
        moved += len(raw_records)


def _store(
    server: Redis,
    keys: RunKeys,
    writer: RunWriter,
    run_dir: Path,
    kind: str,
    record: dict[str, Any],
    on_stats: Callable[[str, dict[str, Any]], None],
) -> None:
    if kind == "page":
        writer.add_page(page_from_dict(record))
    elif kind == "image":
        image = image_from_dict(record)
        if image.sha256 is not None and not (run_dir / BLOBS / image.sha256).exists():
            data = server.get(keys.blob(image.sha256))
            if data is None:
                raise RuntimeError(f"image bytes of {image.url} missing from Redis")
            writer.store_blob(data)
        writer.add_image(image)
    elif kind == "error":
        writer.add_error(error_from_dict(record))
    elif kind == "document":
        if not (run_dir / BLOBS / record["sha256"]).exists():
            data = server.get(keys.blob(record["sha256"]))
            if data is None:
                raise RuntimeError(f"document bytes of {record['url']} missing from Redis")
            writer.store_blob(data)
        writer.add_fetched_document(record["url"], record["sha256"], record["referrer"])
    elif kind == "profile_links":
        record_profile_links(run_dir, record["page"], record["links"])
    elif kind == "stats":
        on_stats(record["worker"], record["stats"])
    else:
        raise ValueError(f"unknown outbox record kind {kind!r}")
