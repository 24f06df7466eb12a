"""X (Twitter) profiles: x.com/<handle>.

X renders profiles with JavaScript; the rendered page carries a schema.org ProfilePage in
JSON-LD (name, handle, bio, avatar, related links), and crawlers get Open Graph tags.
A plain fetch of the live site usually yields neither: coverage "none" with a note.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from brandaudit.crawler.touchpoints.platforms.base import (
    Adapter,
    clean,
    first,
    image_url,
    jsonld_items,
    of_type,
)
from brandaudit.crawler.touchpoints.platforms.reading import Answer, Fields, profile_reader, sources
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

PLATFORM = "x"
PATH = PROFILE_URLS[PLATFORM].path
TITLE = re.compile(r"^(?P<name>.*?)\s*\(@(?P<handle>\w+)\)")
EXPECTED = ("display_name", "avatar_url", "bio", "website_link")


@profile_reader(PLATFORM, "social", EXPECTED)
def extract(answer: Answer) -> Fields:
    tags = answer.html().tags
    profile_page = of_type(jsonld_items(answer.sel), "ProfilePage") or {}
    person = profile_page.get("mainEntity") or profile_page.get("author") or {}
    title = TITLE.match(tags.get("og:title", ""))
    links = profile_page.get("relatedLink") or person.get("relatedLink") or []
    links = [links] if isinstance(links, str) else links
    url_handle = PATH.match(urlsplit(answer.url).path)
    return {
        "handle": first(
            person.get("additionalName"),
            title and title["handle"],
            url_handle and url_handle[1].lstrip("@"),
        ),
        "display_name": clean(
            first(person.get("givenName"), person.get("name"), title and title["name"])
        ),
        "bio": clean(first(person.get("description"), tags.get("og:description"))),
        "avatar_url": first(image_url(person.get("image")), tags.get("og:image")),
        "website_link": first(*[link for link in links if "x.com/" not in link]),
        "extracted_from": sources(
            jsonld=bool(person), og=bool(tags.get("og:title") or tags.get("og:image"))
        ),
    }


ADAPTER = Adapter(
    platform=PLATFORM,
    kind=PROFILE_URLS[PLATFORM].kind,
    hosts=PROFILE_URLS[PLATFORM].hosts,
    path=PATH,
    fetch_mode="rendered",
    extract=extract,
)
