"""Precision rules of the name index: when a name-like window is not a finding.

Each rule is a reason a brand team would accept:
- a name made of ordinary words ("Slack", "Apple Music") written in lower case reads as
  language ("cut them some slack") unless the sentence uses it as a product ("the slack
  app", "sign in to slack"); capitals in the middle of a sentence mark a name;
- a typo never touches digits, never comes with a split ("Kred is" is not "Redis"); a typo
  that lands on an ordinary word ("string" for "Spring") is language unless the sentence
  treats it as a name or capitalises it mid-sentence ("Stack" for "Slack"); one that lands
  on a familiar proper noun ("Charlie") is that noun;
- the correct name inside a longer token ("NovaBridgeAPI") is a compound, not a typo.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from brandaudit.checks.text.name_context import PRODUCT_NOUNS
from brandaudit.checks.text.words import (
    all_ordinary,
    is_common_word,
    is_familiar_name,
    is_known_word,
    is_ordinary,
)

if TYPE_CHECKING:
    from brandaudit.checks.text.name_context import Sentence
    from brandaudit.checks.text.name_match import NameEntry


_ASCII_LOWER = re.compile("[a-z]")


def plurals(skeleton: str) -> list[tuple[str, int]]:
    if not skeleton.endswith("s"):
        return []
    options = [(skeleton[:-1], 1)]
    if skeleton.endswith("es"):
        options.append((skeleton[:-2], 2))
    return options


def all_caps(text: str) -> bool:
    if _ASCII_LOWER.search(text):
        return False  # the usual answer, without a pass in Python over every character
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters if c.lower() != c.upper())


def casual_casing(words: list[str], sentence: Sentence, i: int, headings: bool = True) -> bool:
    """Casing that says nothing about name-hood: lower case, a capital that starts the
    sentence, or (with `headings`) Title Case in a title-case heading."""
    if all(w.lower() == w for w in words):
        return True
    first, rest = words[0], words[1:]
    if (
        sentence.starts_sentence(i)
        and first[1:].lower() == first[1:]
        and all(w.lower() == w for w in rest)
    ):
        return True
    return headings and sentence.heading_case and all(w[1:].lower() == w[1:] for w in words)


def reads_as_language(
    surface: str, entry: NameEntry, sentence: Sentence, i: int, j: int, surfaces: set[str]
) -> bool:
    """A miscased name that reads as ordinary language: 'cut them some slack', or another
    name followed by an everyday word ('NovaBridge cloud' when both names exist)."""
    found = surface.replace("-", " ").split()
    if j - i + 1 == len(found) != len(entry.words):
        # Split into ordinary words: "a code" is not "Acode", "Red is" is not "Redis".
        return (
            all_ordinary(found)
            and casual_casing(found, sentence, i, headings=False)  # "Nova Bridge" is a split
            and not sentence.reads_as_name(i, j, bare=False)
        )
    if len(found) != len(entry.words) or j - i + 1 != len(entry.words):
        return False
    expected = entry.surface.replace("-", " ").split()
    if found == expected:
        return False  # only the separators differ: "Google-Pay"
    if entry.ordinary and casual_casing(found, sentence, i):
        return not sentence.reads_as_name(i, j)
    same = [f == e for f, e in zip(found, expected, strict=True)]
    if not same[0]:
        return False
    prefix = " ".join(found[: same.index(False)])
    rest = found[same.index(False) :]
    return (
        prefix in surfaces
        and all(w.islower() and is_common_word(w) for w in rest)
        and sentence.determined(i)  # "the NovaBridge cloud" is generic; "on Google drive" not
    )


def sentence_capital(surface: str, entry: NameEntry, sentence: Sentence, i: int) -> bool:
    """'Tcpdump prints ...': an all-lower-case name takes a capital to start a sentence, as
    English spelling does; mid-sentence "Tcpdump" is still a finding."""
    name = entry.surface
    return (
        name.islower()
        and surface[:1].isupper()
        and surface[1:] == name[1:]
        and sentence.starts_sentence(i)
    )


def identifier_compound(surface: str, entry: NameEntry, sentence: Sentence, i: int, j: int) -> bool:
    """'qbittorrent-nox', 'kdss-cli', 'vue-novabridge': a mixed-case name in lower case
    joined by a hyphen to another lower-case part is a package, program or image name; so is
    a name of several words written as a lower-case slug ('apache-flink': a tag, a package)."""
    if not surface.islower() or entry.surface.islower():
        return False
    tokens = sentence.tokens
    if j > i and " " in entry.surface and all(t.separator == "-" for t in tokens[i + 1 : j + 1]):
        return True
    before = (
        i > 0
        and tokens[i].separator == "-"
        and sentence.text[tokens[i - 1].start : tokens[i - 1].end].islower()
    )
    after = (
        j + 1 < len(tokens)
        and tokens[j + 1].separator == "-"
        and sentence.text[tokens[j + 1].start : tokens[j + 1].end].islower()
    )
    return bool(before or after)


def plausible_typo(
    surface: str, entry: NameEntry, sentence: Sentence, i: int, j: int, edits: int = 1
) -> bool:
    if entry.surface in surface and len(surface) - len(entry.surface) > 1:
        return False  # the right name inside a compound: "NovaBridgeAPI"
    window = sentence.tokens[i : j + 1]
    found = [t.full for t in window]
    if len(found) > len(entry.words):
        return False  # a typo and a split at once is two changes: "Kred is" is not "Redis"
    if [c for c in "".join(found) if c.isdigit()] != [c for c in entry.skeleton if c.isdigit()]:
        return False  # "Windows 10" is not a typo of "Windows 11"
    written = [sentence.text[t.start : t.base_end] for t in window]
    bases = [t.skeleton for t in window]  # without a possessive: "up Rocket's"
    if len(found) == len(entry.words):
        differing = [
            (k, w)
            for k, (f, w, e) in enumerate(zip(bases, written, entry.words, strict=True))
            if f != e
        ]
    else:
        differing = list(enumerate(written))
    if any(is_familiar_name(w) for _, w in differing):
        return False  # "Charlie", "London": a name in its own right
    if edits > 1 and any(
        w.lower() == w and (is_known_word(w) or w in PRODUCT_NOUNS) for _, w in differing
    ):
        return False  # two edits that land on a word: "LibreOffice with" is not "... Math"
    if not all(is_ordinary(w) for _, w in differing):
        return True  # "NovaBrige": no word of English
    # The typo spells ordinary words: "string" is language, "Stack" mid-sentence a name.
    # Context speaks for a one-word window only: in "up Rocket's" the cue is for "Rocket".
    if i == j and edits == 1 and sentence.reads_as_name(i, j, bare=False):
        return True
    return any(
        w[:1].isupper()
        and not sentence.starts_sentence(i + k)
        and not sentence.heading_case
        and not sentence.proper_phrase(i, j)
        for k, w in differing
    )


def variant_kind(surface: str, expected: str) -> str:
    bare_found = surface.replace(" ", "").replace("-", "")
    bare_expected = expected.replace(" ", "").replace("-", "")
    if bare_found == bare_expected:
        gaps_found = len(surface) - len(bare_found)
        gaps_expected = len(expected) - len(bare_expected)
        return "joined" if gaps_found < gaps_expected else "split"
    return "miscased"
