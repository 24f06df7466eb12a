"""The PDF reader on real PDFs: text with page and box, renders and pictures, and bad input
(encrypted, corrupt, over the byte limit, 10,000 pages, out of time) that ends in a clear
reason or a bounded, reported partial read — never a hang."""

from __future__ import annotations

import io
import time

import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen import canvas

from brandaudit.brand_assets import DEMO_SITE_DIR
from brandaudit.crawler.documents.budget import DocumentLimits
from brandaudit.crawler.documents.pdf import read_pdf

BROCHURE = (DEMO_SITE_DIR / "docs" / "brochure.pdf").read_bytes()
URL = "http://127.0.0.1/brochure.pdf"


def _blank_pdf(pages: int) -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(612, 792)
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def test_text_lines_carry_page_and_box_in_points_from_the_top() -> None:
    read = read_pdf(BROCHURE, URL)
    assert read.error is None and read.unread == []
    page = read.page
    assert page is not None and page.touchpoint == "document"
    lines = {block.text: block.selector for block in page.text_blocks}
    selector = lines["NovaBrigde Cloud keeps every project in one place."]
    assert selector.startswith("page[2] > ")
    box = page.rects[selector]
    assert 50 < box.x < 70 and 100 < box.y < 125 and box.height < 20  # near the top of page 2
    assert page.title == "NovaBridge Cloud brochure"


def test_each_page_is_rendered_and_its_pictures_kept_with_their_transparency() -> None:
    read = read_pdf(BROCHURE, URL)
    kinds = {ref.url.removeprefix(URL): ref.kind for ref, _ in read.images}
    assert kinds == {
        "#page=1": "pdf_page",
        "#page=1&image=1": "pdf_image",
        "#page=2": "pdf_page",
        "#page=2&image=1": "pdf_image",
    }
    from PIL import Image

    logo = dict((ref.url, data) for ref, data in read.images)[URL + "#page=2&image=1"]
    assert Image.open(io.BytesIO(logo)).mode == "RGBA"


def test_encrypted_pdf_is_a_clear_error() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt="secret")
    pdf.drawString(72, 720, "NovaBridge")
    pdf.save()
    read = read_pdf(buffer.getvalue(), URL)
    assert read.page is None
    assert "encrypted" in (read.error or "")


@pytest.mark.parametrize("data", [b"%PDF-1.7\n garbage", BROCHURE[: len(BROCHURE) // 3]])
def test_corrupt_pdf_is_an_error_or_a_partial_read(data: bytes) -> None:
    read = read_pdf(data, URL)
    assert read.error or read.page is not None


def test_enormous_pdf_is_not_opened() -> None:
    read = read_pdf(BROCHURE, URL, limits=DocumentLimits(max_bytes=1000))
    assert read.page is None and "byte limit" in (read.error or "")


def test_ten_thousand_pages_are_read_in_part_and_say_so() -> None:
    data = _blank_pdf(10_000)
    started = time.monotonic()
    read = read_pdf(data, URL)
    assert time.monotonic() - started < 20
    assert read.page is not None
    reasons = dict(read.unread)
    assert reasons[URL + "#page=201"].startswith("read in part: pages 201-10000 of 10000 not read")
    assert f"{URL}#page=21&render" in reasons  # logos checked on the first 20 pages only


def test_time_budget_stops_between_pages() -> None:
    read = read_pdf(_blank_pdf(50), URL, limits=DocumentLimits(max_seconds=0.0))
    assert read.page is not None
    assert any("time limit" in reason for _, reason in read.unread)
