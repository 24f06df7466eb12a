"""A one-pass pre-filter that tells the name index where a name could possibly be.

Walking every window of every block costs a few microseconds per window; most windows name
nothing. A window can only read as a name when its skeleton is the name's skeleton (maybe
with a plural or case ending after it) or within the one or two edits a typo allows. Split
a name's letters into edits + 1 pieces with one letter between neighbours: k edits (of any
kind, a swap of neighbours included) spoil at most k pieces, so one piece is written intact
in the window. One regular expression finds every such piece in the case-folded block, with
separators (spaces, hyphens, trimmed punctuation) allowed between its letters; only windows
near a piece are walked, and a block with no piece costs one regex scan. Exact by
construction: the filter never drops a window that could match (tests compare it with the
full walk).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from brandaudit.checks.text.tokens import LEAD, TRAIL, Token

# What may lie between two characters of a window's skeleton in the text, and what a
# skeleton may hold that the text search skips: white space, hyphens, trimmed punctuation.
_BETWEEN = "\\s\\-" + re.escape(LEAD + TRAIL)
_SKIP = re.compile(f"[{_BETWEEN}]+")
_GAP = f"[{_BETWEEN}]*"


def _stripped(skeleton: str) -> str:
    return _SKIP.sub("", skeleton)


# How often each letter occurs in English text (per mille): a piece of rare letters ("nov")
# hits fewer windows than one of common letters ("ea"). Other characters count as rare.
_PER_MILLE = (127, 91, 82, 75, 70, 67, 63, 61, 60, 43, 40, 28, 28, 24, 24, 22, 20, 20, 19, 15)
_LETTER_FREQUENCY = dict(
    zip("etaoinshrdlcumwfgypbvkjxqz", (*_PER_MILLE, 10, 8, 2, 2, 1, 1), strict=True)
)


def _rarity(piece: str) -> float:
    return sum(math.log(1000 / _LETTER_FREQUENCY.get(c, 1)) for c in piece)


def _splits(size: int, parts: int) -> Iterator[list[tuple[int, int]]]:
    """Every way to cut `size` letters into `parts` pieces with one letter between pieces."""
    if parts == 1:
        yield [(0, size)]
        return
    for first in range(1, size - 2 * (parts - 1) + 1):
        for rest in _splits(size - first - 1, parts - 1):
            yield [(0, first), *((a + first + 1, b + first + 1) for a, b in rest)]


def pieces(skeleton: str, edits: int) -> list[str]:
    """`edits` + 1 pieces of the skeleton's letters, one letter apart (all of it for 0),
    cut where the rarest piece is as rare as can be."""
    letters = _stripped(skeleton)
    if edits == 0:
        return [letters] if letters else []
    if len(letters) < 2 * edits + 1:
        return []  # too short to split: the caller treats the name as always possible
    best = max(
        _splits(len(letters), edits + 1),
        key=lambda cut: min(_rarity(letters[a:b]) for a, b in cut),
    )
    return [letters[a:b] for a, b in best]


class NameFilter:
    """Pieces of every name (and short form) with the edits it allows, as one regex."""

    def __init__(self, forms: Iterable[tuple[str, int]], max_words: int) -> None:
        found: set[str] = set()
        self.always = False  # some name too short to split: every window must be walked
        for skeleton, edits in forms:
            split = pieces(skeleton, edits)
            if not split:
                self.always = True
            found.update(split)
        alternatives = [_GAP.join(map(re.escape, p)) for p in sorted(found, key=lambda p: -len(p))]
        self.pattern = re.compile("|".join(alternatives)) if alternatives else None
        self.reach = max_words - 1  # a window starts at most this many tokens before a piece

    def hits(self, folded: str) -> list[tuple[int, int]] | None:
        """Spans of the pieces in `folded` (the text case-folded, as long as the text);
        None when every window must be walked."""
        if self.always:
            return None
        if self.pattern is None:
            return []
        return [hit.span() for hit in self.pattern.finditer(folded)]

    def starts(self, hits: list[tuple[int, int]], tokens: list[Token]) -> list[int]:
        """Indices of the tokens where a window that could read as a name may start."""
        token_starts = [t.start for t in tokens]
        chosen: set[int] = set()
        for start, end in hits:
            first = bisect_right(token_starts, start) - 1
            last = bisect_right(token_starts, end - 1) - 1
            chosen.update(range(max(0, first - self.reach), last + 1))
        return sorted(chosen)
