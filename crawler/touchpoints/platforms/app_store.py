"""Apple App Store listings: apps.apple.com/<cc>/app/<slug>/id<digits>.

Read through Apple's public iTunes lookup API,
`itunes.apple.com/lookup?id=<id>&country=<cc>`: trackName, sellerName, description,
artworkUrl512, screenshotUrls, sellerUrl, averageUserRating. `resultCount: 0` means the app
is not (or no longer) on that country's store. The country comes from the listing URL,
else "us".
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from brandaudit.crawler.touchpoints.platforms.base import NOT_FOUND, Adapter, clean, first
from brandaudit.crawler.touchpoints.platforms.reading import (
    Answer,
    Fields,
    Unreadable,
    profile_reader,
)
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

PLATFORM = "app_store"
PATH = PROFILE_URLS[PLATFORM].path
COUNTRY = re.compile(r"^/([a-z]{2})/app/")
API = "https://itunes.apple.com/lookup?id={id}&country={cc}"
EXPECTED = ("display_name", "avatar_url", "bio", "developer")


def fetch_url(url: str) -> str:
    path = urlsplit(url).path
    app_id = PATH.search(path)
    country = COUNTRY.match(path)
    return API.format(id=app_id[1], cc=country[1] if country else "us") if app_id else url


@profile_reader(PLATFORM, "app", EXPECTED)
def extract(answer: Answer) -> Fields:
    data = answer.json("iTunes lookup")
    results = data.get("results") if isinstance(data, dict) else None
    if not results:
        raise Unreadable(f"{NOT_FOUND}: the iTunes lookup returned no app for this id and country")
    app = results[0]
    rating = app.get("averageUserRating")
    return {
        "handle": first(app.get("bundleId")),
        "display_name": clean(app.get("trackName")),
        "bio": clean(app.get("description")),
        "avatar_url": first(app.get("artworkUrl512"), app.get("artworkUrl100")),
        "screenshots": tuple(app.get("screenshotUrls") or ()),
        "website_link": first(app.get("sellerUrl")),
        "developer": clean(first(app.get("sellerName"), app.get("artistName"))),
        "rating": float(rating) if isinstance(rating, int | float) else None,
        "rating_count": app.get("userRatingCount"),
        "extracted_from": ("platform_json",),
    }


ADAPTER = Adapter(
    platform=PLATFORM,
    kind=PROFILE_URLS[PLATFORM].kind,
    hosts=PROFILE_URLS[PLATFORM].hosts,
    path=PATH,
    fetch_mode="json",
    extract=extract,
    fetch_url=fetch_url,
)
