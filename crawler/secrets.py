"""Staging credentials (BRANDAUDIT_HEADERS): sent to the audited hosts only, never stored.

Requests are built and queued without them: Scrapy's JOBDIR pickles queued requests, headers
included, to disk, where they outlived a `kill -9` and were uploaded with the report folder.
`SecretHeadersMiddleware` adds them just before download when the request's host:port is one
of the seeds', and takes them off when the response or failure comes back, so a redirect or a
retry (copied from the request) is built without them and gets them again only if its own
host is audited. A `Cookie` line is merged into the cookies Scrapy's jar sends (the cookies
middleware replaces any Cookie header). Rendered pages get them per browser request through
`browser_headers`, scrapy-playwright's header hook: frames, sub-resources and navigations to
other hosts get none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scrapy import Request
from scrapy.http import Headers, Response

from brandaudit.crawler.scope import site_key

COOKIE = "cookie"


class StagingSecrets:
    """The user's extra headers and the sites (host:port) allowed to receive them."""

    def __init__(self, headers: Mapping[str, str], seeds: tuple[str, ...]) -> None:
        self.headers = {k: v for k, v in headers.items() if k.lower() != COOKIE}
        self.cookie = "; ".join(v for k, v in headers.items() if k.lower() == COOKIE) or None
        self.sites = frozenset(key for key in map(site_key, seeds) if key)
        self.names = frozenset(k.lower() for k in self.headers)

    def __bool__(self) -> bool:
        return bool(self.headers or self.cookie)

    def applies_to(self, url: str) -> bool:
        return site_key(url) in self.sites

    def attach(self, headers: Headers, url: str) -> None:
        """Put the secrets on a request to `url` if its site is audited; strip them otherwise."""
        self.strip(headers)
        if not self.applies_to(url):
            return
        for name, value in self.headers.items():
            headers[name] = value
        if self.cookie:
            jar = headers.get(b"Cookie")
            headers[b"Cookie"] = f"{jar.decode('latin-1')}; {self.cookie}" if jar else self.cookie

    def strip(self, headers: Headers) -> None:
        for name in list(headers.keys()):
            if name.decode("latin-1").lower() in self.names:
                del headers[name]
        if self.cookie:
            jar = headers.get(b"Cookie")
            if jar is not None:
                kept = jar.decode("latin-1").replace(f"; {self.cookie}", "")
                kept = "" if kept == self.cookie else kept
                if kept:
                    headers[b"Cookie"] = kept
                else:
                    del headers[b"Cookie"]

    def browser_view(self, url: str, headers: dict[str, str]) -> dict[str, str]:
        """The headers a browser request to `url` goes out with (names lower-case)."""
        clean = {
            k: v for k, v in headers.items() if k.lower() not in self.names and k.lower() != COOKIE
        }
        cookie = next((v for k, v in headers.items() if k.lower() == COOKIE), None)
        if cookie and self.cookie:
            cookie = cookie.replace(f"; {self.cookie}", "").replace(self.cookie, "").strip("; ")
        if self.applies_to(url):
            clean.update({k.lower(): v for k, v in self.headers.items()})
            if self.cookie:
                cookie = f"{cookie}; {self.cookie}" if cookie else self.cookie
        if cookie:
            clean[COOKIE] = cookie
        return clean


_ACTIVE = StagingSecrets({}, ())


def install(secrets: StagingSecrets) -> None:
    """Make `secrets` the crawl process's own (kept in memory only)."""
    global _ACTIVE
    _ACTIVE = secrets


def active() -> StagingSecrets:
    return _ACTIVE


class SecretHeadersMiddleware:
    """Downloader middleware: the secrets ride on a request only while it is downloaded."""

    def process_request(self, request: Request) -> None:
        active().attach(request.headers, request.url)

    def process_response(self, request: Request, response: Response) -> Response:
        _forget(request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        _forget(request)


def _forget(request: Request) -> None:
    """Strip the secrets, and the jar's cookies too: a redirect or retry is copied from this
    request into the (JOBDIR) queue, and the cookies middleware sets them again at send time."""
    active().strip(request.headers)
    request.headers.pop(b"Cookie", None)


async def browser_headers(
    *, browser_type_name: str, playwright_request: Any, scrapy_request_data: dict[str, Any]
) -> dict[str, str]:
    """PLAYWRIGHT_PROCESS_REQUEST_HEADERS: scrapy-playwright's own choice of headers, with the
    secrets added for audited hosts only and removed for every other host."""
    from scrapy_playwright.headers import use_scrapy_headers

    url = playwright_request.url
    if site_key(url) != site_key(scrapy_request_data["url"]):
        # A frame or a `location=` to another host: Scrapy's headers (its cookie jar's
        # Cookie for the audited host) are not that host's; the browser's own are.
        chosen = await playwright_request.all_headers()
    else:
        chosen = await use_scrapy_headers(
            browser_type_name=browser_type_name,
            playwright_request=playwright_request,
            scrapy_request_data=scrapy_request_data,
        )
    return active().browser_view(url, chosen)
