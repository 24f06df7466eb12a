"""What the spider hands to the pipeline: artifacts plus the raw bytes still to be stored.

The spider stays thin (fetch, parse, follow); deciding whether bytes are an image and
writing to disk happen in `crawler.pipelines`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from brandaudit.crawler.artifacts import PageArtifact

if TYPE_CHECKING:
    from brandaudit.crawler.extract_cache import StoredPage


@dataclass
class PageItem:
    """A parsed page and the inline images (inline SVG, data: URIs) it carries, by pseudo URL."""

    page: PageArtifact | StoredPage  # StoredPage: an unchanged page, from the parsed-page cache
    inline_images: dict[str, bytes] = field(default_factory=dict)
    json_line: str | None = None  # `run_store.page_json_line(page)`, when already made


@dataclass
class ImageResponseItem:
    """A fetched image URL, not yet checked to be an image."""

    url: str  # as the page referenced it (before redirects), so ImageRef.url finds it
    status: int
    content_type: str | None
    body: bytes
    referrer: str | None = None
