"""A name found in text, and which of several overlapping readings of a window wins.

`NameEntry` is a guideline name prepared once for matching (normalised surface, skeleton,
words); `NameMatch` is one reading of a text window as that name. A window may read as
several names or variants; `without_overlaps` keeps the longest, then the most exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from brandaudit.checks.text.chinese import to_simplified
from brandaudit.checks.text.normalise import normalise
from brandaudit.checks.text.tokens import alnum_length, tokenise
from brandaudit.checks.text.words import all_ordinary


@dataclass(frozen=True)
class NameEntry:
    name: str  # as the guideline writes it
    surface: str  # normalised, end punctuation trimmed: what a correct window reads
    skeleton: str
    words: tuple[str, ...]  # case-folded tokens
    length: int  # letters and digits
    ordinary: bool  # made only of ordinary words: in lower case they may read as language


class NameMatch(NamedTuple):
    """A tuple, not a dataclass: made for every name-like window, and tuples are made in C."""

    start: int  # span in the normalised text
    end: int
    entry: NameEntry
    kind: str  # correct | accepted | miscased | split | joined | misspelled
    distance: int = 0

    @property
    def is_problem(self) -> bool:
        return self.kind not in ("correct", "accepted")


def name_entry(name: str) -> NameEntry | None:
    text = to_simplified(normalise(name).text)
    tokens = tokenise(text)
    if not tokens:
        return None
    words = tuple(t.full for t in tokens)
    return NameEntry(
        name=name,
        surface=text[tokens[0].start : tokens[-1].end],
        skeleton="".join(words),
        words=words,
        length=alnum_length(name),
        ordinary=all_ordinary(words),
    )


_RANK = {
    "correct": 0,
    "accepted": 0,
    "shortened": 0,
    "miscased": 1,
    "split": 1,
    "joined": 1,
    "misspelled": 2,
}
_CAMEL_HEAD = re.compile(r"[A-Z]?[a-z]{3,}(?=[A-Z0-9])")  # "Serenity" of "SerenityOS"


def first_word(surface: str) -> str | None:
    """The name's first word as people shorten it: "OpenClaw" of "OpenClaw Club", "Serenity"
    of "SerenityOS"; None when that would be under four letters or the whole name."""
    words = surface.split()
    if len(words) > 1:
        head = words[0]
    elif match := _CAMEL_HEAD.match(surface):
        head = match.group(0)
    else:
        return None
    return head if alnum_length(head) >= 4 and head != surface else None


def _apart(first: NameMatch, second: NameMatch) -> bool:
    """`second` starts at or after the end of `first`."""
    return first.end <= second.start


def _rank(match: NameMatch) -> int:
    return _RANK[match.kind] + match.distance // 2  # a two-edit reading comes last


def without_overlaps(candidates: list[NameMatch]) -> list[NameMatch]:
    """Longest window first; at equal length an exact reading beats a variant or a typo."""
    if len(candidates) < 2:
        return list(candidates)  # nothing to overlap
    if all(map(_apart, candidates, candidates[1:])):
        return list(candidates)  # in order and apart (the usual case): nothing to choose
    chosen: list[NameMatch] = []
    for match in sorted(candidates, key=lambda m: (m.start - m.end, _rank(m), m.start)):
        if all(match.end <= c.start or match.start >= c.end for c in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)
