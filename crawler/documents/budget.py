"""Limits that keep one document from stalling an audit: pages, renders, bytes and seconds."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

DOCUMENT = "document"  # the touchpoint kind of PDFs, scans and photos


@dataclass(frozen=True)
class DocumentLimits:
    """Beyond these a document is read in part, and the report says which part."""

    max_pages: int = 200  # pages whose text is read (a 10,000-page catalogue: the first 200)
    max_rendered_pages: int = 20  # pages rendered to pixels for the logo checks
    max_images_per_page: int = 12  # embedded pictures kept per page
    max_bytes: int = 64 * 1024 * 1024  # a larger file is not opened at all
    max_seconds: float = 30.0  # wall time per document
    render_scale: float = 2.0  # 72 dpi points -> 144 dpi pixels (a 612 pt page: 1,224 px)
    min_image_side: int = 32  # embedded pictures smaller than this hold no logo or text


DEFAULT_LIMITS = DocumentLimits()


@dataclass
class Deadline:
    """A wall-clock budget checked between pages."""

    seconds: float
    started: float = field(default_factory=time.monotonic)

    @property
    def passed(self) -> bool:
        return time.monotonic() - self.started > self.seconds
