"""Page-local checks run during the crawl give exactly the findings of a check afterwards."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from brandaudit import streaming
from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import finalise
from brandaudit.checks.registry import run_checks
from brandaudit.crawler.artifacts import CrawlMeta, PageArtifact, TextBlock
from brandaudit.crawler.run_store import RunWriter, load_run
from brandaudit.pipeline import check_all
from brandaudit.streaming import BATCH_PAGES, PageCheckStream


def page(n: int, text: str) -> PageArtifact:
    return PageArtifact(f"http://127.0.0.1:1/p{n}", 200, title=f"P{n}",
                        text_blocks=(TextBlock(text, "main > p"),))  # fmt: skip


def test_streamed_findings_equal_checking_afterwards(
    tmp_run_dir: Path, sample_guideline: Guideline
) -> None:
    writer = RunWriter(tmp_run_dir)
    meta = CrawlMeta(seeds=("http://127.0.0.1:1/",), started="2026-11-23T09:00:00Z")
    with PageCheckStream(tmp_run_dir, sample_guideline, meta) as stream:
        for n in range(BATCH_PAGES * 2 + 7):
            text = "Nova Bridge helps teams." if n % 3 == 0 else "NovaBridge helps teams."
            writer.add_page(page(n, text))
        time.sleep(0.5)  # let the thread take the first batches mid-"crawl"
        # A page fetched again later (a resumed crawl) with other text must be re-checked.
        writer.add_page(page(1, "Log in to Novabridge."))
    writer.close()
    assert len(stream.checked) == BATCH_PAGES * 2 + 7
    result = load_run(tmp_run_dir)
    streamed = finalise(check_all(result, sample_guideline, stream))
    afterwards = finalise(run_checks(load_run(tmp_run_dir), sample_guideline))
    assert [f.id for f in streamed] == [f.id for f in afterwards]
    assert {f.rule for f in streamed if f.url.endswith("/p1")} == {"text.brand_name", "text.term"}


def test_a_failing_stream_hands_every_page_back(
    tmp_run_dir: Path, sample_guideline: Guideline
) -> None:
    stream = PageCheckStream(tmp_run_dir, sample_guideline, CrawlMeta())
    stream.failed = True
    RunWriter(tmp_run_dir).add_page(page(1, "Nova Bridge"))
    result = load_run(tmp_run_dir)
    assert stream.findings_for(result) == ([], result.pages)


def test_a_backlog_is_read_and_checked_a_bounded_part_at_a_time(
    tmp_run_dir: Path, sample_guideline: Guideline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checks behind the crawl: the stream reads at most READ_BYTES and checks at most
    MAX_BATCH_PAGES pages at once, and still checks every page, the last one included."""
    monkeypatch.setattr(streaming, "READ_BYTES", 700)  # shorter than some lines: read whole
    monkeypatch.setattr(streaming, "MAX_BATCH_PAGES", 4)
    batches: list[int] = []
    check_batch = PageCheckStream._check_batch

    def counted(self: PageCheckStream, pending: list) -> None:
        batches.append(len(pending))
        check_batch(self, pending)

    monkeypatch.setattr(PageCheckStream, "_check_batch", counted)
    writer = RunWriter(tmp_run_dir)
    meta = CrawlMeta(seeds=("http://127.0.0.1:1/",), started="2026-11-23T09:00:00Z")
    total = 37
    for n in range(total):  # all written before the stream starts: one backlog
        text = "Nova Bridge helps teams. " * (1 + n % 5)
        writer.add_page(page(n, text))
    writer.close()
    with PageCheckStream(tmp_run_dir, sample_guideline, meta) as stream:
        pass
    assert len(stream.checked) == total
    assert batches and max(batches) <= 4
    result = load_run(tmp_run_dir)
    streamed = finalise(check_all(result, sample_guideline, stream))
    afterwards = finalise(run_checks(load_run(tmp_run_dir), sample_guideline))
    assert [f.id for f in streamed] == [f.id for f in afterwards]
