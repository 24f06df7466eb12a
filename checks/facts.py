"""fact.mismatch, fact.copyright_year, fact.legal_name: contact facts as the guideline has them.

What it finds: compares every phone number (parsed with `phonenumbers`, so "(020) 7946 0321"
and "+44 20 7946 0321" are one number), every e-mail address at one of the brand's own
domains (or a near-spelling of one), and every address that shares the canonical street or
postcode with the canonical values; flags a © year older than the audit; flags a misspelled
legal name.
Why it matters: a wrong phone number or address sends customers elsewhere; an old © year says nobody
looks after the page.
Never a finding: the same number in another format; e-mail addresses at other companies'
domains; anything inside a URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from urllib.parse import urlsplit

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import Finding, Severity
from brandaudit.checks.registry import Rule, check
from brandaudit.checks.text.blocks import BlockText, iter_blocks, text_finding
from brandaudit.checks.text.contact import (
    EMAIL,
    Address,
    address_mismatches,
    brand_domain,
    find_phones,
    parse_phone,
    phone_key,
    phone_region,
)
from brandaudit.checks.text.legal_names import same_legal_name
from brandaudit.checks.text.phrases import find_phrase, fold
from brandaudit.crawler.run_store import CrawlResult

MISMATCH = Rule(
    id="fact.mismatch",
    severity=Severity.ERROR,
    title="Phone numbers, e-mail and postal addresses match the guideline",
    why="A wrong contact detail sends customers to someone else, or nowhere.",
    fix="Use the canonical contact details.",
)
COPYRIGHT = Rule(
    id="fact.copyright_year",
    severity=Severity.INFO,
    title="Copyright notice is current",
    why="An old © year tells visitors the page is not looked after.",
    fix="Update the year in the copyright notice.",
)
LEGAL_NAME = Rule(
    id="fact.legal_name",
    severity=Severity.ERROR,
    title="Legal name spelled exactly",
    why="The legal name identifies the company in contracts and notices; it has one spelling.",
    fix="Write the legal name exactly as registered.",
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}\s*[-–/]\s*)?((?:19|20)\d{2})", re.IGNORECASE
)
_SUFFIXES = {"limited": "ltd", "incorporated": "inc", "corporation": "corp", "company": "co"}


@check(MISMATCH, COPYRIGHT, LEGAL_NAME, page_local=True)
def run(result: CrawlResult, guideline: Guideline) -> Iterable[Finding]:
    return list(_findings(result, guideline))


def _findings(result: CrawlResult, guideline: Guideline) -> Iterator[Finding]:
    facts = guideline.facts
    phones = [p for p in (parse_phone(t, facts.region) for t in facts.phone) if p]
    phone_keys = {phone_key(p) for p in phones}
    emails = {e.lower() for e in facts.email}
    domains = {e.split("@")[-1] for e in emails}
    domains |= {
        (urlsplit(u).hostname or "").removeprefix("www.") for u in guideline.touchpoints.websites
    }
    domains.discard("")
    addresses = [Address.parse(a) for a in facts.address]
    year = _audit_year(result)
    for item in iter_blocks(result):
        masked = item.protected.mask(item.text)
        if phones:
            region = phone_region(facts.region, item.page.lang, item.page.url, phones)
            yield from _phones(item, masked, region, phone_keys, facts.phone)
        if emails:
            yield from _emails(item, emails, domains)
        for address in addresses:
            yield from _addresses(item, masked, address)
        yield from _copyright(item, masked, year)
        if guideline.brand.legal_name:
            yield from _legal_name(item, guideline.brand.legal_name)


def _audit_year(result: CrawlResult) -> int:
    started = result.meta.started or ""
    return int(started[:4]) if started[:4].isdigit() else date.today().year


def _mismatch(item: BlockText, start: int, end: int, kind: str, expected: str) -> Finding:
    found = item.norm.original_slice(start, end)
    return text_finding(
        MISMATCH,
        item,
        start,
        end,
        message=f"{kind.capitalize()} '{found}' differs from the guideline's '{expected}'.",
        evidence={"found": found, "expected": expected, "kind": kind, "score": 0.0},
        suggestion=f"Replace '{found}' with '{expected}' if it is meant to reach the brand.",
    )


def _phones(
    item: BlockText, masked: str, region: str | None, keys: set[str], canonical: tuple[str, ...]
) -> Iterator[Finding]:
    for hit in find_phones(masked, region):
        if hit.key not in keys:
            yield _mismatch(item, hit.start, hit.end, "phone number", canonical[0])


def _emails(item: BlockText, emails: set[str], domains: set[str]) -> Iterator[Finding]:
    for match in EMAIL.finditer(item.text):
        address = match.group(0).lower()
        own = brand_domain(match.group(1), domains)
        if own and address not in emails:
            expected = sorted(emails, key=lambda e: e.split("@")[-1] != own)[0]
            yield _mismatch(item, match.start(), match.end(), "e-mail address", expected)


def _addresses(item: BlockText, masked: str, address: Address) -> Iterator[Finding]:
    for start, end in address_mismatches(masked, address):
        yield _mismatch(item, start, end, "address", address.text)


def _copyright(item: BlockText, masked: str, year: int) -> Iterator[Finding]:
    for match in _COPYRIGHT.finditer(masked):
        found_year = int(match.group(1))
        if found_year < year:
            start, end = match.span(1)
            yield text_finding(
                COPYRIGHT,
                item,
                start,
                end,
                message=f"Copyright year {found_year} is older than the audit year {year}.",
                evidence={"found": str(found_year), "expected": str(year), "score": 0.0},
                suggestion=f"Replace '{found_year}' with '{year}'.",
                identity=f"copyright|{found_year}|{item.block.source}",
            )


def _legal_fold(text: str) -> str:
    return " ".join(_SUFFIXES.get(w, w) for w in fold(text).split())


def _legal_name(item: BlockText, legal: str) -> Iterator[Finding]:
    expected = _legal_fold(legal)
    for hit in find_phrase(legal, item.text, cutoff=90.0):
        found = item.norm.original_slice(hit.start, hit.end)
        folded = _legal_fold(found)
        if hit.exact or folded == expected or expected.startswith(folded + " "):
            continue  # same name, another legal suffix spelling, or the short form
        if same_legal_name(found, legal):
            continue  # without its article, with its abbreviation in parentheses
        yield text_finding(
            LEGAL_NAME,
            item,
            hit.start,
            hit.end,
            message=f"Legal name written as '{found}'; it is '{legal}'.",
            evidence={"found": found, "expected": legal, "score": hit.score},
            suggestion=f"Replace '{found}' with '{legal}'.",
        )
