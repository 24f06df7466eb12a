"""What each white-space word of a text holds for protection, worked out once per distinct word.

Every protected pattern but inline code, and every code-like pattern but a command, lies
inside one run of non-space characters (`protected`, `code_like`), and `str.split()` cuts a
text into exactly those runs, in C. A run's spans depend on the run alone (it is searched as
if it were the whole text: white space or nothing lies either side of it), and real text
repeats its words ("ideas.", "Ltd.", a site's own address), so the spans of each distinct
word are remembered: a paragraph costs one split and one look-up per word where the regexes
cost 40-60 µs, and only a word that holds a span is placed in the text.
"""

from __future__ import annotations

import re

from brandaudit.checks.text.code_like import COMMAND_WORDS, DOT_SLASH, IN_ONE_RUN, word_runs

Spans = tuple[tuple[int, int], ...]
# A word's marks: (a command word stands among its runs, protected spans, code-like spans),
# spans relative to the word; None when it holds none of the three (most words).
Marks = tuple[bool, Spans, Spans] | None
_MEMO_LIMIT = 200_000  # distinct words remembered before the memo starts afresh


class WordMarks(dict[str, Marks]):
    """word -> its marks, computed on first sight (a hit is one C-level look-up)."""

    def __init__(self, protected: re.Pattern[str], needs: re.Pattern[str]) -> None:
        super().__init__()
        self.protected = protected  # the protected patterns (protected.py imports this module)
        self.needs = needs  # a character every one of them needs

    def __missing__(self, word: str) -> Marks:
        if len(self) > _MEMO_LIMIT:
            self.clear()
        marks = self[word] = self._marks(word)
        return marks

    def _marks(self, word: str) -> Marks:
        command = not COMMAND_WORDS.isdisjoint(word_runs(word))
        protected: Spans = ()
        if self.needs.search(word):
            protected = tuple(m.span() for m in self.protected.finditer(word))
        code: Spans = ()
        if DOT_SLASH.search(word):
            code = tuple(m.span() for m in IN_ONE_RUN.finditer(word))
        return (command, protected, code) if command or protected or code else None


def word_starts(text: str, words: list[str], wanted: list[int]) -> list[int]:
    """Where the `wanted` (ascending) words of `text.split()` start: added up in C when one
    character parts every two words, else found in order (only white space lies before the
    next word)."""
    if sum(map(len, words)) + len(words) - 1 == len(text):
        return [sum(map(len, words[:k])) + k for k in wanted]
    starts, position, find = [], 0, text.find
    for word in words[: wanted[-1] + 1]:
        position = find(word, position)
        starts.append(position)
        position += len(word)
    return [starts[k] for k in wanted]
