"""The image-text check keeps what it read of each picture until the audit ends (checks
share it through `CrawlResult.derived`); it must not keep the pages themselves: on a site
whose pages all show a picture that held the whole site in memory (371 MB at 20,000 pages)."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from brandaudit.brand_assets.guideline import load_guideline
from brandaudit.checks import image_text
from brandaudit.crawler.artifacts import Box, ImageArtifact, ImageRef, PageArtifact, TextBlock
from brandaudit.crawler.run_store import CrawlResult

from .test_latin_beside_chinese import GUIDELINE, LETTERHEAD


def test_readings_keep_no_page_text_and_the_findings_do_not_change(tmp_path, monkeypatch):
    monkeypatch.setenv("BRANDAUDIT_CACHE", str(tmp_path / "hashes.sqlite"))
    (tmp_path / "brand.yaml").write_text(GUIDELINE, encoding="utf-8")
    guideline = load_guideline(tmp_path / "brand.yaml")
    data = LETTERHEAD.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    run_dir = tmp_path / "run"
    (run_dir / "blobs").mkdir(parents=True)
    (run_dir / "blobs" / sha).write_bytes(data)
    url = "http://127.0.0.1/images/agreement.jpg"
    ref = ImageRef(url, "img", "p > img", None, Box(789, 140))
    blocks = tuple(TextBlock(f"Paragraph {i} of the page's own text.", f"p:nth-of-type({i})",
                             "text") for i in range(1, 200))  # fmt: skip
    page = PageArtifact(url="http://127.0.0.1/en/service.html", status=200, images=(ref,),
                        text_blocks=blocks, lang="en")  # fmt: skip
    image = ImageArtifact(url, 200, "image/jpeg", sha, len(data))
    result = CrawlResult(run_dir=run_dir, pages=[page], images={url: image})
    findings = list(image_text.run(result, guideline))
    assert findings  # the letterhead's misspelt name and legal name
    kept = [reading[0] for reading in result.derived["ocr.readings"]]
    assert kept and all(not p.text_blocks and not p.images and not p.rects for p in kept)
    assert all(p.url == page.url and p.lang == "en" for p in kept)
    bare = CrawlResult(run_dir=run_dir, pages=[replace(page, text_blocks=())],
                       images={url: image})  # fmt: skip
    assert list(image_text.run(bare, guideline)) == findings
