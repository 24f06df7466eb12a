"""A crawl's artifacts on disk: append-only JSON Lines plus one blob per image content.

Layout of a run directory::

    meta.json       CrawlMeta
    pages.jsonl     one PageArtifact per line
    images.jsonl    one ImageArtifact per line (one per distinct image URL)
    errors.jsonl    one CrawlError per line
    blobs/<sha256>  image bytes, stored once per content

Gathering and checking can run apart: `brandaudit check --from RUN_DIR` re-reads this.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, TypeVar

from brandaudit.crawler.artifacts import (
    CrawlError,
    CrawlMeta,
    ImageArtifact,
    PageArtifact,
    error_from_dict,
    image_from_dict,
    meta_from_dict,
    to_dict,
)
from brandaudit.crawler.coverage import read_coverage
from brandaudit.crawler.page_store import PageStore

T = TypeVar("T")

PAGES = "pages.jsonl"
IMAGES = "images.jsonl"
ERRORS = "errors.jsonl"
META = "meta.json"
BLOBS = "blobs"
DOCUMENTS_FETCHED = "documents.jsonl"  # PDFs the spider fetched: url, sha256, referrer


def page_json_line(page: PageArtifact) -> str:
    """A page's record in pages.jsonl (also what the parsed-page cache keeps of it)."""
    return json.dumps(to_dict(page), ensure_ascii=False)


class RunWriter:
    """Appends artifacts to a run directory as they arrive."""

    def __init__(self, run_dir: Path) -> None:
        self.run_dir = Path(run_dir)
        (self.run_dir / BLOBS).mkdir(parents=True, exist_ok=True)
        self._files: dict[str, TextIO] = {}

    def _append(self, name: str, record: dict[str, Any]) -> None:
        self._append_line(name, json.dumps(record, ensure_ascii=False))

    def _append_line(self, name: str, line: str) -> None:
        handle = self._files.get(name)
        if handle is None:
            handle = self._files[name] = open(self.run_dir / name, "a", encoding="utf-8")  # noqa: SIM115
        handle.write(line + "\n")
        handle.flush()

    def add_fetched_document(self, url: str, sha256: str, referrer: str | None) -> None:
        """A PDF the spider fetched (its bytes already in blobs/), read after the crawl."""
        self._append(DOCUMENTS_FETCHED, {"url": url, "sha256": sha256, "referrer": referrer})

    def add_page(self, page: PageArtifact, line: str | None = None) -> None:
        """Append `page`; `line` is its `page_json_line`, when the caller already made it."""
        self._append_line(PAGES, page_json_line(page) if line is None else line)

    def add_page_record(self, record: dict[str, Any]) -> None:
        """A page already in its pages.jsonl form (crawler/extract_cache.py)."""
        self._append(PAGES, record)

    def add_image(self, image: ImageArtifact) -> None:
        self._append(IMAGES, to_dict(image))

    def add_error(self, error: CrawlError) -> None:
        self._append(ERRORS, to_dict(error))

    def store_blob(self, data: bytes) -> str:
        """Store bytes under their SHA-256 (once) and return the hash."""
        digest = hashlib.sha256(data).hexdigest()
        path = self.run_dir / BLOBS / digest
        if not path.exists():
            tmp = path.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(path)
        return digest

    def write_meta(self, meta: CrawlMeta) -> None:
        (self.run_dir / META).write_text(
            json.dumps(to_dict(meta), indent=2, ensure_ascii=False), encoding="utf-8"
        )

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()
        self._files.clear()


@dataclass
class CrawlResult:
    """Everything one crawl produced, loaded back from its run directory."""

    run_dir: Path
    pages: Sequence[PageArtifact] = field(default_factory=list)  # a PageStore when loaded
    images: dict[str, ImageArtifact] = field(default_factory=dict)
    errors: list[CrawlError] = field(default_factory=list)
    meta: CrawlMeta = field(default_factory=CrawlMeta)
    coverage: dict[str, Any] | None = None  # crawler/coverage.py; None for older saved crawls
    # Data derived from the artifacts, computed once per audit and shared by the checks
    # (normalised text blocks, image hashes): see `derived_once`.
    derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def derived_once(self, key: str, compute: Callable[[], T]) -> T:
        """Compute `key` on first use and keep it for every later check of this audit."""
        if key not in self.derived:
            self.derived[key] = compute()
        return self.derived[key]

    def blob_path(self, sha256: str) -> Path:
        return self.run_dir / BLOBS / sha256

    def image_bytes(self, image: ImageArtifact) -> bytes | None:
        if image.sha256 is None:
            return None
        path = self.blob_path(image.sha256)
        return path.read_bytes() if path.exists() else None


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON Lines file of a run directory (none if it does not exist)."""
    if not path.exists():
        return
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line:
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                # A line cut short by a killed crawl: the resumed crawl fetches it again.
                continue


def load_run(run_dir: Path) -> CrawlResult:
    """Read a run directory. Later records win, so a resumed crawl's re-fetches replace."""
    run_dir = Path(run_dir)
    pages = PageStore(run_dir / PAGES)  # parsed one at a time: memory flat in site size
    images = {i["url"]: image_from_dict(i) for i in read_jsonl(run_dir / IMAGES)}
    errors = {(e["kind"], e["url"]): error_from_dict(e) for e in read_jsonl(run_dir / ERRORS)}
    meta_path = run_dir / META
    meta = (
        meta_from_dict(json.loads(meta_path.read_text(encoding="utf-8")))
        if meta_path.exists()
        else CrawlMeta()
    )
    # A URL that failed once and succeeded on a later (resumed) attempt is not an error.
    live_errors = [
        e
        for (kind, url), e in errors.items()
        if not (kind == "page" and url in pages) and not (kind == "image" and _fetched(images, url))
    ]
    return CrawlResult(
        run_dir=run_dir,
        pages=pages,
        images=images,
        errors=sorted(live_errors, key=lambda e: (e.kind, e.url)),
        meta=meta,
        coverage=read_coverage(run_dir),
    )


def _fetched(images: dict[str, ImageArtifact], url: str) -> bool:
    image = images.get(url)
    return image is not None and image.sha256 is not None and image.error is None
