"""The profile spider, run in a child process: `python -m crawler.touchpoints.spider SPEC`.

Polite by default: one request at a time per host, a delay between requests, one retry,
Retry-After honoured on 429 and 503 when the wait is reasonable; every HTTP answer (404,
429, login redirects) goes to the adapter, which turns it into coverage notes. The only
module of crawler.touchpoints that imports Scrapy.
"""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response

from brandaudit.crawler.artifacts import CrawlError, ImageArtifact
from brandaudit.crawler.options import DEFAULT_USER_AGENT
from brandaudit.crawler.run_store import RunWriter
from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact
from brandaudit.crawler.touchpoints.registry import adapter_for, request_url, rewrite
from brandaudit.crawler.touchpoints.store import ProfileWriter

RENDER_NOTE = "rendering not available: fetched without a browser, script-built parts missing"
MAX_RETRY_AFTER_S = 60.0


def unfetched(url: str, platform: str, kind: Any, note: str) -> ProfileArtifact:
    return ProfileArtifact(
        url=url, platform=platform, kind=kind, coverage="none", coverage_notes=(note,)
    )


def browser_hooks(render: bool) -> tuple[Any, Any] | None:
    """(render_meta, playwright_settings) of crawler.render when asked for and usable."""
    if not render:
        return None
    try:
        from brandaudit.crawler.render.browser import find_chromium, playwright_settings
        from brandaudit.crawler.render.hooks import render_meta
    except ImportError:
        return None
    return (render_meta, playwright_settings) if find_chromium() else None


def crawl(spec: dict[str, Any]) -> None:
    """Child-process side: run the spider over `spec` (see run_touchpoint_crawl)."""
    browser = browser_hooks(bool(spec.get("render")))

    class RetryAfterMiddleware:
        """On 429/503 with a short Retry-After, wait that long and ask once more."""

        async def process_response(self, request: scrapy.Request, response: Response) -> Any:
            if response.status not in (429, 503) or request.meta.get("retried_after"):
                return response
            wait = _retry_after_seconds(response.headers.get("Retry-After"))
            if wait is None or wait > min(MAX_RETRY_AFTER_S, spec["timeout_s"] * 3):
                return response
            await asyncio.sleep(wait)
            meta = {**request.meta, "retried_after": wait}
            return request.replace(dont_filter=True, meta=meta)

    class ProfileSpider(scrapy.Spider):
        name = "brandaudit-touchpoints"

        def __init__(self) -> None:
            super().__init__()
            self.profiles = ProfileWriter(Path(spec["run_dir"]))
            self.store = RunWriter(Path(spec["run_dir"]))
            self.overrides = spec["overrides"]

        async def start(self):  # type: ignore[override]
            for url in spec["urls"]:
                adapter = adapter_for(url)
                assert adapter is not None
                meta: dict[str, Any] = {"profile_url": url}
                if browser and adapter.fetch_mode == "rendered":
                    meta |= browser[0](spec["timeout_s"]) | {"playwright_include_page": False}
                yield scrapy.Request(
                    request_url(url, adapter, self.overrides),
                    callback=self.parse_profile,
                    errback=self.profile_failed,
                    headers=dict(adapter.headers),
                    dont_filter=True,
                    meta=meta,
                )

        def parse_profile(self, response: Response):
            url = response.meta["profile_url"]
            adapter = adapter_for(url)
            assert adapter is not None
            redirected = bool(response.meta.get("redirect_urls"))
            redirected = redirected or response.url != response.request.url  # in the browser
            profile = adapter.extract(
                url,
                response.status,
                response.body,
                response.headers.get("Content-Type", b"").decode("latin-1"),
                final_url=response.url if redirected else None,
            )
            if adapter.fetch_mode == "rendered" and not response.meta.get("playwright"):
                profile = profile.with_note(
                    RENDER_NOTE, "partial" if profile.coverage == "full" else None
                )
            self.profiles.add(profile)
            for _role, image in profile.images:
                yield scrapy.Request(
                    rewrite(image, self.overrides, adapter.platform),
                    callback=self.parse_image,
                    errback=self.image_failed,
                    dont_filter=True,
                    meta={"image_url": image, "profile_url": url, "platform": adapter.platform},
                )

        def profile_failed(self, failure: Any) -> None:
            request = failure.request
            url = request.meta["profile_url"]
            adapter = adapter_for(url)
            assert adapter is not None
            reason = f"fetch failed: {failure.getErrorMessage() or failure.type.__name__}"
            self.profiles.add(unfetched(url, adapter.platform, adapter.kind, reason))
            self.store.add_error(
                CrawlError(url=url, kind="page", reason=reason, touchpoint=adapter.platform)
            )

        def parse_image(self, response: Response) -> None:
            meta = response.meta
            ctype = response.headers.get("Content-Type", b"").decode("latin-1") or None
            if response.status != 200 or not response.body:
                self._image_error(meta, f"HTTP {response.status}", response.status, ctype)
                return
            digest = self.store.store_blob(response.body)
            self.store.add_image(
                ImageArtifact(
                    url=meta["image_url"],
                    status=response.status,
                    content_type=ctype,
                    sha256=digest,
                    size_bytes=len(response.body),
                )
            )

        def image_failed(self, failure: Any) -> None:
            reason = failure.getErrorMessage() or failure.type.__name__
            self._image_error(failure.request.meta, reason, None, None)

        def _image_error(
            self, meta: dict[str, Any], reason: str, status: int | None, ctype: str | None
        ) -> None:
            url = meta["image_url"]
            self.store.add_image(
                ImageArtifact(url=url, status=status, content_type=ctype, error=reason)
            )
            self.store.add_error(
                CrawlError(
                    url=url,
                    kind="image",
                    reason=reason,
                    status=status,
                    referrer=meta["profile_url"],
                    touchpoint=meta["platform"],
                )
            )

        def closed(self, reason: str) -> None:
            self.store.close()

    settings = {
        "LOG_LEVEL": "WARNING",
        "ROBOTSTXT_OBEY": False,
        "USER_AGENT": spec.get("user_agent") or DEFAULT_USER_AGENT,
        "CONCURRENT_REQUESTS": 4,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": spec["delay_s"],
        "RANDOMIZE_DOWNLOAD_DELAY": False,
        "DOWNLOAD_TIMEOUT": spec["timeout_s"],
        "RETRY_TIMES": 1,
        "RETRY_HTTP_CODES": [500, 502, 504, 522, 524, 408],
        "HTTPERROR_ALLOW_ALL": True,
        "COOKIES_ENABLED": True,
        "TELNETCONSOLE_ENABLED": False,
        "DOWNLOADER_MIDDLEWARES": {RetryAfterMiddleware: 560},
    }
    if browser:
        from brandaudit.crawler.options import CrawlOptions

        options = CrawlOptions(seeds=tuple(spec["urls"]), timeout_s=spec["timeout_s"])
        settings |= browser[1](options)
    process = CrawlerProcess(settings, install_root_handler=True)
    process.crawl(ProfileSpider)
    process.start()


def _retry_after_seconds(value: bytes | None) -> float | None:
    """Retry-After in seconds (delta form or HTTP date), None when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


if __name__ == "__main__":
    crawl(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
