"""The text checks' shortcuts (memos, gates, windows) find exactly what the plain searches
find: each is compared with the search it stands in for, on texts built to hit its edges."""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator

import phonenumbers
import pytest
from phonenumbers.phonenumbermatcher import _PATTERN
from rapidfuzz import fuzz

from brandaudit.checks import facts, terms
from brandaudit.checks.text import phrases
from brandaudit.checks.text.chinese import to_simplified
from brandaudit.checks.text.contact import (
    _STREET_BEFORE,
    POSTCODE,
    Address,
    _street_pattern,
    address_mismatches,
    caseless,
    fold_postcode,
    fold_street,
)
from brandaudit.checks.text.normalise import lower_same_length
from brandaudit.checks.text.phone_matching import _candidate, phone_matches
from tests.checks.text.conftest import make_page

FILLER = [
    "bridge",
    "cloud",
    "idea",
    "carry",
    "team",
    "data",
    "secure",
    "fast",
    "partner",
    "customer",
    "platform",
]
PHONE_PIECES = [
    "+44 20 7946 0321", "(020) 7946 0321", "020 7946 0321", "+44 20 7946 0999", "02079460321",
    "+1 (415) 555-2671 ext. 12", "+1 415 555 2671", "(415) 555-2671", "+49 30 1234567",
    "030 1234567", "+86 10 5992 8888", "010-5992 8888", "＋４４ ２０ ７９４６ ０３２１",
    "2012-01-02 08:00", "2012-01-02 08:", "3/10/2011", "211-227 (2003)", "12(3): 211-227",
    "20%", "£20 7946 0321", "12 Harbour Row", "SE1 9AB", "1 2", "x 123", "ext 55",
]  # fmt: skip
GLUE = ["", " ", "a", "Tel. ", ": ", "(", ")", "/", "-", "\n", "号", "，", ":30", " x"]


def _texts(count: int, seed: int) -> Iterator[str]:
    """Phone-like pieces glued to words, letters and punctuation in every order."""
    rng = random.Random(seed)
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 6)):
            parts.append(rng.choice(GLUE))
            parts.append(rng.choice(PHONE_PIECES) if rng.random() < 0.6 else rng.choice(FILLER))
        yield "".join(parts)


def _plain(text: str, region: str | None) -> list[tuple[int, int, str, str]]:
    matcher = phonenumbers.PhoneNumberMatcher(text, region or "ZZ", phonenumbers.Leniency.VALID)
    return [(m.start, m.end, m.raw_string, _e164(m.number)) for m in matcher]


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@pytest.mark.parametrize("region", ["GB", "US", "DE", "CN", None])
def test_phone_matches_are_the_library_matchers(region: str | None) -> None:
    texts = list(_texts(600, seed=hash(region) % 1000))
    found = 0
    for _ in range(2):  # the second pass answers every candidate from the memo
        for text in texts:
            expected = _plain(text, region)
            got = [(m.start, m.end, m.raw_string, _e164(m.number))
                   for m in phone_matches(text, region)]  # fmt: skip
            assert got == expected, text
            found += len(got)
    assert found > 100  # the texts hold numbers in every region's own format


def test_candidate_search_is_the_matchers_pattern_search() -> None:
    for text in _texts(300, seed=5):
        for index in range(len(text) + 1):
            expected = _PATTERN.search(text, index)
            got = _candidate(text, index)
            assert (got and got.span()) == (expected and expected.span()), (text, index)


def _plain_address_mismatches(masked: str, address: Address) -> Iterator[tuple[int, int]]:
    """address_mismatches as it was before its gates (checks/text/contact.py)."""
    street = _street_pattern(address)
    for match in re.finditer(rf"(?:(\d+[a-z]?)\s+)?{street}\b", masked, re.IGNORECASE):
        end = match.end()
        window = re.split(r"[.;\n]\s", masked[end : end + 60], maxsplit=1)[0]
        codes = list(POSTCODE.finditer(window))
        folded = {fold_postcode(c.group(0)) for c in codes}
        code = codes[-1] if codes else None
        wrong_number = address.number and match.group(1) and match.group(1) != address.number
        wrong_code = (
            code is not None
            and address.postcode
            and address.postcode not in folded
            and any(c.isalpha() for c in code.group(0))
            == any(c.isalpha() for c in address.postcode)
        )
        if wrong_number or wrong_code:
            yield match.start(), end + code.end() if code else end
    if not address.postcode:
        return
    for code in POSTCODE.finditer(masked):
        if fold_postcode(code.group(0)) != address.postcode:
            continue
        before = masked[max(0, code.start() - 60) : code.start()]
        streets = list(_STREET_BEFORE.finditer(before))
        if streets and fold_street(streets[-1].group(2)) != address.street:
            yield code.start() - len(before) + streets[-1].start(), code.end()


ADDRESS_PIECES = [
    "12 Harbour Row", "14 Harbour Row", "12 HARBOUR ROW", "13a harbour row", "Harbour\nRow",
    "HARBOUR ROW", "Harbour Rowing", "London SE1 9AB", "SE1 9AB", "se19ab", "SE1 9AC",
    "ſE1 9AB", "SE1 9AB".replace("S", "ſ"), "5 Baker Street, London SE1 9AB", "Baker St.",
    "12 Baker Street", "E1 6AN", "10001", "PMB 3005, Westerville, OH 43082", "HARBOUR İ ROW",
    "12 Harbour Road", "1 Infinite Loop", "1 INFİNİTE LOOP", "1 ınfınıte loop",
]  # fmt: skip


@pytest.mark.parametrize(
    "canonical",
    ["12 Harbour Row, London SE1 9AB", "5 Baker Street, London NW1 6XE",
     "1 Infinite Loop, Cupertino, CA 95014", "Harbour Row, London SE1 9AB"],
)  # fmt: skip
def test_address_gates_change_no_span(canonical: str) -> None:
    address = Address.parse(canonical)
    rng = random.Random(canonical)
    hits = 0
    for _ in range(800):
        parts = [rng.choice(ADDRESS_PIECES + FILLER + [", ", ". ", " "]) for _ in range(8)]
        text = " ".join(parts)
        expected = list(_plain_address_mismatches(text, address))
        assert list(address_mismatches(text, address)) == expected, text
        hits += len(expected)
    assert hits > 0


LETTERS_AND_DIGITS = re.compile("[a-z0-9]", re.IGNORECASE)


def test_caseless_holds_every_character_a_case_insensitive_search_matches() -> None:
    """The gates hold ASCII words: any character that `re.IGNORECASE` matches to an ASCII
    letter or digit is that letter in `caseless` (K for k, ſ for s, ı and İ for i)."""
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        if LETTERS_AND_DIGITS.fullmatch(char):
            twins = [c for c in "abcdefghijklmnopqrstuvwxyz0123456789"
                     if re.fullmatch(c, char, re.IGNORECASE)]  # fmt: skip
            assert twins and all(caseless(char) == t for t in twins), hex(code)


def test_copyright_gate_lets_every_notice_through() -> None:
    copyr = re.compile("[copyr]", re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if copyr.fullmatch(char):  # each twin of c, o, p, y, r lower-cases to it
            assert char.lower() in "copyr" and re.fullmatch(char.lower(), char, re.I), hex(code)
    for notice in ["© 2019 NovaBridge", "(c) 2019", "(C) 2019", "COPYRIGHT 2019", "copyrıght 2019"]:
        assert facts._COPYRIGHT.search(notice) and facts._may_hold_copyright(notice)
    assert not facts._may_hold_copyright("All rights reserved 2019")


def _plain_best_span(
    target: str, haystack: str, start: int, end: int, han: bool
) -> phrases.PhraseHit:
    """phrases._best_span as it was: every word of the block listed for each hit."""
    options = [(start, end)]
    if not han:
        words = [m.span() for m in re.finditer(r"\w+", haystack)]
        first = next((i for i, (_, e) in enumerate(words) if e > start), 0)
        last = next((i for i, (s, _) in reversed(list(enumerate(words))) if s < end), first)
        options = [
            (words[a][0], words[b][1])
            for a in range(max(0, first - 1), min(len(words), first + 3))
            for b in range(max(a, last - 2), min(len(words), last + 3))
        ] or options
    best = None
    for s, e in options:
        s, e = phrases._trim(haystack, s, e)
        found = phrases._fold_unicode(haystack[s:e])
        score = fuzz.ratio(found, target)
        if best is None or score > best.score:
            best = phrases.PhraseHit(s, e, round(score, 1), found == target)
    assert best is not None
    return best


PHRASES = ["Bridges that carry ideas.", "Connect everything.", "NovaBridge Systems Ltd."]
VARIANTS = [
    "Bridges that carry ideas", "bridges that carry your ideas", "Bridges carry ideas!",
    "“Connect everything”", "Connect every thing", "Novabridge Systems Ltd", "NovaBridge Ltd.",
    "NovaBridge Systems Limited", "_NovaBridge Systems Ltd_", "x", "...", "Bridges-that-carry",
]  # fmt: skip


def test_phrase_hits_unchanged_by_shortcuts(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(11)
    texts = []
    for _ in range(400):
        words = [rng.choice(FILLER + VARIANTS) for _ in range(rng.randint(1, 60))]
        texts.append(rng.choice(["", " ", "... "]) + " ".join(words) + rng.choice(["", ".", " !"]))
    got = [[list(phrases.find_phrase(p, t)) for p in PHRASES] for t in texts]
    monkeypatch.setattr(phrases, "_best_span", _plain_best_span)
    monkeypatch.setattr(phrases, "_exact_hit", lambda *_args: None)
    expected = [[list(phrases.find_phrase(p, t)) for p in PHRASES] for t in texts]
    assert got == expected
    assert sum(len(hits) for row in got for hits in row) > 300
    assert sum(h.exact for row in got for hits in row for h in hits) > 100
    assert sum(not h.exact for row in got for hits in row for h in hits) > 100


def test_ascii_fold_and_search_text_are_the_full_ones() -> None:
    rng = random.Random(2)
    alphabet = "aZ9_ -.,'\"!?\t\n()“”"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert phrases.fold(text) == phrases._fold_unicode(text), text
        assert phrases.search_text(text) == to_simplified(lower_same_length(text)), text


def test_term_gate_changes_no_finding(crawl, sample_guideline, monkeypatch) -> None:
    rng = random.Random(4)
    pieces = ["log in", "LOG IN", "Logged-in", "logging  in", "logins", "Login", "catalog in",
              "log into", "blog in", "sign in", "ſign in", "LOGİN"]  # fmt: skip
    texts = [" ".join(rng.choice(pieces + FILLER) for _ in range(12)) for _ in range(300)]
    result = crawl(make_page(*texts))
    got = [
        (f.url, f.location.start, f.evidence["found"]) for f in terms.run(result, sample_guideline)
    ]
    monkeypatch.setattr(terms, "_gate", lambda _terms: (re.compile(""),))
    plain = [
        (f.url, f.location.start, f.evidence["found"]) for f in terms.run(result, sample_guideline)
    ]
    assert got == plain and len(got) > 100
