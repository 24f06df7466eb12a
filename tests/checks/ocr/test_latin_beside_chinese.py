"""A picture holding Chinese and a Latin line: RapidOCR reads the Chinese, Tesseract's reading
of the Latin line is kept (checks/ocr/merge.py), so a misspelt name in it is found and its
second look agrees. On Feitong's real letterhead RapidOCR's looser box made the second look
read the Chinese line under it, and the real findings were lost."""

from __future__ import annotations

import hashlib
from pathlib import Path

from brandaudit.brand_assets.guideline import load_guideline
from brandaudit.checks import image_text
from brandaudit.checks.ocr import read as read_module
from brandaudit.checks.ocr.engine import Word
from brandaudit.checks.ocr.merge import merged_reading
from brandaudit.crawler.artifacts import Box, ImageArtifact, ImageRef, PageArtifact
from brandaudit.crawler.run_store import CrawlResult

LETTERHEAD = Path(__file__).parents[2] / "fixtures" / "ocr" / "feitong-letterhead.jpg"
GUIDELINE = """version: 1
brand:
  name: 菲彤国际
  names: [Fei Tong]
  legal_name: Wuhan Fei Tong International Trade Co., Ltd.
facts:
  region: CN
"""


def _words(line: int, *items: tuple[str, tuple[int, int, int, int]]) -> list[Word]:
    return [Word(text, box, 95.0, line) for text, box in items]


def test_a_latin_line_read_by_both_engines_is_tesseracts():
    tesseract = _words(0, ("Wuhan", (242, 37, 50, 13)), ("Feitong", (296, 37, 52, 13)))
    tesseract += _words(1, ("武汉市", (261, 51, 60, 27)))  # Tesseract's Chinese: RapidOCR's wins
    rapid = _words(0, ("Wuhan", (244, 32, 48, 21)), ("Feitong", (296, 32, 50, 21)))
    rapid += _words(1, ("武", (261, 51, 20, 22)), ("汉", (281, 51, 20, 22)))
    merged = merged_reading(tesseract, rapid)
    lines = {w.line for w in merged}
    assert [w.text for w in merged if w.box[3] == 22] == ["武", "汉"]
    assert [(w.text, w.box) for w in merged if w.text in ("Wuhan", "Feitong")] == [
        ("Wuhan", (242, 37, 50, 13)), ("Feitong", (296, 37, 52, 13))
    ]  # fmt: skip
    assert len(lines) == 2  # RapidOCR's Chinese line and Tesseract's Latin one, apart


def test_tesseracts_latin_over_chinese_or_over_nothing_is_dropped():
    tesseract = _words(0, ("PA:", (47, 168, 30, 27)), ("ARPHEVERRA", (80, 168, 300, 27)))
    tesseract += _words(1, ("eet", (519, 315, 40, 24)))  # handwriting: RapidOCR saw nothing
    rapid = _words(0, *[(c, (44 + 20 * i, 167, 20, 23)) for i, c in enumerate("甲方武汉市菲彤")])
    merged = merged_reading(tesseract, rapid)
    assert "".join(w.text for w in merged) == "甲方武汉市菲彤"


def test_a_latin_line_tesseract_read_only_in_part_stays_rapidocrs():
    tesseract = _words(0, ("Wuhan", (242, 37, 50, 13)))
    rapid = _words(0, ("Wuhan", (244, 32, 48, 21)), ("Feitong", (296, 32, 50, 21)),
                   ("International", (350, 32, 120, 21)))  # fmt: skip
    assert merged_reading(tesseract, rapid) == rapid  # Tesseract's part would lose words


def test_the_misspelt_name_on_a_real_letterhead_is_found(tmp_path, monkeypatch):
    monkeypatch.setenv("BRANDAUDIT_CACHE", str(tmp_path / "hashes.sqlite"))
    rapid_reads: list[int] = []
    real = read_module.read_words_rapid
    monkeypatch.setattr(read_module, "read_words_rapid", lambda g: rapid_reads.append(1) or real(g))
    (tmp_path / "brand.yaml").write_text(GUIDELINE, encoding="utf-8")
    data = LETTERHEAD.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    run_dir = tmp_path / "run"
    (run_dir / "blobs").mkdir(parents=True)
    (run_dir / "blobs" / sha).write_bytes(data)
    url = "http://127.0.0.1/images/agreement.jpg"
    ref = ImageRef(url, "img", "p > img", None, Box(789, 140))
    page = PageArtifact(url="http://127.0.0.1/en/service.html", status=200, images=(ref,))
    image = ImageArtifact(url, 200, "image/jpeg", sha, len(data))
    result = CrawlResult(run_dir=run_dir, pages=[page], images={url: image})
    findings = list(image_text.run(result, load_guideline(tmp_path / "brand.yaml")))
    assert rapid_reads == [1]  # the picture holds Chinese: RapidOCR read it
    found = {(f.rule, f.evidence.get("found")) for f in findings}
    assert ("text.brand_name", "Feitong") in found
    assert ("fact.legal_name", "Wuhan Feitong International Trading Co.,Ltd") in found
    assert all(f.evidence["read_text"] for f in findings if f.rule != image_text.UNREAD.id)
