"""TikTok profiles: www.tiktok.com/@handle.

The page embeds its state as JSON in `<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">`:
`__DEFAULT_SCOPE__["webapp.user-detail"].userInfo.user` holds uniqueId, nickname,
signature (the bio), avatar and bioLink. A non-zero `statusCode` there means the account
does not exist or is banned, although the HTTP status is 200.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from brandaudit.crawler.touchpoints.platforms.base import (
    NOT_FOUND,
    Adapter,
    clean,
    first,
    script_json,
)
from brandaudit.crawler.touchpoints.platforms.reading import (
    Answer,
    Fields,
    Unreadable,
    profile_reader,
    sources,
)
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

PLATFORM = "tiktok"
PATH = PROFILE_URLS[PLATFORM].path
STATE_SCRIPT = "__UNIVERSAL_DATA_FOR_REHYDRATION__"
EXPECTED = ("display_name", "avatar_url", "bio", "website_link")


@profile_reader(PLATFORM, "social", EXPECTED)
def extract(answer: Answer) -> Fields:
    tags = answer.html().tags
    state = script_json(answer.sel, STATE_SCRIPT) or {}
    detail = (state.get("__DEFAULT_SCOPE__") or {}).get("webapp.user-detail") or {}
    user = (detail.get("userInfo") or {}).get("user") or {}
    code = detail.get("statusCode")
    if not user and code not in (None, 0):
        raise Unreadable(
            f"{NOT_FOUND}: TikTok reports statusCode {code} (account missing or banned)"
        )
    bio_link = user.get("bioLink") or {}
    url_handle = PATH.match(urlsplit(answer.url).path)
    return {
        "handle": first(user.get("uniqueId"), url_handle and url_handle[1]),
        "display_name": clean(first(user.get("nickname"), tags.get("og:title"))),
        "bio": clean(first(user.get("signature"), tags.get("og:description"))),
        "avatar_url": first(
            user.get("avatarLarger"), user.get("avatarMedium"), tags.get("og:image")
        ),
        "website_link": first(bio_link.get("link") if isinstance(bio_link, dict) else None),
        "extracted_from": sources(platform_json=bool(user), og=bool(tags.get("og:title"))),
    }


ADAPTER = Adapter(
    platform=PLATFORM,
    kind=PROFILE_URLS[PLATFORM].kind,
    hosts=PROFILE_URLS[PLATFORM].hosts,
    path=PATH,
    fetch_mode="plain",
    extract=extract,
)
