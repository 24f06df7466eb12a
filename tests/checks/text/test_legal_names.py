"""same_legal_name: the one comparison fact.legal_name uses for the spellings it accepts."""

from __future__ import annotations

import pytest

from brandaudit.checks.text.legal_names import same_legal_name


@pytest.mark.parametrize(
    ("found", "legal"),
    [
        ("NovaBridge Systems Limited", "NovaBridge Systems Ltd"),  # suffix spelt out
        ("NovaBridge Systems", "NovaBridge Systems Ltd"),  # the short form
        ("qBittorrent project", "The qBittorrent project"),  # article dropped
        ("that qBittorrent project", "The qBittorrent project"),  # a word the match took in
        ("Huntertex Corp. (HTX)", "Huntertex Corporation"),  # abbreviation, suffix spelling
        ("Apache Software Foundation (ASF", "The Apache Software Foundation"),  # cut paren
    ],
)
def test_accepted_spellings_are_the_legal_name(found: str, legal: str) -> None:
    assert same_legal_name(found, legal)


@pytest.mark.parametrize(
    ("found", "legal"),
    [
        ("NovaBridge Sytems Ltd", "NovaBridge Systems Ltd"),  # a letter off
        (
            "Wuhan Feitong International Trading Co.,Ltd",
            "Wuhan Fei Tong International Trade Co., Ltd.",
        ),
        ("Systems Ltd", "NovaBridge Systems Ltd"),  # the tail is not the short form
        ("Acme Systems Ltd Group", "Acme Systems Ltd"),  # a capitalised extra word is another name
    ],
)
def test_other_spellings_are_not(found: str, legal: str) -> None:
    assert not same_legal_name(found, legal)
