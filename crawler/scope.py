"""Which URLs belong to the crawl: the seeds' sites, within depth, include and exclude rules.

A link that does not belong gets its coverage reason (`why_not_page`), so nothing is cut silently.

A site is host plus port, with the scheme's default port ignored, so http://x/ and
https://x/ are one site while 127.0.0.1:8001 and 127.0.0.1:8002 are two.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

from scrapy.linkextractors import IGNORED_EXTENSIONS

from brandaudit.crawler.options import CrawlOptions

DEFAULT_PORTS = {"http": 80, "https": 443}
URL_LENGTH_LIMIT = 2083  # Scrapy's URLLENGTH_LIMIT, which would drop longer URLs silently
_SKIPPED_EXTENSIONS = frozenset(f".{ext}" for ext in IGNORED_EXTENSIONS)


def site_key(url: str) -> str | None:
    """``host`` or ``host:port`` of an http(s) URL; None for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname.lower()
    return host if port in (None, DEFAULT_PORTS[parts.scheme]) else f"{host}:{port}"


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class CrawlScope:
    """Decides whether a discovered link is a page of this crawl."""

    def __init__(self, options: CrawlOptions) -> None:
        self.max_depth = options.max_depth
        self.sites = {key for key in map(site_key, options.seeds) if key}
        self.include = [re.compile(p) for p in options.include]
        self.exclude = [re.compile(p) for p in options.exclude]
        self.origins = list(dict.fromkeys(origin(seed) for seed in options.seeds))

    def add_site(self, url: str) -> None:
        """A seed that redirects to another host (example.com -> www.example.com) brings it in."""
        key = site_key(url)
        if key:
            self.sites.add(key)

    def is_own_site(self, url: str) -> bool:
        return site_key(url) in self.sites

    def allows_page(self, url: str, depth: int) -> bool:
        return self.why_not_page(url, depth) is None

    def why_not_page(self, url: str, depth: int) -> str | None:
        """The coverage reason (`crawler.coverage.REASONS`) a link is not a page of this
        crawl, or None when it is one."""
        if not self.is_own_site(url):
            return "off_site"
        if posixpath.splitext(urlsplit(url).path)[1].lower() in _SKIPPED_EXTENSIONS:
            return "unsupported"  # a PDF or an image linked from a page is not a page
        if self.include and not any(p.search(url) for p in self.include):
            return "excluded"
        if any(p.search(url) for p in self.exclude):
            return "excluded"
        if len(url) > URL_LENGTH_LIMIT:
            return "too_long"
        if self.max_depth is not None and depth > self.max_depth:
            return "depth"
        return None


class PageBudget:
    """Enforces max_pages exactly: pages emitted plus pages in flight never exceed it.

    A page that fails frees its slot, so a broken link does not eat into the budget.
    """

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.emitted = 0
        self.in_flight = 0

    def reserve(self) -> bool:
        if self.limit is not None and self.emitted + self.in_flight >= self.limit:
            return False
        self.in_flight += 1
        return True

    def emitted_one(self) -> None:
        self.in_flight -= 1
        self.emitted += 1

    def release(self) -> None:
        self.in_flight -= 1

    @property
    def exhausted(self) -> bool:
        return self.limit is not None and self.emitted >= self.limit


PAGE_EXTENSIONS = frozenset(
    {"", ".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp"}
)


def looks_like_a_page(url: str) -> bool:
    """A link whose path names a page (no extension, or a page's): a non-HTML answer there
    is the site's mistake; any other linked file (.txt, .sig, .zip) is simply not a page."""
    return posixpath.splitext(urlsplit(url).path)[1].lower() in PAGE_EXTENSIONS
