"""Bilibili spaces: space.bilibili.com/<mid>.

The space page is rendered by scripts; the public card endpoint
`api.bilibili.com/x/web-interface/card?mid=<mid>` answers JSON without signing:
`data.card` (name, face = avatar, sign = bio) and `data.space` (l_img = banner).
`code` -404 means no such user; -352/-412/-799 mean the request was throttled as a bot.
Bilibili profiles have no website link field.
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

PLATFORM = "bilibili"
PATH = re.compile(r"^/(\d+)(?:/.*)?$")
API = "https://api.bilibili.com/x/web-interface/card?mid={mid}&photo=true"
THROTTLED = {-352, -412, -799}
EXPECTED = ("display_name", "avatar_url", "bio")


def fetch_url(url: str) -> str:
    mid = PATH.match(urlsplit(url).path)
    return API.format(mid=mid[1]) if mid else url


def extract(
    url: str, status: int, body: bytes | str, content_type: str = "", final_url: str | None = None
) -> ProfileArtifact:
    if wall := barrier(url, status, final_url):
        return blocked(PLATFORM, "social", url, status, wall)
    try:
        data = json.loads(text_of(body))
    except ValueError:
        note = "Bilibili API answered with something other than JSON"
        return blocked(PLATFORM, "social", url, status, ("none", note))
    code = data.get("code") if isinstance(data, dict) else None
    if code == -404:
        return blocked(PLATFORM, "social", url, status, ("none", f"{NOT_FOUND}: code -404"))
    if code != 0:
        why = "throttled as a bot" if code in THROTTLED else "refused"
        note = f"Bilibili API {why} (code {code}: {data.get('message', '')})"
        return blocked(PLATFORM, "social", url, status, ("none", note))
    card = (data.get("data") or {}).get("card") or {}
    space = (data.get("data") or {}).get("space") or {}
    profile = ProfileArtifact(
        url=url,
        platform=PLATFORM,
        kind="social",
        handle=str(first(card.get("mid"), PATH.match(urlsplit(url).path)[1]) or "") or None,
        display_name=clean(card.get("name")),
        bio=clean(card.get("sign")),
        avatar_url=first(card.get("face")),
        banner_url=first(space.get("l_img"), space.get("s_img")),
        extracted_from=("platform_json",),
        status=status,
    )
    return finish(profile, EXPECTED)


ADAPTER = Adapter(
    platform=PLATFORM,
    kind="social",
    hosts=("space.bilibili.com",),
    path=PATH,
    fetch_mode="json",
    extract=extract,
    fetch_url=fetch_url,
)
