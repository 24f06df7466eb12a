"""The tokens of a plain text block, built only where someone looks.

`tokenise` builds every token of a block in Python, a few microseconds each, and the name
index looks closely at a handful of them. For text without Han, kana, Hangul or Arabic
letters the raw words are exactly `str.split`'s words once hyphens and "[" are spaces (one
pass in C); what a distinct raw word holds (its core, skeleton, punctuation flags) is kept
across blocks, since real text repeats its words; and a token's position and `Token` are
made only when asked for. The tokens are `tokenise`'s, field for field (tests compare them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import overload

from brandaudit.checks.text.tokens import _ARABIC, _HAN, _STOPS, LEAD, TRAIL, Token

_NOT_PLAIN = re.compile(f"[{_HAN}{_ARABIC}]")  # texts holding these are cut by `tokenise`
_TO_SPACE = str.maketrans("-[", "  ")
_MEMO_LIMIT = 200_000  # distinct raw words remembered before the memo starts afresh

# What a raw word holds: (lead length, core length, base length, skeleton, full,
# stop_before, stop_after); skeleton, full and the flags sit where they sit in `Token`.
WordInfo = tuple[int, int, int, str, str, bool, bool]
_INFO: dict[str, WordInfo | None] = {}


def _word_info(raw: str) -> WordInfo | None:
    """Token fields of a raw word that depend on the word alone; None for punctuation only."""
    lead = raw.lstrip(LEAD)
    core = lead.rstrip(TRAIL)
    if not core:
        return None
    lead_length = len(raw) - len(lead)
    base = len(core)
    if len(core) > 2 and (core[-2:] == "'s" or core[-2:] == "'S"):
        base -= 2
    elif len(core) > 2 and core[-1] == "'" and core[-2] in "sS":
        base -= 1
    if base < len(core):
        base = len(core[:base].rstrip(TRAIL))  # "FRITZ!'s", "Ferrari N.V.'s"
    full = core.casefold()
    stop_after = lead_length + len(core) < len(raw) and not _STOPS.isdisjoint(
        raw[lead_length + len(core) :]
    )
    skeleton = full if base == len(core) else core[:base].casefold()
    return (lead_length, len(core), base, skeleton, full, lead_length > 0, stop_after)


def word_info(raw: str) -> WordInfo | None:
    """What a raw word holds, remembered (punctuation alone is not: it is rare, and a word
    missing from the memo is then what sends `word_infos` the long way)."""
    info = _INFO.get(raw)
    if info is None:
        info = _word_info(raw)
        if info is not None:
            if len(_INFO) > _MEMO_LIMIT:
                _INFO.clear()
            _INFO[raw] = info
    return info


def plain_raws(text: str) -> list[str] | None:
    """Raw words of `text` as `tokenise` cuts them, or None when the text holds Han, kana,
    Hangul or Arabic (`tokenise` must cut it)."""
    if not text.isascii() and _NOT_PLAIN.search(text):
        return None
    cut = "-" in text or "[" in text
    return (text.translate(_TO_SPACE) if cut else text).split()


def word_infos(raws: list[str]) -> list[WordInfo] | None:
    """What each raw word holds, or None when one is punctuation only (it marks its
    neighbour, which `tokenise` does)."""
    try:
        return list(map(_INFO.__getitem__, raws))  # all remembered: no punctuation alone
    except KeyError:
        infos = list(map(word_info, raws))
        return None if None in infos else infos  # type: ignore[return-value]


def plain_words(text: str) -> tuple[list[str], list[WordInfo]] | None:
    """Raw words of `text` and what each holds, or None when `tokenise` must cut it."""
    raws = plain_raws(text)
    infos = None if raws is None else word_infos(raws)
    return None if raws is None or infos is None else (raws, infos)


class LazyTokens(Sequence[Token]):
    """`tokenise(text)` for a plain text, each token made on first access."""

    def __init__(self, text: str, raws: list[str], infos: list[WordInfo]) -> None:
        self.text = text
        self.raws = raws
        self.infos = infos
        self._made: list[Token | None] = [None] * len(raws)
        self._offsets: list[int] | None = None  # see _at
        self._spaced = False

    def __len__(self) -> int:
        return len(self.raws)

    @property
    def raw_starts(self) -> list[int]:
        """Where each raw word starts."""
        return [self._at(k) for k in range(len(self.raws))]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Start of token i and end of token j, with no token made."""
        infos = self.infos
        return self._at(i) + infos[i][0], self._at(j) + infos[j][0] + infos[j][1]

    def _at(self, k: int) -> int:
        """Where raw word k starts. When one character parts every two words (the usual
        text) that is the letters before it plus k, added up in C once per block; else the
        starts are found in order (only separators lie before the next word)."""
        offsets = self._offsets
        if offsets is None:
            offsets = self._offsets = self._find_offsets()
        return offsets[k] + k if self._spaced else offsets[k]

    def _find_offsets(self) -> list[int]:
        raws = self.raws
        before = list(accumulate(map(len, raws), initial=0))  # letters before each word
        if before[-1] + len(raws) - 1 == len(self.text):
            self._spaced = True
            return before
        starts, position, find = [], 0, self.text.find
        for raw in raws:
            position = find(raw, position)
            starts.append(position)
            position += len(raw)
        return starts

    def _token(self, k: int) -> Token:
        made = self._made[k]
        if made is not None:
            return made
        raw_start = self._at(k)
        lead, core, base, skeleton, full, stop_before, stop_after = self.infos[k]
        if k:
            gap = self.text[self._at(k - 1) + len(self.raws[k - 1]) : raw_start]
        else:
            gap = self.text[:raw_start]
        separator = ("-" if "-" in gap and not gap.strip(" -") else " ") if gap else ""
        start = raw_start + lead
        token = Token(
            start,
            start + core,
            start + base,
            skeleton,
            full,
            stop_before,
            stop_after,
            separator,
        )
        self._made[k] = token
        return token

    @overload
    def __getitem__(self, index: int) -> Token: ...

    @overload
    def __getitem__(self, index: slice) -> list[Token]: ...

    def __getitem__(self, index: int | slice) -> Token | list[Token]:
        if index.__class__ is int and index >= 0:  # the usual case, first
            made = self._made[index]  # IndexError past the end, as a list's
            return made if made is not None else self._token(index)
        if isinstance(index, slice):
            return [self._token(k) for k in range(*index.indices(len(self.raws)))]
        if index < 0:
            index += len(self.raws)
        if not 0 <= index < len(self.raws):
            raise IndexError(index)
        return self._token(index)

    def __iter__(self) -> Iterator[Token]:
        return (self._token(k) for k in range(len(self.raws)))
