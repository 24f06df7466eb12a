"""Douyin user profiles: www.douyin.com/user/<sec_uid>.

The profile page is rendered by scripts; what the server sends sits in
`<script id="RENDER_DATA">` (URL-encoded JSON, camelCase: nickname, desc, avatarUrl) on
recent pages, and the web API `aweme/v1/web/user/profile/other` answers the same user in
snake_case (nickname, signature, avatar_300x300.url_list). Both are read. Anonymous visitors
often get a verification (captcha) or login page instead: that is reported, never a clean
profile. Douyin profiles have no website link field.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from brandaudit.crawler.touchpoints.platforms.base import Adapter, clean, first
from brandaudit.crawler.touchpoints.platforms.embedded import object_with
from brandaudit.crawler.touchpoints.platforms.reading import (
    Answer,
    Fields,
    Unreadable,
    profile_reader,
)
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

PLATFORM = "douyin"
PATH = PROFILE_URLS[PLATFORM].path
EXPECTED = ("display_name", "avatar_url", "bio")
WALL_MARKERS = ("verifycenter", "captcha", "验证码", "登录后")


def _avatar(user: dict) -> str | None:
    for key in ("avatar_300x300", "avatar_larger", "avatar_medium", "avatar_thumb"):
        urls = (user.get(key) or {}).get("url_list") if isinstance(user.get(key), dict) else None
        if urls:
            return urls[0]
    return first(user.get("avatarUrl"), user.get("avatar300Url"), user.get("avatarLarger"))


@profile_reader(PLATFORM, "social", EXPECTED)
def extract(answer: Answer) -> Fields:
    answer.html()
    data = answer.page_json("Douyin page data (RENDER_DATA)", "RENDER_DATA", unquote)
    user = object_with(data, "nickname", any_of=("signature", "desc", "secUid", "sec_uid"))
    if not user:
        walled = any(marker in answer.text for marker in WALL_MARKERS)
        why = "verification or login wall" if walled else "no profile data"
        raise Unreadable(f"Douyin served {why}: the page carried no user data")
    match = PATH.search(urlsplit(answer.url).path)
    return {
        "handle": first(user.get("unique_id"), user.get("uniqueId"), match and match[1]),
        "display_name": clean(user.get("nickname")),
        "bio": clean(first(user.get("signature"), user.get("desc"))),
        "avatar_url": _avatar(user),
        "extracted_from": ("platform_json",),
    }


ADAPTER = Adapter(
    platform=PLATFORM,
    kind=PROFILE_URLS[PLATFORM].kind,
    hosts=PROFILE_URLS[PLATFORM].hosts,
    path=PATH,
    fetch_mode="plain",
    extract=extract,
)
