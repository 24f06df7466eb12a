"""Word-aligned tokens of normalised text, the candidates a brand name is compared with.

Tokens split on white space and hyphens, so "Nova Bridge", "Nova-Bridge" and "NovaBridge"
are all one to three tokens whose skeletons join to "novabridge". Sentence punctuation is
trimmed from a token's ends (and stops a candidate window there); a possessive "'s" is
set aside so "NovaBridge's" is the name in another grammatical form, not a misspelling.
Chinese has no spaces: every Han character is a token of its own and Latin text glued to
Han ("NovaBridge帮助") ends at the script boundary, so a window of characters is a word
window like any other ("新桥云" is three tokens whose skeletons join to "新桥云"). Kana and
Hangul are split the same way (Japanese and Korean particles), and a run of Arabic letters
is its own token (clitics written onto a Latin name).
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Han, kana and Hangul: one token per character, so a particle glued to a name ("NovaBridge
# を", "NovaBridge를") ends the name's token at the script boundary.
_HAN = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_ARABIC = "\u0600-\u06ff\u0750-\u077f"  # a clitic glued to a Latin name ("وNovaBridge")
# Chinese punctuation (folded to ".", "," ...) needs no space after it: "协作。NovaBridge".
# "[" ends a word: a citation mark glued to it ("tcpdump[4]", "tcpdump[ 4 ]") is not part of it.
_TOKEN = re.compile(rf"[{_HAN}]|(?<=[{_HAN}])[.,;:!?…]+|[{_ARABIC}]+|[^\s\-\[{_HAN}{_ARABIC}]+")
LEAD = "\"'`([{<*¿¡"  # trimmed from a token's start
TRAIL = "\"')]}>*,;:?!.…®™℠"  # ... and from its end (a trade mark sign is not part of the name)
_STOPS = set(",;:?!.…)]}>\"'")


class Token(NamedTuple):
    """A tuple, not a dataclass: blocks hold thousands and tuples are built in C."""

    start: int  # core span in the normalised text (punctuation trimmed)
    end: int
    base_end: int  # end without a possessive "'s" / "'"
    skeleton: str  # case-folded core without the possessive
    full: str  # case-folded core with it ("mcdonald's" must stay whole for McDonald's)
    stop_before: bool  # opening quote/bracket: a window may not reach back past it
    stop_after: bool  # sentence punctuation follows: a window may not run on past it
    separator: str  # what precedes the token: " " or "-" (or "" for the first)


_new_token = tuple.__new__  # a Token without NamedTuple's Python-level __new__


def tokenise(text: str) -> list[Token]:
    tokens: list[Token] = []
    previous_end = 0
    for match in _TOKEN.finditer(text):
        raw_start, raw_end = match.span()
        raw = match.group()
        lead = raw.lstrip(LEAD)
        core = lead.rstrip(TRAIL)
        if not core:
            if tokens:
                tokens[-1] = tokens[-1]._replace(stop_after=True)
            previous_end = raw_end
            continue
        start = raw_end - len(lead)
        end = start + len(core)
        base_end = end
        if len(core) > 2 and (core[-2:] == "'s" or core[-2:] == "'S"):
            base_end = end - 2
        elif len(core) > 2 and core[-1] == "'" and core[-2] in "sS":
            base_end = end - 1
        if base_end < end:
            base_end = start + len(text[start:base_end].rstrip(TRAIL))
            # "FRITZ!'s", "Ferrari N.V.'s"
        gap = text[previous_end:raw_start]
        full = core.casefold()
        tokens.append(
            _new_token(
                Token,
                (
                    start,
                    end,
                    base_end,
                    full if base_end == end else text[start:base_end].casefold(),
                    full,
                    start > raw_start,
                    end < raw_end and not _STOPS.isdisjoint(raw[end - raw_start :]),
                    ("-" if "-" in gap and not gap.strip(" -") else " ") if gap else "",
                ),
            )
        )
        previous_end = raw_end
    return tokens


def skeleton(text: str) -> str:
    """A name's skeleton: case-folded, without spaces, hyphens and end punctuation."""
    return "".join(t.full for t in tokenise(text))


def alnum_length(text: str) -> int:
    return sum(c.isalnum() for c in text)
