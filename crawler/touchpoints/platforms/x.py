"""X (Twitter) profiles: x.com/<handle>.

X renders profiles with JavaScript; the rendered page carries a schema.org ProfilePage in
JSON-LD (name, handle, bio, avatar, related links), and crawlers get Open Graph tags.
A plain fetch of the live site usually yields neither: coverage "none" with a note.
The profile's website is wrapped by X's t.co shortener in `relatedLink` and in the link's
href; the expanded address is the Person's `sameAs` (current pages), another `relatedLink`
entry, or the link's visible text (`a[data-testid="UserUrl"]`). A t.co address is never the
website: it would be reported as a link away from the brand on every X profile with one.
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
WRAPPERS = ("t.co",)  # X's own link shortener
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
        "website_link": website([*_strings(person.get("sameAs")), *links], answer),
        "extracted_from": sources(
            jsonld=bool(person), og=bool(tags.get("og:title") or tags.get("og:image"))
        ),
    }


def _strings(value: object) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]


def _wrapped(link: str) -> bool:
    host = (urlsplit(link if "://" in link else f"https://{link}").hostname or "").lower()
    return host in WRAPPERS or host in ("x.com", "twitter.com") or host.endswith(".x.com")


def website(links: list, answer: Answer) -> str | None:
    """The profile's website as its owner typed it: an expanded `relatedLink`, else the
    visible text of the rendered website link; never the t.co wrapper."""
    expanded = [link for link in links if isinstance(link, str) and not _wrapped(link)]
    if expanded:
        return expanded[0]
    for anchor in answer.sel.xpath('//a[@data-testid="UserUrl"]'):
        href = (anchor.attrib.get("href") or "").strip()
        if href and not _wrapped(href):
            return href
        shown = clean(" ".join(anchor.xpath(".//text()").getall()))
        if shown:
            shown = shown.replace(" ", "").rstrip("…").rstrip(".")
            return shown if "://" in shown else f"https://{shown}"
    return None


ADAPTER = Adapter(
    platform=PLATFORM,
    kind=PROFILE_URLS[PLATFORM].kind,
    hosts=PROFILE_URLS[PLATFORM].hosts,
    path=PATH,
    fetch_mode="rendered",
    extract=extract,
)
