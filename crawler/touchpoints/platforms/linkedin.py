"""LinkedIn company pages: www.linkedin.com/company/<slug>/.

The public page embeds a schema.org Organization in JSON-LD: name, description, logo,
`sameAs` (the company website) and `slogan`. Visitors without a session are often sent to
/authwall, or answered with the non-standard status 999: both are reported, not guessed.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from crawler.touchpoints.artifacts import ProfileArtifact
from crawler.touchpoints.platforms.base import (
    Adapter,
    barrier,
    blocked,
    clean,
    finish,
    first,
    image_url,
    jsonld_items,
    meta_tags,
    of_type,
    page,
)

PLATFORM = "linkedin"
PATH = re.compile(r"^/(?:company|school|showcase)/([^/]+)/?(?:about/?)?$")
EXPECTED = ("display_name", "avatar_url", "bio", "website_link")


def extract(
    url: str, status: int, body: bytes | str, content_type: str = "", final_url: str | None = None
) -> ProfileArtifact:
    sel = page(body)
    tags = meta_tags(sel)
    if wall := barrier(url, status, final_url, tags):
        return blocked(PLATFORM, "social", url, status, wall)
    org = of_type(jsonld_items(sel), "Organization", "Corporation", "EducationalOrganization")
    org = org or {}
    same_as = org.get("sameAs")
    same_as = same_as if isinstance(same_as, list) else [same_as]
    website = first(*[s for s in same_as if isinstance(s, str) and "linkedin.com" not in s])
    slug = PATH.match(urlsplit(url).path)
    sources = [s for s, used in (("jsonld", bool(org)), ("og", bool(tags.get("og:title")))) if used]
    description = clean(first(org.get("description"), tags.get("og:description")))
    og_name = (tags.get("og:title") or "").split(" | LinkedIn")[0]
    profile = ProfileArtifact(
        url=url,
        platform=PLATFORM,
        kind="social",
        handle=slug and slug[1],
        display_name=clean(first(org.get("name"), og_name)),
        bio=clean(" ".join(filter(None, (clean(org.get("slogan")), description)))),
        avatar_url=first(image_url(org.get("logo")), tags.get("og:image")),
        website_link=website,
        extracted_from=tuple(sources),
        status=status,
    )
    return finish(profile, EXPECTED)


ADAPTER = Adapter(
    platform=PLATFORM,
    kind="social",
    hosts=("linkedin.com",),
    path=PATH,
    fetch_mode="plain",
    extract=extract,
)
