"""Run page-local checks on pages while the crawl is still fetching the others.

The crawl runs in a child process and leaves a core idle for much of its time; text checks
need only the page they look at. A background thread tails `pages.jsonl`, checks pages in
batches, and appends each batch's findings to the audit's findings spool on disk
(reports/finding_store.py), keeping only each checked page's record digest. After the
crawl, `settle` drops the findings of every page whose final record is not the one that was
checked (pages are not kept in memory) and hands those pages back: a page re-fetched later
(resume, redirects) is simply checked again. Any failure turns streaming off and the
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
from brandaudit.reports.finding_store import FindingSpool

log = logging.getLogger(__name__)

BATCH_PAGES = 50
STREAM_SPOOL = "stream-findings.sqlite"
POLL_SECONDS = 0.2


class PageCheckStream:
    """A thread checking pages as they land in a run directory."""

    def __init__(
        self,
        run_dir: Path,
        guideline: Guideline,
        meta: CrawlMeta,
        reuse: FindingsReuse | None = None,
        spool: FindingSpool | None = None,
    ) -> None:
        self.run_dir = run_dir
        self.reuse = reuse  # findings of unchanged pages from earlier audits (checks/reuse.py)
        self.guideline = guideline
        self.meta = meta
        # where the findings go (a spool of its own in the run folder when none is given)
        self.spool = spool if spool is not None else FindingSpool(run_dir / STREAM_SPOOL)
        self.checked: dict[str, bytes] = {}  # url -> digest of the checked record
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
        stale = [record["url"] for record, _ in pending if record["url"] in self.checked]
        if stale:  # checked before on an earlier record of the same URL
            self.spool.drop_pages(stale)
        self.spool.add(finding for record in records for finding in by_url[record["url"]])
        for record, digest in pending:
            self.checked[record["url"]] = digest

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

    def settle(self, result: CrawlResult) -> Sequence[PageArtifact]:
        """After the crawl: the spool keeps the findings of the final pages checked during
        it; returns the pages still to check (all of them if streaming failed)."""
        pages = result.pages
        if self.failed or not isinstance(pages, PageStore):  # pages built by hand: all
            self.spool.drop_pages(list(self.checked))
            self.checked.clear()
            return pages if isinstance(pages, PageStore) else list(pages)
        unchecked: set[str] = set()
        for url in pages.urls:  # digests only: no page is parsed or kept
            if self.checked.pop(url, None) != pages.digest(url):
                unchecked.add(url)
        self.spool.drop_pages([*unchecked, *self.checked])  # stale, or no longer a page
        self.checked.clear()
        return pages.only(unchecked)

    def findings_for(self, result: CrawlResult) -> tuple[list[Finding], Sequence[PageArtifact]]:
        """(findings of the final pages checked during the crawl, pages still to check):
        `settle`, with the findings taken out of the spool (small runs and tests)."""
        unchecked = self.settle(result)
        return self.spool.take("1"), unchecked
