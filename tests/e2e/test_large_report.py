"""End to end, a big site through the command line: a footer typo on every page folds into
one by-rule row, and the finding cards move to part files whose links all resolve."""

from __future__ import annotations

import json
import re
from pathlib import Path

from brandaudit.brand_assets import SAMPLE_GUIDELINE
from brandaudit.site_server import serve_site
from tests.cli_runner import brandaudit_in_process

PAGES = 180
PAGE = """<!DOCTYPE html><html lang="en"><head><title>Page {n}</title></head><body>
<main><h1>Page {n}</h1><p>Nova Bridge helps teams on page {n}.</p>
<p>Novabridge Cloud keeps page {n} in sync.</p>
<p>NovaBrigde runs page {n} for you.</p>{links}</main>
<footer><p>Run by Nova-Bridge since 2015.</p></footer></body></html>"""


def _site(root: Path) -> Path:
    root.mkdir()
    for n in range(PAGES):
        links = f'<a href="/p{n + 1}.html">next</a>' if n + 1 < PAGES else ""
        (root / f"p{n}.html").write_text(PAGE.format(n=n, links=links), encoding="utf-8")
    (root / "index.html").write_text(PAGE.format(n="home", links='<a href="/p0.html">go</a>'))
    return root


def test_big_audit_splits_the_html_report_and_every_link_lands(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with serve_site(_site(tmp_path / "site")) as site:
        proc = brandaudit_in_process(
            "audit", "--guideline", SAMPLE_GUIDELINE, site.base_url, "--out", out,
            "--render", "never", "--no-history", "--no-sitemap", "--max-depth", str(PAGES + 2),
            "--fail-on", "never",
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    footer = [f for f in report["findings"] if f["location"].get("selector") == "footer > p"]
    # The footer typo, on every page: one template finding to fix, listing every page.
    [folded] = footer
    assert folded["evidence"]["page_count"] == len(folded["evidence"]["pages"]) == PAGES + 1
    assert len(report["findings"]) > 500

    main = (out / "report.html").read_text(encoding="utf-8")
    parts = sorted(out.glob("report-part-*.html"))
    assert len(parts) >= 2 and "<article" not in main
    rule_rows = main.split('id="by-rule"')[1].split('id="logos"')[0]
    assert rule_rows.count('<span class="found">Nova-Bridge</span>') == 1  # one row, not 181
    assert f"<strong>{PAGES + 1} pages</strong>" in rule_rows
    cards = {}
    for part in parts:
        text = part.read_text(encoding="utf-8")
        cards.update(
            {i: part.name for i in re.findall(r'<article class="finding \w+" id="f-(\w+)"', text)}
        )
    assert set(cards) == {f["id"] for f in report["findings"]}
    for target, anchor in re.findall(r'href="(report-part-\d+\.html)#([\w-]+)"', main):
        assert f'id="{anchor}"' in (out / target).read_text(encoding="utf-8"), (target, anchor)
