"""text.brand_name: the brand and product names written exactly as the guideline spells them.

What it finds: miscased ("Novabridge"), split ("Nova Bridge", "Nova-Bridge"), joined and
one-letter misspelled ("NovaBrige") forms of `brand.name` and `brand.names` in every text
block, alt text and metadata string.
Why it matters: a name written three ways reads as three companies; search and trademark
use need one.
Never a finding: the name inside URLs, domains, e-mail addresses, file names, handles,
hashtags or code (marked up or code-like); "NovaBridge's"; the variants in `brand.accept`
and the legal name; another well-known name ("BitTorrent"). Info only: quoted third-party
text, the shortened name when `brand.shortened: report`. One finding for a template-wide
repeat, with every page listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import Finding, Severity
from brandaudit.checks.registry import Rule, check
from brandaudit.checks.text.blocks import iter_blocks, text_finding
from brandaudit.checks.text.inflections import inflects
from brandaudit.checks.text.names import NameIndex
from brandaudit.checks.text.quotations import quoted_end
from brandaudit.checks.text.template_repeats import fold_template_repeats
from brandaudit.crawler.run_store import CrawlResult

BRAND_NAME = Rule(
    id="text.brand_name",
    severity=Severity.ERROR,
    title="Brand and product names spelled as the guideline says",
    why="A name written several ways weakens recognition, search and the trademark.",
    fix="Write the name exactly as the guideline spells it.",
)

_HOW = {
    "miscased": "written as",
    "split": "split as",
    "joined": "joined as",
    "misspelled": "misspelled as",
    "shortened": "shortened to",
}


@lru_cache(maxsize=8)
def name_index(
    names: tuple[str, ...],
    accept: tuple[str, ...],
    not_ours: tuple[str, ...] = (),
    shortened: str = "allow",
) -> NameIndex:
    """One index per set of names, built once and reused across pages and audits."""
    return NameIndex(names, accept, not_ours, shortened)


def guideline_index(guideline: Guideline) -> NameIndex:
    brand = guideline.brand
    accept = (*brand.accept, *((brand.legal_name,) if brand.legal_name else ()))
    return name_index(brand.all_names, accept, brand.not_ours, brand.shortened)


# The same wrong name in a shared template (every page's <title>) is one finding to fix,
# listing its pages: `fold_template_repeats` runs over all pages' findings (the registry).
@check(BRAND_NAME, page_local=True, fold=fold_template_repeats)
def run(result: CrawlResult, guideline: Guideline) -> Iterable[Finding]:
    """Page by page in the registry (which folds template-wide repeats once every page is
    checked); folded when called directly."""
    return _findings(result, guideline)


def _findings(result: CrawlResult, guideline: Guideline) -> Iterator[Finding]:
    index = guideline_index(guideline)
    for item in iter_blocks(result):
        quoted = -1  # where the block's quoted part ends: read once, at its first finding
        for match in index.find(item.text, item.protected, inflects(item.page.lang)):
            if not match.is_problem:
                continue
            if quoted < 0:
                quoted = quoted_end(item.text, item.block.selector)
            found = item.norm.original_slice(match.start, match.end)
            expected = match.entry.name
            what = "Brand name" if expected == guideline.brand.name else "Product name"
            finding = text_finding(
                BRAND_NAME,
                item,
                match.start,
                match.end,
                message=(
                    f"{what} {_HOW[match.kind]} '{found}'; the guideline spells it '{expected}'."
                ),
                evidence={
                    "found": found,
                    "expected": expected,
                    "score": round(fuzz.ratio(found, expected), 1),
                    "variant": match.kind,
                },
                suggestion=f"Replace '{found}' with '{expected}'.",
            )
            if match.start < quoted:
                # Others' words: listed (evidence.quoted) so nothing is silent, not an alarm.
                evidence = {**finding.evidence, "quoted": True}
                finding = replace(finding, severity=Severity.INFO, evidence=evidence)
            elif match.kind == "shortened":
                finding = replace(finding, severity=Severity.INFO)  # the guideline's choice
            yield finding
