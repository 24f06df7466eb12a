"""The name pre-filter skips only windows that cannot read as a name.

The filter must be exact: `NameIndex.find` gives the same matches with it as when every
window of every block is walked. Checked on thousands of generated sentences holding names
with up to two edits (swaps of neighbours included), splits, hyphens, quotes, plurals,
possessives, case endings, short forms and Chinese names.
"""

from __future__ import annotations

import random

import pytest

from brandaudit.checks.text.name_filter import NameFilter, pieces
from brandaudit.checks.text.names import NameIndex

NAMES = [
    "NovaBridge",
    "NovaBridge Cloud",
    "Serenity OS",
    "CarryOn Sync",
    "TeamBeacon",
    "Harbour Desk",
    "U.S. News",
    "Node.js",
    "GitLab",
    "Qt",
    "新桥云",
    "McDonald's",
    "DataLantern Enterprise Suite",
]
_FILLER = (
    "we moved the whole stack to last year and customers who use every day asked for "
    "a simpler export button about within the new app keeps settings in sync sign in "
    "bridge cloud team data idea carry nova harbour desk beacon lantern sync"
)
FILLER = _FILLER.split()
SEPARATORS = [" ", " ", " ", "-", ", ", ". ", ' "', '" ', " (", ") ", "'s ", "s ", "es "]


def _edit(word: str, rng: random.Random) -> str:
    if len(word) < 2:
        return word
    i = rng.randrange(len(word) - 1)
    kind = rng.choice(("sub", "del", "ins", "swap", "case", "split"))
    if kind == "sub":
        return word[:i] + rng.choice("aeiorstnxz") + word[i + 1 :]
    if kind == "del":
        return word[:i] + word[i + 1 :]
    if kind == "ins":
        return word[:i] + rng.choice("aeiorstnxz") + word[i:]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "case":
        return word[:i] + word[i].swapcase() + word[i + 1 :]
    return word[:i] + rng.choice((" ", "-")) + word[i:]


def _sentences(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = rng.choices(FILLER, k=rng.randint(3, 25))
        for _ in range(rng.randint(0, 3)):
            name = rng.choice(NAMES)
            for _ in range(rng.choice((0, 0, 1, 2))):
                name = _edit(name, rng)
            if rng.random() < 0.2:
                name += rng.choice(("a", "owi", "en", "'s", "s", "es"))
            words.insert(rng.randrange(len(words) + 1), name)
        text = ""
        for word in words:
            text += word + rng.choice(SEPARATORS)
        out.append(text.strip()[:1].upper() + text.strip()[1:])
    return out


def _readings(index: NameIndex, text: str, inflecting: bool) -> list[tuple]:
    return [(m.start, m.end, m.entry.name, m.kind) for m in index.find(text, None, inflecting)]


@pytest.mark.parametrize("inflecting", [False, True])
def test_filtered_find_equals_walking_every_window(inflecting: bool) -> None:
    filtered = NameIndex(NAMES, accept=["NOVABRIDGE"])
    walk_all = NameIndex(NAMES, accept=["NOVABRIDGE"])
    walk_all.filter.always = True
    assert not filtered.filter.always
    texts = _sentences(1500)
    found = 0
    for text in texts:
        expected = _readings(walk_all, text, inflecting)
        assert _readings(filtered, text, inflecting) == expected, text
        found += any(kind not in ("correct", "accepted") for *_, kind in expected)
    assert found > 250  # the corpus is full of wrong names, not only of silence


def test_a_block_naming_nothing_is_not_tokenised() -> None:
    index = NameIndex(["NovaBridge", "NovaBridge Cloud"])
    text = "Customers who use the platform every day asked for a simpler export button."
    assert index.filter.hits(text.casefold()) == []
    assert index.filter.hits("the novabrigde cloud".casefold())  # one edit still hits


@pytest.mark.parametrize("edits", [1, 2])
def test_any_k_edits_leave_one_piece_whole(edits: int) -> None:
    """The pigeonhole behind the filter, for every single edit and random double edits."""
    rng = random.Random(5)
    name = "harbourdesk"
    matcher = NameFilter([(name, edits)], max_words=2)
    for _ in range(2000):
        variant = name
        for _ in range(edits):
            variant = _edit(variant, rng).lower()
        assert matcher.hits(f"see {variant} now"), variant


def test_pieces_split_with_one_letter_between() -> None:
    assert pieces("novabridge", 2) == ["nov", "br", "dge"]  # the rarest cut
    assert pieces("u.s.news", 0) == ["usnews"]  # punctuation the text search skips
    assert pieces("qt", 1) == []  # too short to split: the filter walks every window
