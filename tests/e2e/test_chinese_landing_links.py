"""End to end through the CLI: a Chinese brand site whose footer shows its Douyin and WeChat
accounts as QR codes (PNG images made with segno) and links a second article of its WeChat
account, while the guideline lists the Xiaohongshu profile by its xhslink.com short link.
Each short link, QR link and article is the same touchpoint as the guideline's entry (no
`touchpoint.unlisted`), the profile behind the short link is audited, and the WeChat QR
link, which only the WeChat app opens, is reported with that reason."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import segno
import yaml

from brandaudit.brand_assets import SAMPLE_DIR
from brandaudit.crawler.touchpoints.store import load_aliases, load_profiles
from brandaudit.site_server import Route, serve_site
from tests.cli_runner import brandaudit
from tests.e2e.test_chinese_estate import FIXTURES, HTML, SOCIAL, _estate

DOUYIN_QR = "https://v.douyin.com/iNbDy01/"
WECHAT_QR = "http://weixin.qq.com/r/NbWxQr0001"
RED_SHORT = "https://xhslink.com/a/NbRed01"
RED = SOCIAL["xiaohongshu"] + "?xsec_token=AB1&xsec_source=app_share"
BIZ = "MzkxNjA1MjQyMA=="
ARTICLE_BY_BIZ = f"https://mp.weixin.qq.com/s?__biz={BIZ}&mid=2247483650&idx=1&sn=nb02"


def _qr(text: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=4, border=4)
    return buffer.getvalue()


def _landing_routes() -> dict[str, Route]:
    red = RED.replace("/", "\\/")
    article = (FIXTURES / "wechat" / "article.html").read_bytes()
    return {
        "/douyin_short/iNbDy01/": Route(
            302, b"", {"Location": "https://www.iesdouyin.com/share/user/MS4wLjABAAAAnovabridge01"}
        ),
        "/xiaohongshu_short/a/NbRed01": Route(
            200, f'<script>window.location.href = "{red}";</script>'.encode(), HTML
        ),
        "/wechat_qr/r/NbWxQr0001": Route(200, "<p>请使用微信扫描二维码关注</p>".encode(), HTML),
        "/wechat/s": Route(200, article, HTML),  # the second article of the same account
    }


def test_short_and_qr_links_are_the_profiles_they_open(tmp_path: Path) -> None:
    root = tmp_path / "estate"
    routes = {**_estate(root, myapp_rating=4.6), **_landing_routes()}
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "douyin-qr.png").write_bytes(_qr(DOUYIN_QR))
    (site_dir / "wechat-qr.png").write_bytes(_qr(WECHAT_QR))
    (site_dir / "index.html").write_text(
        '<!DOCTYPE html><html lang="zh-CN"><head><title>新桥云</title></head><body>'
        "<main><p>新桥云：承载创意的桥梁。</p></main><footer>"
        f'<a href="{SOCIAL["xiaohongshu"]}">小红书</a>'
        f'<a href="{ARTICLE_BY_BIZ.replace("&", "&amp;")}">公众号文章</a>'
        '<img src="douyin-qr.png" alt="抖音" width="120" height="120">'
        '<img src="wechat-qr.png" alt="微信公众号" width="120" height="120">'
        "</footer></body></html>",
        encoding="utf-8",
    )
    listed = [SOCIAL["douyin"], RED_SHORT, SOCIAL["wechat"], WECHAT_QR]
    out = tmp_path / "out"
    with serve_site(root, routes) as estate, serve_site(site_dir) as site:
        brand = tmp_path / "brand"
        shutil.copytree(SAMPLE_DIR, brand)
        data = yaml.safe_load((brand / "brand.yaml").read_text(encoding="utf-8"))
        data["brand"]["names"] = ["NovaBridge Cloud", "新桥云", "新桥系统有限公司"]
        data["touchpoints"] = {"websites": [site.base_url], "social": listed}
        (brand / "brand.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )
        names = ("douyin", "xiaohongshu", "wechat", "douyin_short", "xiaohongshu_short")
        env = {
            **os.environ,
            **{f"BRANDAUDIT_PLATFORM_{n.upper()}_URL": estate.url(f"{n}/") for n in names},
            "BRANDAUDIT_PLATFORM_WECHAT_QR_URL": estate.url("wechat_qr/"),
        }
        proc = brandaudit(
            "audit", "--guideline", brand / "brand.yaml", site.base_url, "--out", out,
            "--render", "never", "--no-history", "--timeout", "5", env=env, timeout=300,
        )  # fmt: skip
        hits = list(estate.hits)
    assert proc.returncode == 1, proc.stderr[-3000:]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    findings = report["findings"]

    unlisted = [f for f in findings if f["rule"] == "touchpoint.unlisted"]
    assert unlisted == [], [f["message"] for f in unlisted]
    run_dir = next(p.parent for p in out.rglob("profiles.jsonl"))
    aliases = load_aliases(run_dir)
    assert aliases[DOUYIN_QR]["target"].startswith("https://www.iesdouyin.com/share/user/")
    assert aliases[RED_SHORT]["target"] == RED
    profiles = {p.url: p for p in load_profiles(run_dir)}
    # One Douyin profile (the QR's short link and the guideline's URL are one), read.
    assert [u for u, p in profiles.items() if p.platform == "douyin"] == [SOCIAL["douyin"]]
    # The Xiaohongshu profile behind the short link is audited: its misspelt name found.
    assert profiles[RED].display_name == "新侨云"
    assert any(f["rule"] == "touchpoint.name" and f["url"] == RED for f in findings)
    # The second article names the same account (__biz) as the guideline's article.
    assert profiles[ARTICLE_BY_BIZ].account_id == profiles[SOCIAL["wechat"]].account_id == BIZ
    # The WeChat QR link cannot be opened outside WeChat: said, with the reason.
    qr = [f for f in findings if f["url"] == WECHAT_QR]
    assert [f["rule"] for f in qr] == ["touchpoint.partial"], qr
    assert "only inside the WeChat app" in qr[0]["message"]
    assert any(h.startswith("/wechat_qr/r/NbWxQr0001") for h in hits)
