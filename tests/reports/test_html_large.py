"""Large audits: recurring findings fold into one by-rule row; cards move to part files."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from brandaudit.reports import html, html_parts
from brandaudit.reports.write import write_reports

HOSTILE = "<script>alert(1)</script>"


def _finding(index: int, url: str, found: str, severity: str = "error") -> dict:
    return {
        "id": f"{index:016x}",
        "rule": "text.brand_name",
        "severity": severity,
        "touchpoint": "website",
        "url": url,
        "message": f"Brand name written as '{found}'.",
        "location": {"selector": "footer > p", "snippet": f"© {found} {HOSTILE}", "source": "text"},
        "evidence": {"found": found, "expected": "NovaBridge"},
        "suggestion": f"Replace '{found}' with 'NovaBridge'.",
    }


def _large(example, pages: int, per_page: int) -> dict:
    """The example report plus a footer typo on every one of `pages` pages."""
    document = copy.deepcopy(example.document)
    urls = [f"https://www.novabridge.example/p{i}" for i in range(pages)]
    extra = [
        _finding(i * per_page + k, url, "NovaBrigde" if k == 0 else f"Nova-Bridge{k}", "warning")
        for i, url in enumerate(urls)
        for k in range(per_page)
    ]
    document["findings"] = document["findings"] + extra
    document["pages"] = document["pages"] + [
        {"url": url, "touchpoint": "website", "status": 200, "title": ""} for url in urls
    ]
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in document["findings"]:
        counts[finding["severity"]] += 1
    document["summary"]["findings"] = counts
    return document


def test_same_finding_on_many_pages_is_one_row_with_a_count(example):
    document = _large(example, pages=40, per_page=1)
    page = html.render(document)
    rule_section = page.split('id="by-rule"')[1].split('id="logos"')[0]
    assert rule_section.count('<span class="found">NovaBrigde</span>') == 1
    assert "<strong>40 pages</strong>" in rule_section
    assert "and 37 more" in rule_section  # three example links, the rest counted
    # Small report: every card is in report.html and the examples link to them.
    for href in re.findall(r'href="(#f-[0-9a-f]+)"', rule_section):
        assert f'id="{href[1:]}"' in page


def test_small_report_stays_one_file(example, tmp_path: Path):
    out = tmp_path / "out"
    written = write_reports(example.document, out)
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json"]
    assert written["html"] == out / "report.html"


def test_large_report_splits_cards_into_linked_part_files(example, tmp_path: Path):
    document = _large(example, pages=300, per_page=3)  # 900+ findings
    write_reports(document, tmp_path, result=example.result, guideline=example.guideline)
    parts = sorted(tmp_path.glob("report-part-*.html"))
    assert len(parts) == len(html_parts.split(document["findings"])) >= 4
    main = (tmp_path / "report.html").read_text()
    assert "<article" not in main  # the cards live in the parts
    cards: dict[str, str] = {}
    for part in parts:
        text = part.read_text()
        assert HOSTILE not in text and "<script" not in text.lower()
        assert 'href="report.html"' in text
        for card_id in re.findall(r'<article class="finding \w+" id="(f-[0-9a-f]+)"', text):
            cards[card_id] = part.name
    assert len(cards) == len(document["findings"])  # every finding has its card, once
    # Every link of the summary page lands on an existing card or page anchor.
    for target, anchor in re.findall(r'href="(report-part-\d+\.html)#([\w-]+)"', main):
        text = (tmp_path / target).read_text()
        assert f'id="{anchor}"' in text, (target, anchor)
    # A page's findings are never split over two parts.
    for url in {f["url"] for f in document["findings"]}:
        holders = {cards[f"f-{f['id']}"] for f in document["findings"] if f["url"] == url}
        assert len(holders) == 1


def test_rewriting_a_smaller_report_removes_old_part_files(example, tmp_path: Path):
    write_reports(_large(example, pages=300, per_page=3), tmp_path)
    assert list(tmp_path.glob("report-part-*.html"))
    write_reports(example.document, tmp_path)
    assert not list(tmp_path.glob("report-part-*.html"))


def test_part_files_embed_only_their_own_pictures(example, tmp_path: Path):
    document = _large(example, pages=300, per_page=3)
    write_reports(document, tmp_path, result=example.result, guideline=example.guideline)
    first = (tmp_path / "report-part-001.html").read_text()
    defined = set(re.findall(r'<image id="([^"]+)"', first))
    used = set(re.findall(r'<use href="#([^"]+)"/>', first))
    assert defined == used  # the example's logo findings are in part 1, with their pictures
    last = sorted(tmp_path.glob("report-part-*.html"))[-1].read_text()
    assert "<image id=" not in last  # text findings only: nothing embedded


def test_severity_filter_needs_no_script(example):
    page = html.render(example.document)
    assert 'id="show-error"' in page and "#show-error:checked ~ .findings" in page
    assert "<script" not in page.lower()
