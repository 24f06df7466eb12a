"""Simple English inflections for terminology: enough for "logs in", "logged in",
"logging in" and plural "logins", and to inflect the right term the same way."""

from __future__ import annotations

_VOWELS = "aeiou"


def _doubles(word: str) -> bool:
    """Short consonant-vowel-consonant verbs double their last letter: log -> logged."""
    return (
        len(word) >= 3
        and len(word) <= 4
        and word[-1] not in _VOWELS + "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def inflect(word: str, kind: str) -> str:
    """`word` with the inflection `kind` ('s', 'ed', 'ing'; '' leaves it)."""
    if kind == "s":
        return word + ("es" if word.endswith(("s", "x", "z", "ch", "sh")) else "s")
    if kind in ("ed", "ing"):
        if word.endswith("e"):
            return word[:-1] + kind if kind == "ing" else word + "d"
        if _doubles(word.lower()):
            return word + word[-1] + kind
        return word + kind
    return word


def inflections(word: str, verb: bool) -> dict[str, str]:
    """Forms of `word` mapped to their inflection kind: plurals only, or verb forms too."""
    kinds = ("", "s", "ed", "ing") if verb else ("", "s")
    forms = {inflect(word, kind): kind for kind in reversed(kinds)}
    if verb and _doubles(word):
        forms[word + "ed"] = "ed"  # both spellings occur ("loged" is still the wrong term)
    return forms


def match_case(found: str, replacement: str) -> str:
    """`replacement` in the casing of `found`: LOG IN -> SIGN IN, Log In -> Sign In."""
    letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    words = found.replace("-", " ").split()
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        return " ".join(w[:1].upper() + w[1:] for w in replacement.split())
    if found[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
