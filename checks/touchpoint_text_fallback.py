"""MINIMAL FALLBACK, used only for rules no registered text check provides yet.

The profile bio is meant to be judged by the website's own slogan, term and fact checks
(see touchpoint_text). While one of those is not registered, this gives the plainest
reading of the guideline so a bio is not silently unchecked: deprecated slogans by
case-folded substring, wrong terms by whole-word match, phone numbers (phonenumbers) and
e-mail addresses that are not the canonical ones. No fuzzy matching, no misquotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from brand_assets.guideline import Guideline
from checks.finding import Finding, Location, Severity
from crawler.run_store import CrawlResult

FALLBACK_RULES = ("text.slogan_deprecated", "text.term", "fact.mismatch")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def fallback_findings(
    pseudo: CrawlResult, guideline: Guideline, rules: set[str]
) -> Iterator[Finding]:
    """Findings of the fallback rules in `rules` over the pseudo crawl's text blocks."""
    for page in pseudo.pages:
        for block in page.text_blocks:
            hits: list[tuple[str, Severity, str, str, str]] = []
            if "text.slogan_deprecated" in rules:
                hits.extend(_slogans(block.text, guideline))
            if "text.term" in rules:
                hits.extend(_terms(block.text, guideline))
            if "fact.mismatch" in rules:
                hits.extend(_facts(block.text, guideline))
            for rule, severity, found, expected, message in hits:
                yield Finding(
                    rule=rule,
                    severity=severity,
                    url=page.url,
                    touchpoint=page.touchpoint,
                    message=message,
                    location=Location(selector=block.selector, snippet=block.text[:200]),
                    evidence={"found": found, "expected": expected, "fallback": True},
                    suggestion=f"Replace '{found}' with '{expected}'." if expected else "",
                    identity=f"{found}|{expected}",
                )


def _slogans(text: str, guideline: Guideline) -> Iterator[tuple]:
    folded = _fold(text)
    for slogan in guideline.slogans.deprecated:
        core = _fold(slogan.text).rstrip(".!。")
        if core and core in folded:
            start = folded.index(core)
            found = " ".join(text.split())[start : start + len(core)]
            instead = slogan.replaced_by or ""
            yield (
                "text.slogan_deprecated",
                Severity.ERROR,
                found,
                instead,
                f"Deprecated slogan '{slogan.text}'"
                + (f"; the guideline replaced it with '{instead}'." if instead else "."),
            )


def _terms(text: str, guideline: Guideline) -> Iterator[tuple]:
    for term in guideline.terms:
        for wrong in term.not_:
            pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, wrong.split())) + r"(?!\w)"
            for match in re.finditer(pattern, text, re.I):
                yield (
                    "text.term",
                    Severity.WARNING,
                    match.group(0),
                    term.use,
                    f"'{match.group(0)}' is not the guideline's term; use '{term.use}'.",
                )


def _facts(text: str, guideline: Guideline) -> Iterator[tuple]:
    facts = guideline.facts
    if facts.email:
        canonical = {e.casefold() for e in facts.email}
        for email in EMAIL.findall(text):
            if email.casefold() not in canonical:
                yield (
                    "fact.mismatch",
                    Severity.ERROR,
                    email,
                    facts.email[0],
                    f"E-mail address {email} is not the guideline's ({facts.email[0]}).",
                )
    if facts.phone:
        region = facts.region or None
        canonical = {_e164(p, region) for p in facts.phone} - {None}
        for match in phonenumbers.PhoneNumberMatcher(text, region or "ZZ"):
            number = _e164(match.raw_string, region)
            if number and number not in canonical:
                yield (
                    "fact.mismatch",
                    Severity.ERROR,
                    match.raw_string,
                    facts.phone[0],
                    f"Phone number {match.raw_string} is not the guideline's ({facts.phone[0]}).",
                )


def _e164(raw: str, region: str | None) -> str | None:
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
