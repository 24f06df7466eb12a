"""Memory flat in site size: checks and reports of a saved crawl hold one batch of pages at
once, however many the site has, and the reports stay complete and valid."""

from __future__ import annotations

import json
import weakref
from html.parser import HTMLParser
from pathlib import Path

import pytest

from brandaudit.crawler import page_store
from brandaudit.crawler.artifacts import CrawlMeta, PageArtifact, TextBlock
from brandaudit.crawler.run_store import RunWriter, load_run
from brandaudit.page_batches import BATCH_PAGES
from brandaudit.pipeline import GateSettings, check_saved_run

PAGES = 3000
# Pages alive at the same time, at most: one batch of page-local checks and a few more; the
# site has 15 times as many.
HELD_AT_ONCE = BATCH_PAGES + 20


def write_site(run_dir: Path, pages: int) -> None:
    writer = RunWriter(run_dir)
    writer.write_meta(CrawlMeta(seeds=("http://127.0.0.1:1/",), started="2026-12-07T00:00:00Z"))
    for n in range(pages):
        wrong = n % 500 == 0  # a few pages name the brand wrongly: findings to report
        text = f"{'Nova Bridge' if wrong else 'NovaBridge'} carries ideas on page {n}."
        writer.add_page(
            PageArtifact(
                f"http://127.0.0.1:1/p{n}",
                200,
                title=f"Page {n} | NovaBridge",
                text_blocks=(TextBlock(text, "main > p"), TextBlock("Sign in", "nav > a")),
            )
        )
    writer.close()


class LivePages:
    """Counts the pages the store has parsed that are still referenced somewhere."""

    def __init__(self) -> None:
        self.alive = 0
        self.most = 0
        self.parsed = 0

    def __call__(self, record: dict) -> PageArtifact:
        page = _parse(record)
        self.alive += 1
        weakref.finalize(page, self._freed)
        self.parsed += 1
        self.most = max(self.most, self.alive)
        return page

    def _freed(self) -> None:
        self.alive -= 1


_parse = page_store.page_from_dict


class _Strict(HTMLParser):
    def error(self, message: str) -> None:  # pragma: no cover - py<3.10 API
        raise AssertionError(message)


def test_checks_and_reports_hold_few_pages_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_dir = tmp_path / "crawl"
    write_site(run_dir, PAGES)
    live = LivePages()
    monkeypatch.setattr(page_store, "page_from_dict", live)
    outcome = check_saved_run(
        run_dir,
        Path(__file__).parents[2] / "brand_assets/sample/brand.yaml",
        tmp_path / "out",
        ("junit", "sarif", "md", "csv"),
        GateSettings(fail_on="never", record_history=False),
    )
    assert live.parsed >= PAGES  # the checks did read every page from the store...
    assert live.most <= HELD_AT_ONCE  # ...but never kept them
    document = json.loads((outcome.out_dir / "report.json").read_text(encoding="utf-8"))
    assert len(document["pages"]) == PAGES
    wrong = [f for f in document["findings"] if f["rule"] == "text.brand_name"]
    assert sorted(f["url"] for f in wrong) == sorted(
        f"http://127.0.0.1:1/p{n}" for n in range(0, PAGES, 500)
    )
    _Strict().feed((outcome.out_dir / "report.html").read_text(encoding="utf-8"))


def test_the_store_reads_the_last_record_of_a_url_and_skips_a_cut_line(tmp_path: Path) -> None:
    writer = RunWriter(tmp_path)
    writer.add_page(PageArtifact("http://127.0.0.1:1/b", 200, title="first"))
    writer.add_page(PageArtifact("http://127.0.0.1:1/a", 200, title="a"))
    writer.add_page(PageArtifact("http://127.0.0.1:1/b", 200, title="again"))
    writer.close()
    with open(tmp_path / "pages.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"url": "http://127.0.0.1:1/c", "sta')  # killed mid-line
    pages = load_run(tmp_path).pages
    assert [(p.url, p.title) for p in pages] == [
        ("http://127.0.0.1:1/a", "a"),
        ("http://127.0.0.1:1/b", "again"),
    ]
    assert pages[-1].title == "again" and [p.title for p in pages[0:1]] == ["a"]
    assert "http://127.0.0.1:1/b" in pages and "http://127.0.0.1:1/c" not in pages
