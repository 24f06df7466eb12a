"""Item pipeline: write the spider's items into the run directory through `RunWriter`.

Images are checked here, by their bytes (`crawler.image_sniff`): an HTML page served where a
logo should be is a `CrawlError`, not an image. Bytes are stored once per SHA-256, however
many URLs serve them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

from brandaudit.crawler.artifacts import CrawlError, ImageArtifact
from brandaudit.crawler.budgets import IMAGE_BUDGET_S, time_budget, unreadable
from brandaudit.crawler.documents.fetch import DocumentItem
from brandaudit.crawler.extract_cache import StoredPage
from brandaudit.crawler.image_sniff import NotAnImage, sniff_image_type
from brandaudit.crawler.items import ImageResponseItem, PageItem
from brandaudit.crawler.run_store import RunWriter


class RunStorePipeline:
    """Appends pages, images and errors to BRANDAUDIT_RUN_DIR as they arrive."""

    def __init__(self, run_dir: Path, stats: StatsCollector) -> None:
        self.writer = RunWriter(run_dir)
        self.stats = stats
        self.inline_done: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunStorePipeline:
        run_dir = crawler.settings.get("BRANDAUDIT_RUN_DIR")
        if not run_dir:
            raise NotConfigured("BRANDAUDIT_RUN_DIR is not set")
        assert crawler.stats is not None
        return cls(Path(run_dir), crawler.stats)

    def close_spider(self) -> None:
        self.writer.close()

    def process_item(self, item: Any) -> Any:
        if isinstance(item, PageItem):
            self._store_page(item)
        elif isinstance(item, ImageResponseItem):
            self._store_image(item)
        elif isinstance(item, DocumentItem):
            # PDF reading (pypdfium2) loads only in crawls that meet a document.
            from brandaudit.crawler.documents.ingest import record_document

            record_document(self.writer, item)
        elif isinstance(item, CrawlError):
            self._store_error(item)
        return item

    def _store_page(self, item: PageItem) -> None:
        if isinstance(item.page, StoredPage):  # from the parsed-page cache: its record as is
            self.writer.add_page_record(item.page.record)
        elif item.json_line is not None and isinstance(self.writer, RunWriter):
            self.writer.add_page(item.page, item.json_line)  # encoded once, for the cache too
        else:
            self.writer.add_page(item.page)
        self.stats.inc_value("brandaudit/pages")
        for url, data in item.inline_images.items():
            if url in self.inline_done:
                continue
            self.inline_done.add(url)
            try:
                mime = _sniff(data)
            except NotAnImage as exc:
                self._store_error(CrawlError(url, "image", str(exc), None, item.page.url))
                continue
            sha = self.writer.store_blob(data)
            self.writer.add_image(ImageArtifact(url, None, mime, sha, len(data)))
            self.stats.inc_value("brandaudit/images")

    def _store_image(self, item: ImageResponseItem) -> None:
        try:
            mime = _sniff(item.body)
        except NotAnImage as exc:
            self._store_error(CrawlError(item.url, "image", str(exc), item.status, item.referrer))
            return
        sha = self.writer.store_blob(item.body)
        self.writer.add_image(ImageArtifact(item.url, item.status, mime, sha, len(item.body)))
        self.stats.inc_value("brandaudit/images")

    def _store_error(self, error: CrawlError) -> None:
        if error.kind == "image":
            self.writer.add_image(ImageArtifact(error.url, error.status, error=error.reason))
        self.writer.add_error(error)
        self.stats.inc_value("brandaudit/errors")


def _sniff(data: bytes) -> str:
    """`sniff_image_type` within the image budget; any failure is a `NotAnImage` reason."""
    try:
        with time_budget(IMAGE_BUDGET_S, "checking the image"):
            return sniff_image_type(data)
    except NotAnImage:
        raise
    except Exception as exc:
        raise NotAnImage(unreadable(exc, "the image")) from None
