"""Short and QR-code landing links (v.douyin.com/..., xhslink.com/..., weixin.qq.com/r/...,
b23.tv/..., qr.alipay.com/...): which URLs are such links, and where a landing page says to go.

Chinese brands print these links (and the QR codes that carry them) instead of profile URLs.
A short link names no profile by itself, so it must be resolved before its profile key is
compared with the guideline's: one profile, two spellings. Pure functions over URLs and HTML;
the fetching is `landing.resolve`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urljoin, urlsplit

from brandaudit.crawler.touchpoints.profile_urls import platform_of, profile_key


@dataclass(frozen=True)
class ShortLinkService:
    """One platform's short or QR landing links: exact hosts and a path pattern."""

    name: str  # also the base-URL override key: BRANDAUDIT_PLATFORM_<NAME>_URL
    platform: str  # the platform whose profiles the links lead to
    hosts: tuple[str, ...]
    path: re.Pattern[str]
    # Why a landing page that names no profile cannot be resolved, when it is expected.
    dead_end: str = "the landing page names no profile (no redirect, no profile link in it)"

    def owns(self, url: str) -> bool:
        parts = urlsplit(url)
        return (parts.hostname or "").lower() in self.hosts and bool(self.path.match(parts.path))


TOKEN = re.compile(r"^/(?:[A-Za-z]/)?[\w\-]{4,}/?$")
SERVICES: tuple[ShortLinkService, ...] = (
    ShortLinkService("douyin_short", "douyin", ("v.douyin.com",), TOKEN),
    ShortLinkService(
        "xiaohongshu_short", "xiaohongshu", ("xhslink.com", "www.xhslink.com", "xhslink.cn"), TOKEN
    ),
    ShortLinkService("bilibili_short", "bilibili", ("b23.tv",), TOKEN),
    ShortLinkService(
        "wechat_qr",
        "wechat",
        ("weixin.qq.com",),
        re.compile(r"^/r/[\w\-]{4,}/?$"),
        dead_end="a WeChat QR landing link opens its account only inside the WeChat app; the "
        "page served to a browser names no account",
    ),
    ShortLinkService(  # "contact me" codes of WeChat accounts (a real site's footer, 2026)
        "wechat_contact",
        "wechat",
        ("u.wechat.com",),
        re.compile(r"^/[\w\-]{8,}/?$"),
        dead_end="a WeChat contact code opens only inside the WeChat app; the page served to"
        " a browser names no account",
    ),
    ShortLinkService(
        "wecom_qr",
        "wecom",
        ("work.weixin.qq.com",),
        re.compile(r"^/(?:gm|ca|u)/[\w\-]{8,}/?$"),
        dead_end="a WeCom (企业微信) invitation code opens only inside WeChat or WeCom; the "
        "page served to a browser names no account",
    ),
    ShortLinkService("alipay_qr", "alipay", ("qr.alipay.com",), TOKEN),
)
META_REFRESH = re.compile(r"""^\s*\d*\s*;?\s*url\s*=\s*['"]?([^'"]+)""", re.I)
JS_REDIRECTS = (
    re.compile(r"""(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*=\s*(["'])(.+?)\1"""),
    re.compile(r"""location\.(?:replace|assign)\(\s*(["'])(.+?)\1\s*\)"""),
)
ABSOLUTE_URL = re.compile(r"""https?://[^\s"'<>\\]+""")


def short_link_service(url: str) -> ShortLinkService | None:
    """The service whose short or QR landing links include `url`, or None."""
    return next((service for service in SERVICES if service.owns(url)), None)


def is_short_link(url: str) -> bool:
    return short_link_service(url) is not None


def _unescaped(text: str) -> str:
    """HTML as a script sees its strings: JSON/JS escapes of '/' and '&' undone."""
    text = text.replace("\\u002F", "/").replace("\\u002f", "/").replace("\\/", "/")
    return html.unescape(text.replace("\\u0026", "&"))


def landing_target(page: str, base_url: str) -> str | None:
    """Where a landing page sends the visitor: a meta refresh, a script redirect, else the
    one profile the page links to (several different profiles: none, it is not a redirect)."""
    for match in re.finditer(r"<meta\b[^>]*>", page, re.I):
        tag = match[0]
        if re.search(r"""http-equiv\s*=\s*['"]?refresh""", tag, re.I):
            content = re.search(r"""content\s*=\s*(["'])(.*?)\1""", tag, re.I | re.S)
            found = META_REFRESH.match(html.unescape(content[2])) if content else None
            if found:
                return urljoin(base_url, found[1].strip())
    text = _unescaped(page)
    for pattern in JS_REDIRECTS:
        if found := pattern.search(text):
            return urljoin(base_url, found[2].strip())
    return only_profile(ABSOLUTE_URL.findall(text))


def target_in_query(url: str) -> str | None:
    """A profile URL carried in a query parameter (a login or captcha page's redirectPath)."""
    values = [value for _, value in parse_qsl(urlsplit(url).query)]
    return only_profile(v for v in values if v.startswith(("http://", "https://")))


def only_profile(urls: object) -> str | None:
    """The first of `urls` that is a known profile, when all such URLs are one profile."""
    profiles = [u.rstrip(".,;") for u in urls if platform_of(u.rstrip(".,;"))]  # type: ignore[attr-defined]
    keys = {profile_key(u) for u in profiles}
    return profiles[0] if len(keys) == 1 else None
