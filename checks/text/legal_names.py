"""When a written legal name is the legal name: without its article, with its abbreviation.

"qBittorrent project won ..." names "The qBittorrent project": English drops the article
where grammar wants (and a fuzzy hit may take the word before it, "that qBittorrent
project"). "Huntertex Corp. (HTX)" adds the abbreviation the page goes on to use. Neither is
a legal name an editor would change.
"""

from __future__ import annotations

import re

from brandaudit.checks.text.normalise import fold_phrase

_ARTICLES = frozenset(
    [
        "the",
        "a",
        "an",
        "la",
        "le",
        "les",
        "el",
        "los",
        "las",
        "der",
        "die",
        "das",
        "de",
        "het",
        "il",
        "lo",
    ]
)
_PARENTHESES = re.compile(r"[(（][^()（）]*[)）]")
_WORD = re.compile(r"\w+")


def _core(text: str) -> list[str]:
    words = _WORD.findall(fold_phrase(_PARENTHESES.sub(" ", text)))
    while words and words[0] in _ARTICLES:
        words = words[1:]
    return words


def same_legal_name(found: str, legal: str) -> bool:
    """True when `found` is `legal` less a leading article or a parenthesised abbreviation,
    or with one neighbouring lower-case word the match took in ("that qBittorrent project")."""
    want, have = _core(legal), _core(found)
    if not want or have == want:
        return bool(want)
    extra = len(have) - len(want)
    if extra == 1 and have[1:] == want and found.split()[0].islower():
        return True
    return extra == 1 and have[:-1] == want and found.split()[-1].islower()
