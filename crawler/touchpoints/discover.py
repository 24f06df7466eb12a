"""Find the brand's social profiles and app listings where its website points to them.

Sources, most deliberate first: JSON-LD `sameAs`, smart app banners
(`<meta name="apple-itunes-app" content="app-id=...">`, `<meta name="google-play-app">`),
`<link rel="me">`, then ordinary a[href] links (footer icons). Only URLs a platform adapter
owns are kept, so share buttons (x.com/intent/..., facebook.com/sharer...) never count.
Short and QR landing links (v.douyin.com/..., weixin.qq.com/r/...) are kept too, and
resolved later (landing.py). Each link keeps where it was found (`WHERE`): a link in the
site's chrome (header, footer, navigation) speaks for the brand; one in an article's text
(a contributor, a customer's app in a showcase) usually does not, and
checks.touchpoint_links decides with that.

The website crawl does not keep page HTML, so the spider calls `discover_link_places` on
each page and `record_profile_links` (store.py) keeps the result in
`<run_dir>/profile_links.jsonl`
(one line per page, even with no link: the file's presence says discovery ran).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from brandaudit.crawler.touchpoints.registry import ADAPTERS, adapter_for, profile_key
from brandaudit.crawler.touchpoints.short_links import SERVICES, is_short_link
from brandaudit.crawler.touchpoints.store import (  # where discovery's results are kept
    PROFILE_LINKS,
    load_profile_links,
    record_profile_links,
)

__all__ = [  # the store's names stay importable from here, where the spider looks for them
    "PROFILE_LINKS",
    "discover_links",
    "load_profile_links",
    "may_link_profiles",
    "profile_urls_to_fetch",
    "record_profile_links",
    "unique_profiles",
]

_HINTS = (
    "sameAs",
    "apple-itunes-app",
    "google-play-app",
    'rel="me"',
    *(host for adapter in ADAPTERS for host in adapter.hosts),
    *(host for service in SERVICES for host in service.hosts),
)
APP_ID = re.compile(r"app-id\s*=\s*([\w.]+)", re.I)
APPLE_LISTING = "https://apps.apple.com/app/id{id}"
PLAY_LISTING = "https://play.google.com/store/apps/details?id={id}"
# Where a link was found, most deliberate first.
WHERE = ("same_as", "app_banner", "rel_me", "chrome", "body")
CHROME_TAGS = {"header", "footer", "nav"}
CHROME_ROLES = {"banner", "contentinfo", "navigation"}
CONTENT_TAGS = {"article", "main", "blockquote"}  # a header inside these is the article's
CHROME_NAMES = re.compile(
    r"^(?:site|global|page|main|top)?[-_]?(?:header|footer|nav|navbar|navigation|masthead)$", re.I
)


def may_link_profiles(html: str) -> bool:
    """A cheap substring test so that pages with no platform mention skip the second parse."""
    return any(hint in html for hint in _HINTS)


def discover_links(html: str, base_url: str) -> list[str]:
    """Absolute profile/listing URLs the page points to, one per profile, in page order."""
    return list(discover_link_places(html, base_url))


def discover_link_places(html: str, base_url: str) -> dict[str, str]:
    """Profile/listing URL -> where the page links it (one of WHERE, the most deliberate
    of its occurrences), one URL per profile, in page order."""
    from parsel import Selector  # here: the audit process imports this module for its names

    sel = Selector(text=html or "<html></html>", type="html")
    base = urljoin(base_url, sel.xpath("//base/@href").get() or "")
    candidates: list[tuple[str, str]] = []
    for raw in sel.xpath('//script[@type="application/ld+json"]/text()').getall():
        candidates.extend((url, "same_as") for url in _same_as(raw))
    apple = sel.xpath('//meta[@name="apple-itunes-app"]/@content').get()
    if apple and (found := APP_ID.search(apple)) and found[1].isdigit():
        candidates.append((APPLE_LISTING.format(id=found[1]), "app_banner"))
    play = sel.xpath('//meta[@name="google-play-app"]/@content').get()
    if play and (found := APP_ID.search(play)):
        candidates.append((PLAY_LISTING.format(id=found[1]), "app_banner"))
    candidates.extend((href, "rel_me") for href in sel.xpath('//link[@rel="me"]/@href').getall())
    for anchor in sel.xpath("//a[@href] | //area[@href]"):
        rel = (anchor.attrib.get("rel") or "").lower().split()
        where = "rel_me" if "me" in rel else ("chrome" if _in_chrome(anchor.root) else "body")
        candidates.append((anchor.attrib["href"], where))
    places: dict[str, str] = {}
    first_url: dict[str, str] = {}
    for raw, where in candidates:
        url = urldefrag(urljoin(base, raw.strip()))[0]
        if urlsplit(url).scheme not in ("http", "https") or not is_profile_link(url):
            continue
        key = profile_key(url)
        first_url.setdefault(key, url)
        known = places.get(key)
        if known is None or WHERE.index(where) < WHERE.index(known):
            places[key] = where
    return {first_url[key]: places[key] for key in first_url}


def is_profile_link(url: str) -> bool:
    """A profile or listing an adapter reads, or a short/QR landing link to one (resolved
    before profiles are compared: landing.py)."""
    return adapter_for(url) is not None or is_short_link(url)


def _in_chrome(element: object) -> bool:
    """The element sits in the site's header, footer or navigation, not in an article's."""
    in_chrome = False
    for ancestor in element.iterancestors():  # type: ignore[attr-defined]
        tag = ancestor.tag if isinstance(ancestor.tag, str) else ""
        if tag.lower() in CONTENT_TAGS:
            return False
        names = [ancestor.get("id") or "", *(ancestor.get("class") or "").split()]
        if (
            tag.lower() in CHROME_TAGS
            or (ancestor.get("role") or "").lower() in CHROME_ROLES
            or any(CHROME_NAMES.match(name) for name in names if name)
        ):
            in_chrome = True
    return in_chrome


def unique_profiles(urls: Iterable[str]) -> list[str]:
    """The URLs an adapter owns, first of each profile (x.com/A and twitter.com/a are one)."""
    seen: dict[str, str] = {}
    for url in urls:
        if urlsplit(url).scheme in ("http", "https") and adapter_for(url) is not None:
            seen.setdefault(profile_key(url), url)
    return list(seen.values())


def _same_as(raw: str) -> Iterator[str]:
    try:
        data = json.loads(raw)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            value = item.get("sameAs")
            yield from (
                [value]
                if isinstance(value, str)
                else [v for v in value or () if isinstance(v, str)]
            )
            stack.extend(v for v in item.values() if isinstance(v, dict | list))


def profile_urls_to_fetch(listed: Iterable[str], run_dir: Path) -> list[str]:
    """The guideline's profiles and listings, then those only the website links to (one URL
    per profile, guideline spelling first), so unofficial profiles get audited too."""
    linked = load_profile_links(run_dir) or {}
    seen: dict[str, str] = {}
    for url in [*listed, *linked]:
        seen.setdefault(profile_key(url), url)
    return list(seen.values())
