"""LinkedIn company pages: www.linkedin.com/company/<slug>/.

The public page embeds a schema.org Organization in JSON-LD: name, description, logo,
`sameAs` (the company website) and `slogan`. Visitors without a session are often sent to
/authwall, or answered with the non-standard status 999: both are reported, not guessed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from brandaudit.crawler.touchpoints.platforms.base import (
    Adapter,
    clean,
    first,
    image_url,
    jsonld_items,
    of_type,
)
from brandaudit.crawler.touchpoints.platforms.reading import Answer, Fields, profile_reader, sources
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS

PLATFORM = "linkedin"
PATH = PROFILE_URLS[PLATFORM].path
ORGANISATIONS = ("Organization", "Corporation", "EducationalOrganization")
EXPECTED = ("display_name", "avatar_url", "bio", "website_link")


@profile_reader(PLATFORM, "social", EXPECTED)
def extract(answer: Answer) -> Fields:
    tags = answer.html().tags
    org = of_type(jsonld_items(answer.sel), *ORGANISATIONS) or {}
    same_as = org.get("sameAs")
    same_as = same_as if isinstance(same_as, list) else [same_as]
    website = first(*[s for s in same_as if isinstance(s, str) and "linkedin.com" not in s])
    slug = PATH.match(urlsplit(answer.url).path)
    description = clean(first(org.get("description"), tags.get("og:description")))
    og_name = (tags.get("og:title") or "").split(" | LinkedIn")[0]
    return {
        "handle": slug and slug[1],
        "display_name": clean(first(org.get("name"), og_name)),
        "bio": clean(" ".join(filter(None, (clean(org.get("slogan")), description)))),
        "avatar_url": first(image_url(org.get("logo")), tags.get("og:image")),
        "website_link": website,
        "extracted_from": sources(jsonld=bool(org), og=bool(tags.get("og:title"))),
    }


ADAPTER = Adapter(
    platform=PLATFORM,
    kind=PROFILE_URLS[PLATFORM].kind,
    hosts=PROFILE_URLS[PLATFORM].hosts,
    path=PATH,
    fetch_mode="plain",
    extract=extract,
)
