"""How a worker's artifacts reach the coordinator when they share no disk.

Workers append records to the run's outbox list (pages, images, errors, documents, profile
links, coverage events, final stats); image bytes go under `blob:<sha256>` before the record
that names them, set only if absent, so an image served by many pages travels once. In a
worker, records and blobs go out with the worker's other writes (`batch.WriteBatch`), in
the order made.

A record is `<kind> <sha256 or -> <line>`: for pages, images and errors `<line>` is already
the run directory's JSON Lines record (`run_store.page_json_line`, the same bytes a
single-process crawl writes), so the coordinator appends it to pages.jsonl / images.jsonl /
errors.jsonl as bytes, never decoding it (decoding and re-encoding every page cost it 3.1 CPU
s of a 2,000-page crawl against 0.6 s for a single process's parent). The hash in the header
says which blob an image or document needs. Everything after the crawl (streamed checks,
`load_run`, `check --from`) works exactly as for a single-process crawl. Coverage events are
replayed, in outbox order, into the coordinator's ledger (`coverage_events.py`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from redis import Redis

from brandaudit.crawler.artifacts import (
    CrawlError,
    ImageArtifact,
    PageArtifact,
    to_dict,
)
from brandaudit.crawler.coverage import CoverageLedger
from brandaudit.crawler.distributed.batch import WriteBatch
from brandaudit.crawler.distributed.coverage_events import replay
from brandaudit.crawler.distributed.keys import RunKeys
from brandaudit.crawler.run_store import BLOBS, ERRORS, IMAGES, PAGES, RunWriter, page_json_line
from brandaudit.crawler.touchpoints.discover import record_profile_links

DRAIN_BATCH = 500
NO_BLOB = b"-"
_APPENDED = {b"page": PAGES, b"image": IMAGES, b"error": ERRORS}  # kind -> the file, as is


def _line(record: dict[str, Any]) -> str:
    """A record as `RunWriter` writes it (ensure_ascii off: the same bytes)."""
    return json.dumps(record, ensure_ascii=False)


class OutboxWriter:
    """`RunWriter`'s interface, writing into the run's Redis outbox instead of a folder."""

    def __init__(self, server: Redis, keys: RunKeys, batch: WriteBatch | None = None) -> None:
        self.server, self.keys, self.batch = server, keys, batch

    def _target(self) -> Any:
        return self.batch.pipe if self.batch is not None else self.server

    def _push(self, kind: str, line: str, sha256: str | None = None) -> None:
        header = f"{kind} {sha256 or '-'} ".encode()
        self._target().rpush(self.keys.outbox, header + line.encode())

    def add_fetched_document(self, url: str, sha256: str, referrer: str | None) -> None:
        self._push("document", _line({"url": url, "sha256": sha256, "referrer": referrer}), sha256)

    def add_page(self, page: PageArtifact, line: str | None = None) -> None:
        self._push("page", page_json_line(page) if line is None else line)

    def add_page_record(self, record: dict[str, Any]) -> None:
        self._push("page", _line(record))

    def add_image(self, image: ImageArtifact) -> None:
        self._push("image", _line(to_dict(image)), image.sha256)

    def add_error(self, error: CrawlError) -> None:
        self._push("error", _line(to_dict(error)))

    def add_profile_links(self, page_url: str, links: list[str]) -> None:
        self._push("profile_links", json.dumps({"page": page_url, "links": links}))

    def add_coverage(self, event: list[Any]) -> None:
        """One change to the worker's coverage ledger (distributed/coverage_events.py)."""
        self._push("coverage", json.dumps(event))

    def add_stats(self, worker: str, stats: dict[str, Any]) -> None:
        self._push("stats", json.dumps({"worker": worker, "stats": stats}))

    def store_blob(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        self._target().set(self.keys.blob(digest), data, nx=True)
        return digest

    def close(self) -> None:
        """Nothing to do: a batch is flushed by its worker (before its acknowledgements)."""


class OutboxDrain:
    """The coordinator's end: moves outbox records into its run directory, in order."""

    def __init__(
        self,
        server: Redis,
        keys: RunKeys,
        run_dir: Path,
        on_stats: Callable[[str, dict[str, Any]], None],
        coverage: CoverageLedger | None = None,
    ) -> None:
        self.server, self.keys, self.run_dir, self.on_stats = server, keys, run_dir, on_stats
        self.coverage = coverage
        self.writer = RunWriter(run_dir)  # blobs, fetched documents
        self._files: dict[str, IO[bytes]] = {}
        self._blobs = run_dir / BLOBS

    def drain(self) -> int:
        """Move every record now in the outbox; how many were moved."""
        moved = 0
        while True:
            raw_records = self.server.lpop(self.keys.outbox, DRAIN_BATCH)
            if not raw_records:
                return moved
            lines: dict[str, list[bytes]] = {}
            for raw in raw_records:
                kind, sha, line = raw.split(b" ", 2)
                if sha != NO_BLOB:
                    self._fetch_blob(sha.decode(), kind, line)
                name = _APPENDED.get(kind)
                if name is not None:
                    lines.setdefault(name, []).append(line)
                else:
                    self._flush(lines)  # records before it reach their files first
                    lines = {}
                    self._other(kind.decode(), json.loads(line))
            self._flush(lines)
            moved += len(raw_records)

    def _fetch_blob(self, sha256: str, kind: bytes, line: bytes) -> None:
        if (self._blobs / sha256).exists():
            return
        data = self.server.get(self.keys.blob(sha256))
        if data is None:
            what = json.loads(line).get("url", "?")
            raise RuntimeError(f"{kind.decode()} bytes of {what} missing from Redis")
        self.writer.store_blob(data)

    def _flush(self, lines: dict[str, list[bytes]]) -> None:
        for name, chunk in lines.items():
            handle = self._files.get(name)
            if handle is None:
                handle = self._files[name] = open(self.run_dir / name, "ab")  # noqa: SIM115
            handle.write(b"\n".join(chunk) + b"\n")  # whole lines: LineCounter counts them
            handle.flush()

    def _other(self, kind: str, record: Any) -> None:
        if kind == "coverage":
            if self.coverage is not None:
                replay(self.coverage, record)
        elif kind == "document":
            self.writer.add_fetched_document(record["url"], record["sha256"], record["referrer"])
        elif kind == "profile_links":
            record_profile_links(self.run_dir, record["page"], record["links"])
        elif kind == "stats":
            self.on_stats(record["worker"], record["stats"])
        else:
            raise ValueError(f"unknown outbox record kind {kind!r}")

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()
        self._files.clear()
        self.writer.close()
