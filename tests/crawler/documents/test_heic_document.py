"""A phone's HEIC photo listed in `touchpoints.documents` is read like a JPEG: made here with
pillow-heif (a real HEIC file, HEVC-coded), ingested into the run, and its text read by OCR."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from brandaudit.brand_assets import SAMPLE_DIR
from brandaudit.checks.ocr.read import read_picture
from brandaudit.crawler.documents.ingest import ingest_documents
from brandaudit.crawler.image_sniff import sniff_image_type
from brandaudit.crawler.run_store import load_run

pillow_heif = pytest.importorskip("pillow_heif")  # in the test extra; optional at run time
SIGN = SAMPLE_DIR / "documents" / "shop-sign.jpg"


def _heic(tmp_path: Path) -> Path:
    path = tmp_path / "IMG_0042.HEIC"
    heif = pillow_heif.from_pillow(Image.open(SIGN).convert("RGB"))
    heif.save(path, quality=90)
    return path


def test_a_heic_photo_is_a_document_page_with_its_picture(tmp_path: Path) -> None:
    photo = _heic(tmp_path)
    assert photo.read_bytes()[4:12] == b"ftypheic"  # a real HEIC container, not a renamed JPEG
    assert sniff_image_type(photo.read_bytes()) == "image/heic"
    run_dir = tmp_path / "run"
    assert ingest_documents(run_dir, [("print/IMG_0042.HEIC", photo)]) == 1
    result = load_run(run_dir)
    (page,) = result.pages
    assert page.touchpoint == "document" and page.url == "print/IMG_0042.HEIC"
    (ref,) = page.images
    image = result.images[ref.url]
    data = result.image_bytes(image)
    assert data is not None and sniff_image_type(data) == "image/png"  # handed on decodable
    with Image.open(SIGN) as original:
        assert (ref.displayed.width, ref.displayed.height) == original.size
    text = read_picture(data, image.sha256 or "", "eng", force=True, cache=None)
    assert "NovaBrdge" in " ".join(line.text for line in text.lines)


def test_a_corrupt_heic_is_a_clear_error(tmp_path: Path) -> None:
    photo = _heic(tmp_path)
    photo.write_bytes(photo.read_bytes()[:400])
    run_dir = tmp_path / "run"
    assert ingest_documents(run_dir, [("print/IMG_0042.HEIC", photo)]) == 0
    errors = (run_dir / "errors.jsonl").read_text(encoding="utf-8")
    assert "print/IMG_0042.HEIC" in errors and "readable picture" in errors
