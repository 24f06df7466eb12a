"""Run page-local checks on pages while the crawl is still fetching the others.

The crawl runs in a child process and leaves a core idle for much of its time; text checks
need only the page they look at. A background thread tails `pages.jsonl`, checks pages in
batches, and keeps each page's findings. After the crawl, `findings_for` hands back the
findings of every page whose final record is the one that was checked (compared by the
record's digest: pages are not kept in memory); a page re-fetched later (resume, redirects)
is simply checked again. Any failure turns streaming off and the
pipeline checks everything after the crawl, as without streaming.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import Finding
from brandaudit.checks.reuse import FindingsReuse, check_records
from brandaudit.crawler.artifacts import CrawlMeta, PageArtifact
from brandaudit.crawler.page_store import PageStore, record_digest
from brandaudit.crawler.run_store import PAGES, CrawlResult

log = logging.getLogger(__name__)

BATCH_PAGES = 50
POLL_SECONDS = 0.2


class PageCheckStream:
    """A thread checking pages as they land in a run directory."""

    def __init__(
        self,
        run_dir: Path,
        guideline: Guideline,
        meta: CrawlMeta,
        reuse: FindingsReuse | None = None,
    ) -> None:
        self.run_dir = run_dir
        self.reuse = reuse  # findings of unchanged pages from earlier audits (checks/reuse.py)
        self.guideline = guideline
        self.meta = meta
        # url -> (digest of the checked record, its findings)
        self.checked: dict[str, tuple[bytes, list[Finding]]] = {}
        self.failed = False
        self._offset = 0
        self._pending: dict[str, tuple[dict[str, Any], bytes]] = {}  # url -> (record, digest)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="page-checks", daemon=True)

    def __enter__(self) -> PageCheckStream:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        try:
            while not self._stop.is_set():
                self._pending.update((r["url"], (r, d)) for r, d in self._read_new_pages())
                if len(self._pending) >= BATCH_PAGES:
                    self._check_pending()
                else:
                    self._stop.wait(POLL_SECONDS)
            self._pending.update((r["url"], (r, d)) for r, d in self._read_new_pages())
            self._check_pending()  # the rest, once the crawl has ended
        except Exception:  # any surprise: check everything after the crawl instead
            log.warning("checking pages during the crawl failed; checking after it", exc_info=True)
            self.failed = True

    def _check_pending(self) -> None:
        pending, self._pending = list(self._pending.values()), {}
        records = [record for record, _ in pending]
        if not records:
            return
        by_url = check_records(records, self.run_dir, self.meta, self.guideline, self.reuse)
        for record, digest in pending:
            self.checked[record["url"]] = (digest, by_url[record["url"]])

    def _read_new_pages(self) -> list[tuple[dict[str, Any], bytes]]:
        """Whole lines appended since the last read (a line still being written waits)."""
        path = self.run_dir / PAGES
        if not path.exists() or path.stat().st_size <= self._offset:
            return []
        with open(path, "rb") as handle:
            handle.seek(self._offset)
            data = handle.read()
        complete = data[: data.rfind(b"\n") + 1]
        self._offset += len(complete)
        records = []  # built as artifacts only if checked (checks/reuse.py)
        for line in complete.splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a line cut short by a killed crawl; load_run skips it too
            if isinstance(record, dict) and isinstance(record.get("url"), str):
                records.append((record, record_digest(line)))
        return records

    def findings_for(self, result: CrawlResult) -> tuple[list[Finding], Sequence[PageArtifact]]:
        """(findings of the final pages checked during the crawl, pages still to check).

        Called once, after the crawl: the stream lets go of the findings it hands back."""
        pages = result.pages
        if self.failed:
            return [], pages if isinstance(pages, PageStore) else list(pages)
        if not isinstance(pages, PageStore):  # pages built by hand: nothing to compare with
            return [], list(pages)
        findings: list[Finding] = []
        unchecked: set[str] = set()
        for url in pages.urls:  # digests only: no page is parsed or kept
            seen = self.checked.get(url)
            if seen is not None and seen[0] == pages.digest(url):
                findings.extend(seen[1])
            else:
                unchecked.add(url)
        self.checked.clear()  # handed over: one copy of the findings in memory, not two
        return findings, pages.only(unchecked)
