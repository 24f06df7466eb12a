"""Spans where names and terms are never findings: URLs, domains, e-mail addresses,
file names, @handles, #hashtags and code (marked up, or code-like: see code_like).

A brand's own domain or logo file name is spelled the way DNS and file systems need, not
the way the brand is written in prose (CONTRACT §4), so these spans are masked before any
text check looks for names, terms or numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import compress

from brandaudit.checks.text.code_like import CODE_LIKE, sentence_spans
from brandaudit.checks.text.word_marks import WordMarks, word_starts

_TLDS = (
    "com|org|net|edu|gov|mil|int|info|biz|name|pro|io|co|ai|app|dev|cloud|example|test|"
    "local|online|site|tech|store|shop|blog|xyz|me|tv|ly|gg|sh|so|to|fm|am|cc|eu|asia|"
    "uk|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|cz|pt|ie|gr|ru|ua|tr|cn|hk|tw|jp|kr|in|"
    "sg|au|nz|ca|us|mx|br|ar|cl|za|ng|ke|il|ae|sa|id|my|th|vn|ph"
)
_FILE_EXT = (
    "png|jpe?g|gif|svg|webp|ico|bmp|tiff?|pdf|docx?|xlsx?|pptx?|csv|txt|md|json|ya?ml|"
    "xml|html?|css|js|ts|py|zip|gz|tar|mp4|mp3|mov|wav|woff2?|ttf|otf|exe|dmg|apk"
)
_URL_REST = r"\S*?(?=[.,;:!?)\]'\"]*(?:\s|$))"  # up to white space, less end punctuation
_PATTERNS = [
    rf"\b[a-z][a-z0-9+.-]*://{_URL_REST}",  # URLs with a scheme
    rf"\b(?:mailto|tel):{_URL_REST}",
    rf"\bwww\.{_URL_REST}",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail addresses
    rf"(?<![\w@.-])(?:[\w-]+\.)+(?:{_TLDS})\b(?:/\S*)?",  # bare domains and paths
    rf"[\w.-]+\.(?:{_FILE_EXT})\b",  # file names
    r"(?<![\w@])@\w[\w.]*\w|(?<![\w@])@\w",  # @handles
    r"(?<![\w&#])#\w+",  # #hashtags
    r"`[^`]*`",  # inline code
    r"\b\w+(?:_\w+)+\b",  # snake_case identifiers
    r"\b[\w.]+\(\)",  # calls such as novabridge.connect()
    r"(?<!\w)(?:~|\.{1,2})?/[\w.-]+(?:/[\w.-]*)+",  # file system paths
]
# Every pattern but inline code matches within one run of non-space characters holding one of
# these; so a text without backticks is searched only in such runs, one distinct word at a time
# (`word_marks`: same matches, a fraction of the work on prose).
_IN_RUN = ".:@#_(/"
_IN_RUN_CHARS = re.compile(f"[{re.escape(_IN_RUN)}]")
_DOMAIN_SUFFIX = re.compile(rf"\.(?:{_TLDS})$", re.IGNORECASE)
_PROTECTED = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
_WORD_MARKS = WordMarks(_PROTECTED, _IN_RUN_CHARS)
PICTURE_LINE = "ocr:"  # the selector prefix image_text gives each line read from a picture
_CODE_SELECTOR = re.compile(r"(?:^|[\s>+~])(?:code|pre|kbd|samp|script|style|var)\b")


def ends_like_domain(token: str) -> bool:
    """'booking.com' may be the address; 'node.js' is never one."""
    return bool(_DOMAIN_SUFFIX.search(token))


@lru_cache(maxsize=1024)  # a site has few distinct selectors
def is_code_selector(selector: str) -> bool:
    """True when the block sits inside <code>, <pre> and the like."""
    return bool(_CODE_SELECTOR.search(selector))


class Protected:
    """Sorted, merged protected spans of one text, with a fast overlap test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        if not spans:  # most blocks
            self.spans: list[tuple[int, int]] = []
            self._starts: list[int] = []
            return
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self.spans = merged
        self._starts = [s for s, _ in merged]

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_right(self._starts, end - 1) - 1
        return index >= 0 and self.spans[index][1] > start

    def without(self, spans: set[tuple[int, int]]) -> Protected:
        """The same protection less some spans (names that look like files or domains)."""
        return Protected([span for span in self.spans if span not in spans])

    def mask(self, text: str, fill: str = " ") -> str:
        """`text` with protected spans blanked out (same length, so positions hold)."""
        if not self.spans:
            return text
        parts, last = [], 0
        for start, end in self.spans:
            parts.append(text[last:start])
            parts.append(fill * (end - start))
            last = end
        parts.append(text[last:])
        return "".join(parts)


@lru_cache(maxsize=4096)
def protected_spans(text: str, selector: str = "") -> Protected:
    """Protected spans of normalised `text`; a code block is protected as a whole."""
    if selector and is_code_selector(selector):
        return Protected([(0, len(text))])
    spans = sentence_spans(text, picture=selector.startswith(PICTURE_LINE))
    backticks, commands = "`" in text, "$" in text
    words = text.split()
    marks = list(map(_WORD_MARKS.__getitem__, words))
    if any(marks):
        marked = list(compress(range(len(words)), marks))
        commands = commands or any(marks[k][0] for k in marked)  # type: ignore[index]
        for k, at in zip(marked, word_starts(text, words, marked), strict=True):
            _, in_word, code = marks[k]  # type: ignore[misc]
            if not backticks:  # else searched over the whole text below
                spans += [(at + start, at + end) for start, end in in_word]
            if not commands:  # else CODE_LIKE is searched over the whole text below
                spans += [(at + start, at + end) for start, end in code]
    if commands:  # a command spans words, a "$Id: ... $" tag too
        spans += [m.span() for m in CODE_LIKE.finditer(text)]
    if backticks:  # inline code spans words
        spans += [m.span() for m in _PROTECTED.finditer(text)]
    return Protected(spans)
