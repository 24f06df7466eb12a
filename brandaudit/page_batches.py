"""Page-local checks over a site read from disk, a batch of pages at a time.

Text checks share each page's normalised blocks through `CrawlResult.derived`, which is
only kept for pages held in memory (checks/text/blocks.py). Walking a disk-backed site check
by check would normalise every block once per check; walking it batch by batch normalises
each block once and holds only one batch of pages, as the crawl-time stream does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import Finding
from brandaudit.checks.reuse import FindingsReuse, check_pages
from brandaudit.crawler.artifacts import PageArtifact
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.reports.finding_store import FindingSpool

BATCH_PAGES = 200  # pages in memory at once; their blocks normalised once for every check


def batches(pages: Sequence[PageArtifact], size: int = BATCH_PAGES) -> Iterator[list[PageArtifact]]:
    batch: list[PageArtifact] = []
    for page in pages:
        batch.append(page)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def page_local_findings(
    result: CrawlResult,
    guideline: Guideline,
    pages: Sequence[PageArtifact] | None = None,
    reuse: FindingsReuse | None = None,
) -> list[Finding]:
    """The page-local checks' findings on `pages` (default: every page of `result`), not yet
    folded across pages; reused for unchanged pages when `reuse` is given (checks/reuse.py)."""
    findings: list[Finding] = []
    for batch in batches(result.pages if pages is None else pages):
        by_url = check_pages(batch, result.run_dir, result.meta, guideline, reuse)
        findings += [finding for page in batch for finding in by_url[page.url]]
        del batch, by_url  # let go before the next batch is read: one batch alive, not two
    return findings


def page_local_into(
    spool: FindingSpool,
    result: CrawlResult,
    guideline: Guideline,
    pages: Sequence[PageArtifact] | None = None,
    reuse: FindingsReuse | None = None,
) -> None:
    """`page_local_findings`, each batch's findings appended to the audit's findings spool
    as they are found (reports/finding_store.py): nothing kept in memory between batches."""
    for batch in batches(result.pages if pages is None else pages):
        by_url = check_pages(batch, result.run_dir, result.meta, guideline, reuse)
        spool.add(finding for page in batch for finding in by_url[page.url])
        del batch, by_url
