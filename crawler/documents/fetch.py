"""The spider's part in documents: follow links to PDFs on the audited sites and hand their
bytes to the pipeline (`DocumentItem`); reading them waits until the crawl is over
(`crawler.documents.ingest`), so a large PDF never stalls the reactor."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from brandaudit.crawler.artifacts import CrawlError
from brandaudit.crawler.documents.budget import DOCUMENT
from brandaudit.crawler.failures import describe_failure

DOCUMENT_EXTENSIONS = frozenset({".pdf"})


@dataclass
class DocumentItem:
    """A fetched document URL, not yet read."""

    url: str
    status: int
    content_type: str | None
    body: bytes
    referrer: str | None = None


def is_document_link(url: str) -> bool:
    return posixpath.splitext(urlsplit(url).path)[1].lower() in DOCUMENT_EXTENSIONS


class DocumentFetching:
    """Mixed into the site spider: PDFs linked from its pages are fetched once each."""

    options: Any
    scope: Any

    def document_requests(self, links: Iterable[str], page_url: str) -> Iterator[scrapy.Request]:
        seen: set[str] = self.__dict__.setdefault("seen_documents", set())
        for link in links:
            if not is_document_link(link) or not self.scope.is_own_site(link):
                continue
            if self.scope.exclude and any(p.search(link) for p in self.scope.exclude):
                continue
            key = canonicalize_url(link)
            if key in seen:
                continue
            seen.add(key)
            yield scrapy.Request(
                link,
                callback=self.parse_document,
                errback=self.document_failed,
                dont_filter=True,
                priority=-5,
                meta={"ba_url": link, "ba_referrer": page_url},
            )

    def parse_document(self, response: Response) -> Iterator[DocumentItem | CrawlError]:
        url, referrer = response.meta["ba_url"], response.meta["ba_referrer"]
        if response.status >= 400:
            yield CrawlError(
                url, "page", f"HTTP {response.status}", response.status, referrer, DOCUMENT
            )
            return
        ctype = response.headers.get("Content-Type")
        coverage = getattr(self, "coverage", None)
        if coverage is not None:  # a linked brochure read is crawled content
            coverage.fetched_page(url)
        yield DocumentItem(
            url,
            response.status,
            ctype.decode("latin-1") if ctype else None,
            response.body,
            referrer,
        )

    def document_failed(self, failure: Failure) -> Iterator[CrawlError]:
        meta = failure.request.meta  # type: ignore[attr-defined]
        reason = describe_failure(failure, self.options.timeout_s, self.options.max_response_bytes)
        yield CrawlError(meta["ba_url"], "page", reason, None, meta["ba_referrer"], DOCUMENT)
