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

import logging
import threading
from collections.abc import Sequence
from pathlib import Path

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import Finding
from brandaudit.checks.reuse import (
    FindingsReuse,
    PageLine,
    check_lines,
    check_pages,
    parsed_record,
    read_line,
)
from brandaudit.crawler.artifacts import CrawlMeta, PageArtifact, page_from_dict
from brandaudit.crawler.page_store import PageStore, record_digest
from brandaudit.crawler.run_store import PAGES, CrawlResult
from brandaudit.reports.finding_store import FindingSpool

log = logging.getLogger(__name__)

BATCH_PAGES = 50
# The checks may fall behind the crawl; what waits for them stays on disk: one read takes at
# most READ_BYTES of pages.jsonl, and one check at most MAX_BATCH_PAGES pages (a 100,000-page
# audit built every page of its backlog at once: the CLI peaked at 841 MB at the crawl's end).
READ_BYTES = 16 << 20
MAX_BATCH_PAGES = 500
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
        self._pending: dict[str, PageLine] = {}  # url -> its latest line
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
                self._pending.update((line.url, line) for line in self._read_new_pages())
                if len(self._pending) >= BATCH_PAGES:
                    self._check_pending()
                else:
                    self._stop.wait(POLL_SECONDS)
            while True:  # the rest, once the crawl has ended, a bounded read at a time
                offset = self._offset
                self._pending.update((line.url, line) for line in self._read_new_pages())
                self._check_pending()
                if self._offset == offset:
                    break
        except Exception:  # any surprise: check everything after the crawl instead
            log.warning("checking pages during the crawl failed; checking after it", exc_info=True)
            self.failed = True

    def _check_pending(self) -> None:
        pending, self._pending = list(self._pending.values()), {}
        for start in range(0, len(pending), MAX_BATCH_PAGES):
            self._check_batch(pending[start : start + MAX_BATCH_PAGES])

    def _check_batch(self, pending: list[PageLine]) -> None:
        reuse = self.reuse
        if reuse is not None and reuse.codec.version == self.spool.rows.version:
            # Rows as the spool keeps them: an unchanged page's are copied, never rebuilt.
            rows = check_lines(pending, self.run_dir, self.meta, self.guideline, reuse)
            self._drop_stale(pending)
            self.spool.add_rows(row for line in pending for row in rows[line.url])
        else:
            pages = [page_from_dict(parsed_record(line)) for line in pending]
            by_url = check_pages(pages, self.run_dir, self.meta, self.guideline, reuse)
            self._drop_stale(pending)
            self.spool.add(finding for line in pending for finding in by_url[line.url])
        for line in pending:
            self.checked[line.url] = line.digest

    def _drop_stale(self, pending: list[PageLine]) -> None:
        stale = [line.url for line in pending if line.url in self.checked]
        if stale:  # checked before on an earlier record of the same URL
            self.spool.drop_pages(stale)

    def _read_new_pages(self) -> list[PageLine]:
        """Whole lines appended since the last read (a line still being written waits)."""
        path = self.run_dir / PAGES
        if not path.exists() or path.stat().st_size <= self._offset:
            return []
        with open(path, "rb") as handle:
            handle.seek(self._offset)
            data = handle.read(READ_BYTES)
            if len(data) == READ_BYTES and b"\n" not in data:  # one line longer than that
                data += handle.readline()
        complete = data[: data.rfind(b"\n") + 1]
        self._offset += len(complete)
        lines = []  # parsed only if not seen before, built as artifacts only if checked
        for raw in complete.splitlines():
            line = read_line(raw, record_digest(raw), self.reuse)
            if line is not None:
                lines.append(line)
        return lines

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
