"""Precision rules of the name index: when a name-like window is not a finding.

Each rule is a reason a brand team would accept:
- names made of dictionary words ("Red", "American Airlines") are not flagged in ordinary
  casing: "red" in lower case is the colour;
- a typo never touches digits, never comes with a split ("Kred is" is not "Redis"), and a
  window made of dictionary words ("string" for "Spring") is language, not a typo;
- the correct name inside a longer token ("NovaBridgeAPI") is a compound, not a typo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checks.text.words import all_known, is_common_word, plain_casing

if TYPE_CHECKING:
    from checks.text.names import NameEntry
    from checks.text.tokens import Token


def plurals(skeleton: str) -> list[tuple[str, int]]:
    if not skeleton.endswith("s"):
        return []
    options = [(skeleton[:-1], 1)]
    if skeleton.endswith("es"):
        options.append((skeleton[:-2], 2))
    return options


def all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters if c.lower() != c.upper())


def ordinary_words(surface: str, entry: NameEntry, window_words: int, surfaces: set[str]) -> bool:
    """A miscased name that reads as ordinary language: 'red', or another name followed by
    an everyday word ('NovaBridge cloud' when both NovaBridge and NovaBridge Cloud exist)."""
    found = surface.replace("-", " ").split()
    if len(found) != len(entry.words) or window_words != len(entry.words):
        return False
    expected = entry.surface.replace("-", " ").split()
    if found == expected:
        return False  # only the separators differ: "Google-Pay"
    if entry.common and all(plain_casing(w) for w in found):
        return True
    same = [f == e for f, e in zip(found, expected, strict=True)]
    if not same[0]:
        return False
    prefix = " ".join(found[: same.index(False)])
    rest = found[same.index(False) :]
    return prefix in surfaces and all(w.islower() and is_common_word(w) for w in rest)


def plausible_typo(surface: str, window: list[Token], entry: NameEntry) -> bool:
    if entry.surface in surface and len(surface) - len(entry.surface) > 1:
        return False  # the right name inside a compound: "NovaBridgeAPI"
    found = [t.full for t in window]
    if len(found) > len(entry.words):
        return False  # a typo and a split at once is two changes: "Kred is" is not "Redis"
    if [c for c in "".join(found) if c.isdigit()] != [c for c in entry.skeleton if c.isdigit()]:
        return False  # "Windows 10" is not a typo of "Windows 11"
    if len(found) == len(entry.words):
        differing = [f for f, e in zip(found, entry.words, strict=True) if f != e]
        return not all_known(differing)
    return not all_known(found)


def variant_kind(surface: str, expected: str) -> str:
    bare_found = surface.replace(" ", "").replace("-", "")
    bare_expected = expected.replace(" ", "").replace("-", "")
    if bare_found == bare_expected:
        gaps_found = len(surface) - len(bare_found)
        gaps_expected = len(expected) - len(bare_expected)
        return "joined" if gaps_found < gaps_expected else "split"
    return "miscased"
