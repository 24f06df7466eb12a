"""Resolve short and QR landing links to the profiles they open, before profiles are compared.

Runs between the website crawl and the profile crawl, in the parent process (a handful of
small GETs, no Scrapy): the guideline's and the website's short links (those in page links
and those decoded from QR codes in site images, qr_links.py) are followed through HTTP
redirects, meta refreshes and the script redirects of the platforms' landing pages, hop by
hop, and only on the platforms' own hosts. Each result, resolved or not and why, goes to
`<run_dir>/profile_aliases.jsonl` (store.py), which the profile keys are read through.
"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from brandaudit.crawler.options import DEFAULT_USER_AGENT
from brandaudit.crawler.touchpoints.profile_urls import platform_of
from brandaudit.crawler.touchpoints.qr_links import record_qr_links
from brandaudit.crawler.touchpoints.registry import ADAPTERS, base_url_overrides, rewrite
from brandaudit.crawler.touchpoints.short_links import (
    SERVICES,
    landing_target,
    short_link_service,
    target_in_query,
)
from brandaudit.crawler.touchpoints.store import load_link_places, record_alias

MAX_HOPS = 6
MAX_BODY = 2_000_000
REDIRECTS = {301, 302, 303, 307, 308}
HOSTS = {
    **{host: adapter.platform for adapter in ADAPTERS for host in adapter.hosts},
    **{host: service.name for service in SERVICES for host in service.hosts},
}  # a platform host -> its base-URL override key


@dataclass(frozen=True)
class Resolution:
    """Where a short link leads: `target` (a profile URL) or `reason` it could not be told."""

    url: str
    target: str | None
    reason: str | None
    hops: tuple[str, ...]
    not_profile: bool = False  # it led to a known page that is no profile


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # every hop is looked at here, not followed blindly


_OPENER = urllib.request.build_opener(_NoRedirects)


def overrides() -> dict[str, str]:
    """Base-URL overrides of the platforms and of the short-link services (environment)."""
    found = base_url_overrides()
    for service in SERVICES:
        value = os.environ.get(f"BRANDAUDIT_PLATFORM_{service.name.upper()}_URL")
        if value:
            found[service.name] = value
    return found


def _override_key(url: str) -> str | None:
    """The override key of the platform (or short-link service) serving `url`; None off
    the platforms' hosts."""
    host = (urlsplit(url).hostname or "").lower()
    if host in HOSTS:
        return HOSTS[host]
    return next((key for h, key in HOSTS.items() if host.endswith("." + h)), None)


def _fetch(url: str, timeout_s: float, user_agent: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    try:
        response = _OPENER.open(request, timeout=timeout_s)
    except urllib.error.HTTPError as answer:  # 30x and 4xx arrive here without redirects
        response = answer
    with response:
        body = response.read(MAX_BODY) if response.status == 200 else b""
        headers = {k.lower(): v for k, v in response.headers.items()}
        return response.status, headers, body.decode("utf-8", "replace")


def resolve(
    url: str,
    base_urls: Mapping[str, str],
    timeout_s: float = 10,
    user_agent: str = DEFAULT_USER_AGENT,
) -> Resolution:
    """Follow a short link hop by hop until it names a profile (or cannot)."""
    service = short_link_service(url)
    hops = [url]
    current = url
    for _ in range(MAX_HOPS):
        if platform_of(current) and not short_link_service(current):
            return Resolution(url, current, None, tuple(hops))
        if target := target_in_query(current):
            hops.append(target)
            return Resolution(url, target, None, tuple(hops))
        key = _override_key(current)
        if key is None:
            why = f"leads to {current}, which is not a profile or listing brandaudit reads"
            return Resolution(url, None, why, tuple(hops), not_profile=True)
        hop_service = short_link_service(current) or service
        try:
            status, headers, page = _fetch(rewrite(current, base_urls, key), timeout_s, user_agent)
        except (OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            return Resolution(url, None, f"fetch failed at {current}: {reason}", tuple(hops))
        if status in REDIRECTS and headers.get("location"):
            step = urljoin(current, headers["location"])
        elif status == 200:
            step = landing_target(page, current)
            if step is None:
                why = hop_service.dead_end if hop_service else "the page names no profile"
                return Resolution(url, None, f"{why} ({current})", tuple(hops))
        elif status in (404, 410):
            why = f"not found (HTTP {status}) at {current}: expired or mistyped"
            return Resolution(url, None, why, tuple(hops))
        else:
            return Resolution(url, None, f"HTTP {status} at {current}", tuple(hops))
        if step in hops:
            return Resolution(url, None, f"redirect loop at {step}", tuple(hops))
        hops.append(step)
        current = step
    return Resolution(url, None, f"more than {MAX_HOPS} redirects", tuple(hops))


def resolve_landing_links(
    run_dir: Path,
    listed: Iterable[str],
    timeout_s: float = 10,
    user_agent: str | None = None,
    delay_s: float = 0.5,
) -> list[Resolution]:
    """Resolve every short link the guideline lists or the website places deliberately
    (header, footer, navigation, sameAs...; in links or QR codes), once each, and record the
    results. Short links in page text (a video shared in a post) are not followed."""
    places = load_link_places(run_dir, resolved=False)
    placed = [url for url, where in places.items() if where - {"body"}]
    short = [u for u in dict.fromkeys([*listed, *placed]) if short_link_service(u)]
    base_urls = overrides()
    results = []
    for number, url in enumerate(short):
        if number:
            time.sleep(delay_s)  # polite: one link at a time, a pause between them
        found = resolve(url, base_urls, timeout_s, user_agent or DEFAULT_USER_AGENT)
        record_alias(run_dir, found.url, found.target, found.reason, found.hops, found.not_profile)
        results.append(found)
    return results


def read_landing_links(
    run_dir: Path, listed: Iterable[str], timeout_s: float = 10
) -> list[Resolution]:
    """Before the profile crawl: the QR codes of the site's images read as links, then
    every short link (listed or linked) resolved."""
    record_qr_links(run_dir)
    return resolve_landing_links(run_dir, listed, timeout_s)
