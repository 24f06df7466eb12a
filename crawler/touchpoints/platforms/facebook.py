"""Facebook pages: www.facebook.com/<page>.

Open Graph gives the page name, the profile picture and a description that starts with
counts ("1,234 likes · 5 talking about this.") followed by the page's intro. The website
link is read from the markup: Facebook wraps outbound links as l.facebook.com/l.php?u=...
Anonymous visitors are often sent to /login or shown a cookie consent page instead.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from brandaudit.crawler.touchpoints.platforms.base import Adapter, clean, first
from brandaudit.crawler.touchpoints.platforms.reading import (
    Answer,
    Fields,
    profile_reader,
    sources,
)
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

PLATFORM = "facebook"
PATH = PROFILE_URLS[PLATFORM].path
COUNT_SENTENCE = re.compile(
    r"^[\d.,]+\s*[KMk]?\s+(likes?|followers?|talking about this|were here|check-ins?)\b", re.I
)
EXPECTED = ("display_name", "avatar_url", "bio", "website_link")


def _bio(description: str, name: str | None) -> str | None:
    """The page intro: the og:description without the leading name and count sentences."""
    parts = [p.strip() for p in re.split(r"(?<=\.)\s+|\s+·\s+", description) if p.strip()]
    if parts and name and parts[0].rstrip(".") == name:
        parts = parts[1:]
    while parts and COUNT_SENTENCE.match(parts[0]):
        parts = parts[1:]
    return clean(" ".join(parts))


def _outbound(hrefs: list[str]) -> str | None:
    for href in hrefs:
        parts = urlsplit(href)
        if (parts.hostname or "").endswith("facebook.com") and parts.path == "/l.php":
            target = parse_qs(parts.query).get("u", [""])[0]
            if target:
                return target
    return None


@profile_reader(PLATFORM, "social", EXPECTED)
def extract(answer: Answer) -> Fields:
    tags = answer.html().tags
    name = clean(tags.get("og:title"))
    link = _outbound(answer.sel.xpath("//a/@href").getall())
    path = urlsplit(answer.url).path
    return {
        "handle": first(PATH.match(path) and path.strip("/")),
        "display_name": name,
        "bio": _bio(tags.get("og:description", ""), name),
        "avatar_url": first(tags.get("og:image")),
        "website_link": link,
        "extracted_from": sources(og=bool(name), markup=bool(link)),
    }


ADAPTER = Adapter(
    platform=PLATFORM,
    kind=PROFILE_URLS[PLATFORM].kind,
    hosts=PROFILE_URLS[PLATFORM].hosts,
    path=PATH,
    fetch_mode="plain",
    extract=extract,
)
