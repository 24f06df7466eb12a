"""How common an English word is, so ordinary language is not mistaken for a brand name.

A brand called "Red" or "Spring" shares its spelling with everyday words: "red" in lower
case is the colour, and "string" is not a typo of "Spring". The word frequencies come from
pyspellchecker's English dictionary (derived from OpenSubtitles), loaded once.
"""

from __future__ import annotations

from functools import lru_cache

COMMON_FREQUENCY = 100  # occurrences in the dictionary's corpus; "clod" 288, "gatsby" 85
KNOWN_FREQUENCY = 50  # the dictionary's floor: listed words never seen in the corpus get 50


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    from spellchecker import SpellChecker

    return dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)


def frequency(word: str) -> int:
    return _frequencies().get(word.casefold(), 0)


def is_common_word(word: str) -> bool:
    """True for an everyday English word (in any casing)."""
    return frequency(word) >= COMMON_FREQUENCY


def is_known_word(word: str) -> bool:
    """True for any word of the dictionary, however rare ("tramcar", "applet")."""
    return frequency(word) >= KNOWN_FREQUENCY


def all_common(words: tuple[str, ...] | list[str]) -> bool:
    return bool(words) and all(is_common_word(w) for w in words)


def all_known(words: tuple[str, ...] | list[str]) -> bool:
    return bool(words) and all(is_known_word(w) for w in words)


def plain_casing(word: str) -> bool:
    """lower, UPPER or Title casing: how ordinary words are written."""
    return word.islower() or word.isupper() or word.istitle() or not word.isalpha()
