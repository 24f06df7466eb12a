"""Phone numbers found in text by `phonenumbers`' own matcher, each candidate judged once.

`PhoneNumberMatcher` parses and validates every digit group it meets: 40 % of the facts
check's time on crawl_bench's paragraphs, where the same "+44 20 7946 0321", "12" and
"SE1 9AB" come back on every page. A candidate's verdict depends only on the candidate, the
character before it (a Latin letter there rejects it), the three after it (a ":30" after a
date rejects it as a time stamp), the region and the leniency: that is the memo's key, so
the matches are the library's, found in the library's order. Candidates are looked for only
where one can start (a bracket, a plus, a digit). Text with fewer digits than the shortest
national number the library parses (`_MIN_LENGTH_FOR_NSN`) holds no number and skips the
matcher. (The memo does not count tries towards the matcher's `max_tries`, 65,535 failed
candidates in one block.)
"""

from __future__ import annotations

import re
from typing import Any

import phonenumbers
from phonenumbers.phonenumbermatcher import (
    _LEAD_CLASS,
    _PATTERN,
    PhoneNumberMatch,
    PhoneNumberMatcher,
)
from phonenumbers.phonenumberutil import _MIN_LENGTH_FOR_NSN, _SECOND_NUMBER_START_PATTERN

MEMO_SIZE = 20_000  # distinct candidates kept; the memo starts afresh when full
FOLLOWING = 3  # characters after a candidate the matcher reads (":[0-5]\d" after a time stamp)
_DIGIT = re.compile(r"\d")  # the matcher's own digit class (Unicode decimals)
assert _MIN_LENGTH_FOR_NSN == 2  # what may_hold_number looks for
# _PATTERN = (?:[lead chars][punctuation]{0,4}){0,2}\d{1,20}...: its first character
assert _LEAD_CLASS.startswith("[") and _LEAD_CLASS.endswith("]")
_CANDIDATE_START = re.compile(_LEAD_CLASS[:-1] + r"\d]")  # one class: a fast scan
_verdicts: dict[tuple[Any, ...], Any] = {}  # key -> (start in candidate, raw, number) or None
_UNSEEN = object()


class _MemoMatcher(PhoneNumberMatcher):
    """The library's matcher, with `_extract_match` (a candidate's verdict) memoised and
    its candidate search started only where a candidate can start."""

    def _find(self, index: int) -> PhoneNumberMatch | None:
        # PhoneNumberMatcher._find (phonenumbers 9.0) line for line, but for _candidate.
        match = _candidate(self.text, index)
        while self._max_tries > 0 and match is not None:
            start = match.start()
            candidate = self.text[start : match.end()]
            candidate = self._trim_after_first_match(_SECOND_NUMBER_START_PATTERN, candidate)
            candidate_len = len(candidate)
            if candidate_len >= self._min_candidate_length:
                found = self._extract_match(candidate, start)
                if found is not None:
                    return found
                self._max_tries -= 1
            index = start + candidate_len
            match = _candidate(self.text, index)
        return None

    def _extract_match(self, candidate: str, offset: int) -> PhoneNumberMatch | None:
        end = offset + len(candidate)
        before = self.text[offset - 1] if offset > 0 else ""
        key = (candidate, before, self.text[end : end + FOLLOWING], self.preferred_region,
               self.leniency)  # fmt: skip
        verdict = _verdicts.get(key, _UNSEEN)  # one lookup: another thread may clear it
        if verdict is _UNSEEN:
            match = super()._extract_match(candidate, offset)
            verdict = None if match is None else (match.start - offset, match.raw_string,
                                                  match.number)  # fmt: skip
            if len(_verdicts) >= MEMO_SIZE:
                _verdicts.clear()
            _verdicts[key] = verdict
        if verdict is None:
            return None
        start, raw, number = verdict
        return PhoneNumberMatch(offset + start, raw, number)


def _candidate(text: str, index: int) -> re.Match[str] | None:
    """`_PATTERN.search(text, index)`, twice as fast: the pattern opens with an optional
    group, so the regex engine tried it at every character; a candidate starts with an
    opening bracket, a plus sign or a digit, and is tried only there (the leftmost match
    either way)."""
    for start in _CANDIDATE_START.finditer(text, index):
        match = _PATTERN.match(text, start.start())
        if match is not None:
            return match
    return None


def may_hold_number(text: str) -> bool:
    """At least as many digits (2) as the shortest national number `phonenumbers` parses."""
    if text.isascii():  # \d is [0-9] there: found by memchr in C, not tried per character
        present = list(filter(text.__contains__, "0123456789"))
        return len(present) > 1 or (len(present) == 1 and text.count(present[0]) > 1)
    first = _DIGIT.search(text)
    return first is not None and _DIGIT.search(text, first.end()) is not None


def phone_matches(text: str, region: str | None) -> list[PhoneNumberMatch]:
    """What `PhoneNumberMatcher(text, region or "ZZ", VALID)` finds, in its order."""
    if not may_hold_number(text):
        return []
    return list(_MemoMatcher(text, region or "ZZ", phonenumbers.Leniency.VALID))
