"""The registration search skips ASCII text that holds no label word or no digit, and only
such text: the spans are those of the full search."""

from __future__ import annotations

import random

from brandaudit.checks.text.registrations import (
    _LABEL_WORDS,
    _LABELS,
    REGISTRATION,
    registration_spans,
)

EXAMPLES = [
    "Company no. 01234567", "Registered in England and Wales No. 1234567", "Reg. 12 34",
    "HRB 12345", "KvK 12345678", "SIRET 123 456 789 00012", "RCS Paris B 123 456 789",
    "ABN 51 824 753 556", "EIN 12-3456789", "VAT GB 123 4567 89", "USt-IdNr. DE123456789",
    "P.IVA 01234567890", "GSTIN 22AAAAA0000A1Z5", "BTW NL123456789B01", "MwSt 123",
    "being 12 of us", "a guide 2 go", "specific 3", "rival 4", "commercial register 99",
    "粤ICP备12345678号-1", "京公网安备 11010502030143号",
]  # fmt: skip
WORDS = ["call", "us", "on", "+44", "20", "7946", "0321", "the", "team", "office", "No.", "at"]


def _full(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in REGISTRATION.finditer(text) if any(c.isdigit() for c in m[0])]


def test_prefiltered_search_equals_the_full_search() -> None:
    rng = random.Random(4)
    found = 0
    for _ in range(3000):
        parts = rng.choices(WORDS, k=rng.randint(0, 12))
        if rng.random() < 0.5:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(EXAMPLES))
        text = " ".join(parts)
        assert registration_spans(text) == _full(text), text
        found += bool(_full(text))
    assert found > 500


def test_every_ascii_label_names_a_prefilter_word() -> None:
    """A label added to _LABELS without its word in _LABEL_WORDS would be skipped."""
    for label in _LABELS:
        if label.isascii():
            assert any(word in label.lower() for word in _LABEL_WORDS), label
