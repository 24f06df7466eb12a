"""Which adapter owns a URL, and where to actually send its request.

Base URLs can be overridden so tests (and mirrors) are fetched from 127.0.0.1 while reports
keep the real URL: a mapping `{platform or host: base_url}` passed in, or the environment
variable `BRANDAUDIT_PLATFORM_<NAME>_URL` (e.g. BRANDAUDIT_PLATFORM_APP_STORE_URL). A
request URL keeps its path and query and swaps scheme and host for the base (whose own path,
if any, is prefixed). Host keys (e.g. "pbs.twimg.com") cover image CDNs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from brandaudit.crawler.touchpoints.platforms import (
    app_store,
    bilibili,
    douyin,
    facebook,
    google_play,
    huawei_appgallery,
    instagram,
    linkedin,
    tencent_myapp,
    tiktok,
    wechat,
    weibo,
    x,
    xiaohongshu,
    xiaomi_getapps,
    youtube,
)
from brandaudit.crawler.touchpoints.platforms.base import Adapter
from brandaudit.crawler.touchpoints.profile_urls import profile_key

ADAPTERS: tuple[Adapter, ...] = tuple(
    module.ADAPTER
    for module in (
        x,
        instagram,
        facebook,
        linkedin,
        youtube,
        tiktok,
        weibo,
        bilibili,
        douyin,
        xiaohongshu,
        wechat,
        huawei_appgallery,
        tencent_myapp,
        xiaomi_getapps,
        app_store,
        google_play,
    )
)
PLATFORMS: dict[str, Adapter] = {adapter.platform: adapter for adapter in ADAPTERS}
ENV_PREFIX = "BRANDAUDIT_PLATFORM_"
__all__ = [
    "ADAPTERS",
    "PLATFORMS",
    "adapter_for",
    "base_url_overrides",
    "profile_key",
    "request_url",
]


def adapter_for(url: str) -> Adapter | None:
    """The adapter whose hosts and path pattern match `url`, or None (not a known profile)."""
    return next((adapter for adapter in ADAPTERS if adapter.owns(url)), None)


def base_url_overrides(base_urls: Mapping[str, str] | None = None) -> dict[str, str]:
    """Overrides from the environment, then from `base_urls` (which win)."""
    merged: dict[str, str] = {}
    for platform in PLATFORMS:
        value = os.environ.get(f"{ENV_PREFIX}{platform.upper()}_URL")
        if value:
            merged[platform] = value
    merged.update(base_urls or {})
    for key, value in merged.items():
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"base URL for '{key}' must be an http(s) URL, got {value!r}")
    return merged


def rewrite(url: str, overrides: Mapping[str, str], platform: str | None = None) -> str:
    """`url` sent to its override base (by host first, then by platform), else unchanged."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    base = overrides.get(host) or (overrides.get(platform) if platform else None)
    if not base:
        return url
    tail = parts.path.lstrip("/") + (f"?{parts.query}" if parts.query else "")
    return base.rstrip("/") + "/" + tail


def request_url(url: str, adapter: Adapter, overrides: Mapping[str, str]) -> str:
    """What to fetch for a profile URL: the adapter's endpoint, sent to any override."""
    return rewrite(adapter.fetch_url(url), overrides, adapter.platform)
