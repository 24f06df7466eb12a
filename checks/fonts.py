"""`font.unapproved`: visible text set in a font family the guideline does not list.

What it finds: on each rendered page, each font family that set visible characters and is
neither in `fonts` nor in the design tokens' font families, one finding per family per page,
naming the approved families of the stack that were not available.
Why it matters: type is half of a brand's voice, and the most common failure is silent: a stack that
names the brand font first, while the font is never loaded, so every visitor reads the
browser's fallback. The family reported is the one Chromium actually used (the first of
the stack that is installed or loaded), so a declared-but-missing brand font is caught.
Never a finding: code samples (rightly in a monospace face); elements with no visible
characters; pages that were not rendered; any family when the guideline lists no fonts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.design_tokens import token_values
from brandaudit.checks.finding import Finding, Location, Severity
from brandaudit.checks.registry import Rule, check
from brandaudit.checks.text.protected import is_code_selector
from brandaudit.crawler.artifacts import FontUse
from brandaudit.crawler.page_store import rendered_pages
from brandaudit.crawler.run_store import CrawlResult

UNAPPROVED_FONT = Rule(
    id="font.unapproved",
    severity=Severity.WARNING,
    title="Visible text is set in the guideline's font families",
    why="Text in another family, often a browser fallback, looks unlike the brand.",
    fix="Load the brand font (check its @font-face URL), or set the text in an approved family.",
)

GENERIC_FAMILIES = frozenset(
    {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif",
     "ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji", "fangsong",
     "browser default"}
)  # fmt: skip


def approved_families(guideline: Guideline) -> list[str]:
    """The guideline's fonts, then font families from its design tokens."""
    tokens = [name.strip() for name in token_values(guideline, "fontFamily")]
    return list(dict.fromkeys([*guideline.fonts, *tokens]))


def stack_families(stack: str) -> list[str]:
    """The families of a computed font-family value, unquoted, in order."""
    return [name.strip().strip("\"'").strip() for name in stack.split(",") if name.strip()]


@dataclass
class _Use:
    family: str
    chars: int
    largest: FontUse
    missing: list[str]  # approved families named before the used one, so not available


@check(UNAPPROVED_FONT)
def run(result: CrawlResult, guideline: Guideline) -> Iterator[Finding]:
    approved = approved_families(guideline)
    allowed = {name.casefold() for name in approved}
    if not allowed:
        return
    for page in rendered_pages(result.pages):
        uses: dict[str, _Use] = {}
        for font in page.fonts:
            key = font.family.casefold()
            if key in allowed or font.chars <= 0 or is_code_selector(font.selector):
                continue  # code samples are rightly set in a monospace face
            missing = [f for f in stack_families(font.stack) if f.casefold() in allowed]
            use = uses.get(key)
            if use is None:
                uses[key] = _Use(font.family, font.chars, font, missing)
                continue
            use.chars += font.chars
            use.missing = list(dict.fromkeys([*use.missing, *missing]))
            if font.chars > use.largest.chars:
                use.largest = font
        for use in uses.values():
            yield _finding(page.url, page.touchpoint, use, approved)


def _finding(url: str, touchpoint: str, use: _Use, approved: list[str]) -> Finding:
    fallback = use.family.casefold() in GENERIC_FAMILIES
    shown = f"the browser's {use.family} fallback" if fallback else use.family
    names = ", ".join(f"'{name}'" for name in use.missing)
    if use.missing:
        verb = "is" if len(use.missing) == 1 else "are"
        why = f"fallback: {names} {verb} not loaded"
        suggestion = f"Make sure {names} loads on this page (check its @font-face rule and URL)."
    else:
        why = f"not one of {', '.join(approved)}"
        suggestion = f"Set this text in {' or '.join(approved)}."
    return Finding(
        rule=UNAPPROVED_FONT.id,
        severity=UNAPPROVED_FONT.severity,
        url=url,
        touchpoint=touchpoint,
        message=f"{use.chars} characters of text are set in {shown} ({why}).",
        location=Location(selector=use.largest.selector, snippet=use.largest.sample),
        evidence={
            "found": use.family,
            "expected": approved,
            "stack": use.largest.stack,
            "not_loaded": use.missing,
            "fallback": fallback,
            "chars": use.chars,
            "sample": use.largest.sample,
        },
        suggestion=suggestion,
        identity=use.family,
    )
