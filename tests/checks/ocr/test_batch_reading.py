"""Pictures are read in batches, one Tesseract process each (loading the models is most of a
banner's cost), with the same words as read alone; a batch out of time is read again picture
by picture, so one slow picture fails alone."""

from __future__ import annotations

import pytest

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_DIR
from brandaudit.checks.ocr import engine
from brandaudit.checks.ocr import read as read_module
from brandaudit.checks.ocr.engine import OcrTimeout
from brandaudit.checks.ocr.read import PictureReader

PICTURES = {
    "campaign": DEMO_SITE_DIR / "img" / "banner-campaign.png",
    "welcome": DEMO_SITE_DIR / "img" / "banner-welcome.png",
    "sign": SAMPLE_DIR / "documents" / "shop-sign.jpg",
    "logo": DEMO_SITE_DIR / "img" / "logo-2019.png",
}


@pytest.fixture
def processes(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every Tesseract process started, by its source arguments."""
    started: list[list[str]] = []
    real = engine._run

    def counted(source: list[str], *args: object) -> str:
        started.append(source)
        return real(source, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_run", counted)
    return started


def _texts(reader: PictureReader) -> dict[object, str]:
    return {
        key: " ".join(line.text for line in text.lines) or text.status
        for key, text in reader.results().items()
    }


def test_a_batch_is_one_process_and_reads_what_each_picture_reads_alone(
    processes: list[list[str]],
) -> None:
    batch = PictureReader("eng")
    for key, path in PICTURES.items():
        batch.add(key, path.read_bytes(), key, force=key == "sign")
    together = _texts(batch)
    assert len(processes) == 1  # three pictures with text, one process; the logo not read
    assert together["logo"] == "no_text"
    assert "Bridges that carry bright ideas" in together["campaign"]
    assert "NovaBrdge" in together["sign"]
    for key, path in PICTURES.items():
        alone = PictureReader("eng")
        alone.add(key, path.read_bytes(), key, force=key == "sign")
        assert _texts(alone)[key] == together[key]


def test_a_batch_out_of_time_is_read_again_picture_by_picture(
    processes: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(*args: object, **kwargs: object) -> None:
        raise OcrTimeout("reading took longer than 24 s")

    monkeypatch.setattr(read_module, "read_batch", slow)
    reader = PictureReader("eng")
    reader.add("campaign", PICTURES["campaign"].read_bytes(), "c")
    reader.add("welcome", PICTURES["welcome"].read_bytes(), "w")
    texts = _texts(reader)
    assert len(processes) == 2  # each alone, after the batch gave up
    assert "Bridges that carry bright ideas" in texts["campaign"]
