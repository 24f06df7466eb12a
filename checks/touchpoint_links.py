"""Which profiles the website links to are the brand's own touchpoints.

A profile linked from the site's header, footer or navigation, from the Organization's
JSON-LD `sameAs`, by `rel="me"` or a smart app banner is the brand speaking for itself; so
is one whose handle carries the brand's name. Every other linked profile (a contributor
in a blog post, a customer's app in a showcase) is someone else's: on a real project site
68 of 69 `touchpoint.unlisted` findings were such links. Those are listed once, at info
level, and not fetched unless the guideline asks (`touchpoints.linked_profiles: all`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.crawler.touchpoints.profile_urls import profile_key
from brandaudit.crawler.touchpoints.store import (
    load_link_places,
    load_profile_links,
    resolved_url,
)

REASONS = {
    "same_as": "listed in the site's JSON-LD sameAs",
    "app_banner": "announced by the site's app banner",
    "rel_me": 'linked with rel="me"',
    "chrome": "linked from the site's header, footer or navigation",
}
_FOLD = re.compile(r"[\W_]+")
MIN_NAME = 3  # shorter brand names match too many handles by chance


@dataclass(frozen=True)
class LinkedProfile:
    """A profile or listing the website links to, and whether it is the brand's."""

    url: str
    pages: tuple[str, ...]
    places: tuple[str, ...]  # where it was linked (discover.WHERE), most deliberate first
    brand: bool
    reason: str


def _fold(text: str) -> str:
    return _FOLD.sub("", text).casefold()


def handle_matches(url: str, guideline: Guideline) -> bool:
    """The profile's handle or app id carries one of the brand's names ('novabridgehq',
    'example.novabridge' for NovaBridge)."""
    handle = _fold(profile_key(url).split(":", 1)[-1])
    names = (*guideline.brand.all_names, *filter(None, (guideline.brand.legal_name,)))
    folded = {_fold(name) for name in names}
    return any(len(name) >= MIN_NAME and name in handle for name in folded)


def linked_profiles(run_dir: Path, guideline: Guideline) -> list[LinkedProfile] | None:
    """Every profile the crawled pages link to, judged; None when discovery never ran."""
    linked = load_profile_links(run_dir)
    if linked is None:
        return None
    places = load_link_places(run_dir)
    order = ("same_as", "app_banner", "rel_me", "chrome", "body")
    profiles = []
    for url, pages in linked.items():
        found = tuple(sorted(places.get(url, {"chrome"}), key=order.index))
        deliberate = [p for p in found if p in REASONS]
        if deliberate:
            brand, reason = True, REASONS[deliberate[0]]
        elif handle_matches(url, guideline):
            brand, reason = True, "its handle carries the brand's name"
        else:
            brand, reason = False, "linked only from page text"
        profiles.append(LinkedProfile(url, pages, found, brand, reason))
    return profiles


def profiles_to_fetch(run_dir: Path, guideline: Guideline) -> list[str]:
    """The guideline's profiles and listings, then the brand's linked ones (all linked ones
    with `touchpoints.linked_profiles: all`): one URL per profile, guideline spelling first."""
    touchpoints = guideline.touchpoints
    every = touchpoints.linked_profiles == "all"
    linked = [p.url for p in linked_profiles(run_dir, guideline) or () if p.brand or every]
    resolved = resolved_url(run_dir)  # a short link counts as the profile it opens
    seen: dict[str, str] = {}
    for url in map(resolved, [*touchpoints.social, *touchpoints.apps, *linked]):
        seen.setdefault(profile_key(url), url)
    return list(seen.values())
