"""YouTube channels: www.youtube.com/@handle (or /channel/<id>, /c/<name>, /user/<name>).

The page embeds `ytInitialData`, the JSON YouTube's own scripts render from; its
`channelMetadataRenderer` holds title, description, avatar and vanity URL, and the channel's
links appear as youtube.com/redirect?q=<target> URLs. Open Graph is the fallback. In the EU
anonymous visitors are first sent to consent.youtube.com.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from brandaudit.crawler.touchpoints.platforms.base import Adapter, assigned_json, clean, first, walk
from brandaudit.crawler.touchpoints.platforms.reading import (
    Answer,
    Fields,
    profile_reader,
    sources,
)
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

PLATFORM = "youtube"
PATH = PROFILE_URLS[PLATFORM].path
REDIRECT = re.compile(r"https?://(?:www\.)?youtube\.com/redirect\?[^\"'\s<>]+")
EXPECTED = ("display_name", "avatar_url", "bio", "website_link")


def _largest(node: Any) -> str | None:
    """The widest image URL among the `thumbnails` / `sources` lists anywhere under `node`."""
    images = [
        item
        for key in ("thumbnails", "sources")
        for found in walk(node, key)
        if isinstance(found, list)
        for item in found
        if isinstance(item, dict) and isinstance(item.get("url"), str)
    ]
    if not images:
        return None
    return max(images, key=lambda image: image.get("width") or 0)["url"]


def _redirect_targets(text: str) -> list[str]:
    targets = []
    for match in REDIRECT.finditer(text.replace("\\u0026", "&")):
        target = parse_qs(urlsplit(match.group(0)).query).get("q", [""])[0]
        if target and target not in targets:
            targets.append(target)
    return targets


@profile_reader(PLATFORM, "social", EXPECTED)
def extract(answer: Answer) -> Fields:
    tags, text = answer.html().tags, answer.text
    data = assigned_json(text, "ytInitialData") or {}
    meta = next(iter(walk(data, "channelMetadataRenderer")), None) or {}
    banner = next(filter(None, map(_largest, walk(data, "banner"))), None)
    path = urlsplit(answer.url).path
    handle = first(
        *(re.findall(r"@[\w.\-]+", meta.get("vanityChannelUrl") or "")[:1]),
        PATH.match(path) and path.strip("/"),
    )
    return {
        "handle": handle,
        "display_name": clean(first(meta.get("title"), tags.get("og:title"))),
        "bio": clean(first(meta.get("description"), tags.get("og:description"))),
        "avatar_url": first(_largest(meta.get("avatar")), tags.get("og:image")),
        "banner_url": banner,
        "website_link": first(*_redirect_targets(text)),
        "extracted_from": sources(platform_json=bool(meta), og=bool(tags.get("og:title"))),
    }


ADAPTER = Adapter(
    platform=PLATFORM,
    kind=PROFILE_URLS[PLATFORM].kind,
    hosts=PROFILE_URLS[PLATFORM].hosts,
    path=PATH,
    fetch_mode="plain",
    extract=extract,
)
