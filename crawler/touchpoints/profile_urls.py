"""Which platform a profile or listing URL belongs to, and one key per profile.

Artifact vocabulary, not crawling: the checks compare the guideline's profile URLs with the
ones the website links to by these keys, and the platform adapters (platforms/) own the URLs
described here. Plain data and `re`, so a check reads it without loading any adapter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from brandaudit.crawler.touchpoints.artifacts import ProfileKind

X_RESERVED = "i|home|search|explore|intent|share|login|settings|messages|notifications|hashtag"
INSTAGRAM_RESERVED = "p|reel|reels|explore|accounts|stories|direct|about|developer|legal|tv"
FACEBOOK_RESERVED = "login|sharer|sharer\\.php|dialog|groups|events|watch|marketplace|help|policies"


@dataclass(frozen=True)
class ProfileUrls:
    """One platform's profile URLs: the host must equal one of `hosts` or end in "." + one,
    and the path (plus query) must match `path`."""

    platform: str
    kind: ProfileKind
    hosts: tuple[str, ...]
    path: re.Pattern[str]

    def owns(self, url: str) -> bool:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if not any(host == h or host.endswith("." + h) for h in self.hosts):
            return False
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        return self.path.search(target) is not None


PROFILE_URLS: dict[str, ProfileUrls] = {
    urls.platform: urls
    for urls in (
        ProfileUrls(
            "x",
            "social",
            ("x.com", "twitter.com"),
            re.compile(rf"^/(?!(?:{X_RESERVED})(?:/|$))(@?[A-Za-z0-9_]{{1,15}})/?$"),
        ),
        ProfileUrls(
            "instagram",
            "social",
            ("instagram.com",),
            re.compile(rf"^/(?!(?:{INSTAGRAM_RESERVED})(?:/|$))([A-Za-z0-9_.]{{1,30}})/?$"),
        ),
        ProfileUrls(
            "facebook",
            "social",
            ("facebook.com", "fb.com"),
            re.compile(
                rf"^/(?!(?:{FACEBOOK_RESERVED})(?:/|$))([A-Za-z0-9.\-]+)/?$|^/profile\.php\?id=(\d+)"
            ),
        ),
        ProfileUrls(
            "linkedin",
            "social",
            ("linkedin.com",),
            re.compile(r"^/(?:company|school|showcase)/([^/]+)/?(?:about/?)?$"),
        ),
        ProfileUrls(
            "youtube",
            "social",
            ("youtube.com",),
            re.compile(r"^/(@[^/]+|channel/[^/]+|c/[^/]+|user/[^/]+)/?(?:featured|about)?/?$"),
        ),
        ProfileUrls("tiktok", "social", ("tiktok.com",), re.compile(r"^/@([\w.]+)/?$")),
        ProfileUrls(
            "weibo",
            "social",
            ("weibo.com", "weibo.cn"),
            re.compile(r"^/(?:u/(\d+)|n/([^/]+)|(\d{5,})|([A-Za-z][\w\-]{2,29}))/?$"),
        ),
        ProfileUrls("bilibili", "social", ("space.bilibili.com",), re.compile(r"^/(\d+)(?:/.*)?$")),
        ProfileUrls(
            "douyin",
            "social",
            ("douyin.com", "iesdouyin.com"),
            re.compile(r"^/(?:share/)?user/([\w\-]{6,})/?(?:\?.*)?$"),
        ),
        ProfileUrls(
            "xiaohongshu",
            "social",
            ("xiaohongshu.com",),
            re.compile(r"^/user/profile/([0-9a-f]{24})/?(?:\?.*)?$"),
        ),
        ProfileUrls(
            "wechat",
            "social",
            ("mp.weixin.qq.com",),
            re.compile(r"^/s/([\w\-]{8,})/?$|^/(?:s|mp/profile_ext)\?(?:.*&)?__biz=([\w=%+/]+)"),
        ),
        ProfileUrls(
            "huawei_appgallery",
            "app",
            ("appgallery.huawei.com", "appgallery.cloud.huawei.com"),
            re.compile(r"^/(?:#/)?app/(C\d+)/?$"),
        ),
        ProfileUrls(
            "tencent_myapp",
            "app",
            ("sj.qq.com", "a.app.qq.com"),
            re.compile(r"^/appdetail/([\w.]+)/?$|^/o/simple\.jsp\?(?:.*&)?pkgname=([\w.]+)"),
        ),
        ProfileUrls(
            "xiaomi_getapps",
            "app",
            ("app.mi.com",),
            re.compile(r"^/details\?(?:.*&)?id=([\w.]+)"),
        ),
        ProfileUrls(
            "app_store", "app", ("apps.apple.com", "itunes.apple.com"), re.compile(r"/id(\d+)")
        ),
        ProfileUrls(
            "google_play",
            "app",
            ("play.google.com",),
            re.compile(r"^/store/apps/details\?(?:.*&)?id=([\w.]+)"),
        ),
    )
}


def platform_of(url: str) -> ProfileUrls | None:
    """The platform whose profile URLs include `url`, or None (not a known profile)."""
    return next((urls for urls in PROFILE_URLS.values() if urls.owns(url)), None)


def profile_key(url: str) -> str:
    """One key per profile whatever the spelling: 'x:novabridge' for x.com/NovaBridge/ and
    twitter.com/novabridge alike, 'app_store:1234567890', 'google_play:example.app'."""
    urls = platform_of(url)
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    if urls is None:
        host = (parts.hostname or "").removeprefix("www.")
        return f"{host}:{parts.path.rstrip('/').lower()}"
    match = urls.path.search(target)
    groups = [g for g in (match.groups() if match else ()) if g]
    ident = unquote(groups[0]) if groups else parts.path.rstrip("/")
    return f"{urls.platform}:{ident.lower().lstrip('@')}"
