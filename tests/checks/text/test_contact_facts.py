"""fact.mismatch on the contacts of real sites: what the text offers as the brand's contact,
near misses of the canonical ones, registration numbers, CJK boundaries, the inventory."""

from __future__ import annotations

import pytest

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.contact_inventory import contact_inventory
from brandaudit.checks.facts import run
from brandaudit.checks.text.registrations import mask_registrations
from brandaudit.crawler.artifacts import PageArtifact, TextBlock
from tests.checks.text.conftest import make_page

CONTACT = "https://www.novabridge.example/contact"


def _findings(crawl, guideline, *texts, lang="en-GB", rule="fact.mismatch"):
    page = make_page(*texts, lang=lang, url=CONTACT)
    return [f for f in run(crawl(page), guideline) if f.rule == rule]


def _found(findings) -> list[str]:
    return [f.evidence["found"] for f in findings]


def _chinese(guideline: Guideline) -> Guideline:
    facts = guideline.facts.model_copy(update={"phone": ("+86 10 5992 8888",)})
    return guideline.model_copy(update={"facts": facts})


@pytest.mark.parametrize(
    "text",
    [
        "联系电话：+86 10 5992 8888 | 浙ICP备2021040463号",
        "客服热线 010-5992 8888，京ICP备2023010101号-2，京公网安备11000002000001号",
    ],
)
def test_icp_licence_numbers_are_never_phone_numbers(crawl, sample_guideline, text) -> None:
    guideline = _chinese(sample_guideline)
    assert _findings(crawl, guideline, text, lang="zh-CN") == []
    # the same digits without their licence label are a number offered to call
    bare = text.replace("浙ICP备", "电话 ").replace("京ICP备", "电话 ")
    assert _found(_findings(crawl, guideline, bare, lang="zh-CN"))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Registered in England No. 01234567. Call 020 7946 0321.", ". Call 020 7946 0321."),
        ("VAT GB 123 4567 89, call +44 20 7946 0321", ", call +44 20 7946 0321"),
        ("Company number 01234567 | Tel: +44 20 7946 0321", " | Tel: +44 20 7946 0321"),
        ("USt-IdNr.: DE123456789", ""),
        ("Amtsgericht München HRB 12345", "Amtsgericht München "),
    ],
)
def test_registration_numbers_are_blanked_and_phones_kept(text, kept) -> None:
    masked = mask_registrations(text)
    assert len(masked) == len(text)
    assert masked.strip() == kept.strip()
    assert mask_registrations("Registered office: 12 Harbour Row") == (
        "Registered office: 12 Harbour Row"
    )


def test_a_number_offered_as_ours_must_be_canonical(crawl, sample_guideline) -> None:
    texts = ["Call us on +44 20 7946 0999.", "Tel. +44 20 7946 0998", "Hotline: 020 7946 0997"]
    found = _found(_findings(crawl, sample_guideline, *texts))
    assert found == ["+44 20 7946 0999", "+44 20 7946 0998", "020 7946 0997"]


def test_a_number_nobody_offers_as_ours_is_someone_elses(crawl, sample_guideline) -> None:
    text = "The 2019 meetup moved. Jo Bloggs, who organised it, is on +44 20 7946 0555 today."
    assert _findings(crawl, sample_guideline, text) == []


@pytest.mark.parametrize("number", ["+44 20 7946 0322", "+44 20 7946 3021", "020 7964 0321"])
def test_a_near_miss_of_the_canonical_number_is_a_mismatch_anywhere(
    crawl, sample_guideline, number
) -> None:
    (finding,) = _findings(crawl, sample_guideline, f"The 2019 meetup list gives {number} today.")
    assert finding.evidence["found"] == number
    assert finding.evidence["expected"] == "+44 20 7946 0321"


def test_look_alike_domains_are_mismatches(crawl, sample_guideline) -> None:
    text = "Journalists: press@novabridge-media.example or hello@novabridge.co.uk."
    findings = _findings(crawl, sample_guideline, text)
    assert _found(findings) == ["press@novabridge-media.example", "hello@novabridge.co.uk"]
    assert {f.evidence["expected"] for f in findings} == {"hello@novabridge.example"}


def test_role_addresses_and_lists_on_our_domains_are_silent(crawl, sample_guideline) -> None:
    texts = [
        "Press enquiries: press@novabridge.example.",
        "Subscribe to dev@lists.novabridge.example for release news.",
        "Security reports go to security@novabridge.example.",
    ]
    assert _findings(crawl, sample_guideline, *texts) == []


def test_an_outside_address_offered_as_ours_is_a_mismatch(crawl, sample_guideline) -> None:
    (finding,) = _findings(crawl, sample_guideline, "Contact us at novabridge.help@gmail.com.")
    assert finding.evidence["found"] == "novabridge.help@gmail.com"
    author = "Written by Jo. Email: jo@partner.example"  # an author card in the article body
    assert _findings(crawl, sample_guideline, author) == []


def test_a_contact_label_in_the_footer_speaks_for_the_brand(crawl, sample_guideline) -> None:
    block = TextBlock("Email: help@novabridge-support.example", "footer > p", "text")
    page = PageArtifact(url=CONTACT, status=200, lang="en", text_blocks=(block,))
    (finding,) = [f for f in run(crawl(page), sample_guideline) if f.rule == "fact.mismatch"]
    assert finding.evidence["found"] == "help@novabridge-support.example"


def test_email_boundaries_hold_inside_chinese_text(crawl, sample_guideline) -> None:
    (finding,) = _findings(crawl, sample_guideline, "联系我们：press@x.com。", lang="zh-CN")
    assert finding.evidence["found"] == "press@x.com"
    glued = _findings(crawl, sample_guideline, "媒体联系我们press@novabrige.example谢谢", lang="zh")
    assert _found(glued) == ["press@novabrige.example"]


def test_inventory_lists_other_addresses_on_our_domains(crawl, sample_guideline) -> None:
    pages = [
        make_page("Press: press@novabridge.example", url=CONTACT),
        make_page(
            "Lists: dev@lists.novabridge.example, press@novabridge.example, jo@other.example,"
            " helo@novabridge.example, hello@novabridge.example",
            url="https://www.novabridge.example/community",
        ),
    ]
    inventory = contact_inventory(crawl(*pages), sample_guideline)
    assert inventory == [
        {
            "kind": "email",
            "value": "dev@lists.novabridge.example",
            "domain": "novabridge.example",
            "pages": ["https://www.novabridge.example/community"],
            "occurrences": 1,
        },
        {
            "kind": "email",
            "value": "press@novabridge.example",
            "domain": "novabridge.example",
            "pages": [CONTACT, "https://www.novabridge.example/community"],
            "occurrences": 2,
        },
    ]


@pytest.mark.parametrize(
    ("legal", "text"),
    [
        ("The Apache Software Foundation", "Apache Software Foundation is a charity."),
        ("The Apache Software Foundation", "The Apache Software Foundation (ASF) runs it."),
        ("Apache Software Foundation", "Run by the Apache Software Foundation (ASF)."),
        ("NovaBridge Systems Ltd.", "NovaBridge Systems Ltd. (NBS) is registered."),
    ],
)
def test_legal_name_without_article_or_with_abbreviation(crawl, sample_guideline, legal, text):
    brand = sample_guideline.brand.model_copy(update={"legal_name": legal})
    guideline = sample_guideline.model_copy(update={"brand": brand})
    assert _findings(crawl, guideline, text, rule="fact.legal_name") == []
    wrong = text.replace("Software", "Sofware").replace("Systems", "Sytems")
    assert _found(_findings(crawl, guideline, wrong, rule="fact.legal_name"))


def test_a_box_number_before_the_zip_code_is_no_wrong_postcode(crawl, sample_guideline) -> None:
    address = "7385 N State Rt 3, PMB 3005, Westerville, OH 43082"
    facts = sample_guideline.facts.model_copy(update={"address": (address,)})
    guideline = sample_guideline.model_copy(update={"facts": facts})
    assert _findings(crawl, guideline, f"Mail us at {address}.") == []
    wrong = _findings(
        crawl, guideline, "Mail us at 7385 N State Rt 3, PMB 3005, Westerville, OH 43081."
    )
    assert _found(wrong) == ["7385 N State Rt 3, PMB 3005, Westerville, OH 43081"]


def test_addresses_under_our_registered_domain_are_ours(crawl, sample_guideline) -> None:
    facts = sample_guideline.facts.model_copy(update={"email": ("workers@lists.tcpdump.org",)})
    guideline = sample_guideline.model_copy(update={"facts": facts})
    text = "To report a security issue please send an e-mail to security@tcpdump.org."
    assert _findings(crawl, guideline, text) == []
    assert _found(_findings(crawl, guideline, "Or write to security@tcpdump-team.org.")) == [
        "security@tcpdump-team.org"
    ]


def test_another_determiner_before_the_legal_name_is_no_misspelling(crawl, sample_guideline):
    brand = sample_guideline.brand.model_copy(update={"legal_name": "The qBittorrent project"})
    guideline = sample_guideline.model_copy(update={"brand": brand})
    text = "Another good news is that qBittorrent project won Les étoiles du libre."
    assert _findings(crawl, guideline, text, rule="fact.legal_name") == []
    wrong = "Another good news is that qBitorrent project won Les étoiles du libre."
    assert _found(_findings(crawl, guideline, wrong, rule="fact.legal_name")) == [
        "qBitorrent project"
    ]


def test_an_old_copyright_of_someone_else_is_not_ours(crawl, sample_guideline) -> None:
    rule = "fact.copyright_year"
    author = "This document is Copyright 2002 Tim Carstens. All rights reserved."
    assert _findings(crawl, sample_guideline, author, rule=rule) == []
    ours = ["© 2019 NovaBridge Systems Ltd.", "© 2019 Nova Bridge", "Copyright 2019. All rights"]
    assert _found(_findings(crawl, sample_guideline, *ours, rule=rule)) == ["2019"] * 3
