"""Finding a phrase (a slogan, a legal name) inside a longer text block, with its exact span.

`partial_ratio_alignment` is the scorer that separates a planted phrase from unrelated text
(MEASURED.md); its window has the phrase's length, so the span is then snapped to whole words
and judged by the plain ratio of that span, which also catches an inserted word. Case,
quote style, spacing and punctuation are folded away first: a slogan in curly quotes or in a
capitalised headline is quoted right. Chinese is compared in Simplified script, character by
character.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from brandaudit.checks.text.chinese import has_han, to_simplified
from brandaudit.checks.text.normalise import lower_same_length, normalise

SHORT_PHRASE = 12  # characters; short phrases need a stricter cutoff (MEASURED.md)
CUTOFF, SHORT_CUTOFF = 85.0, 90.0
_PUNCT = re.compile(r"[^\w\s]+")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Compare form: normalised, lower case, Simplified, no punctuation, single spaces.
    Each phrase hit folds some twenty candidate spans: ASCII ones (normalised, Simplified
    and lower-cased as they are, by those functions' own ASCII paths) take the short way."""
    if text.isascii():
        return " ".join(_PUNCT.sub(" ", text.lower()).split())
    return _fold_unicode(text)


@lru_cache(maxsize=8192)
def _fold_unicode(text: str) -> str:
    folded = to_simplified(lower_same_length(normalise(text).text))
    return " ".join(_PUNCT.sub(" ", folded).split())


@lru_cache(maxsize=16)
def search_text(text: str) -> str:
    """Normalised block text folded for searching, same length (spans hold). Memoised for
    the few blocks in hand: every slogan and the legal name search the same block."""
    if text.isascii():
        return text.lower()  # what the two give ASCII text, without a search for Han
    return to_simplified(lower_same_length(text))


def cutoff_for(phrase: str) -> float:
    """85, or 90 for short phrases; Chinese is measured in characters: one wrong character
    in a seven-character slogan (ratio 85.7) is a misquote, two are something else."""
    folded = fold(phrase)
    if has_han(folded):
        return min(CUTOFF, 100.0 * (1 - 1 / max(2, len(folded))) - 0.5)
    return SHORT_CUTOFF if len(folded) <= SHORT_PHRASE else CUTOFF


@dataclass(frozen=True)
class PhraseHit:
    start: int  # span in the normalised text
    end: int
    score: float  # ratio of the folded span against the folded phrase
    exact: bool  # equal once case, quotes and punctuation are folded


@lru_cache(maxsize=64)
def _target(phrase: str) -> tuple[str, float, bool]:
    """The phrase folded, its cutoff and whether it is Chinese: once per phrase, not per
    block searched."""
    target = fold(phrase)
    return target, cutoff_for(phrase) if target else CUTOFF, has_han(target)


def find_phrase(phrase: str, text: str, cutoff: float | None = None) -> Iterator[PhraseHit]:
    """Occurrences of `phrase` in normalised `text` scoring at least `cutoff`."""
    target, own_cutoff, han = _target(phrase)
    if not target:
        return
    cutoff = own_cutoff if cutoff is None else cutoff
    haystack = search_text(text)
    pos = 0
    while pos < len(haystack):
        rest = haystack[pos:]
        alignment = fuzz.partial_ratio_alignment(target, rest, score_cutoff=cutoff - 15)
        if alignment is None:
            return
        start, end = alignment.dest_start + pos, alignment.dest_end + pos
        if end <= start:
            return
        hit = _exact_hit(target, haystack, start, end) or _best_span(
            target, haystack, start, end, han
        )
        if hit.score >= cutoff:
            yield hit
        pos = max(hit.end, end)


WORDS_AROUND = 3  # whole words looked at either side of an alignment (two are moved over)


def _words_near(haystack: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """(starts, ends) of the whole words of `haystack` around [start, end): at least
    WORDS_AROUND before and after it, or up to the text's edges. Listing every word of a
    100-word block for each hit cost more than the hit itself. A window edge at a non-word
    character cuts no word, so the window's words are the block's."""
    width = 64
    while True:
        lo, hi = max(0, start - width), min(len(haystack), end + width)
        while lo > 0 and _is_word_char(haystack[lo - 1]):
            lo -= 1
        while hi < len(haystack) and _is_word_char(haystack[hi]):
            hi += 1
        spans = [m.span() for m in _WORD.finditer(haystack, lo, hi)]
        before = sum(1 for _, e in spans if e <= start)
        after = sum(1 for s, _ in spans if s >= end)
        if (lo == 0 or before > WORDS_AROUND) and (hi == len(haystack) or after > WORDS_AROUND):
            return [s for s, _ in spans], [e for _, e in spans]
        width *= 4


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches in a str pattern


def _exact_hit(target: str, haystack: str, start: int, end: int) -> PhraseHit | None:
    """The hit `_best_span` finds when the alignment is the (ASCII) phrase itself, as whole
    words: every other span it tries holds a word more or less, so this one wins. Most hits
    are a slogan or a legal name quoted right, and skip twenty folds and ratios."""
    if not (target.isascii() and haystack.startswith(target, start) and end - start == len(target)):
        return None
    if not (haystack[start].isalnum() and haystack[end - 1].isalnum()):
        return None
    if start > 0 and _is_word_char(haystack[start - 1]):
        return None
    if end < len(haystack) and _is_word_char(haystack[end]):
        return None
    return PhraseHit(start, end, 100.0, True)


def _best_span(target: str, haystack: str, start: int, end: int, han: bool) -> PhraseHit:
    """The best-scoring span near the alignment, moving each end by up to two words."""
    options = [(start, end)]
    if not han:
        starts, ends = _words_near(haystack, start, end)
        # the first word ending after `start`, else the text's first; the last word
        # starting before `end`, else `first`
        first = bisect_right(ends, start)
        if first == len(ends):  # no word after the alignment: the whole text's words
            starts, ends = _words_near(haystack, 0, len(haystack))
            first = 0
        last = bisect_left(starts, end) - 1
        last = last if last >= 0 else first
        count = len(starts)
        options = [
            (starts[a], ends[b])
            for a in range(max(0, first - 1), min(count, first + 3))
            for b in range(max(a, last - 2), min(count, last + 3))
        ] or options
    best = None
    tried = set()
    for s, e in options:
        s, e = _trim(haystack, s, e)
        if (s, e) in tried:
            continue  # the same span again cannot score higher
        tried.add((s, e))
        found = fold(haystack[s:e])
        score = fuzz.ratio(found, target)
        if best is None or score > best.score:
            best = PhraseHit(s, e, round(score, 1), found == target)
            if score == 100:
                break  # nothing scores higher than the phrase itself
    assert best is not None
    return best


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def word_diff(expected: str, found: str) -> list[dict[str, str]]:
    """What changed, word by word (character by character for Chinese)."""
    a, b = fold(expected), fold(found)
    left, right = (list(a), list(b)) if has_han(a) else (a.split(), b.split())
    joiner = "" if has_han(a) else " "
    changes = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            changes.append(
                {"op": op, "expected": joiner.join(left[i1:i2]), "found": joiner.join(right[j1:j2])}
            )
    return changes
