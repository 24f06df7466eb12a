"""The correct name with a case ending of another language: a grammatical form, not a typo.

Polish, Finnish, Czech, Hungarian, Turkish and the Baltic languages write case endings onto
a name ("korzystamy z NovaBridgea", "NovaBridgen palvelut", "o NovaBridgeu",
"NovaBridgeet"). The name is written exactly, in its own casing, and the ending is a short
lower-case suffix from the endings of those languages: the name in another grammatical
form (CONTRACT §4), like "NovaBridge's". Endings glued with an apostrophe or a hyphen
("NovaBridge'a", "NovaBridge-owi") are split off by the tokeniser already.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from brandaudit.checks.text.name_match import NameEntry

# Case endings (nominal inflection) of Polish, Czech, Slovak, Finnish, Estonian,
# Hungarian, Turkish, Latvian and Lithuanian that are written straight onto a name.
ENDINGS = frozenset(
    [
        "a",
        "e",
        "i",
        "o",
        "u",
        "y",
        "n",
        "s",
        "t",
        "ą",
        "ę",
        "ów",
        "owi",
        "em",
        "om",
        "ie",
        "ach",
        "ami",
        "ovi",
        "ou",
        "ům",
        "ech",
        "ách",
        "ssa",
        "ssä",
        "sta",
        "stä",
        "lla",
        "llä",
        "lta",
        "ltä",
        "lle",
        "ksi",
        "na",
        "nä",
        "in",
        "ia",
        "iä",
        "ja",
        "jä",
        "ta",
        "tä",
        "ot",
        "et",
        "at",
        "nak",
        "nek",
        "val",
        "vel",
        "ban",
        "ben",
        "ba",
        "be",
        "ra",
        "re",
        "ról",
        "ről",
        "hoz",
        "hez",
        "höz",
        "tól",
        "től",
        "nál",
        "nél",
        "ın",
        "un",
        "ün",
        "ı",
        "ü",
        "da",
        "de",
        "dan",
        "den",
        "ya",
        "ye",
        "yi",
        "yı",
        "nin",
        "nın",
        "as",
        "is",
        "us",
        "os",
        "ui",
        "ai",
        "ą",
        "ų",
    ]
)
MAX_ENDING = 3
# Languages that write case endings onto names; a page in another language (or of unknown
# language) keeps "NovaBridgea" a misspelling.
INFLECTING = frozenset(
    ["pl", "cs", "sk", "fi", "et", "hu", "tr", "lv", "lt", "sl", "hr", "sr", "bs"]
)


def inflects(lang: str | None) -> bool:
    return bool(lang) and lang.split("-")[0].lower() in INFLECTING


def inflected_name(written: str, by_head: dict[str, list[NameEntry]]) -> NameEntry | None:
    """The name `written` is, with a case ending added; None when it is not one."""
    for entry in by_head.get(written[:3], ()):
        name = entry.surface
        ending = written[len(name) :]
        if (
            written.startswith(name)
            and 0 < len(ending) <= MAX_ENDING
            and ending in ENDINGS
            and name[-1:].isalnum()
            and entry.length >= 4
        ):
            return entry
    return None
