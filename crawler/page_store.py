"""The fetched pages of a run directory, read from `pages.jsonl` one at a time.

A page artifact with its text blocks costs tens of kilobytes as Python objects; holding every
page of a 100,000-page estate would take gigabytes. `PageStore` keeps only an index (URL,
byte offset, length, digest of the record: about 200 bytes a page) and parses a page when a
check reaches it, so memory stays flat in site size while checks still walk `result.pages`
in URL order as they did with a list. The digest identifies a page's exact record, so work
done on it earlier (pages checked during the crawl) can be matched without keeping it.
The index also keeps each page's few scalar fields (`PageSummary`, about 100 bytes more a
page), read from the same parse: the report's page list, the touchpoint matrix and the
document and screenshot passes read those, where each used to parse every page again
(0.2 CPU s a pass at 1,500 pages).
"""

from __future__ import annotations

import hashlib
import json
import sys
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple, overload

from brandaudit.crawler.artifacts import PageArtifact, page_from_dict


def record_digest(line: bytes) -> bytes:
    """A page record's identity: two equal digests are the same JSON line, byte for byte."""
    return hashlib.blake2b(line.strip(), digest_size=16).digest()


class PageSummary(NamedTuple):
    """A page's scalar fields that passes over the whole site read (as on `PageArtifact`)."""

    url: str
    status: int
    title: str
    touchpoint: str
    rendered: bool
    screenshot: str | None

    @classmethod
    def of(cls, page: PageArtifact) -> PageSummary:
        return cls(page.url, page.status, page.title, page.touchpoint, page.rendered,
                   page.screenshot)  # fmt: skip


def page_summaries(pages: Sequence[PageArtifact]) -> Iterator[PageSummary]:
    """The pages' summaries in their order, without parsing the pages of a `PageStore`."""
    if isinstance(pages, PageStore):
        return iter(pages.summaries)
    return (PageSummary.of(page) for page in pages)


def pages_where(pages: Sequence[PageArtifact], touchpoint: str) -> dict[str, PageArtifact]:
    """The pages of one touchpoint kind by URL; from a `PageStore`, only those are parsed."""
    if isinstance(pages, PageStore):
        urls = {summary.url for summary in pages.summaries if summary.touchpoint == touchpoint}
        return {page.url: page for page in pages.only(urls)} if urls else {}
    return {page.url: page for page in pages if page.touchpoint == touchpoint}


def rendered_pages(pages: Sequence[PageArtifact]) -> Iterator[PageArtifact]:
    """The pages rendered in a browser, in order; from a `PageStore`, only those are parsed
    (the colour and font checks read nothing else)."""
    if isinstance(pages, PageStore):
        return iter(pages.only({s.url for s in pages.summaries if s.rendered}))
    return (page for page in pages if page.rendered)


class PageStore(Sequence[PageArtifact]):
    """Pages of one JSON Lines file in URL order; later records of a URL replace earlier."""

    # Checks that derive data from every page (normalised text) must not keep it for the
    # whole site when pages come from disk: see checks/text/blocks.py.
    keeps_pages = False

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        latest: dict[str, tuple[int, int, bytes, PageSummary]] = {}
        offset = 0
        if self.path.exists():
            with open(self.path, "rb") as handle:
                for line in handle:
                    summary = _summary_of(line)
                    if summary is not None:
                        latest[summary.url] = (offset, len(line), record_digest(line), summary)
                    offset += len(line)
        self.urls: list[str] = sorted(latest)
        self._offsets = array("q", (latest[url][0] for url in self.urls))
        self._lengths = array("q", (latest[url][1] for url in self.urls))
        self._digests = b"".join(latest[url][2] for url in self.urls)
        self._positions = {url: i for i, url in enumerate(self.urls)}
        self.summaries: list[PageSummary] = [latest[url][3] for url in self.urls]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __len__(self) -> int:
        return len(self.urls)

    def __contains__(self, value: object) -> bool:
        if isinstance(value, str):
            return value in self._positions
        return isinstance(value, PageArtifact) and self.get(value.url) == value

    @overload
    def __getitem__(self, index: int) -> PageArtifact: ...
    @overload
    def __getitem__(self, index: slice) -> list[PageArtifact]: ...
    def __getitem__(self, index: int | slice) -> PageArtifact | list[PageArtifact]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        with open(self.path, "rb") as handle:
            return self._read(handle, index)

    def __iter__(self) -> Iterator[PageArtifact]:
        if not self.urls:
            return  # no file needed (a crawl that fetched nothing writes none)
        with open(self.path, "rb") as handle:
            for index in range(len(self)):
                yield self._read(handle, index)

    def only(self, urls: set[str]) -> PageStore:
        """The same store restricted to `urls` (those it holds), still read from disk."""
        keep = [i for i, url in enumerate(self.urls) if url in urls]
        view = PageStore.__new__(PageStore)
        view.path = self.path
        view.urls = [self.urls[i] for i in keep]
        view._offsets = array("q", (self._offsets[i] for i in keep))
        view._lengths = array("q", (self._lengths[i] for i in keep))
        view._digests = b"".join(self._digests[i * 16 : i * 16 + 16] for i in keep)
        view._positions = {url: i for i, url in enumerate(view.urls)}
        view.summaries = [self.summaries[i] for i in keep]
        return view

    def get(self, url: str) -> PageArtifact | None:
        position = self._positions.get(url)
        return None if position is None else self[position]

    def digest(self, url: str) -> bytes | None:
        """The digest of the URL's final record (see `record_digest`)."""
        position = self._positions.get(url)
        if position is None:
            return None
        return self._digests[position * 16 : position * 16 + 16]

    def _read(self, handle: BinaryIO, index: int) -> PageArtifact:
        handle.seek(self._offsets[index])
        return page_from_dict(json.loads(handle.read(self._lengths[index])))


def _summary_of(line: bytes) -> PageSummary | None:
    """The summary of a complete record; None for blank lines and lines cut short by a kill."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except ValueError:
        return None
    url = record.get("url") if isinstance(record, dict) else None
    if not isinstance(url, str):
        return None
    return PageSummary(
        url, _get(record, "status", None), _get(record, "title", ""),
        _get(record, "touchpoint", "website"), _get(record, "rendered", False),
        _get(record, "screenshot", None),
    )  # fmt: skip


def _get(record: dict[str, Any], key: str, default: Any) -> Any:
    """A field as `page_from_dict` gives it (the dataclass default when absent); strings
    interned, so 100,000 pages share one "website"."""
    value = record.get(key, default)
    return sys.intern(value) if key == "touchpoint" and isinstance(value, str) else value
