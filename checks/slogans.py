"""text.slogan_misquoted and text.slogan_deprecated: slogans quoted word for word.

What it finds: looks for every approved and deprecated slogan inside each text block (also in
a longer sentence) with fuzzy alignment, and reports the exact span. An approved slogan that
differs in its words ("Bridges that carry your ideas") is misquoted, with a word-level diff;
a deprecated slogan is reported even with a small typo, with its replacement.
Why it matters: a slogan is a fixed formula; near-quotes dilute it and retired ones confuse.
Never a finding: a difference only in case, quote style, spacing or punctuation (headlines and
CSS capitalise, typography curls quotes: the words are what the brand owns); the same Chinese
slogan in the other script (that is `text.script_mismatch`'s business); a near match that
begins or ends inside a hyphenated word ("vacuum-based surface engineering").
A slogan with a `locale` is looked for only in text of that language: Chinese, Japanese and
Korean known by their script whatever `lang` says (zh-CN also in Traditional text, compared
in Simplified script), other languages by the page's `lang`; one without applies everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from brandaudit.brand_assets.guideline import Guideline, Slogan
from brandaudit.checks.finding import Finding, Severity
from brandaudit.checks.registry import Rule, check
from brandaudit.checks.text.blocks import BlockText, iter_blocks, text_finding
from brandaudit.checks.text.chinese import has_han, primary_language
from brandaudit.checks.text.phrases import PhraseHit, find_phrase, word_diff
from brandaudit.checks.text.text_language import is_in_language
from brandaudit.crawler.run_store import CrawlResult

MISQUOTED = Rule(
    id="text.slogan_misquoted",
    severity=Severity.WARNING,
    title="Approved slogans quoted word for word",
    why="A slogan is a fixed formula; every near-quote weakens it.",
    fix="Quote the approved slogan exactly.",
)
DEPRECATED = Rule(
    id="text.slogan_deprecated",
    severity=Severity.ERROR,
    title="No retired slogans",
    why="A retired slogan tells readers the page is out of date and mixes two brand voices.",
    fix="Replace the retired slogan with its successor, or remove it.",
)


def applies(slogan: Slogan, page_lang: str | None, text: str) -> bool:
    """A slogan without locale applies everywhere; one with a locale on text in its language:
    by the text's own script for Chinese, Japanese and Korean (a page's `lang` may lie), by
    the page's `lang` otherwise (see checks/text/text_language.py)."""
    if slogan.locale is None:
        return True
    if primary_language(page_lang) is None and not has_han(slogan.text) and has_han(text):
        return False  # a Latin-script slogan is not looked for in Chinese text
    return is_in_language(text, slogan.locale, page_lang)


@check(MISQUOTED, DEPRECATED, page_local=True)
def run(result: CrawlResult, guideline: Guideline) -> Iterable[Finding]:
    slogans = [(s, False) for s in guideline.slogans.approved]
    slogans += [(s, True) for s in guideline.slogans.deprecated]
    if not slogans:
        return []
    return [f for item in iter_blocks(result) for f in _block_findings(item, slogans)]


def _block_findings(item: BlockText, slogans: list[tuple[Slogan, bool]]) -> Iterator[Finding]:
    hits: list[tuple[PhraseHit, Slogan, bool]] = []
    for slogan, deprecated in slogans:
        if applies(slogan, item.page.lang, item.text):
            hits.extend((hit, slogan, deprecated) for hit in find_phrase(slogan.text, item.text))
    # Overlapping hits (similar approved and retired slogans): the closest reading wins.
    hits.sort(key=lambda h: (-h[0].exact, -h[0].score, h[2] is False))
    taken: list[PhraseHit] = []
    for hit, slogan, deprecated in hits:
        if any(hit.start < t.end and t.start < hit.end for t in taken):
            continue
        taken.append(hit)
        if deprecated:
            yield _deprecated(item, hit, slogan)
        elif not hit.exact and not inside_compound(item.text, hit.start, hit.end):
            yield _misquoted(item, hit, slogan)


def inside_compound(text: str, start: int, end: int) -> bool:
    """'vacuum-based surface engineering' is not 'Advanced Surface Engineering' misquoted:
    a near match that begins or ends inside a hyphenated word says something else."""
    before = start > 1 and text[start - 1] in "-\u2010\u2011" and text[start - 2].isalnum()
    after = end + 1 < len(text) and text[end] in "-\u2010\u2011" and text[end + 1].isalnum()
    return before or after


def _misquoted(item: BlockText, hit: PhraseHit, slogan: Slogan) -> Finding:
    found = item.norm.original_slice(hit.start, hit.end)
    return text_finding(
        MISQUOTED,
        item,
        hit.start,
        hit.end,
        message=f"Slogan misquoted as '{found}'; the approved slogan is '{slogan.text}'.",
        evidence={
            "found": found,
            "expected": slogan.text,
            "score": hit.score,
            "diff": word_diff(slogan.text, found),
            "locale": slogan.locale,
        },
        suggestion=f"Replace '{found}' with '{slogan.text}'.",
    )


def _deprecated(item: BlockText, hit: PhraseHit, slogan: Slogan) -> Finding:
    found = item.norm.original_slice(hit.start, hit.end)
    successor = slogan.replaced_by
    return text_finding(
        DEPRECATED,
        item,
        hit.start,
        hit.end,
        message=f"Retired slogan '{slogan.text}' appears as '{found}'.",
        evidence={
            "found": found,
            "expected": successor or "",
            "deprecated": slogan.text,
            "score": hit.score,
            "replaced_by": successor,
        },
        suggestion=(
            f"Replace '{found}' with '{successor}'." if successor else f"Remove '{found}'."
        ),
    )
