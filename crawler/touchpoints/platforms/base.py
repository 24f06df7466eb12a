"""What every platform adapter is, and the page-reading helpers they share.

Adapters prefer data platforms publish on purpose (Open Graph, JSON-LD, the JSON a page
embeds for its own scripts, public JSON APIs) over CSS classes, which change weekly.
Walls (login, consent, rate limits) are detected here once, so every adapter reports them
as reduced coverage with a note, never as a clean profile.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact, ProfileKind

if TYPE_CHECKING:  # parsel is imported where pages are read, not by the audit process
    from parsel import Selector

FetchMode = Literal["plain", "rendered", "json"]
ExtractFn = Callable[..., ProfileArtifact]

# Paths and titles platforms use for the pages they send anonymous visitors to instead.
LOGIN_PATHS = re.compile(
    r"/(login|signin|sign-in|accounts/login|authwall|checkpoint|uas/login|i/flow/login)\b"
    r"|passport\.weibo\.com|passport\.bilibili\.com",
    re.I,
)
CONSENT_HOSTS = ("consent.youtube.com", "consent.google.com")
LOGIN_TITLES = re.compile(r"^\s*(log ?in|sign ?in|sign up|log in or sign up)\b", re.I)
BLOCKED_STATUSES = {
    401: "login required",
    403: "access refused",
    429: "rate limited",
    999: "blocked as a bot",
}
NOT_FOUND = "not found"  # coverage notes starting with this mark a removed profile
FIELD_LABELS = {
    "display_name": "name",
    "avatar_url": "avatar",
    "bio": "bio",
    "website_link": "website link",
    "developer": "developer",
}


@dataclass(frozen=True)
class Adapter:
    """One platform: which URLs it owns, how to fetch them, how to read the answer."""

    platform: str
    kind: ProfileKind
    hosts: tuple[str, ...]  # a URL's host must equal one of these or end in "." + one
    path: re.Pattern[str]  # and its path (plus query) must match this
    fetch_mode: FetchMode
    extract: ExtractFn  # (url, status, body, content_type, final_url=None) -> ProfileArtifact
    fetch_url: Callable[[str], str] = lambda url: url  # real URL -> what to request
    headers: tuple[tuple[str, str], ...] = ()

    def owns(self, url: str) -> bool:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if not any(host == h or host.endswith("." + h) for h in self.hosts):
            return False
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        return self.path.search(target) is not None


def text_of(body: bytes | str) -> str:
    return body.decode("utf-8", "replace") if isinstance(body, bytes) else body


def page(body: bytes | str) -> Selector:
    from parsel import Selector

    return Selector(text=text_of(body) or "<html></html>", type="html")


def meta_tags(sel: Selector) -> dict[str, str]:
    """Open Graph, Twitter card and description meta tags, first value of each wins."""
    tags: dict[str, str] = {}
    for node in sel.xpath("//meta[@content]"):
        key = (node.attrib.get("property") or node.attrib.get("name") or "").strip().lower()
        if key and key not in tags:
            tags[key] = node.attrib["content"].strip()
    return tags


def jsonld_items(sel: Selector) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, @graph flattened; broken blocks are skipped."""
    items: list[dict[str, Any]] = []
    for raw in sel.xpath('//script[@type="application/ld+json"]/text()').getall():
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        for item in stack:
            if isinstance(item, dict):
                items.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    items.extend(g for g in graph if isinstance(g, dict))
    return items


def of_type(items: list[dict[str, Any]], *types: str) -> dict[str, Any] | None:
    for item in items:
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(k in types for k in kinds):
            return item
    return None


def script_json(sel: Selector, script_id: str) -> Any:
    raw = sel.xpath(f'//script[@id="{script_id}"]/text()').get()
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def assigned_json(body: str, variable: str) -> Any:
    """The object literal assigned to a JS variable (`var ytInitialData = {...};`)."""
    match = re.search(rf"{re.escape(variable)}\s*=\s*(\{{)", body)
    if not match:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(body, match.start(1))
    except ValueError:
        return None
    return value


def walk(data: Any, key: str) -> Iterator[Any]:
    """Every value stored under `key` anywhere inside nested JSON."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k == key:
                yield v
            yield from walk(v, key)
    elif isinstance(data, list):
        for item in data:
            yield from walk(item, key)


def first(*values: Any) -> Any:
    """The first value that is neither None nor blank."""
    for value in values:
        if isinstance(value, str):
            value = value.strip()
        if value not in (None, "", [], {}):
            return value
    return None


def image_url(value: Any) -> str | None:
    """A JSON-LD image: a URL, an ImageObject, or a list of either."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("contentUrl") or value.get("url")
    return value if isinstance(value, str) and value else None


def barrier(
    url: str, status: int, final_url: str | None, tags: dict[str, str] | None = None
) -> tuple[str, str] | None:
    """(coverage, note) when the platform answered with something other than the profile."""
    if status in (404, 410):
        return "none", f"{NOT_FOUND} (HTTP {status}): removed, renamed or never existed"
    if status in BLOCKED_STATUSES:
        return "none", f"{BLOCKED_STATUSES[status]} (HTTP {status}): nothing readable"
    if status >= 500 or status == 0:
        return "none", f"platform error (HTTP {status}): nothing readable"
    landed = final_url or url
    host = (urlsplit(landed).hostname or "").lower()
    if host in CONSENT_HOSTS or "/consent" in urlsplit(landed).path:
        return "none", f"consent page ({host}) shown instead of the profile"
    if landed != url and LOGIN_PATHS.search(landed):
        return "none", "login wall: redirected to a login page"
    title = (tags or {}).get("og:title", "")
    if title and LOGIN_TITLES.search(title):
        return "none", f"login wall: page titled '{title}'"
    return None


def blocked(
    platform: str, kind: ProfileKind, url: str, status: int, wall: tuple[str, str]
) -> ProfileArtifact:
    """The artifact of a profile the platform did not show: no data, just the reason."""
    coverage, note = wall
    return ProfileArtifact(
        url=url,
        platform=platform,
        kind=kind,
        status=status,
        coverage=coverage,  # type: ignore[arg-type]
        coverage_notes=(note,),
    )


def finish(profile: ProfileArtifact, expected: tuple[str, ...]) -> ProfileArtifact:
    """Set coverage from which expected fields were read, with a note per missing one."""
    missing = [name for name in expected if not getattr(profile, name)]
    if not missing:
        return profile
    notes = [*profile.coverage_notes]
    labels = ", ".join(FIELD_LABELS.get(name, name) for name in missing)
    notes.append(f"not readable from the public page: {labels}")
    coverage = "none" if len(missing) == len(expected) else "partial"
    if profile.coverage == "none":
        coverage = "none"
    return replace(profile, coverage=coverage, coverage_notes=tuple(notes))  # type: ignore[arg-type]


def clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = re.sub(r"\s+", " ", value).strip()
    return value or None
