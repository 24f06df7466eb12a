"""Instagram profiles: www.instagram.com/<handle>/.

Anonymous visitors get Open Graph tags (name, handle, avatar, counts) and, often, a redirect
to /accounts/login/. The bio and the link in bio appear only in the JSON the page embeds
for its own scripts (`biography`, `external_url`), when it embeds it at all.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact
from brandaudit.crawler.touchpoints.platforms.base import Adapter, clean, first, walk
from brandaudit.crawler.touchpoints.platforms.reading import (
    Answer,
    Fields,
    profile_reader,
    sources,
)
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

PLATFORM = "instagram"
PATH = PROFILE_URLS[PLATFORM].path
TITLE = re.compile(r"^(?P<name>.*?)\s*\(@(?P<handle>[\w.]+)\)")
BIO_IN_DESCRIPTION = re.compile(r'on Instagram:\s*"(?P<bio>.*)"\s*$', re.S)
EXPECTED = ("display_name", "avatar_url", "bio", "website_link")


def _embedded_user(sel: Any) -> dict[str, Any]:
    """The user object of the page's embedded JSON (the one with a `biography`)."""
    for raw in sel.xpath('//script[@type="application/json"]/text()').getall():
        if "biography" not in raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        for user in walk(data, "user"):
            if isinstance(user, dict) and "biography" in user:
                return user
    return {}


def _login_note(profile: ProfileArtifact) -> ProfileArtifact:
    """Without the embedded user JSON, what is missing is what Instagram hides from visitors."""
    if "platform_json" in profile.extracted_from or profile.coverage == "full":
        return profile
    return profile.with_note("login wall: Instagram shows bio and links to signed-in users")


@profile_reader(PLATFORM, "social", EXPECTED, after=_login_note)
def extract(answer: Answer) -> Fields:
    tags = answer.html().tags
    user = _embedded_user(answer.sel)
    title = TITLE.match(tags.get("og:title", ""))
    described = BIO_IN_DESCRIPTION.search(tags.get("description", ""))
    url_handle = PATH.match(urlsplit(answer.url).path)
    return {
        "handle": first(
            user.get("username"), title and title["handle"], url_handle and url_handle[1]
        ),
        "display_name": clean(first(user.get("full_name"), title and title["name"])),
        "bio": clean(first(user.get("biography"), described and described["bio"])),
        "avatar_url": first(
            user.get("profile_pic_url_hd"), user.get("profile_pic_url"), tags.get("og:image")
        ),
        "website_link": first(user.get("external_url")),
        "extracted_from": sources(og=bool(tags.get("og:title")), platform_json=bool(user)),
    }


ADAPTER = Adapter(
    platform=PLATFORM,
    kind=PROFILE_URLS[PLATFORM].kind,
    hosts=PROFILE_URLS[PLATFORM].hosts,
    path=PATH,
    fetch_mode="plain",
    extract=extract,
)
