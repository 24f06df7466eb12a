"""text.brand_name fires on planted variants with the right span and fix, and stays silent
on its traps."""

from __future__ import annotations

import pytest

from brandaudit.brand_assets.guideline import Brand, Guideline
from brandaudit.checks.brand_name import run
from tests.checks.text.conftest import make_page


def _findings(crawl, guideline, *texts, **kwargs):
    return list(run(crawl(make_page(*texts, **kwargs)), guideline))


@pytest.mark.parametrize(
    ("text", "found", "variant"),
    [
        ("Since 2019 Nova Bridge helps teams ship.", "Nova Bridge", "split"),
        ("Since 2019 Nova-Bridge helps teams ship.", "Nova-Bridge", "split"),
        ("Since 2019 Novabridge helps teams ship.", "Novabridge", "miscased"),
        ("Since 2019 NovaBrige helps teams ship.", "NovaBrige", "misspelled"),
        ("Since 2019 NovaBirdge helps teams ship.", "NovaBirdge", "misspelled"),
        ("Since 2019 novabridge's team helps.", "novabridge", "miscased"),
    ],
)
def test_planted_variant(crawl, sample_guideline, text, found, variant) -> None:
    (finding,) = _findings(crawl, sample_guideline, text)
    start = text.index(found)
    assert finding.rule == "text.brand_name"
    assert finding.severity == "error"
    assert (finding.location.start, finding.location.end) == (start, start + len(found))
    assert finding.location.selector == "main > p:nth-of-type(1)"
    assert finding.evidence["found"] == found
    assert finding.evidence["expected"] == "NovaBridge"
    assert finding.evidence["variant"] == variant
    assert finding.suggestion == f"Replace '{found}' with 'NovaBridge'."
    assert found in finding.location.snippet


def test_span_points_into_the_original_text_after_folding(crawl, sample_guideline) -> None:
    text = "«Ｎｏｖａ Bridge» helps."
    (finding,) = _findings(crawl, sample_guideline, text)
    assert text[finding.location.start : finding.location.end] == "Ｎｏｖａ Bridge"


@pytest.mark.parametrize(
    "text",
    [
        "Read https://www.novabridge.example/nova-bridge/ today.",
        "Our site novabridge.example is new.",
        "Write to hello@novabridge.example or nova.bridge@novabridge.example.",
        "Download novabridge-logo.png or Nova_Bridge.svg.",
        "Follow @novabridge and @Nova_Bridge, tag #novabridge.",
        "Run `novabridge deploy` or novabridge.connect() first.",
        "NovaBridge's customers love NovaBridges, and “NovaBridge” too.",
        "NovaBridge Cloud is our product; NovaBridge Cloud's uptime is great.",
        "Nova Scotia bridges are long; NovaBank is another company.",
        "NovaBridgeAPI is the SDK.",
        "WELCOME TO NOVABRIDGE",
    ],
)
def test_traps_stay_silent(crawl, sample_guideline, text) -> None:
    assert _findings(crawl, sample_guideline, text) == []


def test_code_block_is_silent(crawl, sample_guideline) -> None:
    page = make_page("pip install novabridge && Nova Bridge --help")
    page = page.__class__(
        **{
            **page.__dict__,
            "text_blocks": (
                page.text_blocks[0].__class__(page.text_blocks[0].text, "main > pre > code"),
            ),
        }
    )
    assert list(run(crawl(page), sample_guideline)) == []


def test_product_name_is_one_finding_not_two(crawl, sample_guideline) -> None:
    (finding,) = _findings(crawl, sample_guideline, "Try Novabridge Cloud today.")
    assert finding.evidence["found"] == "Novabridge Cloud"
    assert finding.evidence["expected"] == "NovaBridge Cloud"
    assert finding.message.startswith("Product name")


def test_product_typo_is_reported_against_the_product(crawl, sample_guideline) -> None:
    (finding,) = _findings(crawl, sample_guideline, "Try NovaBridge Clowd today.")
    assert finding.evidence["expected"] == "NovaBridge Cloud"


def test_accept_list_and_legal_name_are_never_flagged(crawl) -> None:
    guideline = Guideline(
        brand=Brand(name="NovaBridge", legal_name="Novabridge Systems Ltd.", accept=("NOVABRIDGE",))
    )
    texts = ["Logo: NOVABRIDGE in caps.", "© Novabridge Systems Ltd. All rights reserved."]
    assert _findings(crawl, guideline, *texts, source="alt") == []
    assert len(_findings(crawl, guideline, "Hello from Novabridge.")) == 1


def test_short_and_everyday_names_do_not_flood(crawl) -> None:
    guideline = Guideline(brand=Brand(name="Go", names=("Red", "Spring")))
    text = "We go to the red house in spring; GO now, the string is red."
    assert _findings(crawl, guideline, text) == []


def test_another_brand_in_the_guideline_wins_over_a_typo(crawl) -> None:
    guideline = Guideline(brand=Brand(name="Gitea", names=("Gitee",)))
    assert _findings(crawl, guideline, "Gitea and Gitee are different projects.") == []


def test_identity_is_stable_when_the_paragraph_moves(crawl, sample_guideline) -> None:
    (a,) = _findings(crawl, sample_guideline, "Since 2019 Nova Bridge helps teams ship.")
    (b,) = _findings(crawl, sample_guideline, "Intro.", "Since 2019 Nova Bridge helps teams ship.")
    assert a.identity == b.identity
