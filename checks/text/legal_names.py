"""When a written legal name is the legal name: one comparison for every spelling we accept.

Accepted, because no editor would change them: the legal suffix spelt another way ("Limited"
for "Ltd"), the leading article dropped where grammar wants ("qBittorrent project won ..."
for "The qBittorrent project"), an abbreviation in parentheses after it ("Huntertex Corp.
(HTX)"), one neighbouring lower-case word the fuzzy match took in ("that qBittorrent
project"), and the short form without its suffix ("NovaBridge Systems" for "NovaBridge
Systems Ltd"). Everything else one or two letters off is a misspelt legal name.
"""

from __future__ import annotations

import re

from brandaudit.checks.text.phrases import fold

ARTICLES = frozenset(
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
)  # leading articles a legal name may lose in running text
_SUFFIXES = {"limited": "ltd", "incorporated": "inc", "corporation": "corp", "company": "co"}
_PARENTHESES = re.compile(r"[(（][^()（）]*(?:[)）]|$)")


def legal_words(text: str) -> list[str]:
    """Compare form: folded words, suffixes spelt one way, no parentheses, no leading article."""
    words = [_SUFFIXES.get(w, w) for w in fold(_PARENTHESES.sub(" ", text)).split()]
    while len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return words


def same_legal_name(found: str, legal: str) -> bool:
    """True when `found` is `legal` written in one of the accepted ways (module docstring)."""
    want, have = legal_words(legal), legal_words(found)
    if not want or not have:
        return False
    if have == want or (len(have) < len(want) and want[: len(have)] == have):
        return True  # the same words, or the short form (the suffix left out)
    if len(have) - len(want) != 1:
        return False
    if have[1:] == want and found.split()[0].islower():
        return True
    return have[:-1] == want and found.split()[-1].islower()
