"""Google Play listings: play.google.com/store/apps/details?id=<package>.

The listing page embeds a schema.org SoftwareApplication in JSON-LD: name, description,
icon (`image`), developer (`author.name`) and aggregateRating. The developer's website and
the screenshots are read from the markup ("Website" link, screenshot images), which is the
brittle part. The JSON-LD description is the short one (80 characters); the full
description, where slogans and contacts sit, is the `data-g-id="description"` block, so
the bio is that block's text when the page has it. A removed app answers 404.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from brandaudit.crawler.touchpoints.platforms.base import (
    Adapter,
    clean,
    first,
    image_url,
    jsonld_items,
    of_type,
)
from brandaudit.crawler.touchpoints.platforms.reading import (
    Answer,
    Fields,
    profile_reader,
    sources,
)
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

if TYPE_CHECKING:  # parsel is imported where pages are read, not by the audit process
    from parsel import Selector

PLATFORM = "google_play"
PATH = PROFILE_URLS[PLATFORM].path
EXPECTED = ("display_name", "avatar_url", "bio", "developer")


def fetch_url(url: str) -> str:
    """The listing in English, so labels and the description language are predictable."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    query.setdefault("hl", ["en"])
    return urlunsplit(parts._replace(query=urlencode(query, doseq=True)))


def _number(value: object) -> float | None:
    try:
        return float(str(value).replace(",", ""))
    except (TypeError, ValueError):
        return None


def full_description(sel: Selector) -> str | None:
    """The listing's full description, its line breaks kept as newlines."""
    block = sel.xpath('//*[@data-g-id="description"]')
    if not block:
        return None
    lines = []
    for piece in block[0].xpath(".//text() | .//br"):
        lines.append(piece.root if isinstance(piece.root, str) else "\n")
    text = "".join(lines)
    paragraphs = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(p for p in paragraphs if p) or None


@profile_reader(PLATFORM, "app", EXPECTED)
def extract(answer: Answer) -> Fields:
    tags, sel = answer.html().tags, answer.sel
    app = of_type(jsonld_items(sel), "SoftwareApplication", "MobileApplication") or {}
    author = app.get("author") if isinstance(app.get("author"), dict) else {}
    rating = app.get("aggregateRating") if isinstance(app.get("aggregateRating"), dict) else {}
    website = sel.xpath(
        '//a[@href][normalize-space(.)="Website" or .//*[normalize-space(.)="Website"]]/@href'
    ).get()
    shots = sel.xpath('//img[contains(@alt, "Screenshot")]/@src').getall()
    parts = urlsplit(answer.url)
    package = PATH.search(parts.path + "?" + parts.query)
    count = _number(rating.get("ratingCount"))
    og_name = (tags.get("og:title") or "").removesuffix(" - Apps on Google Play")
    return {
        "handle": package and package[1],
        "display_name": clean(first(app.get("name"), og_name)),
        "bio": first(
            full_description(sel), clean(app.get("description")), clean(tags.get("og:description"))
        ),
        "avatar_url": first(image_url(app.get("image")), tags.get("og:image")),
        "screenshots": tuple(shots),
        "website_link": first(website),
        "developer": clean(author.get("name")),
        "rating": _number(rating.get("ratingValue")),
        "rating_count": int(count) if count is not None else None,
        "extracted_from": sources(
            jsonld=bool(app), og=bool(tags.get("og:title")), markup=bool(website or shots)
        ),
    }


ADAPTER = Adapter(
    platform=PLATFORM,
    kind=PROFILE_URLS[PLATFORM].kind,
    hosts=PROFILE_URLS[PLATFORM].hosts,
    path=PATH,
    fetch_mode="plain",
    extract=extract,
    fetch_url=fetch_url,
)
