"""text.slogan_misquoted / text.slogan_deprecated on planted quotes and their traps."""

from __future__ import annotations

from brandaudit.checks.slogans import run
from tests.checks.text.conftest import make_page


def _findings(crawl, guideline, *texts, **kwargs):
    return list(run(crawl(make_page(*texts, **kwargs)), guideline))


def test_misquote_inside_a_longer_block_has_span_and_word_diff(crawl, sample_guideline) -> None:
    text = "Welcome! Bridges that carry your ideas, since 2019."
    (finding,) = _findings(crawl, sample_guideline, text)
    assert finding.rule == "text.slogan_misquoted"
    assert finding.severity == "warning"
    assert text[finding.location.start : finding.location.end] == "Bridges that carry your ideas"
    assert finding.evidence["diff"] == [{"op": "insert", "expected": "", "found": "your"}]
    assert finding.evidence["score"] >= 85
    assert finding.suggestion == (
        "Replace 'Bridges that carry your ideas' with 'Bridges that carry ideas.'."
    )


def test_typo_in_approved_slogan_is_a_misquote(crawl, sample_guideline) -> None:
    (finding,) = _findings(crawl, sample_guideline, "Bridges that cary ideas.")
    assert finding.evidence["diff"] == [{"op": "replace", "expected": "carry", "found": "cary"}]


def test_case_quote_and_punctuation_variants_are_not_findings(crawl, sample_guideline) -> None:
    texts = [
        "“BRIDGES THAT CARRY IDEAS”",
        "Our promise: 'Bridges That Carry Ideas!'",
        "bridges  that carry ideas",
    ]
    assert _findings(crawl, sample_guideline, *texts) == []


def test_unrelated_sentences_sharing_words_stay_silent(crawl, sample_guideline) -> None:
    texts = [
        "We build bridges and carry the ideas of our partners.",
        "Ideas that carry bridges? Never.",
        "Connect with our team to learn everything.",
    ]
    assert _findings(crawl, sample_guideline, *texts) == []


def test_deprecated_slogan_even_with_a_typo_suggests_replacement(crawl, sample_guideline) -> None:
    text = "Since 2015: Conect everything!"
    (finding,) = _findings(crawl, sample_guideline, text)
    assert finding.rule == "text.slogan_deprecated"
    assert finding.severity == "error"
    assert text[finding.location.start : finding.location.end] == "Conect everything"
    assert finding.suggestion == "Replace 'Conect everything' with 'Bridges that carry ideas.'."


def test_chinese_misquote_measured_in_characters(crawl, sample_guideline) -> None:
    text = "我们的口号：承载创新的桥梁。"
    (finding,) = _findings(crawl, sample_guideline, text, lang="zh-CN")
    assert finding.rule == "text.slogan_misquoted"
    assert text[finding.location.start : finding.location.end] == "承载创新的桥梁"
    assert finding.evidence["diff"] == [{"op": "replace", "expected": "意", "found": "新"}]


def test_chinese_slogan_in_traditional_script_is_not_a_misquote(crawl, sample_guideline) -> None:
    assert _findings(crawl, sample_guideline, "承載創意的橋樑。", lang="zh-TW") == []
    assert _findings(crawl, sample_guideline, "我们的口号：承载创意的桥梁！", lang="zh-CN") == []


def test_localised_slogan_is_checked_on_text_of_its_language(crawl, sample_guideline) -> None:
    assert len(_findings(crawl, sample_guideline, "承载创新的桥梁。", lang=None)) == 1
    # The text's script says Chinese, whatever the page's lang claims (issue 17).
    assert len(_findings(crawl, sample_guideline, "承载创新的桥梁。", lang="en")) == 1
    # Japanese (kana) is not Chinese, even with the same characters in it.
    assert _findings(crawl, sample_guideline, "承载创新の桥梁です。", lang="zh-CN") == []


def test_short_slogans_need_a_closer_match(crawl) -> None:
    from brandaudit.brand_assets.guideline import Brand, Guideline, Slogan, Slogans

    guideline = Guideline(
        brand=Brand(name="NovaBridge"), slogans=Slogans(approved=(Slogan(text="Just do it"),))
    )
    assert _findings(crawl, guideline, "Rust to it, they said.", "Just do it.") == []
    (finding,) = _findings(crawl, guideline, "Jus do it!")
    assert finding.evidence["found"] == "Jus do it"


def test_text_checks_register_their_rules() -> None:
    from brandaudit.checks.registry import RULES, load_all_checks

    checks = load_all_checks()
    assert {"brand_name", "slogans", "terms", "facts", "chinese_script"} <= set(checks)
    for rule in (
        "text.brand_name",
        "text.slogan_misquoted",
        "text.slogan_deprecated",
        "text.term",
        "fact.mismatch",
        "fact.copyright_year",
        "fact.legal_name",
        "text.script_mismatch",
    ):
        assert rule in RULES
