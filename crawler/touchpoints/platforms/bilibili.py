"""Bilibili spaces: space.bilibili.com/<mid>.

The space page is rendered by scripts; the public card endpoint
`api.bilibili.com/x/web-interface/card?mid=<mid>` answers JSON without signing:
`data.card` (name, face = avatar, sign = bio) and `data.space` (l_img = banner).
`code` -404 means no such user; -352/-412/-799 mean the request was throttled as a bot.
Bilibili profiles have no website link field.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from brandaudit.crawler.touchpoints.platforms.base import NOT_FOUND, Adapter, clean, first
from brandaudit.crawler.touchpoints.platforms.reading import (
    Answer,
    Fields,
    Unreadable,
    profile_reader,
)
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

PLATFORM = "bilibili"
PATH = PROFILE_URLS[PLATFORM].path
API = "https://api.bilibili.com/x/web-interface/card?mid={mid}&photo=true"
THROTTLED = {-352, -412, -799}
EXPECTED = ("display_name", "avatar_url", "bio")


def fetch_url(url: str) -> str:
    mid = PATH.match(urlsplit(url).path)
    return API.format(mid=mid[1]) if mid else url


@profile_reader(PLATFORM, "social", EXPECTED)
def extract(answer: Answer) -> Fields:
    data = answer.json("Bilibili API")
    code = data.get("code") if isinstance(data, dict) else None
    if code == -404:
        raise Unreadable(f"{NOT_FOUND}: code -404")
    if code != 0:
        why = "throttled as a bot" if code in THROTTLED else "refused"
        raise Unreadable(f"Bilibili API {why} (code {code}: {data.get('message', '')})")
    card = (data.get("data") or {}).get("card") or {}
    space = (data.get("data") or {}).get("space") or {}
    return {
        "handle": str(first(card.get("mid"), PATH.match(urlsplit(answer.url).path)[1]) or "")
        or None,
        "display_name": clean(card.get("name")),
        "bio": clean(card.get("sign")),
        "avatar_url": first(card.get("face")),
        "banner_url": first(space.get("l_img"), space.get("s_img")),
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
