"""Text normalisation that remembers where every character came from.

Fuzzy scorers and regexes work best on folded text (NFKC folds full-width letters, curly
quotes and dashes become ASCII), but a finding must point at the original characters. So
every normalised character keeps the index of the original character it came from, and
spans map back exactly (rapidfuzz's `default_process` trims and would shift them).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters NFKC leaves alone that still have a plain ASCII equivalent for matching.
_EXTRA = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u00b4": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\u300c": '"', "\u300d": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u3002": ".", "\u3001": ",",
        "\u00a0": " ", "\u200b": " ", "\u3000": " ",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Normalised:
    """`text` is the folded text; `starts[i]`/`ends[i]` bound its i-th char in `original`."""

    original: str
    text: str
    starts: tuple[int, ...] | None  # None: identity mapping (plain ASCII input)
    ends: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of `text` back to the original text."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def original_slice(self, start: int, end: int) -> str:
        begin, stop = self.span(start, end)
        return self.original[begin:stop]


def fold_char(char: str) -> str:
    """One character folded for matching (may become several characters, e.g. 'ﬁ')."""
    return unicodedata.normalize("NFKC", char).translate(_EXTRA)


@lru_cache(maxsize=4096)
def normalise(text: str) -> Normalised:
    """Fold `text` (NFKC, quotes, dashes, odd spaces) keeping an offset map."""
    if text.isascii():
        return Normalised(text, text, None, None)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char) if not char.isascii() else char
        out.append(folded)
        starts.extend([index] * len(folded))
        ends.extend([index + 1] * len(folded))
    return Normalised(text, "".join(out), tuple(starts), tuple(ends))


def lower_same_length(text: str) -> str:
    """Lower-case without changing the length ('İ'.lower() has two characters)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold_phrase(text: str) -> str:
    """A phrase folded for comparison: normalised, lower-cased, spaces collapsed."""
    return " ".join(lower_same_length(normalise(text).text).split())
