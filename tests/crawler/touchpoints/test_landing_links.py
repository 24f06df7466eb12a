"""Short and QR-code landing links: recognised, followed hop by hop against a local server
(30x, meta refresh, script redirects, a captcha page's redirectPath), and when they cannot
be followed, the reason; QR codes generated with segno and decoded from PNG bytes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import segno

from brandaudit.crawler.touchpoints.discover import discover_links
from brandaudit.crawler.touchpoints.landing import resolve, resolve_landing_links
from brandaudit.crawler.touchpoints.qr_links import decode_qr_urls, in_chrome
from brandaudit.crawler.touchpoints.short_links import is_short_link, landing_target
from brandaudit.crawler.touchpoints.store import (
    load_aliases,
    load_link_places,
    load_profile_links,
    record_profile_links,
    resolved_url,
)
from brandaudit.site_server import Route, serve_site

DOUYIN = "https://www.iesdouyin.com/share/user/MS4wLjABAAAAnovabridge01?did=1"
RED = "https://www.xiaohongshu.com/user/profile/65a1b2c3d4e5f60718293a4b?xsec_token=AB1"
BILI = "https://space.bilibili.com/401234567"
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _moved(location: str, status: int = 302) -> Route:
    return Route(status, b"", {"Location": location})


ROUTES = {
    "/douyin_short/iNbDy01/": _moved(DOUYIN),
    "/douyin_short/iNbGone/": Route(404, b"<h1>404</h1>", HTML),
    # A script redirect with the target JSON-escaped, as RED's share pages write it.
    "/xiaohongshu_short/a/NbRed01": Route(
        200,
        b'<html><script>window.location.href = "'
        + RED.replace("/", "\\/").encode()
        + b'";</script></html>',
        HTML,
    ),
    # Anonymous visitors are sent to a captcha page carrying the profile in redirectPath.
    "/xiaohongshu_short/NbRedCap": _moved(
        "https://www.xiaohongshu.com/website-login/captcha?redirectPath="
        "https%3A%2F%2Fwww.xiaohongshu.com%2Fuser%2Fprofile%2F65a1b2c3d4e5f60718293a4b"
    ),
    "/bilibili_short/NbB23a": _moved("https://b23.tv/NbB23b", 301),  # a short link to another
    "/bilibili_short/NbB23b": Route(
        200, f'<meta http-equiv="refresh" content="0; url={BILI}">'.encode(), HTML
    ),
    "/wechat_qr/r/NbWxQr0001": Route(
        200, "<html><body><p>请使用微信扫描二维码</p></body></html>".encode(), HTML
    ),
    "/alipay_qr/NbPay01": _moved("https://render.alipay.com/p/s/i?scheme=alipays%3A%2F%2F"),
    "/douyin_short/iNbLoop/": _moved("https://v.douyin.com/iNbLoop/"),
}


@pytest.fixture(scope="module")
def landing():
    with serve_site(None, ROUTES) as server:
        names = ("douyin_short", "xiaohongshu_short", "bilibili_short", "wechat_qr", "alipay_qr")
        yield server, {name: server.url(f"{name}/") for name in names}


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://v.douyin.com/iNbDy01/", DOUYIN),
        ("https://xhslink.com/a/NbRed01", RED),
        ("http://xhslink.com/NbRedCap", RED.split("?")[0]),
        ("https://b23.tv/NbB23a", BILI),
    ],
)
def test_short_links_resolve_to_their_profile(landing, url: str, target: str) -> None:
    _, base_urls = landing
    found = resolve(url, base_urls, timeout_s=5)
    assert (found.target, found.reason) == (target, None)
    assert found.hops[0] == url and found.hops[-1] == target


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://v.douyin.com/iNbGone/", "not found (HTTP 404)"),
        ("http://weixin.qq.com/r/NbWxQr0001", "opens its account only inside the WeChat app"),
        ("https://qr.alipay.com/NbPay01", "leads to https://render.alipay.com/p/s/i"),
        ("https://v.douyin.com/iNbLoop/", "redirect loop"),
    ],
)
def test_unresolvable_short_links_say_why(landing, url: str, reason: str) -> None:
    server, base_urls = landing
    found = resolve(url, base_urls, timeout_s=5)
    assert found.target is None and reason in (found.reason or ""), found
    assert not any("render.alipay.com" in hit for hit in server.hits)  # never left the platforms


def test_landing_target_kinds() -> None:
    base = "https://xhslink.com/a/x"
    assert landing_target(f"<script>location.replace('{BILI}')</script>", base) == BILI
    escaped = RED.replace("/", "\\u002F")
    embedded = f'<script>var data = {{"url": "{escaped}"}}</script>'
    assert landing_target(embedded, base) == RED
    two = f'<a href="{BILI}">b</a><a href="https://space.bilibili.com/9999999">c</a>'
    assert landing_target(two, base) is None  # two profiles: a page, not a redirect
    assert landing_target("<p>nothing</p>", base) is None


def test_discovery_keeps_short_links_and_aliases_replace_them(
    landing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (
        '<footer><a href="https://v.douyin.com/iNbDy01/">抖音</a>'
        '<a href="https://b23.tv/">b23 home</a>'
        '<a href="http://weixin.qq.com/r/NbWxQr0001">公众号</a></footer>'
    )
    links = discover_links(page, "https://www.novabridge.example/")
    assert links == ["https://v.douyin.com/iNbDy01/", "http://weixin.qq.com/r/NbWxQr0001"]
    assert not is_short_link("https://mp.weixin.qq.com/r/NbWxQr0001")  # exact hosts only
    assert not is_short_link("https://weixin.qq.com/download")  # the site, not a code
    # Codes read from real sites' footers (benchmarks/qr_links_bench.py): a WeChat contact
    # code and a WeCom group invitation.
    assert is_short_link("https://u.wechat.com/ME3Qpxw7Qj8id8TumqZSfQg?s=2")
    assert is_short_link("https://work.weixin.qq.com/gm/425dc361cbda538a1b56784c7731b222")

    run_dir = tmp_path / "run"
    run_dir.mkdir()
    record_profile_links(run_dir, "https://www.novabridge.example/", dict.fromkeys(links, "chrome"))
    # An Alipay code in the footer leads to a payment page; a b23.tv link in a post's text
    # is someone's video: neither counts as a linked profile, and the second is not followed.
    pay, video = "https://qr.alipay.com/NbPay01", "https://b23.tv/NbVideo9"
    record_profile_links(run_dir, "https://www.novabridge.example/news", {pay: "chrome"})
    record_profile_links(run_dir, "https://www.novabridge.example/post", {video: "body"})
    _, base_urls = landing
    for name, base in base_urls.items():
        monkeypatch.setenv(f"BRANDAUDIT_PLATFORM_{name.upper()}_URL", base)
    listed = ["https://xhslink.com/a/NbRed01"]
    results = resolve_landing_links(run_dir, listed, timeout_s=5, delay_s=0)
    assert {r.url for r in results} == {*links, "https://xhslink.com/a/NbRed01", pay}
    aliases = load_aliases(run_dir)
    assert aliases["https://xhslink.com/a/NbRed01"]["target"] == RED
    assert "WeChat app" in aliases["http://weixin.qq.com/r/NbWxQr0001"]["reason"]
    # The links read back are the profiles (the unresolved QR link stays as it is).
    assert set(load_profile_links(run_dir) or {}) == {DOUYIN, "http://weixin.qq.com/r/NbWxQr0001"}
    assert load_link_places(run_dir)[DOUYIN] == {"chrome"}
    assert load_aliases(run_dir)[pay]["not_profile"] is True
    assert video not in load_aliases(run_dir)
    assert resolved_url(run_dir)("https://v.douyin.com/iNbDy01/") == DOUYIN


def _qr_png(text: str, **paste: int) -> bytes:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=5, border=4)
    if not paste:
        return buffer.getvalue()
    from PIL import Image

    banner = Image.new("RGB", (paste["width"], paste["height"]), (240, 240, 240))
    banner.paste(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"), (paste["x"], 10))
    out = io.BytesIO()
    banner.save(out, format="PNG")
    return out.getvalue()


def test_qr_codes_decode_to_urls() -> None:
    assert decode_qr_urls(_qr_png("http://weixin.qq.com/r/NbWxQr0001")) == [
        "http://weixin.qq.com/r/NbWxQr0001"
    ]
    # A footer strip with the code off to one side still decodes.
    strip = _qr_png("https://v.douyin.com/iNbDy01/", width=900, height=220, x=600)
    assert decode_qr_urls(strip) == ["https://v.douyin.com/iNbDy01/"]
    assert decode_qr_urls(_qr_png("WIFI:S:guest;;")) == []  # not a URL
    assert decode_qr_urls(b"not an image") == []


def test_in_chrome_reads_the_selector() -> None:
    assert in_chrome("footer > div:nth-of-type(2) > img")
    assert in_chrome("#site-footer > img")
    assert not in_chrome("main > article > p > img")
