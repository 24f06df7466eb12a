"""Xiaomi GetApps (小米应用商店) listings: app.mi.com/details?id=<package>.

The listing is server-rendered HTML: `.intro-titles` holds the name (`h3`) and, on older
pages, the developer (`p`); newer pages (2026) give the developer in a details block of
label/value pairs (`<div><div>开发者</div><div>...</div></div>`), read first.
`img.yellow-flower` is the icon, `.star1-hover` a class `star1-N` with N the rating out of
10, `.app-intro-comment` "( N 次评分 )", `.pslide` the description. Markup is the only
source, so each field missing from it is reported. An unlisted package answers a page
without `.intro-titles`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from brandaudit.crawler.touchpoints.platforms.base import Adapter, clean, first
from brandaudit.crawler.touchpoints.platforms.embedded import count
from brandaudit.crawler.touchpoints.platforms.reading import (
    Answer,
    Fields,
    Unreadable,
    profile_reader,
)
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

if TYPE_CHECKING:  # parsel is imported where pages are read, not by the audit process
    from parsel import Selector

PLATFORM = "xiaomi_getapps"
PATH = PROFILE_URLS[PLATFORM].path
EXPECTED = ("display_name", "avatar_url", "bio", "developer")
STARS = re.compile(r"\bstar1-(\d{1,2})\b")
RATED = re.compile(r"(\d[\d,]*)\s*次评分")


def _labelled(sel: Selector, label: str) -> str | None:
    """The value beside a label in the details block (`<div>开发者</div><div>...</div>`)."""
    value = sel.xpath(
        f'//*[normalize-space(text())="{label}" or normalize-space(text())="{label}："]'
        "/following-sibling::*[1]//text()"
    ).getall()
    return clean(" ".join(value))


@profile_reader(PLATFORM, "app", EXPECTED)
def extract(answer: Answer) -> Fields:
    sel = answer.html().sel
    titles = sel.css(".intro-titles")
    if not titles:
        raise Unreadable("not found: GetApps page shows no listing (not listed, or wrong id)")
    stars = STARS.search(" ".join(sel.css(".star1-hover::attr(class)").getall()))
    rated = RATED.search(" ".join(sel.css(".app-intro-comment ::text").getall()))
    description = "\n".join(t.strip() for t in sel.css(".pslide ::text").getall() if t.strip())
    package = parse_qs(urlsplit(answer.url).query).get("id", [None])[0]
    return {
        "handle": package,
        "display_name": clean(titles.css("h3::text").get()),
        "developer": clean(
            first(
                _labelled(sel, "开发者"),
                titles.xpath('./p[not(contains(@class, "special-font"))]/text()').get(),
            )
        ),
        "avatar_url": first(sel.css("img.yellow-flower::attr(src)").get()),
        "bio": clean(description),
        "rating": int(stars[1]) / 2 if stars else None,
        "rating_count": count(rated[1]) if rated else None,
        "screenshots": tuple(sel.css(".img-list img::attr(src)").getall()),
        "extracted_from": ("markup",),
    }


ADAPTER = Adapter(
    platform=PLATFORM,
    kind=PROFILE_URLS[PLATFORM].kind,
    hosts=PROFILE_URLS[PLATFORM].hosts,
    path=PATH,
    fetch_mode="plain",
    extract=extract,
)
