"""Reading only the windows that may be names, on tokens made lazily, finds what reading
every window of every block finds.

`NameIndex.find` reads a window in its sentence only when `name_windows` says its skeleton
may be a name (and grows it only while it may still become one), and in plain text makes
tokens only where it looks (`lazy_tokens`). Both must be exact: the same matches as the
full walk of every window over `tokenise`'s tokens, on thousands of generated sentences
holding names with up to two edits (swaps of neighbours included), splits, hyphens, quotes,
plurals, possessives, case endings, short forms and Chinese names.
"""

from __future__ import annotations

import random

import pytest

from brandaudit.checks.text.lazy_tokens import LazyTokens, plain_words
from brandaudit.checks.text.name_context import Sentence
from brandaudit.checks.text.name_match import NameMatch, without_overlaps
from brandaudit.checks.text.name_windows import GROWS, READ, SHORT
from brandaudit.checks.text.names import NameIndex
from brandaudit.checks.text.tokens import tokenise

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


def _walk_every_window(index: NameIndex, text: str, inflecting: bool) -> list[tuple]:
    """The reference: every window of every block read by `_match`, as before the memo."""
    tokens = tokenise(text)
    sentence = Sentence(text, tokens)
    index._inflecting = inflecting
    candidates: list[NameMatch] = index._accepted_phrases(text)
    for i in range(len(tokens)):
        prefix, crossed = "", []
        for j in range(i, min(i + index.max_words, len(tokens))):
            token = tokens[j]
            if j > i and (tokens[j - 1].stop_after or token.stop_before):
                crossed.append(text[tokens[j - 1].end : token.start].strip())
            forms = [(prefix + token.full, token.end)]
            if token.base_end < token.end:
                forms.append((prefix + token.skeleton, token.base_end))
            match = index._match(sentence, i, j, forms)
            if match and all(gap in match.entry.surface for gap in crossed):
                candidates.append(match)
            prefix += token.full
            if len(prefix) > index.max_length + 2:
                break
    return [(m.start, m.end, m.entry.name, m.kind) for m in without_overlaps(candidates)]


@pytest.mark.parametrize("inflecting", [False, True])
def test_reading_only_possible_windows_equals_walking_every_window(inflecting: bool) -> None:
    index = NameIndex(NAMES, accept=["NOVABRIDGE"])
    plain = NameIndex([n for n in NAMES if "." not in n], accept=["NOVABRIDGE"])
    texts = _sentences(1500)
    found = 0
    for text in texts:
        for each in (index, plain):  # dotted names take tokenise's path; the rest lazy tokens
            expected = _walk_every_window(each, text, inflecting)
            assert _readings(each, text, inflecting) == expected, text
            found += any(kind not in ("correct", "accepted") for *_, kind in expected)
    assert found > 500  # the corpus is full of wrong names, not only of silence


def test_lazy_tokens_are_tokenise_tokens() -> None:
    texts = [*_sentences(800, seed=3), "  two  spaces\tand a tab ", "x\n\ny - z", "a-b [c] 'd'"]
    plain = 0
    for text in texts:
        words = plain_words(text)
        if words is None:
            continue
        plain += 1
        lazy = LazyTokens(text, *words)
        assert [lazy[k] for k in reversed(range(len(lazy)))][::-1] == tokenise(text), text
        assert list(LazyTokens(text, *words)) == tokenise(text)
        assert lazy[1:3] == tokenise(text)[1:3]
    assert plain > 600
    assert plain_words("NovaBridge 新桥云") is None  # Han: tokenise cuts it
    assert plain_words("NovaBridge ( beta )") is None  # a word of punctuation marks its neighbour


def test_a_word_that_starts_no_name_ends_its_window() -> None:
    index = NameIndex(["NovaBridge", "NovaBridge Cloud", "TeamBeacon"])
    flags = index.windows.flags
    assert flags["platform"] == 0  # no name, no start of one: never walked
    assert flags["team"] == GROWS | SHORT  # "TeamBeacon" may follow; "Team" is its short form
    assert flags["teambeacon"] & READ and flags["novabridge"] & GROWS  # "... Cloud" may follow
    assert flags["teambridge"] == 0  # "team bridge" reads as nothing
    assert flags["novabrigde"] & READ  # one swap
    assert flags["teambeakon"] & READ  # one edit in the second word
    assert flags["temb"] & GROWS  # two edits away from the start of a ten-letter name
    assert flags["xeamb"] & GROWS  # one edit may touch the first letter ...
    assert not flags["xxamb"] & GROWS  # ... two never do
