"""Xiaohongshu (RED) user profiles: www.xiaohongshu.com/user/profile/<24 hex id>.

The page is server-rendered into `window.__INITIAL_STATE__` (a JS object literal, with
`undefined` where JSON has null): `user.userPageData.basicInfo` holds nickname, desc (bio),
imageb / images (avatar) and redId. Anonymous visitors are often sent to
/website-login/captcha or shown a login modal with the basic info left empty: that is a
wall, reported as such. RED profiles carry no website link.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from brandaudit.crawler.touchpoints.platforms.base import Adapter, clean, first
from brandaudit.crawler.touchpoints.platforms.embedded import js_object, object_with
from brandaudit.crawler.touchpoints.platforms.reading import (
    Answer,
    Fields,
    Unreadable,
    profile_reader,
)
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

PLATFORM = "xiaohongshu"
PATH = PROFILE_URLS[PLATFORM].path
EXPECTED = ("display_name", "avatar_url", "bio")


@profile_reader(PLATFORM, "social", EXPECTED)
def extract(answer: Answer) -> Fields:
    answer.html()
    landed = urlsplit(answer.final_url or answer.url).path
    if "website-login" in landed or "/captcha" in landed:
        raise Unreadable("login wall: redirected to a login or captcha page")
    state = js_object(answer.text, "window.__INITIAL_STATE__")
    if state is None:
        raise Unreadable("Xiaohongshu page carried no __INITIAL_STATE__ (render or login wall)")
    basic = object_with(state, "nickname", any_of=("desc", "imageb", "images", "redId"))
    if not basic.get("nickname"):
        raise Unreadable("login wall: the page's profile data (basicInfo) is empty")
    match = PATH.search(urlsplit(answer.url).path)
    notes = ()
    if not basic.get("desc"):
        notes = ("bio empty on the public page (not set, or hidden from visitors)",)
    return {
        "handle": first(basic.get("redId"), match and match[1]),
        "display_name": clean(basic.get("nickname")),
        "bio": clean(basic.get("desc")),
        "avatar_url": first(basic.get("imageb"), basic.get("images")),
        "coverage_notes": notes,
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
