"""Memory flat in site size: checks and reports of a saved crawl hold one batch of pages at
once, however many the site has, and the reports stay complete and valid."""

from __future__ import annotations

import json
import tracemalloc
import weakref
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from brandaudit.checks.finding import Finding, Location, Severity
from brandaudit.crawler import page_store
from brandaudit.crawler.artifacts import CrawlMeta, PageArtifact, TextBlock
from brandaudit.crawler.run_store import RunWriter, load_run
from brandaudit.gate import gate
from brandaudit.page_batches import BATCH_PAGES
from brandaudit.pipeline import GateSettings, check_saved_run, report_findings
from brandaudit.policy import load_policy
from brandaudit.reports.finding_store import FindingSpool
from brandaudit.reports.model import AuditInfo, build_report
from brandaudit.reports.write import write_reports

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


def _findings_site(run_dir: Path, pages: int) -> None:
    """A saved crawl of `pages` pages (the findings come from `_page_findings`)."""
    writer = RunWriter(run_dir)
    writer.write_meta(CrawlMeta(seeds=("http://127.0.0.1:1/",), started="2026-12-07T00:00:00Z"))
    for n in range(pages):
        writer.add_page(PageArtifact(f"http://127.0.0.1:1/p{n}", 200, title=f"Page {n}"))
    writer.close()


def _page_findings(pages: int) -> Iterator[Finding]:
    """Four findings a page, as the page checks report them, made as the spool reads them."""
    for n in range(pages):
        for k in range(4):
            yield Finding(
                rule="text.brand_name",
                severity=Severity.ERROR if k else Severity.WARNING,
                url=f"http://127.0.0.1:1/p{n}",
                message=f"Brand name misspelled as 'Nova Bridge' ({k}).",
                location=Location(selector=f"main > p:nth-of-type({k})",
                                  snippet=f"Nova Bridge carries idea {n}-{k} to the team."),
                evidence={"found": "Nova Bridge", "expected": "NovaBridge", "score": 95.2},
                identity=f"Nova Bridge {n} {k}",
            )  # fmt: skip


def _report_peak(tmp_path: Path, pages: int) -> tuple[int, dict]:
    """Peak traced bytes from the spooled findings to every report file written."""
    run_dir = tmp_path / f"crawl{pages}"
    _findings_site(run_dir, pages)
    result = load_run(run_dir)
    out = tmp_path / f"out{pages}"
    tracemalloc.start()
    try:
        spool = FindingSpool(out / "spool.sqlite")
        spool.add(_page_findings(pages))
        rows = report_findings(spool, result, [], out)
        spool.close()
        info = AuditInfo(started="2026-12-07T00:00:00Z", finished="", guideline="g", seeds=())
        document = build_report(info, result, rows, [])
        gate(document, fail_on="never", baseline_path=None, policy=load_policy(None))
        write_reports(document, out, ("junit", "sarif", "md", "csv"), result=result)
        return tracemalloc.get_traced_memory()[1], document
    finally:
        tracemalloc.stop()


def test_findings_stay_on_disk_from_the_checks_to_the_report_files(tmp_path: Path) -> None:
    _report_peak(tmp_path, 50)  # imports, templates and caches loaded once, before measuring
    small, _ = _report_peak(tmp_path, 250)
    large, document = _report_peak(tmp_path, 1000)
    # 3,000 more findings: in memory they cost about 5 KB each (15 MB); on disk only the
    # pages' rows and counts grow (about 1 KB a page: the report's page list, the HTML index).
    assert large - small < 3_000 * 1_000, f"{(large - small) / 3_000:.0f} bytes a finding"
    assert document["summary"]["findings"] == {"error": 3_000, "warning": 1_000, "info": 0}
    report = json.loads((tmp_path / "out1000" / "report.json").read_text(encoding="utf-8"))
    assert len(report["findings"]) == 4_000 and len(report["pages"]) == 1_000
    parts = sorted((tmp_path / "out1000").glob("report-part-*.html"))
    cards = sum(p.read_text(encoding="utf-8").count('<article class="finding ') for p in parts)
    assert len(parts) > 1 and cards == 4_000  # every card, in part files
