"""Weibo accounts: weibo.com/u/<uid> (also weibo.com/<name>, m.weibo.cn/u/<uid>).

weibo.com is a script-rendered app behind a "visitor system" redirect to passport.weibo.com.
For numeric ids the public mobile JSON endpoint
`m.weibo.cn/api/container/getIndex?type=uid&value=<uid>` returns `data.userInfo`
(screen_name, description, avatar_hd, cover_image_phone); other URLs are fetched as pages
and read from Open Graph, which weibo.com rarely serves to anonymous visitors.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from brandaudit.crawler.touchpoints.platforms.base import NOT_FOUND, Adapter, clean, first
from brandaudit.crawler.touchpoints.platforms.reading import (
    Answer,
    Fields,
    Unreadable,
    profile_reader,
    sources,
)
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

PLATFORM = "weibo"
UID = re.compile(r"^/(?:u/)?(\d{5,})/?$")
PATH = PROFILE_URLS[PLATFORM].path
API = "https://m.weibo.cn/api/container/getIndex?type=uid&value={uid}"
EXPECTED = ("display_name", "avatar_url", "bio")


def fetch_url(url: str) -> str:
    uid = UID.match(urlsplit(url).path)
    return API.format(uid=uid[1]) if uid else url


def _from_json(data: Any) -> Fields:
    if not isinstance(data, dict) or not data.get("ok"):
        message = str(data.get("msg", "")) if isinstance(data, dict) else ""
        if "不存在" in message or "not exist" in message.lower():
            raise Unreadable(f"{NOT_FOUND}: {message}")
        raise Unreadable(f"Weibo API refused the lookup ({message or 'no data'})")
    user = (data.get("data") or {}).get("userInfo") or {}
    return {
        "handle": str(user.get("id") or "") or None,
        "display_name": clean(user.get("screen_name")),
        "bio": clean(user.get("description")),
        "avatar_url": first(user.get("avatar_hd"), user.get("profile_image_url")),
        "banner_url": first(user.get("cover_image_phone")),
        "extracted_from": ("platform_json",),
    }


@profile_reader(PLATFORM, "social", EXPECTED)
def extract(answer: Answer) -> Fields:
    if "json" in answer.content_type or answer.text.lstrip().startswith("{"):
        return _from_json(answer.json("Weibo API"))
    tags = answer.html().tags
    return {
        "handle": urlsplit(answer.url).path.strip("/").removeprefix("n/") or None,
        "display_name": clean(tags.get("og:title")),
        "bio": clean(first(tags.get("og:description"), tags.get("description"))),
        "avatar_url": first(tags.get("og:image")),
        "extracted_from": sources(og=bool(tags.get("og:title"))),
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
