"""fact.mismatch, fact.copyright_year and fact.legal_name on planted facts and traps."""

from __future__ import annotations

import pytest

from brandaudit.checks.facts import run
from tests.checks.text.conftest import make_page


def _findings(crawl, guideline, *texts, lang="en-GB", started="2026-11-23T09:00:00Z"):
    page = make_page(*texts, lang=lang, url="https://www.novabridge.example/contact")
    return list(run(crawl(page, started=started), guideline))


def test_same_number_in_another_format_is_not_a_finding(crawl, sample_guideline) -> None:
    texts = ["Call (020) 7946 0321.", "Call +44 20 7946 0321.", "Call 020 7946 0321 today."]
    assert _findings(crawl, sample_guideline, *texts) == []
    assert _findings(crawl, sample_guideline, "Call 020 7946 0321.", lang=None) == []


def test_a_different_number_is_a_mismatch(crawl, sample_guideline) -> None:
    text = "Support: +44 20 7946 0999 (weekdays)."
    (finding,) = _findings(crawl, sample_guideline, text)
    assert finding.rule == "fact.mismatch"
    assert finding.severity == "error"
    assert text[finding.location.start : finding.location.end] == "+44 20 7946 0999"
    assert finding.evidence["expected"] == "+44 20 7946 0321"


def test_digits_inside_urls_are_not_numbers(crawl, sample_guideline) -> None:
    assert _findings(crawl, sample_guideline, "See https://x.example/id=02079460999 now") == []


def test_other_addresses_at_the_brand_domain_are_not_mismatches(crawl, sample_guideline) -> None:
    text = "Write to hello@novabridge.example, sales@novabridge.example or jo@partner.example."
    assert _findings(crawl, sample_guideline, text) == []  # sales@ goes to the inventory
    (finding,) = _findings(crawl, sample_guideline, "Write to helo@novabridge.example.")
    assert finding.evidence["found"] == "helo@novabridge.example"
    assert finding.evidence["expected"] == "hello@novabridge.example"


def test_email_at_a_misspelled_brand_domain_is_a_mismatch(crawl, sample_guideline) -> None:
    (finding,) = _findings(crawl, sample_guideline, "Write to hello@novabrige.example.")
    assert finding.evidence["found"] == "hello@novabrige.example"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Visit 14 Harbour Row, London SE1 9AB.", "14 Harbour Row, London SE1 9AB"),
        ("Visit 12 Harbour Row, London SE1 9AD.", "12 Harbour Row, London SE1 9AD"),
        ("Visit 3 Tower Road, London SE1 9AB.", "3 Tower Road, London SE1 9AB"),
    ],
)
def test_address_that_looks_like_ours_but_differs(crawl, sample_guideline, text, found) -> None:
    (finding,) = _findings(crawl, sample_guideline, text)
    assert finding.evidence["found"] == found
    assert finding.evidence["expected"] == "12 Harbour Row, London SE1 9AB"


def test_canonical_address_and_unrelated_addresses_are_silent(crawl, sample_guideline) -> None:
    texts = ["Visit 12 Harbour Row, London SE1 9AB.", "Our partner sits at 5 Elm Street, Leeds."]
    assert _findings(crawl, sample_guideline, *texts) == []


def test_copyright_year_is_compared_with_the_audit_year(crawl, sample_guideline) -> None:
    text = "© 2019–2024 NovaBridge Systems Ltd."
    (finding,) = _findings(crawl, sample_guideline, text)
    assert finding.rule == "fact.copyright_year"
    assert finding.severity == "info"
    assert finding.evidence == {"found": "2024", "expected": "2026", "score": 0.0}
    assert _findings(crawl, sample_guideline, "Copyright 2026 NovaBridge Systems Ltd.") == []


def test_legal_name_misspelled(crawl, sample_guideline) -> None:
    (finding,) = _findings(
        crawl, sample_guideline, "NovaBridge Sytems Ltd. is registered in England."
    )
    assert finding.rule == "fact.legal_name"
    assert finding.evidence["found"] == "NovaBridge Sytems Ltd"
    texts = ["NovaBridge Systems Limited, registered.", "NovaBridge Systems builds bridges."]
    assert _findings(crawl, sample_guideline, *texts) == []
