"""Decide about a redirect before it is followed, not after the target was fetched.

Scrapy's redirect middlewares follow any http(s) target and strip only `Authorization` and
`Cookie` across hosts; a `file:` target left the 3xx response itself, which read as an empty
body. Here, before them, a redirect or meta refresh of a page (or sitemap) to another site,
any redirect to a non-web scheme, and any target too long to fetch end the request with a
`RedirectRefused` whose message is the reason a `crawl.error` shows. Images may redirect to
other hosts (CDNs): they are fetched, without the staging headers (crawler/secrets.py).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.response import get_meta_refresh
from w3lib.url import safe_url_string

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
META_REFRESH_IGNORED = ("noscript",)  # Scrapy's defaults, so both decide alike
META_REFRESH_MAX_DELAY = 100
MAX_URL_CHARS = 2083  # Scrapy's URLLENGTH_LIMIT, which drops longer URLs with a counter only


class RedirectRefused(IgnoreRequest):
    """A redirect that is not followed; the message says why in plain words."""

    off_site_target: str | None = None  # another site's URL: coverage lists it (off_site)


def too_long(url: str) -> bool:
    return len(url) > MAX_URL_CHARS


def describe_too_long(url: str) -> str:
    return (
        f"URL of {len(url):,} characters, longer than the {MAX_URL_CHARS:,} that browsers and "
        "servers accept: not fetched"
    )


def shorten(url: str) -> str:
    """A URL fit to show in a report."""
    return url if len(url) <= 200 else f"{url[:200]}…"


class RedirectScopeMiddleware:
    """Downloader middleware for `Location` redirects, placed before RedirectMiddleware (600)
    with a higher number: it sees the response first."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedirectScopeMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get("dont_redirect"):
            return response
        target, how = self.target(request, response)
        if target is not None:
            refuse_off_scope(target, how, request, getattr(self.crawler.spider, "scope", None))
        return response

    def target(self, request: Request, response: Response) -> tuple[str | None, str]:
        location = response.headers.get(b"Location")
        if response.status not in REDIRECT_STATUSES or not location:
            return None, ""
        text = location.decode("latin-1").strip()
        if text.startswith("//"):
            text = f"{urlsplit(request.url).scheme}:{text}"
        return urljoin(request.url, safe_url_string(text)), "redirects"


class MetaRefreshScopeMiddleware(RedirectScopeMiddleware):
    """The same for meta refreshes: between HttpCompression (590) and MetaRefresh (580), so
    it reads the decompressed page as MetaRefreshMiddleware will."""

    def target(self, request: Request, response: Response) -> tuple[str | None, str]:
        if not isinstance(response, HtmlResponse):
            return None, ""
        try:
            interval, url = get_meta_refresh(response, ignore_tags=META_REFRESH_IGNORED)
        except Exception:  # an undecodable page: the page parser will say so
            return None, ""
        if url and interval is not None and interval < META_REFRESH_MAX_DELAY:
            return url, "a meta refresh leads"
        return None, ""


def refuse_off_scope(target: str, how: str, request: Request, scope: Any) -> None:
    """Raise `RedirectRefused` when the redirect to `target` must not be followed."""
    scheme = urlsplit(target).scheme.lower()
    if scheme not in ("http", "https"):
        raise RedirectRefused(
            f"{how} to a {scheme or 'non-web'}: URL ({shorten(target)}), which is never followed"
        )
    if too_long(target):
        raise RedirectRefused(f"{how} to a {describe_too_long(target)}")
    is_page = "ba_depth" in request.meta or request.meta.get("ba_sitemap")
    if is_page and not request.meta.get("ba_seed") and scope and not scope.is_own_site(target):
        refused = RedirectRefused(
            f"{how} to another site ({shorten(target)}), which is not audited: not followed"
        )
        refused.off_site_target = target
        raise refused
