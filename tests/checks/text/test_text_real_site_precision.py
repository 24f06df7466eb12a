"""False alarms met on real websites (issue 18), each silenced at its mechanism, and the
real inconsistencies next to them still found."""

from __future__ import annotations

import pytest

from brandaudit.brand_assets.guideline import Brand, Guideline
from brandaudit.checks.brand_name import run as brand_names
from brandaudit.checks.facts import run as facts
from brandaudit.checks.slogans import run as slogans
from brandaudit.checks.text.chinese import detect_script
from brandaudit.crawler.artifacts import PageArtifact, TextBlock
from tests.checks.text.conftest import make_page


def guideline(name: str = "NovaBridge", **brand: object) -> Guideline:
    return Guideline(brand=Brand(name=name, **brand))


def found(crawl, g: Guideline, *texts: str, **kwargs) -> list[tuple[str, str]]:
    return [
        (f.evidence["found"], f.severity)
        for f in brand_names(crawl(make_page(*texts, **kwargs)), g)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "sudo apt-get update && sudo apt-get install qbittorrent",
        "sudo pacman -S qbittorrent",
        "As root from terminal: 'urpmi qbittorrent' OR pkg install qbittorrent",
        "Settings now live in .cache instead of .qbittorrent and .qBittorrent/",
        "Add an option to daemonize qbittorrent-nox and the qbittorrent-cli tool",
        "Copy the qBittorent/ folder to the server",
        "$Id: qBitorrent.html,v 1.72 2020/01/01 12:00:00 deraadt Exp $",
        "$Name: qbitorrent.html,v 1.72",
        "Visit qbittorrent.club or qbitorrent.community for the forum",
    ],
)
def test_code_like_text_without_markup_is_not_a_name(crawl, text) -> None:
    assert found(crawl, guideline("qBittorrent"), text) == []


def test_the_same_name_in_prose_is_still_miscased(crawl) -> None:
    text = "The development of qbittorrent is done by volunteers (see .qbittorrent/)."
    assert found(crawl, guideline("qBittorrent"), text) == [("qbittorrent", "error")]


def test_a_lower_case_name_takes_a_capital_only_to_start_a_sentence(crawl) -> None:
    g = guideline("tcpdump", names=("libpcap",))
    assert found(crawl, g, "Tcpdump prints packets. A: Tcpdump reads libpcap files.") == []
    assert found(crawl, g, "Web site of Tcpdump and Libpcap") == [
        ("Tcpdump", "error"),
        ("Libpcap", "error"),
    ]


def test_another_well_known_name_is_not_a_misspelling_of_ours(crawl) -> None:
    text = "The best Bittorrent client; pause the entire BitTorrent session."
    assert found(crawl, guideline("qBittorrent"), text) == []
    assert found(crawl, guideline("qBittorrent"), "Download qBitorrent today.") == [
        ("qBitorrent", "error")
    ]


def test_names_that_are_not_ours_come_from_the_guideline_too(crawl) -> None:
    text = "We compared NovaBridges and NovaBrigde with our own tool."
    assert found(crawl, guideline(), text) == [("NovaBrigde", "error")]
    assert found(crawl, guideline(not_ours=("NovaBrigde",)), text) == []


def test_the_shortened_name_is_allowed_by_default_or_reported_as_info(crawl) -> None:
    text = "Join the Zephyrion community: Zephyrion runs on every board."
    assert found(crawl, guideline("ZephyrionOS"), text) == []
    assert found(crawl, guideline("ZephyrionOS", shortened="report"), text) == [
        ("Zephyrion", "info"),
        ("Zephyrion", "info"),
    ]
    assert found(crawl, guideline("ZephyrionOS"), "Zephyrion OSS ships today.") != []


@pytest.mark.parametrize(
    ("text", "selector"),
    [
        ("Novabridge changed how our whole team works.", "main > blockquote > p"),
        ("“Novabridge changed how our whole team works.”", "main > p"),
        ("Scaling with Nova Bridge by Jane Doe (Example Magazine, 2/2024).", "main > li"),
        ("Novabridge inside by Jane Doe (Example Magazine). [code samples]", "main > li"),
        ("We love Novabridge. — Jane Doe, CTO", "main > p"),
    ],
)
def test_quoted_third_party_text_is_info_only(crawl, text, selector) -> None:
    page = PageArtifact(
        url="https://x.example/", status=200, text_blocks=(TextBlock(text, selector),)
    )
    assert [f.severity for f in brand_names(crawl(page), guideline())] == ["info"]


def test_an_attribution_is_not_a_quotation_of_the_name_it_names(crawl) -> None:
    assert found(crawl, guideline(), "This site was built by Nova Bridge.") == [
        ("Nova Bridge", "error")
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Dziękujemy NovaBridge’owi i NovaBridge-owi, korzystamy z NovaBridgea.", "pl"),
        ("Käytämme NovaBridgea ja NovaBridgen palveluja.", "fi"),
        ("Díky NovaBridgei, píšeme o NovaBridgeu.", "cs-CZ"),
        ("A NovaBridge-ot és a NovaBridgeet használjuk.", "hu"),
    ],
)
def test_case_endings_of_inflecting_languages_are_not_misspellings(crawl, text, lang) -> None:
    assert found(crawl, guideline(), text, lang=lang) == []
    if "NovaBridgea" in text:
        assert found(crawl, guideline(), text, lang="en") != []  # in English, a typo


@pytest.mark.parametrize(
    "text",
    [
        "نستخدم وNovaBridge، ولNovaBridge كل يوم",
        "NovaBridgeを使います。NovaBridgeの機能",
        "NovaBridge를 사용합니다",
        "NovaBridge es una plataforma de colaboración.",
    ],
)
def test_grammar_of_other_languages_is_not_a_misspelling(crawl, text) -> None:
    assert found(crawl, guideline(), text) == []


def test_a_real_typo_in_another_language_is_still_found(crawl) -> None:
    text = "Käytämme NovaBrigdea ja Nova Bridge es genial."
    assert found(crawl, guideline(), text, lang="fi") == [
        ("NovaBrigdea", "error"),
        ("Nova Bridge", "error"),
    ]


def test_a_template_wide_repeat_is_one_finding_listing_its_pages(crawl) -> None:
    pages = [
        make_page(f"{title} | NOVABRIDGE CLOUD", url=f"https://x.example/{n}", source="title")
        for n, title in enumerate(["Home", "Pricing", "About", "Jobs"])
    ]
    g = guideline(names=("NovaBridge Cloud",))
    (finding,) = brand_names(crawl(*pages), g)
    assert finding.evidence["page_count"] == 4
    assert finding.evidence["pages"] == [p.url for p in pages]
    assert "4 pages" in finding.message
    two = brand_names(crawl(*pages[:2]), g)
    assert len(two) == 2 and "pages" not in two[0].evidence


@pytest.mark.parametrize(
    "text",
    [
        "Another good news is that qBittorrent project won a prize.",
        "qBittorrent project (QBT) is a member of the alliance.",
    ],
)
def test_the_legal_name_without_its_article_or_with_an_abbreviation(crawl, text) -> None:
    g = Guideline(brand=Brand(name="qBittorrent", legal_name="The qBittorrent project"))
    rules = [f.rule for f in facts(crawl(make_page(text)), g)]
    assert "fact.legal_name" not in rules


def test_a_misspelt_legal_name_is_still_found(crawl) -> None:
    g = Guideline(brand=Brand(name="qBittorrent", legal_name="The qBittorrent project"))
    findings = facts(crawl(make_page("© 2026 The qBitorrent project.")), g)
    assert [f.rule for f in findings] == ["fact.legal_name"]


def test_a_slogan_near_match_inside_a_hyphenated_word_is_not_a_misquote(crawl) -> None:
    g = Guideline.model_validate(
        {"brand": {"name": "HTX"}, "slogans": {"approved": ["Advanced Surface Engineering"]}}
    )
    text = "Platforms developed for vacuum-based surface engineering."
    assert list(slogans(crawl(make_page(text)), g)) == []
    misquoted = list(slogans(crawl(make_page("Advanced Surface Engineerin for all.")), g))
    assert [f.rule for f in misquoted] == ["text.slogan_misquoted"]


def test_japanese_kanji_are_not_read_as_simplified_chinese() -> None:
    assert detect_script("神奈川県横浜市中区花咲町1-5") is None
    assert detect_script("这是简体中文的句子，我们的产品") == "zh-Hans"
