"""Apple App Store listings: apps.apple.com/<cc>/app/<slug>/id<digits>.

Read through Apple's public iTunes lookup API,
`itunes.apple.com/lookup?id=<id>&country=<cc>`: trackName, sellerName, description,
artworkUrl512, screenshotUrls, sellerUrl, averageUserRating. `resultCount: 0` means the app
is not (or no longer) on that country's store. The country comes from the listing URL,
else "us".
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from crawler.touchpoints.artifacts import ProfileArtifact
from crawler.touchpoints.platforms.base import (
    NOT_FOUND,
    Adapter,
    barrier,
    blocked,
    clean,
    finish,
    first,
    text_of,
)

PLATFORM = "app_store"
PATH = re.compile(r"/id(\d+)")
COUNTRY = re.compile(r"^/([a-z]{2})/app/")
API = "https://itunes.apple.com/lookup?id={id}&country={cc}"
EXPECTED = ("display_name", "avatar_url", "bio", "developer")


def fetch_url(url: str) -> str:
    path = urlsplit(url).path
    app_id = PATH.search(path)
    country = COUNTRY.match(path)
    return API.format(id=app_id[1], cc=country[1] if country else "us") if app_id else url


def extract(
    url: str, status: int, body: bytes | str, content_type: str = "", final_url: str | None = None
) -> ProfileArtifact:
    if wall := barrier(url, status, final_url):
        return blocked(PLATFORM, "app", url, status, wall)
    try:
        data = json.loads(text_of(body))
    except ValueError:
        note = "iTunes lookup answered with something other than JSON"
        return blocked(PLATFORM, "app", url, status, ("none", note))
    results = data.get("results") if isinstance(data, dict) else None
    if not results:
        note = f"{NOT_FOUND}: the iTunes lookup returned no app for this id and country"
        return blocked(PLATFORM, "app", url, status, ("none", note))
    app = results[0]
    rating = app.get("averageUserRating")
    profile = ProfileArtifact(
        url=url,
        platform=PLATFORM,
        kind="app",
        handle=first(app.get("bundleId")),
        display_name=clean(app.get("trackName")),
        bio=clean(app.get("description")),
        avatar_url=first(app.get("artworkUrl512"), app.get("artworkUrl100")),
        screenshots=tuple(app.get("screenshotUrls") or ()),
        website_link=first(app.get("sellerUrl")),
        developer=clean(first(app.get("sellerName"), app.get("artistName"))),
        rating=float(rating) if isinstance(rating, int | float) else None,
        rating_count=app.get("userRatingCount"),
        extracted_from=("platform_json",),
        status=status,
    )
    return finish(profile, EXPECTED)


ADAPTER = Adapter(
    platform=PLATFORM,
    kind="app",
    hosts=("apps.apple.com", "itunes.apple.com"),
    path=PATH,
    fetch_mode="json",
    extract=extract,
    fetch_url=fetch_url,
)
