"""The cheap gates and shortcuts of the text checks answer as the plain searches they stand for.

Each gate skips work only where the work could not find anything: digits counted in C where
a regex tried every character, characters that normalise to "@" looked for before a block is
normalised, overlap-free name readings kept as they are, a phrase's fold kept per phrase.
"""

from __future__ import annotations

import random
import re
import sys
import unicodedata

from brandaudit.brand_assets.guideline import Brand, Facts, Guideline, Touchpoints
from brandaudit.checks.contact_inventory import AT_SIGNS, contact_inventory
from brandaudit.checks.text.name_match import NameEntry, NameMatch, without_overlaps
from brandaudit.checks.text.normalise import normalise
from brandaudit.checks.text.phone_matching import may_hold_number
from brandaudit.checks.text.quotations import MAX_TITLE_WORDS, quoted_end
from brandaudit.checks.text.registrations import REGISTRATION, registration_spans
from brandaudit.crawler.artifacts import PageArtifact, TextBlock
from brandaudit.crawler.run_store import CrawlResult

PIECES = [
    "12", "7", "+44", "20 7946 0321", "VAT GB123456789", "Reg. No. 0456", "١٢", "٣", "x",
    "Harbour", "Row", "SE1 9AB", "novabridge", "—", "by Vic Hargrave.", "“Quote”", "a",
]  # fmt: skip


def _texts(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(PIECES, k=rng.randint(0, 30))) for _ in range(count)]


def test_digit_count_equals_the_regex() -> None:
    for text in _texts(3000):
        assert may_hold_number(text) == (len(re.findall(r"\d", text)) >= 2), text


def test_registration_gate_misses_nothing() -> None:
    for text in _texts(3000):
        full = [m.span() for m in REGISTRATION.finditer(text) if any(c.isdigit() for c in m[0])]
        assert registration_spans(text) == full, text


def test_at_signs_are_every_character_that_normalises_to_hold_one() -> None:
    folds_to_at = {
        chr(c) for c in range(sys.maxunicode + 1) if "@" in unicodedata.normalize("NFKC", chr(c))
    }
    assert set(AT_SIGNS) == folds_to_at
    assert all("@" in normalise(f"x{sign}novabridge.example").text for sign in AT_SIGNS)


def test_contact_inventory_reads_a_full_width_at_sign() -> None:
    guideline = Guideline(
        brand=Brand(name="NovaBridge"),
        facts=Facts(email=["hello@novabridge.example"]),
        touchpoints=Touchpoints(websites=["https://www.novabridge.example/"]),
    )
    page = PageArtifact(
        url="https://www.novabridge.example/",
        status=200,
        text_blocks=(
            TextBlock("Press: press＠novabridge.example", "p"),
            TextBlock("Nothing here", "p"),
        ),
    )
    found = contact_inventory(CrawlResult(run_dir=None, pages=[page]), guideline)  # type: ignore[arg-type]
    assert [c["value"] for c in found] == ["press@novabridge.example"]


def _slow_without_overlaps(candidates: list[NameMatch]) -> list[NameMatch]:
    chosen: list[NameMatch] = []
    ranks = {"correct": 0, "accepted": 0, "miscased": 1, "misspelled": 2}
    for match in sorted(candidates, key=lambda m: (m.start - m.end, ranks[m.kind], m.start)):
        if all(match.end <= c.start or match.start >= c.end for c in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)


def test_overlap_free_readings_are_kept_as_the_full_choice_keeps_them() -> None:
    entry = NameEntry("NovaBridge", "NovaBridge", "novabridge", ("novabridge",), 10, False)
    rng = random.Random(3)
    for _ in range(3000):
        candidates = []
        for _ in range(rng.randint(0, 5)):
            start = rng.randrange(40)
            kind = rng.choice(("correct", "accepted", "miscased", "misspelled"))
            candidates.append(NameMatch(start, start + rng.randint(1, 12), entry, kind))
        if rng.random() < 0.5:
            candidates.sort(key=lambda m: m.start)
        assert without_overlaps(candidates) == _slow_without_overlaps(candidates)


def test_quoted_end_counts_words_as_a_full_split() -> None:
    for words in range(MAX_TITLE_WORDS - 2, MAX_TITLE_WORDS + 3):
        text = " ".join(["Packet"] * words) + " by Vic Hargrave."
        expected = text.index(" by ") if len(text.split()) <= MAX_TITLE_WORDS else 0
        assert quoted_end(text, "p") == expected
