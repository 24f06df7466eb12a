"""How common an English word is, so ordinary language is not mistaken for a brand name.

A brand called "Slack" or "Spring" shares its spelling with everyday words: "cut them some
slack" is the word, and "string" is not a typo of "Spring". Two lists answer two questions:
- `is_ordinary`: is this lower-case word ordinary English? WordNet's common words and their
  inflections (see make_ordinary_words), so "audi", "kafka" or "linux" in lower case are a
  name written wrong, not a word;
- `frequency`: how often people say it at all, names included (pyspellchecker's counts from
  film subtitles), so a frequent proper noun ("London", "Charlie") is not taken for a typo.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

_ORDINARY = Path(__file__).with_name("data") / "ordinary_words.txt.gz"
_WELL_KNOWN = Path(__file__).with_name("data") / "well_known_names.txt.gz"  # make_well_known_names
COMMON_FREQUENCY = 100  # occurrences in the dictionary's corpus; "clod" 288, "gatsby" 85
KNOWN_FREQUENCY = 50  # the dictionary's floor: listed words never seen in the corpus get 50
PROPER_NOUN_FREQUENCY = 1_000  # a name said this often is a name in its own right ("Charlie")


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    from spellchecker import SpellChecker

    return dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)


@lru_cache(maxsize=1)
def _ordinary() -> frozenset[str]:
    with gzip.open(_ORDINARY, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


@lru_cache(maxsize=1)
def well_known_names() -> frozenset[str]:
    """Case-folded proper names of SCOWL ("bittorrent", "javascript", "paypal")."""
    with gzip.open(_WELL_KNOWN, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def frequency(word: str) -> int:
    return _frequencies().get(word.casefold(), 0)


def is_ordinary(word: str) -> bool:
    """True for an ordinary English word in lower case ("slack", "ghost"), not for a name
    that people also say ("audi", "kafka"). Digits and apostrophes are not words."""
    return word.casefold() in _ordinary()


def is_common_word(word: str) -> bool:
    """True for an everyday English word (in any casing)."""
    return frequency(word) >= COMMON_FREQUENCY and is_ordinary(word)


def is_known_word(word: str) -> bool:
    """True for any word people say, however rare ("tramcar"), names included ("charlie")."""
    return frequency(word) >= KNOWN_FREQUENCY


def is_familiar_name(word: str) -> bool:
    """A proper noun said often enough to be itself ("London", "Charlie"), not a typo."""
    return frequency(word) >= PROPER_NOUN_FREQUENCY and not is_ordinary(word)


def all_common(words: tuple[str, ...] | list[str]) -> bool:
    return bool(words) and all(is_common_word(w) for w in words)


def all_known(words: tuple[str, ...] | list[str]) -> bool:
    return bool(words) and all(is_known_word(w) for w in words)


def all_ordinary(words: tuple[str, ...] | list[str]) -> bool:
    return bool(words) and all(is_ordinary(w) for w in words)


def plain_casing(word: str) -> bool:
    """lower, UPPER or Title casing: how ordinary words are written."""
    return word.islower() or word.isupper() or word.istitle() or not word.isalpha()
