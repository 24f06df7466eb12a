"""Quoted third-party text: held to our guideline at most as information.

A testimonial, a cited talk or article title ("Develop a Packet Sniffer with Libpcap by Vic
Hargrave."), a blockquote: the words are someone else's, and an editor cannot change them
(only decide whether to quote them). Findings in such text are reported at info level.
"""

from __future__ import annotations

import re
from functools import lru_cache

_QUOTE_SELECTOR = re.compile(r"(?:^|[\s>+~])(?:blockquote|q|cite)\b")
_OPENING = "\"“„«‹「『'‘"
_CLOSING = "\"”“»›」』'’"
# A first and a last name at least, maybe with where it appeared: "(Hakin9 Magazine, 2/2008)".
_PERSON = r"[A-Z][a-z]+(?:\s+[A-Z][\w.'-]+){1,3}(?:\s*\([^()]{1,60}\))?"
# "... by Vic Hargrave." / "... great.” — Jane Doe, CTO": a work or a quote, then its author.
_BY = rf"\s+by\s+{_PERSON}\.?"
_DASH = rf"(?<=[.!?\"”])\s*[—–-]{{1,2}}\s*{_PERSON}(?:,\s*[\w .&'-]{{1,40}})?"
_LINKS = r"(?:\s*\[[^\[\]]{1,40}\])*"  # "[code samples]", "[slides]" after the credit
_ATTRIBUTION = re.compile(rf"(?:{_BY}|{_DASH}){_LINKS}\s*$")
MAX_TITLE_WORDS = 20  # an attributed title or quote is short; a long paragraph is ours


@lru_cache(maxsize=256)  # asked again for each name in the same block
def quoted_end(text: str, selector: str) -> int:
    """Where the quoted part of `text` ends: len(text) inside blockquote/q/cite or quotation
    marks, the start of the attribution for an attributed title or quote, else 0."""
    if _QUOTE_SELECTOR.search(selector):
        return len(text)
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] in _OPENING and stripped.rstrip(".!?")[-1:] in _CLOSING:
        return len(text)
    short = len(text.split(None, MAX_TITLE_WORDS)) <= MAX_TITLE_WORDS  # stops at a long one
    if short and (match := _ATTRIBUTION.search(text)):
        return match.start()
    return 0
