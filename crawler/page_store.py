"""The fetched pages of a run directory, read from `pages.jsonl` one at a time.

A page artifact with its text blocks costs tens of kilobytes as Python objects; holding every
page of a 100,000-page estate would take gigabytes. `PageStore` keeps only an index (URL,
byte offset, length, digest of the record: about 200 bytes a page) and parses a page when a
check reaches it, so memory stays flat in site size while checks still walk `result.pages`
in URL order as they did with a list. The digest identifies a page's exact record, so work
done on it earlier (pages checked during the crawl) can be matched without keeping it.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, overload

from brandaudit.crawler.artifacts import PageArtifact, page_from_dict


def record_digest(line: bytes) -> bytes:
    """A page record's identity: two equal digests are the same JSON line, byte for byte."""
    return hashlib.blake2b(line.strip(), digest_size=16).digest()


class PageStore(Sequence[PageArtifact]):
    """Pages of one JSON Lines file in URL order; later records of a URL replace earlier."""

    # Checks that derive data from every page (normalised text) must not keep it for the
    # whole site when pages come from disk: see checks/text/blocks.py.
    keeps_pages = False

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        latest: dict[str, tuple[int, int, bytes]] = {}
        offset = 0
        if self.path.exists():
            with open(self.path, "rb") as handle:
                for line in handle:
                    url = _url_of(line)
                    if url is not None:
                        latest[url] = (offset, len(line), record_digest(line))
                    offset += len(line)
        self.urls: list[str] = sorted(latest)
        self._offsets = array("q", (latest[url][0] for url in self.urls))
        self._lengths = array("q", (latest[url][1] for url in self.urls))
        self._digests = b"".join(latest[url][2] for url in self.urls)
        self._positions = {url: i for i, url in enumerate(self.urls)}

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


def _url_of(line: bytes) -> str | None:
    """The URL of a complete record; None for blank lines and lines cut short by a kill."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except ValueError:
        return None
    url = record.get("url") if isinstance(record, dict) else None
    return url if isinstance(url, str) else None
