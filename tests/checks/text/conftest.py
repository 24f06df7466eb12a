"""Hand-built pages for the text checks: no crawl, no network."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from brandaudit.crawler.artifacts import CrawlMeta, PageArtifact, TextBlock
from brandaudit.crawler.run_store import CrawlResult

URL = "https://www.novabridge.example/about"


def make_page(
    *texts: str, url: str = URL, lang: str | None = "en", source: str = "text"
) -> PageArtifact:
    blocks = tuple(
        TextBlock(text, f"main > p:nth-of-type({i + 1})", source)  # type: ignore[arg-type]
        for i, text in enumerate(texts)
    )
    return PageArtifact(url=url, status=200, lang=lang, text_blocks=blocks)


@pytest.fixture
def crawl(tmp_path: Path) -> Callable[..., CrawlResult]:
    def build(*pages: PageArtifact, started: str = "2026-11-23T09:00:00Z") -> CrawlResult:
        return CrawlResult(run_dir=tmp_path, pages=list(pages), meta=CrawlMeta(started=started))

    return build
