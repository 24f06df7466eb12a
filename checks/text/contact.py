"""Contact facts in text: phone numbers, e-mail addresses and postal addresses, compared
in a normal form so the same fact written another way is never a mismatch."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import phonenumbers
from rapidfuzz.distance import Levenshtein

from brandaudit.checks.text.phone_matching import phone_matches

# ASCII on purpose: Python's \w matches Han and kana, which glued "联系我们press@x.com。" into
# one address; the local part and the labels of a domain are ASCII in practice (RFC 5321).
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@"
    r"((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})(?![A-Za-z0-9-])"
)
# UK postcodes, US ZIP codes, and 4-6 digit codes written after a town name.
POSTCODE = re.compile(
    r"\b(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|\d{5}(?:-\d{4})?|\d{4,6})\b", re.IGNORECASE
)
_STREET_WORDS = {
    "st": "street", "rd": "road", "ave": "avenue", "av": "avenue", "blvd": "boulevard",
    "ln": "lane", "dr": "drive", "sq": "square", "pl": "place", "ct": "court",
}  # fmt: skip
# (?<!\d): a digit run is tried from its start only (linear, not quadratic, in its length).
_STREET_BEFORE = re.compile(
    r"(?<!\d)(\d+[a-z]?)\s+((?:[A-Z][\w']+\s+){1,3}(?:Street|St|Road|Rd|Row|Avenue|Ave|Lane|Ln|Way"
    r"|Place|Pl|Square|Sq|Drive|Dr|Court|Boulevard|Blvd))\b"
)
_ABBREVIATED = {"street": "st", "road": "rd", "avenue": "ave"}  # searched in either spelling
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"}
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


def near_miss(key: str, canonical: set[str]) -> str | None:
    """The canonical number `key` (E.164) misses by one digit: one changed, or two adjacent
    swapped. Other numbers are other people's, not a typo of ours."""
    for own in sorted(canonical):
        if len(own) != len(key) or own == key:
            continue
        diff = [i for i, (a, b) in enumerate(zip(own, key, strict=True)) if a != b]
        if len(diff) == 1:
            return own
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1
        if swapped and own[diff[0]] == key[diff[1]] and own[diff[1]] == key[diff[0]]:
            return own
    return None


def find_phones(text: str, region: str | None) -> Iterator[PhoneHit]:
    yield from _phone_hits(text, region)


@lru_cache(maxsize=2048)
def _phone_hits(text: str, region: str | None) -> tuple[PhoneHit, ...]:
    """Memoised per block text: a site's footer and contact lines repeat on every page."""
    return tuple(
        PhoneHit(m.start, m.end, m.raw_string, phone_key(m.number))
        for m in phone_matches(text, region)
    )


def brand_domains(emails: Iterable[str], websites: Iterable[str]) -> set[str]:
    """The brand's own domains: those of its canonical e-mail addresses and its websites."""
    domains = {e.lower().split("@")[-1] for e in emails}
    domains |= {(urlsplit(u).hostname or "").removeprefix("www.") for u in websites}
    return domains - {""}


def brand_domain(domain: str, brand_domains: set[str]) -> str | None:
    """The brand domain `domain` belongs to: the same registered domain (lists.brand.org,
    brand.org and security.brand.org are all brand.org's)."""
    domain = domain.lower()
    for own in sorted(brand_domains, key=len, reverse=True):
        if domain == own or domain.endswith("." + own) or registered(domain) == registered(own):
            return own
    return None


def registered(domain: str) -> str:
    """The registered domain: 'brand.org' for lists.brand.org, 'brand.co.uk' for
    www.brand.co.uk (the common second-level suffixes; no public-suffix download)."""
    parts = domain.lower().split(".")
    keep = 3 if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in _SECOND_LEVEL else 2
    return ".".join(parts[-keep:])


def _label(domain: str) -> str:
    """The name part of a domain: 'novabridge' for novabridge.example and novabridge.co.uk."""
    parts = domain.lower().split(".")
    if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in _SECOND_LEVEL:
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else parts[0]


def lookalike_domain(domain: str, brand_domains: set[str]) -> str | None:
    """The brand domain that `domain` imitates without being it: a typo (novabrige.example),
    the name with a word added (novabridge-media.example) or under another TLD."""
    domain = domain.lower()
    if brand_domain(domain, brand_domains):
        return None
    for own in sorted(brand_domains):
        name = _label(own)
        if len(name) < 4:
            continue
        if len(own) >= 6 and Levenshtein.distance(domain, own, score_cutoff=2) <= 2:
            return own
        tokens = re.split(r"[.-]", domain)
        if name in tokens[:-1] or _label(domain) == name:
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


def _street_pattern(address: Address) -> str:
    """The canonical street as a regex that also accepts the usual abbreviations."""
    return r"\s+".join(
        rf"(?:{re.escape(w)}|{_ABBREVIATED[w]}\.?)" if w in _ABBREVIATED else re.escape(w)
        for w in address.street.split()
    )


# Case-insensitive regex matching of ASCII letters and digits, as a substring test: every
# character `re.IGNORECASE` matches to one of them casefolds to it, but for the Turkish
# dotless ı and dotted İ ("i" + U+0307 once casefolded), mapped here.
_TURKISH_I = str.maketrans({"\u0131": "i", "\u0307": None})


def caseless(text: str) -> str:
    """`text` casefolded so that a lower-case ASCII word is in it wherever a case-insensitive
    search for the word would match (and sometimes where it would not: a gate, not a test)."""
    return text.lower() if text.isascii() else text.casefold().translate(_TURKISH_I)


@dataclass(frozen=True)
class _AddressPatterns:
    """An address's searches, compiled once, and what each needs. A street search tried a
    house number at every character of every block; a postcode search, a UK postcode at
    every word: both now run only on the blocks that hold the street's longest word, or the
    postcode's last three characters, which POSTCODE never splits."""

    street_word: str  # a word every match of the street holds as it is
    street: re.Pattern[str]  # the street with its house number
    postcode: str | None  # the canonical postcode, casefolded, no spaces


@lru_cache(maxsize=64)
def _patterns(address: Address) -> _AddressPatterns:
    plain = [w for w in address.street.split() if w not in _ABBREVIATED]
    return _AddressPatterns(
        max(plain, key=len, default=""),
        re.compile(rf"(?:(\d+[a-z]?)\s+)?{_street_pattern(address)}\b", re.IGNORECASE),
        address.postcode.casefold() if address.postcode else None,
    )


def address_mismatches(masked: str, address: Address) -> Iterator[tuple[int, int]]:
    """Spans of text that share the street or the postcode with `address` but differ."""
    patterns = _patterns(address)
    searchable = caseless(masked)
    street_matches = patterns.street.finditer(masked) if patterns.street_word in searchable else ()
    for match in street_matches:
        end = match.end()
        # Every postcode-shaped token up to the sentence's end: "PMB 3005, Westerville, OH
        # 43082" carries a box number before the ZIP code, which is no wrong postcode.
        window = re.split(r"[.;\n]\s", masked[end : end + 60], maxsplit=1)[0]
        codes = list(POSTCODE.finditer(window))
        folded = {fold_postcode(c.group(0)) for c in codes}
        code = codes[-1] if codes else None
        wrong_number = address.number and match.group(1) and match.group(1) != address.number
        wrong_code = (
            code is not None
            and address.postcode
            and address.postcode not in folded
            and _same_shape(code.group(0), address.postcode)
        )
        if wrong_number or wrong_code:
            stop = end + code.end() if code else end
            yield match.start(), stop
    if patterns.postcode is None or patterns.postcode[-3:] not in searchable:
        return  # POSTCODE allows a space only before a UK code's last three characters
    for code in POSTCODE.finditer(masked):
        if fold_postcode(code.group(0)) != address.postcode:
            continue
        before = masked[max(0, code.start() - 60) : code.start()]
        streets = list(_STREET_BEFORE.finditer(before))
        if streets and fold_street(streets[-1].group(2)) != address.street:
            start = code.start() - len(before) + streets[-1].start()
            yield start, code.end()


def _same_shape(found: str, canonical: str) -> bool:
    return any(c.isalpha() for c in found) == any(c.isalpha() for c in canonical)
