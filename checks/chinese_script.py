"""text.script_mismatch: Chinese pages in the script their language promises.

What it finds: detects whether Chinese text uses Simplified or Traditional characters (via
OpenCC) and compares with the script expected for the page: its `lang` (zh-CN, zh-SG, zh-Hans
-> Simplified; zh-TW, zh-HK, zh-Hant -> Traditional), else `brand.script`, else the locales
of the guideline's Chinese slogans. A page wholly in the other script gets one finding;
otherwise each block in the other script gets one.
Why it matters: readers in Taiwan or Hong Kong read Simplified text as foreign, and vice versa.
Never a finding: a page whose script nothing settles (a page in another language, or no
`lang`, no `brand.script` and slogans in both scripts or none); text whose characters are
the same in both scripts; Chinese text on a page that is in the expected script.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import Finding, Severity
from brandaudit.checks.registry import Rule, check
from brandaudit.checks.text.blocks import BlockText, iter_blocks, text_finding
from brandaudit.checks.text.chinese import (
    SIMPLIFIED,
    TRADITIONAL,
    detect_script,
    has_han,
    primary_language,
    script_of_locale,
)
from brandaudit.crawler.run_store import CrawlResult

SCRIPT_MISMATCH = Rule(
    id="text.script_mismatch",
    severity=Severity.WARNING,
    title="Chinese text in the expected script",
    why="Simplified text on a Traditional-Chinese page (or the reverse) reads as foreign.",
    fix="Use the page's script, e.g. convert with OpenCC (s2t / t2s) and review.",
)
_NAMES = {SIMPLIFIED: "Simplified", TRADITIONAL: "Traditional"}


def expected_script(page_lang: str | None, guideline: Guideline) -> str | None:
    from_page = script_of_locale(page_lang)
    if from_page:
        return from_page
    if page_lang and primary_language(page_lang) != "zh":
        return None
    if guideline.brand.script:
        return guideline.brand.script
    slogans = (*guideline.slogans.approved, *guideline.slogans.deprecated)
    scripts = {script_of_locale(s.locale) for s in slogans if has_han(s.text)} - {None}
    return scripts.pop() if len(scripts) == 1 else None


@check(SCRIPT_MISMATCH, page_local=True)
def run(result: CrawlResult, guideline: Guideline) -> Iterable[Finding]:
    by_page: dict[str, list[BlockText]] = {}
    for item in iter_blocks(result):
        if not item.text.isascii() and has_han(item.text):  # ASCII: no Han, no search
            by_page.setdefault(item.page.url, []).append(item)
    return [f for items in by_page.values() for f in _page_findings(items, guideline)]


def _page_findings(items: list[BlockText], guideline: Guideline) -> Iterator[Finding]:
    expected = expected_script(items[0].page.lang, guideline)
    if expected is None:
        return
    scripts = [(item, detect_script(item.text)) for item in items]
    wrong = [item for item, script in scripts if script and script != expected]
    if not wrong:
        return
    other = TRADITIONAL if expected == SIMPLIFIED else SIMPLIFIED
    page_script = detect_script("".join(item.text for item in items))
    whole_page = page_script == other
    for item in wrong[:1] if whole_page else wrong:
        where = "The page is" if whole_page else "This text is"
        yield text_finding(
            SCRIPT_MISMATCH,
            item,
            0,
            len(item.text),
            message=(
                f"{where} in {_NAMES[other]} Chinese; the page should use {_NAMES[expected]} "
                f"(lang {item.page.lang or 'unset'})."
            ),
            evidence={
                "found": other,
                "expected": expected,
                "blocks": len(wrong),
                "score": 0.0,
            },
            suggestion=f"Convert the text to {_NAMES[expected]} Chinese.",
            identity="page" if whole_page else f"{other}|{item.text[:40]}",
        )
