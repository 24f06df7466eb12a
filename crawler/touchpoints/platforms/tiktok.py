"""TikTok profiles: www.tiktok.com/@handle.

The page embeds its state as JSON in `<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__">`:
`__DEFAULT_SCOPE__["webapp.user-detail"].userInfo.user` holds uniqueId, nickname,
signature (the bio), avatar and bioLink. A non-zero `statusCode` there means the account
does not exist or is banned, although the HTTP status is 200.
"""

from __future__ import annotations

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
    meta_tags,
    page,
    script_json,
)

PLATFORM = "tiktok"
PATH = re.compile(r"^/@([\w.]+)/?$")
STATE_SCRIPT = "__UNIVERSAL_DATA_FOR_REHYDRATION__"
EXPECTED = ("display_name", "avatar_url", "bio", "website_link")


def extract(
    url: str, status: int, body: bytes | str, content_type: str = "", final_url: str | None = None
) -> ProfileArtifact:
    sel = page(body)
    tags = meta_tags(sel)
    if wall := barrier(url, status, final_url, tags):
        return blocked(PLATFORM, "social", url, status, wall)
    state = script_json(sel, STATE_SCRIPT) or {}
    detail = (state.get("__DEFAULT_SCOPE__") or {}).get("webapp.user-detail") or {}
    user = (detail.get("userInfo") or {}).get("user") or {}
    code = detail.get("statusCode")
    if not user and code not in (None, 0):
        note = f"{NOT_FOUND}: TikTok reports statusCode {code} (account missing or banned)"
        return blocked(PLATFORM, "social", url, status, ("none", note))
    bio_link = user.get("bioLink") or {}
    url_handle = PATH.match(urlsplit(url).path)
    sources = [
        s for s, used in (("platform_json", bool(user)), ("og", bool(tags.get("og:title")))) if used
    ]
    profile = ProfileArtifact(
        url=url,
        platform=PLATFORM,
        kind="social",
        handle=first(user.get("uniqueId"), url_handle and url_handle[1]),
        display_name=clean(first(user.get("nickname"), tags.get("og:title"))),
        bio=clean(first(user.get("signature"), tags.get("og:description"))),
        avatar_url=first(user.get("avatarLarger"), user.get("avatarMedium"), tags.get("og:image")),
        website_link=first(bio_link.get("link") if isinstance(bio_link, dict) else None),
        extracted_from=tuple(sources),
        status=status,
    )
    return finish(profile, EXPECTED)


ADAPTER = Adapter(
    platform=PLATFORM,
    kind="social",
    hosts=("tiktok.com",),
    path=PATH,
    fetch_mode="plain",
    extract=extract,
)
