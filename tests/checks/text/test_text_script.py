"""text.script_mismatch: Chinese pages in the script their language promises."""

from __future__ import annotations

from brandaudit.brand_assets.guideline import Brand, Guideline
from brandaudit.checks.chinese_script import run
from tests.checks.text.conftest import make_page

TRADITIONAL = "承載創意的橋樑。我們的團隊。"
SIMPLIFIED = "承载创意的桥梁。我们的团队。"


def test_traditional_page_declared_simplified_is_one_finding(crawl, sample_guideline) -> None:
    page = make_page(TRADITIONAL, TRADITIONAL + "歡迎", lang="zh-CN")
    (finding,) = run(crawl(page), sample_guideline)
    assert finding.rule == "text.script_mismatch"
    assert finding.evidence["expected"] == "zh-Hans"
    assert finding.evidence["blocks"] == 2


def test_one_stray_block_is_reported_alone(crawl, sample_guideline) -> None:
    page = make_page(SIMPLIFIED, SIMPLIFIED + "欢迎", TRADITIONAL, lang="zh-CN")
    (finding,) = run(crawl(page), sample_guideline)
    assert finding.location.selector == "main > p:nth-of-type(3)"


def test_pages_in_their_own_script_are_silent(crawl, sample_guideline) -> None:
    pages = [
        make_page(SIMPLIFIED, lang="zh-CN"),
        make_page(TRADITIONAL, lang="zh-TW", url="https://x/tw"),
    ]
    assert list(run(crawl(*pages), sample_guideline)) == []


def test_without_page_lang_the_guideline_decides(crawl) -> None:
    guideline = Guideline(brand=Brand(name="NovaBridge", script="zh-Hant"))
    (finding,) = run(crawl(make_page(SIMPLIFIED, lang=None)), guideline)
    assert finding.evidence["expected"] == "zh-Hant"
    assert list(run(crawl(make_page(SIMPLIFIED, lang="en")), guideline)) == []
