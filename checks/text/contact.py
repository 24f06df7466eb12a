"""Contact facts in text: phone numbers, e-mail addresses and postal addresses, compared
in a normal form so the same fact written another way is never a mismatch."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import phonenumbers
from rapidfuzz.distance import Levenshtein

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", re.UNICODE)
# UK postcodes, US ZIP codes, and 4-6 digit codes written after a town name.
POSTCODE = re.compile(
    r"\b(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|\d{5}(?:-\d{4})?|\d{4,6})\b", re.IGNORECASE
)
_STREET_WORDS = {
    "st": "street", "rd": "road", "ave": "avenue", "av": "avenue", "blvd": "boulevard",
    "ln": "lane", "dr": "drive", "sq": "square", "pl": "place", "ct": "court",
}  # fmt: skip
_TLD_REGIONS = {"uk": "GB", "com": None, "org": None, "net": None, "eu": None}


def phone_key(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_phone(text: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def phone_region(explicit: str | None, lang: str | None, url: str, canonical: list) -> str | None:
    """The region for national numbers: the guideline's, the page's, its TLD's or the
    canonical numbers' own."""
    if explicit:
        return explicit.upper()
    if lang and "-" in lang.replace("_", "-"):
        region = lang.replace("_", "-").split("-")[-1].upper()
        if len(region) == 2 and region.isalpha():
            return region
    tld = (urlsplit(url).hostname or "").rsplit(".", 1)[-1].lower()
    if len(tld) == 2 and tld.isalpha():
        return _TLD_REGIONS.get(tld, tld.upper())
    for number in canonical:
        region = phonenumbers.region_code_for_number(number)
        if region and region != "001":
            return region
    return None


@dataclass(frozen=True)
class PhoneHit:
    start: int
    end: int
    raw: str
    key: str


def find_phones(text: str, region: str | None) -> Iterator[PhoneHit]:
    matcher = phonenumbers.PhoneNumberMatcher(text, region or "ZZ", phonenumbers.Leniency.VALID)
    for match in matcher:
        yield PhoneHit(match.start, match.end, match.raw_string, phone_key(match.number))


def brand_domain(domain: str, brand_domains: set[str]) -> str | None:
    """The brand domain `domain` belongs to, or nearly spells (a one- or two-letter typo)."""
    domain = domain.lower()
    for own in brand_domains:
        if domain == own or domain.endswith("." + own):
            return own
    for own in brand_domains:
        if len(own) >= 6 and Levenshtein.distance(domain, own, score_cutoff=2) <= 2:
            return own
    return None


def fold_street(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return " ".join(_STREET_WORDS.get(w, w) for w in words)


def fold_postcode(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


@dataclass(frozen=True)
class Address:
    """A canonical address split into what identifies it."""

    text: str
    number: str | None
    street: str  # folded street name: "harbour row"
    postcode: str | None

    @classmethod
    def parse(cls, text: str) -> Address:
        first = text.split(",")[0]
        match = re.match(r"\s*(\d+[a-zA-Z]?)\s+(.*)", first)
        number, street = (match.group(1), match.group(2)) if match else (None, first)
        codes = [m.group(0) for m in POSTCODE.finditer(text[len(first) :])]
        return cls(text, number, fold_street(street), fold_postcode(codes[-1]) if codes else None)
