"""Per-page findings reused by (page content, guideline, checks): hits only when all three
are unchanged, and a reused finding is the finding itself."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.registry import fold_across_pages, run_checks
from brandaudit.checks.reuse import (
    FindingsReuse,
    check_pages,
    finding_from_json,
    finding_to_json,
    page_key,
)
from brandaudit.crawler.artifacts import CrawlMeta, PageArtifact, TextBlock
from brandaudit.crawler.run_store import CrawlResult

TEXTS = (
    "Nova Bridge helps teams. Log in to Novabridge cloud.",
    "Connect everything. Call +44 20 7946 0999 or write to sales@novabridge.example.",
    "© 2024 NovaBridge Systems Limited. Bridges that carry idea.",
)


def page(n: int, text: str = TEXTS[0], **fields: object) -> PageArtifact:
    blocks = (TextBlock(text, "main > p"), TextBlock(TEXTS[1], "footer > p"),
              TextBlock(TEXTS[2], "footer > small"))  # fmt: skip
    return PageArtifact(f"http://127.0.0.1:1/p{n}", 200, title=f"P{n} | Nova bridge",
                        text_blocks=blocks, **fields)  # type: ignore[arg-type]  # fmt: skip


def page_local(pages: list[PageArtifact], guideline: Guideline, run_dir: Path) -> list:
    result = CrawlResult(run_dir=run_dir, pages=pages, meta=CrawlMeta())
    return run_checks(result, guideline, page_local=True)


def test_no_page_local_check_reads_depth_or_referrer(
    sample_guideline: Guideline, tmp_run_dir: Path
) -> None:
    """Why the page key leaves them out: the same page reached another way is the same."""
    near = page_local([page(1)], sample_guideline, tmp_run_dir)
    far = page_local([page(1, depth=7, referrer="http://127.0.0.1:1/x")], sample_guideline,
                     tmp_run_dir)  # fmt: skip
    assert len(near) >= 5 and near == far
    assert page_key(page(1)) == page_key(page(1, depth=7, referrer="http://127.0.0.1:1/x"))
    assert page_key(page(1)) != page_key(page(1, text=TEXTS[0] + " "))


def test_a_reused_finding_is_the_finding(sample_guideline: Guideline, tmp_run_dir: Path) -> None:
    findings = page_local([page(1)], sample_guideline, tmp_run_dir)
    assert [finding_from_json(finding_to_json(f)) for f in findings] == findings


def test_hits_only_for_the_same_page_guideline_and_checks(
    sample_guideline: Guideline, tmp_run_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "findings.sqlite"
    meta = CrawlMeta()
    pages = [page(n) for n in range(4)]
    reuse = FindingsReuse(cache, sample_guideline)
    first = check_pages(pages, tmp_run_dir, meta, sample_guideline, reuse)
    reuse.close()
    assert (reuse.counts.reused, reuse.counts.checked) == (0, 4)

    edited = [*pages[:3], page(3, "NovaBrige is new here.")]
    reuse = FindingsReuse(cache, sample_guideline)
    second = check_pages(edited, tmp_run_dir, meta, sample_guideline, reuse)
    reuse.close()
    assert (reuse.counts.reused, reuse.counts.checked) == (3, 1)
    assert {k: v for k, v in second.items() if not k.endswith("p3")} == {
        k: v for k, v in first.items() if not k.endswith("p3")
    }
    assert any(f.evidence.get("found") == "NovaBrige" for f in second[pages[3].url])
    assert second[pages[3].url] == page_local([edited[3]], sample_guideline, tmp_run_dir)

    other = sample_guideline.model_copy(
        update={"brand": sample_guideline.brand.model_copy(update={"accept": ("Nova Bridge",)})}
    )
    reuse = FindingsReuse(cache, other)
    check_pages(pages, tmp_run_dir, meta, other, reuse)
    reuse.close()
    assert reuse.counts.reused == 0


def test_the_template_fold_spans_reused_and_checked_pages(
    sample_guideline: Guideline, tmp_run_dir: Path, tmp_path: Path
) -> None:
    """The cross-page step runs on the per-page results, wherever they came from."""
    pages = [page(n) for n in range(5)]
    reuse = FindingsReuse(tmp_path / "f.sqlite", sample_guideline)
    check_pages(pages[:3], tmp_run_dir, CrawlMeta(), sample_guideline, reuse)
    by_url = check_pages(pages, tmp_run_dir, CrawlMeta(), sample_guideline, reuse)
    reuse.close()
    assert reuse.counts.reused == 3
    folded = fold_across_pages([f for p in pages for f in by_url[p.url]])
    whole = run_checks(CrawlResult(run_dir=tmp_run_dir, pages=pages, meta=CrawlMeta()),
                       sample_guideline, page_local=None)  # fmt: skip
    assert sorted(map(repr, folded)) == sorted(map(repr, whole))
    repeats = [f for f in folded if f.evidence.get("page_count") == 5]
    assert repeats and all(f.rule == "text.brand_name" for f in repeats)


def test_a_crashed_check_is_not_remembered(sample_guideline: Guideline, tmp_path: Path) -> None:
    reuse = FindingsReuse(tmp_path / "f.sqlite", sample_guideline)
    crashed = dataclasses.replace(
        page_local([page(1)], sample_guideline, tmp_path)[0], rule="check.failed"
    )
    reuse.remember(page_key(page(1)), [crashed])
    assert reuse.lookup([page(1)])[0] == {}
    reuse.close()


def test_findings_showing_a_staging_secret_are_never_stored(
    sample_guideline: Guideline, tmp_run_dir: Path, tmp_path: Path
) -> None:
    """A page that prints a staging credential carries it into its snippets: such findings
    are checked again next time rather than written to the user's cache folder."""
    secret = "stg-token-5f1e9"
    leaky = page(1, text=f"Novabridge cloud: your token is {secret}.")
    cache_file = tmp_path / "findings.sqlite"
    reuse = FindingsReuse(cache_file, sample_guideline, (secret,))
    findings = check_pages([leaky, page(2)], tmp_run_dir, CrawlMeta(), sample_guideline, reuse)
    assert any(secret in (f.location.snippet or "") for f in findings[leaky.url])
    reuse.close()
    assert secret.encode() not in cache_file.read_bytes()
    again = FindingsReuse(cache_file, sample_guideline, (secret,))
    again.lookup([leaky, page(2)])
    assert (again.counts.reused, again.counts.checked) == (1, 1)
    again.close()


def test_a_record_read_back_has_the_key_of_its_page(tmp_path: Path) -> None:
    """The crawl-time stream keys pages by their pages.jsonl record, never built as artifacts;
    the after-crawl batches key the built page: both must find the same entry."""
    from brandaudit.checks.reuse import record_key
    from brandaudit.crawler.artifacts import Box, ImageRef
    from brandaudit.crawler.run_store import RunWriter

    original = page(
        3,
        images=(ImageRef("http://127.0.0.1:1/i.png", "img", "main > img", displayed=Box(160, 40)),),
        depth=2,
    )
    writer = RunWriter(tmp_path)
    writer.add_page(original)
    writer.close()
    (record,) = [json.loads(line) for line in (tmp_path / "pages.jsonl").read_text().splitlines()]
    assert record_key(record) == page_key(original)
    assert record_key({**record, "title": "P3 | NovaBridge"}) != page_key(original)


def test_an_unchanged_line_is_neither_parsed_nor_checked_and_its_rows_are_copied(
    sample_guideline: Guideline, tmp_run_dir: Path, tmp_path: Path
) -> None:
    """The crawl-time stream: a pages.jsonl line seen before gives its URL and page key from
    the cache (no JSON parsing), and its findings come back as the spool's own rows."""
    from brandaudit.checks.reuse import check_lines, read_line
    from brandaudit.crawler.page_store import record_digest
    from brandaudit.crawler.run_store import page_json_line
    from brandaudit.reports.finding_store import SpoolRows

    codec = SpoolRows()
    pages = [page(n) for n in range(3)]
    raw = [page_json_line(p).encode() for p in pages]
    cache = tmp_path / "findings.sqlite"

    def run(lines: list[bytes]) -> tuple[list, dict, FindingsReuse]:
        reuse = FindingsReuse(cache, sample_guideline, codec=codec)
        read = [read_line(line, record_digest(line), reuse) for line in lines]
        rows = check_lines(
            [r for r in read if r], tmp_run_dir, CrawlMeta(), sample_guideline, reuse
        )
        reuse.close()
        return read, rows, reuse

    read, first, reuse = run(raw)
    assert all(line.record is not None for line in read)  # new lines: parsed
    assert (reuse.counts.reused, reuse.counts.checked) == (0, 3)
    expected = {p.url: [codec.row(f) for f in page_local([p], sample_guideline, tmp_run_dir)]
                for p in pages}  # fmt: skip
    assert first == expected and all(expected.values())

    read, second, reuse = run(raw)
    assert all(line.record is None and line.page for line in read)  # seen: not parsed
    assert (reuse.counts.reused, reuse.counts.checked) == (3, 0)
    assert second == expected

    edited = page(2, "NovaBrige is new here.")
    read, third, reuse = run([*raw[:2], page_json_line(edited).encode()])
    assert [line.record is None for line in read] == [True, True, False]
    assert (reuse.counts.reused, reuse.counts.checked) == (2, 1)
    found = [codec.finding(row) for row in third[edited.url]]
    assert any(f.evidence.get("found") == "NovaBrige" for f in found)
