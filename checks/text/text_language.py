"""The language a text block is written in, read from its script, not from `lang`.

Pages lie about their language: on a real company site the Chinese pages declared
`lang="en"`, so the guideline's zh-CN slogan was never compared with them and three
misquotes went unreported. A block's writing system settles the languages that have their
own: Chinese (Han without kana), Japanese (kana), Korean (Hangul). Those are the locales a
lying `lang` hides, because a Latin-script slogan never matches Han text and vice versa.
Between Latin-script languages (en vs de) script says nothing; there the page's `lang`
still decides (a statistical detector would be needed, and is not worth its false calls on
blocks of a few words such as a slogan).
"""

from __future__ import annotations

import re

from brandaudit.checks.text.chinese import HAN, primary_language

KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
OWN_SCRIPT_LANGUAGES = frozenset({"zh", "ja", "ko"})
MIN_CHARS = 2  # one stray character (a 中 in a logo caption) does not make a block Chinese


def languages_by_script(text: str) -> frozenset[str]:
    """The own-script languages the text is written in (a mixed block may hold several)."""
    if text.isascii():
        return frozenset()  # no kana, Han or Hangul: the common case, without three scans
    found = set()
    if len(KANA.findall(text)) >= MIN_CHARS:
        found.add("ja")
    elif len(HAN.findall(text)) >= MIN_CHARS:
        found.add("zh")
    if len(HANGUL.findall(text)) >= MIN_CHARS:
        found.add("ko")
    return frozenset(found)


def is_in_language(text: str, locale: str, page_lang: str | None) -> bool:
    """Whether `text` is written in `locale`'s language: by its script for zh, ja and ko
    (whatever the page declares), else by the page's `lang` (unknown: yes)."""
    language = primary_language(locale)
    if language in OWN_SCRIPT_LANGUAGES:
        return language in languages_by_script(text)
    page = primary_language(page_lang)
    return page is None or page == language
