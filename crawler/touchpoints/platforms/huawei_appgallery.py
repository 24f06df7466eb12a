"""Huawei AppGallery listings: appgallery.huawei.com/app/C<id>.

The listing page is a script app; it loads the listing from the public web endpoint
`web-drcn.hispace.dbankcloud.com/uowap/index?method=internal.getTabDetail&uri=app|C<id>`,
a layout of cards (`layoutData[].dataList[]`): the header card carries name, icoUri, stars
(rating) and the rating count; other cards the developer and the introduction. Key names
are searched across cards, since cards move between page versions.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from brandaudit.crawler.touchpoints.platforms.base import Adapter, clean, first
from brandaudit.crawler.touchpoints.platforms.embedded import count, number, object_with, value_of
from brandaudit.crawler.touchpoints.platforms.reading import (
    Answer,
    Fields,
    Unreadable,
    profile_reader,
)
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

PLATFORM = "huawei_appgallery"
PATH = PROFILE_URLS[PLATFORM].path
API = (
    "https://web-drcn.hispace.dbankcloud.com/uowap/index?method=internal.getTabDetail"
    "&serviceType=20&reqPageNum=1&maxResults=25&zone=&locale=zh_CN&uri={uri}"
)
EXPECTED = ("display_name", "avatar_url", "bio", "developer")


def fetch_url(url: str) -> str:
    app = PATH.search(urlsplit(url).path)
    return API.format(uri=quote(f"app|{app[1]}")) if app else url


@profile_reader(PLATFORM, "app", EXPECTED)
def extract(answer: Answer) -> Fields:
    data = answer.json("AppGallery listing API")
    header = object_with(data, "name", "icoUri")
    if not header:
        raise Unreadable("not found: AppGallery answered with no listing (removed or wrong id)")
    rating = number(first(header.get("stars"), header.get("score"), value_of(data, "stars")))
    app = PATH.search(urlsplit(answer.url).path)
    return {
        "handle": first(header.get("appid"), app and app[1]),
        "display_name": clean(header.get("name")),
        "avatar_url": first(header.get("icoUri"), header.get("icon")),
        "bio": clean(value_of(data, "appIntro", "editorDescribe", "memo")),
        "developer": clean(value_of(data, "developer", "developerName")),
        "rating": rating,
        "rating_count": count(value_of(data, "gradeCount", "scoredBy", "ratingCount")),
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
