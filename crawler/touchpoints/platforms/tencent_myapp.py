"""Tencent MyApp (应用宝) listings: sj.qq.com/appdetail/<package> (or the old
a.app.qq.com/o/simple.jsp?pkgname=<package> links, fetched at the new address).

The listing page is Next.js: its `__NEXT_DATA__` JSON carries the app object (appName,
iconUrl, developer / authorName, description / editorIntro, averageRating and the rating
count). A package MyApp does not list renders a page with no app object.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from brandaudit.crawler.touchpoints.platforms.base import Adapter, clean, first
from brandaudit.crawler.touchpoints.platforms.embedded import count, number, object_with
from brandaudit.crawler.touchpoints.platforms.reading import (
    Answer,
    Fields,
    Unreadable,
    profile_reader,
)
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

PLATFORM = "tencent_myapp"
PATH = PROFILE_URLS[PLATFORM].path
LISTING = "https://sj.qq.com/appdetail/{package}"
EXPECTED = ("display_name", "avatar_url", "bio", "developer")


def package_of(url: str) -> str | None:
    parts = urlsplit(url)
    found = PATH.search(parts.path + (f"?{parts.query}" if parts.query else ""))
    return first(*(found.groups() if found else ()))


def fetch_url(url: str) -> str:
    package = package_of(url)
    return LISTING.format(package=package) if package else url


@profile_reader(PLATFORM, "app", EXPECTED)
def extract(answer: Answer) -> Fields:
    data = answer.html().page_json("MyApp page data (__NEXT_DATA__)", "__NEXT_DATA__")
    app = object_with(data, "appName", any_of=("iconUrl", "icon"))
    if not app:
        raise Unreadable("not found: MyApp page carries no app (not listed, or wrong package)")
    return {
        "handle": first(app.get("pkgName"), package_of(answer.url)),
        "display_name": clean(app.get("appName")),
        "avatar_url": first(app.get("iconUrl"), app.get("icon")),
        "bio": clean(first(app.get("description"), app.get("editorIntro"), app.get("intro"))),
        "developer": clean(first(app.get("developer"), app.get("authorName"), app.get("author"))),
        "rating": number(first(app.get("averageRating"), app.get("score"))),
        "rating_count": count(first(app.get("ratingCount"), app.get("commentCount"))),
        "screenshots": tuple(u for u in app.get("screenshots") or () if isinstance(u, str)),
        "extracted_from": ("platform_json",),
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
