"""fact.mismatch, fact.copyright_year, fact.legal_name: contact facts as the guideline has them.

What it finds: flags a phone number or e-mail address the text presents as the brand's
contact ("Call us", "Support:", "联系我们") that is not a canonical one, and any value that
is a near miss of a canonical one wherever it stands (a digit off, two digits swapped, a
look-alike domain such as press@novabridge-media.example, a one-letter slip in the mailbox);
every address that shares the canonical street or postcode but differs; a © year older
than the audit; a misspelled legal name. Phone numbers are parsed with `phonenumbers`, so
"(020) 7946 0321" and "+44 20 7946 0321" are one number.
Why it matters: a wrong phone number or address sends customers elsewhere; an old © year
says nobody looks after the page.
Never a finding: the same number in another format; other addresses on the brand's own
domains (mailing lists, role addresses: they go to the report's contact inventory);
other people's contacts the text does not offer as the brand's; registration, licence and
tax numbers (粤ICP备12345678号, VAT GB123456789); anything inside a URL; the legal name
without its leading article or followed by its abbreviation ("Apache Software Foundation
(ASF)").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from urllib.parse import urlsplit

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import Finding, Severity
from brandaudit.checks.registry import Rule, check
from brandaudit.checks.text.blocks import BlockText, iter_blocks, text_finding
from brandaudit.checks.text.contact import (
    EMAIL,
    Address,
    address_mismatches,
    brand_domain,
    brand_domains,
    find_phones,
    lookalike_domain,
    near_miss,
    parse_phone,
    phone_key,
    phone_region,
)
from brandaudit.checks.text.contact_cues import presented_as_email, presented_as_phone
from brandaudit.checks.text.legal_names import ARTICLES, same_legal_name
from brandaudit.checks.text.phone_matching import may_hold_number
from brandaudit.checks.text.phrases import find_phrase, fold
from brandaudit.checks.text.registrations import mask_registrations
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
HOLDER_SPAN = 80  # characters after the year searched for the holder's name
HOLDER_MATCH = 85.0  # partial ratio: "Yunnan Tungsi" is still the holder "Yunnan Tongsi"
_HOLDER_END = re.compile(r"[.。|\n]\s|all rights|版权所有|版權所有|保留所有", re.IGNORECASE)


@check(MISMATCH, COPYRIGHT, LEGAL_NAME, page_local=True)
def run(result: CrawlResult, guideline: Guideline) -> Iterable[Finding]:
    return list(_findings(result, guideline))


def _findings(result: CrawlResult, guideline: Guideline) -> Iterator[Finding]:
    facts = guideline.facts
    phones = [p for p in (parse_phone(t, facts.region) for t in facts.phone) if p]
    phone_keys = {phone_key(p) for p in phones}
    emails = {e.lower() for e in facts.email}
    domains = brand_domains(facts.email, guideline.touchpoints.websites)
    canonical_domains = {e.split("@")[-1] for e in emails}
    addresses = [Address.parse(a) for a in facts.address]
    year = _audit_year(result)
    holders = [_squash(n) for n in (*guideline.brand.all_names, guideline.brand.legal_name) if n]
    regions: dict[tuple[str | None, str], str | None] = {}  # by lang and host, as phone_region
    page, region = None, None  # the page in hand and its region, found once per page
    for item in iter_blocks(result):
        masked = item.protected.mask(item.text)
        if phones and may_hold_number(masked):
            if item.page is not page:
                page = item.page
                where = (page.lang, urlsplit(page.url).hostname or "")
                if where not in regions:
                    regions[where] = phone_region(facts.region, page.lang, page.url, phones)
                region = regions[where]
            numbers = mask_registrations(masked)
            yield from _phones(item, numbers, region, phone_keys, facts.phone)
        if emails and "@" in item.text:  # no '@', no address (EMAIL needs one)
            yield from _emails(item, emails, domains, canonical_domains)
        for address in addresses:
            yield from _addresses(item, masked, address)
        yield from _copyright(item, masked, year, holders)
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
    """Numbers offered as the brand's ("Call us on ...") that are not canonical, and near
    misses of a canonical number anywhere."""
    by_key = dict(zip(sorted(keys), sorted(keys), strict=True))
    for hit in find_phones(masked, region):
        if hit.key in keys:
            continue
        missed = near_miss(hit.key, keys)
        if missed or presented_as_phone(masked, hit.start):
            expected = _canonical_phone(by_key.get(missed or ""), canonical)
            yield _mismatch(item, hit.start, hit.end, "phone number", expected)


def _canonical_phone(key: str | None, canonical: tuple[str, ...]) -> str:
    """The guideline's own spelling of the canonical number `key` (E.164), else the first."""
    if key:
        for text in canonical:
            number = parse_phone(text, None)
            if number is not None and phone_key(number) == key:
                return text
    return canonical[0]


def _emails(
    item: BlockText, emails: set[str], domains: set[str], canonical_domains: set[str]
) -> Iterator[Finding]:
    for match in EMAIL.finditer(item.text):
        address = match.group(0).lower()
        if address in emails:
            continue
        expected = email_expected(address, match.group(1).lower(), emails, domains)
        if (
            expected is None
            and not brand_domain(match.group(1), domains)
            and presented_as_email(item.text, match.start(), item.block.selector)
        ):
            expected = _closest_email(emails, canonical_domains)
        if expected:
            yield _mismatch(item, match.start(), match.end(), "e-mail address", expected)


def email_expected(address: str, domain: str, emails: set[str], domains: set[str]) -> str | None:
    """The canonical address `address` nearly is: at a look-alike of a brand domain, or one
    letter off a canonical mailbox at the same domain. None for other addresses."""
    local = address.split("@")[0]
    imitated = lookalike_domain(domain, domains)
    if imitated:
        same_local = sorted(e for e in emails if e.split("@")[0] == local)
        return (same_local or _by_domain(emails, imitated))[0]
    for canonical in sorted(emails):
        own_local, own_domain = canonical.split("@")
        near = Levenshtein.distance(local, own_local, score_cutoff=1) <= 1
        if own_domain == domain and len(own_local) >= 4 and near:
            return canonical
    return None


def _by_domain(emails: set[str], domain: str) -> list[str]:
    """Canonical addresses, those at `domain` first."""
    return sorted(emails, key=lambda e: (e.split("@")[-1] != domain, e))


def _closest_email(emails: set[str], canonical_domains: set[str]) -> str:
    return _by_domain(emails, next(iter(sorted(canonical_domains)), ""))[0]


def _addresses(item: BlockText, masked: str, address: Address) -> Iterator[Finding]:
    for start, end in address_mismatches(masked, address):
        yield _mismatch(item, start, end, "address", address.text)


def _copyright(item: BlockText, masked: str, year: int, holders: list[str]) -> Iterator[Finding]:
    if not _may_hold_copyright(masked):
        return
    for match in _COPYRIGHT.finditer(masked):
        found_year = int(match.group(1))
        if found_year < year and _ours(masked[match.end() :], holders):
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


def _may_hold_copyright(text: str) -> bool:
    """What _COPYRIGHT needs: '©', '(' or "copyr" in any case (no letter of "copyr" has a
    case-insensitive twin beyond its capital, unlike the 'i' of "right"): 1 µs, not 12."""
    return "©" in text or "(" in text or "copyr" in text.lower()


def _squash(text: str) -> str:
    return fold(text).replace(" ", "")


def _ours(after: str, holders: list[str]) -> bool:
    """The © line names no holder, or one of the brand's names (a letter or two off is still
    ours: the misspelling is another finding). "This document is Copyright 2002 Tim
    Carstens" on a project's site is an author's notice, not the site's."""
    holder = _squash(_HOLDER_END.split(after[:HOLDER_SPAN], maxsplit=1)[0])
    if not any(c.isalpha() for c in holder):
        return True
    return any(fuzz.partial_ratio(name, holder) >= HOLDER_MATCH for name in holders if name)


def _legal_name(item: BlockText, legal: str) -> Iterator[Finding]:
    # Searched without its article, so "that qBittorrent project" is not a misspelt
    # "The qBittorrent project": the article is optional, the words that follow are not.
    words = legal.split()
    core = " ".join(words[1:]) if len(words) > 2 and words[0].lower() in ARTICLES else legal
    for hit in find_phrase(core, item.text, cutoff=90.0):
        found = item.norm.original_slice(hit.start, hit.end)
        if hit.exact or same_legal_name(found, legal):
            continue  # the legal name as written, or in a way legal_names accepts
        yield text_finding(
            LEGAL_NAME,
            item,
            hit.start,
            hit.end,
            message=f"Legal name written as '{found}'; it is '{legal}'.",
            evidence={"found": found, "expected": legal, "score": hit.score},
            suggestion=f"Replace '{found}' with '{legal}'.",
        )
