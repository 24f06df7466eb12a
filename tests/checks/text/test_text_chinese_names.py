"""Names in Chinese text: no spaces between words, Latin glued to Han characters, full-width
letters, and Simplified or Traditional script."""

from __future__ import annotations

from brandaudit.brand_assets.guideline import Brand, Guideline
from brandaudit.checks.brand_name import run
from brandaudit.checks.slogans import run as slogans
from brandaudit.checks.text.tokens import tokenise
from tests.checks.text.conftest import make_page

BRAND = Guideline(brand=Brand(name="NovaBridge", names=("新桥云",), accept=("新橋科技",)))


def _found(crawl, text: str, lang: str = "zh-CN") -> list[tuple[str, str]]:
    findings = run(crawl(make_page(text, lang=lang)), BRAND)
    return [(f.evidence["found"], f.evidence["variant"]) for f in findings]


def test_han_characters_are_tokens_and_latin_ends_at_the_script_boundary() -> None:
    text = "Novabridge帮助团队"
    assert [text[t.start : t.end] for t in tokenise(text)] == [
        "Novabridge",
        "帮",
        "助",
        "团",
        "队",
    ]


def test_latin_name_glued_to_chinese_is_checked(crawl) -> None:
    assert _found(crawl, "Novabridge帮助团队协作。") == [("Novabridge", "miscased")]
    assert _found(crawl, "欢迎使用Nova Bridge的服务") == [("Nova Bridge", "split")]
    assert _found(crawl, "NovaBridge帮助团队协作。NovaBridge的客户") == []


def test_full_width_letters_point_at_the_original_characters(crawl) -> None:
    text = "欢迎使用Ｎｏｖａｂｒｉｄｇｅ。"
    (finding,) = run(crawl(make_page(text, lang="zh-CN")), BRAND)
    assert text[finding.location.start : finding.location.end] == "Ｎｏｖａｂｒｉｄｇｅ"
    assert finding.suggestion == "Replace 'Ｎｏｖａｂｒｉｄｇｅ' with 'NovaBridge'."


def test_chinese_name_in_either_script_is_the_name(crawl) -> None:
    assert _found(crawl, "欢迎使用新桥云服务") == []
    assert _found(crawl, "歡迎使用新橋雲服務", lang="zh-TW") == []
    assert _found(crawl, "新橋科技有限公司版权所有", lang="zh-TW") == []


def test_chinese_text_without_the_name_stays_silent(crawl) -> None:
    text = "我们的团队在桥梁建设方面有二十年的经验，云服务稳定可靠。"
    assert _found(crawl, text) == []


def test_slogan_near_miss_is_measured_in_characters(crawl, sample_guideline) -> None:
    page = make_page("口号：承载创新的桥梁", "承载梦想与创新的桥", "承载创意的桥梁！", lang="zh-CN")
    findings = list(slogans(crawl(page), sample_guideline))
    assert [f.evidence["found"] for f in findings] == ["承载创新的桥梁"]  # one character off
    assert findings[0].evidence["diff"] == [{"op": "replace", "expected": "意", "found": "新"}]
