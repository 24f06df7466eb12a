"""Names that are also English words: the sentence decides whether 'slack' is the word or
the product written wrong."""

from __future__ import annotations

import pytest

from brandaudit.brand_assets.guideline import Brand, Guideline
from brandaudit.checks.brand_name import run
from brandaudit.checks.text.words import is_familiar_name, is_ordinary
from tests.checks.text.conftest import make_page

SLACK = Guideline(brand=Brand(name="Slack", names=("Node.js", "Booking.com", "Acode")))


def _found(crawl, text: str, guideline: Guideline = SLACK) -> list[str]:
    return [f.evidence["found"] for f in run(crawl(make_page(text)), guideline)]


def test_ordinary_words_are_told_from_names_people_say() -> None:
    assert is_ordinary("slack") and is_ordinary("ghosts") and is_ordinary("the")
    assert not is_ordinary("audi") and not is_ordinary("kafka") and not is_ordinary("linux")
    assert is_familiar_name("Charlie") and not is_familiar_name("slack")


@pytest.mark.parametrize(
    "text",
    [
        "Sign in to slack with your work e-mail.",
        "Open the slack app on your phone.",
        "Customers who use slack every day asked for threads.",
        "We moved the whole team to slack without downtime.",
        "slack's new pricing starts in May.",
        "We compared Jira, slack and Zoom last week.",
    ],
)
def test_lower_case_name_used_as_a_product_is_a_finding(crawl, text) -> None:
    assert _found(crawl, text) == ["slack"]


@pytest.mark.parametrize(
    "text",
    [
        "He took up the slack before the knot.",
        "Cut them some slack, it was their first week.",
        "The tide was slack water for an hour.",
        "Slack in maintaining discipline cost them the match.",
        "They tend to slack off on Fridays.",
        "The government digested the entire law into a code.",
    ],
)
def test_the_word_in_ordinary_prose_stays_silent(crawl, text) -> None:
    assert _found(crawl, text) == []


def test_capitalised_typo_mid_sentence_is_the_name(crawl) -> None:
    assert _found(crawl, "Our designers share mock-ups on Stack before review.") == ["Stack"]
    assert _found(crawl, "Ask on Stack Overflow or read the docs.") == []
    assert _found(crawl, "Stack the boxes by the door.") == []
    assert _found(crawl, "We asked Charlie about the plan.") == []  # a name, not "Slack"


def test_miscased_words_of_a_title_case_name_mid_sentence(crawl) -> None:
    guideline = Guideline(brand=Brand(name="Apple Music"))
    assert _found(crawl, "Stream it on Apple music tonight.", guideline) == ["Apple music"]
    assert _found(crawl, "Apple Music Playlists For Every Mood", guideline) == []


def test_names_shaped_like_files_and_domains(crawl) -> None:
    assert _found(crawl, "We wrote a guide about setting up node.js for a team.") == ["node.js"]
    assert _found(crawl, "Customers who use Boking.com every day.") == ["Boking.com"]
    # A lower-case domain is an address, never a finding (CONTRACT §4).
    assert _found(crawl, "Book at booking.com or boking.com today.") == []
    assert _found(crawl, "Download node-logo.png or app.js first.") == []


def test_two_edits_only_in_long_names(crawl) -> None:
    guideline = Guideline(brand=Brand(name="CloudCannon", names=("LibreOffice Math", "Gitea")))
    assert _found(crawl, "We moved every site to CoudCannn last year.", guideline) == ["CoudCannn"]
    assert _found(crawl, "We moved every repo to Gtiee last year.", guideline) == []  # short
    # Two edits that land on an ordinary word are language: "with" is not "Math".
    assert _found(crawl, "Sign in to LibreOffice with your e-mail.", guideline) == []


def test_product_name_with_an_everyday_second_word(crawl) -> None:
    guideline = Guideline(brand=Brand(name="NovaBridge", names=("NovaBridge Cloud",)))
    # "the NovaBridge cloud" describes; "on NovaBridge cloud" names the product wrongly.
    assert _found(crawl, "Data stays in the NovaBridge cloud at all times.", guideline) == []
    assert _found(crawl, "Deploy on NovaBridge cloud in minutes.", guideline) == [
        "NovaBridge cloud"
    ]
