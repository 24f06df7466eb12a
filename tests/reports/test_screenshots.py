"""Evidence crops and page thumbnails cut from a rendered page's screenshot."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from brandaudit.crawler.artifacts import ImageRef, PageArtifact, Rect
from brandaudit.crawler.run_store import CrawlResult, RunWriter
from brandaudit.reports.screenshots import MARGIN, OUTLINE, attach_screenshots

URL = "https://n.example/"


def screenshot() -> bytes:
    image = Image.new("RGB", (400, 600), "white")
    image.paste((228, 0, 124), (100, 200, 160, 240))  # the off-palette button, 60×40
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def result(run_dir: Path, rendered: bool = True) -> CrawlResult:
    sha = RunWriter(run_dir).store_blob(screenshot())
    page = PageArtifact(
        URL, 200, rendered=rendered, screenshot=sha,
        rects={"html": Rect(0, 0, 400, 600), ".cta": Rect(100, 200, 60, 40),
               "#logo": Rect(10, 10, 50, 20)},
        images=(ImageRef("https://n.example/logo.png", "img", "#logo"),),
    )  # fmt: skip
    return CrawlResult(run_dir, pages=[page])


def document() -> dict:
    return {
        "pages": [{"url": "https://n.example/other"}, {"url": URL}],
        "findings": [
            {"id": "abc123", "url": URL, "location": {"selector": ".cta"}, "evidence": {}},
            {"id": "img1", "url": URL, "location": {"selector": None},
             "evidence": {"image_url": "https://n.example/logo.png"}},
            {"id": "nowhere", "url": URL, "location": {"selector": "p.gone"}, "evidence": {}},
        ],
    }  # fmt: skip


def test_finding_gets_a_crop_with_the_element_outlined(tmp_run_dir, tmp_path) -> None:
    doc = document()
    attach_screenshots(doc, result(tmp_run_dir), tmp_path / "out")
    button = doc["findings"][0]
    assert button["evidence"]["screenshot"] == "evidence/abc123.png"
    crop = Image.open(tmp_path / "out" / button["evidence"]["screenshot"]).convert("RGB")
    assert crop.size == (60 + 2 * MARGIN, 40 + 2 * MARGIN)
    assert crop.getpixel((MARGIN + 30, MARGIN + 20)) == (228, 0, 124)  # the element itself
    assert crop.getpixel((MARGIN - 2, MARGIN + 20)) == OUTLINE  # its outline, just outside


def test_image_findings_are_located_by_their_image_url(tmp_run_dir, tmp_path) -> None:
    doc = document()
    attach_screenshots(doc, result(tmp_run_dir), tmp_path / "out")
    logo = doc["findings"][1]
    crop = Image.open(tmp_path / "out" / logo["evidence"]["screenshot"])
    assert crop.size == (10 + 50 + MARGIN, 10 + 20 + MARGIN)  # clipped at the page's corner
    assert "screenshot" not in doc["findings"][2]["evidence"]  # no box for that selector


def test_rendered_pages_get_thumbnails(tmp_run_dir, tmp_path) -> None:
    doc = document()
    attach_screenshots(doc, result(tmp_run_dir), tmp_path / "out")
    assert "thumbnail" not in doc["pages"][0]
    assert doc["pages"][1]["thumbnail"] == "evidence/pages/1.png"
    thumb = Image.open(tmp_path / "out" / doc["pages"][1]["thumbnail"])
    assert thumb.size == (320, 480)


def test_unrendered_pages_get_nothing(tmp_run_dir, tmp_path) -> None:
    doc = document()
    attach_screenshots(doc, result(tmp_run_dir, rendered=False), tmp_path / "out")
    assert all("screenshot" not in f["evidence"] for f in doc["findings"])
    assert not (tmp_path / "out").exists()
