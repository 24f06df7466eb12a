"""End to end through the CLI: a Chinese brand estate — Douyin, Xiaohongshu, a WeChat
official account, and AppGallery, MyApp and GetApps listings — served on 127.0.0.1 from the
recorded (and documented) page shapes in tests/fixtures/platforms/, audited twice so the
ratings reach the history, the drop finding and the trend."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import yaml

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_DIR
from brandaudit.site_server import Route, serve_site
from tests.cli_runner import brandaudit

FIXTURES = Path(__file__).parents[1] / "fixtures" / "platforms"
SOCIAL = {
    "douyin": "https://www.douyin.com/user/MS4wLjABAAAAnovabridge01",  # consistent
    "xiaohongshu": "https://www.xiaohongshu.com/user/profile/65a1b2c3d4e5f60718293a4b",
    "wechat": "https://mp.weixin.qq.com/s/NbArticle2026abc",
}
APPS = {
    "huawei_appgallery": "https://appgallery.huawei.com/app/C101234567",
    "tencent_myapp": "https://sj.qq.com/appdetail/com.novabridge.app",
    "xiaomi_getapps": "https://app.mi.com/details?id=com.novabridge.app",
}
ICON, RETIRED = SAMPLE_DIR / "logos" / "icon.png", DEMO_SITE_DIR / "img" / "logo-2019.png"
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _douyin_page() -> str:
    """The recorded Douyin user object, carrying the brand's values, in a RENDER_DATA page."""
    user = json.loads((FIXTURES / "douyin" / "user-liziqi.json").read_text("utf-8"))["user"]
    icon = "https://p3-pc.douyinpic.com/img/aweme-avatar/nb_icon~c5_300x300.png"
    user.update(nickname="新桥云", signature="新桥云：承载创意的桥梁。", unique_id="novabridge")
    user["avatar_300x300"]["url_list"] = [icon]
    data = quote(json.dumps({"app": {"user": {"user": user}}}, ensure_ascii=False))
    script = f'<script id="RENDER_DATA" type="application/json">{data}</script>'
    return f"<html><body>{script}</body></html>"


def _estate(root: Path, myapp_rating: float) -> dict[str, Route]:
    """Write the served tree under `root`; return the query-string and extension-less routes."""
    pages = {
        "douyin/user/MS4wLjABAAAAnovabridge01/index.html": _douyin_page(),
        # Misspelt Chinese name: 新侨云 for 新桥云.
        "xiaohongshu/user/profile/65a1b2c3d4e5f60718293a4b/index.html": (
            (FIXTURES / "xiaohongshu" / "profile.html")
            .read_text("utf-8")
            .replace('"nickname":"新桥云"', '"nickname":"新侨云"')
            .replace(
                "65a1b2c3d4e5f60718293a4b.jpg?imageView2\\u002F2\\u002Fw\\u002F540\\u002Fformat\\u002Fwebp",
                "nb_icon.png",
            )
        ),
        # Name in Traditional script (correct), signature with a misquoted slogan.
        "wechat/s/NbArticle2026abc/index.html": (
            (FIXTURES / "wechat" / "article.html")
            .read_text("utf-8")
            .replace('htmlDecode("新桥云")', 'htmlDecode("新橋雲")')
            .replace('profile_signature = "承载创意的桥梁。', 'profile_signature = "承载创意之桥。')
            .replace("sz_mmbiz_png/NbHeadImg0001/0?wx_fmt=png", "sz_mmbiz_png/nb_icon.png")
        ),
    }
    for path, text in pages.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    images = {
        "douyin/img/aweme-avatar/nb_icon~c5_300x300.png": ICON,
        "xiaohongshu/avatar/nb_icon.png": ICON,
        "wechat/sz_mmbiz_png/nb_icon.png": ICON,
        "huawei_appgallery/application/icon144/nb101234567.png": RETIRED,  # retired icon
        "tencent_myapp/ma_icon/0/icon_54321_1700000000/256": ICON,
        "xiaomi_getapps/thumbnail/PNG/l114/AppStore/nb-icon.png": ICON,
    }
    for path, source in images.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / path)
    gallery = (FIXTURES / "huawei_appgallery" / "C101234567.json").read_bytes()
    myapp = (FIXTURES / "tencent_myapp" / "com.novabridge.app.html").read_text("utf-8")
    myapp = myapp.replace('"averageRating":4.6', f'"averageRating":{myapp_rating}')
    # Wrong developer: 新桥科技 is not the guideline's legal name.
    getapps = (FIXTURES / "xiaomi_getapps" / "com.novabridge.app.html").read_bytes()

    def appgallery(raw_path: str) -> Route:
        uri = parse_qs(urlsplit(raw_path).query).get("uri", [""])[0]
        if uri == "app|C101234567":
            return Route(200, gallery, {"Content-Type": "application/json"})
        return Route(200, b'{"layoutData":[]}', {"Content-Type": "application/json"})

    def mi(raw_path: str) -> Route:
        if parse_qs(urlsplit(raw_path).query).get("id") == ["com.novabridge.app"]:
            return Route(200, getapps, HTML)
        return Route(404, b"<h1>404</h1>", HTML)

    return {
        "/huawei_appgallery/uowap/index": appgallery,
        "/tencent_myapp/appdetail/com.novabridge.app": Route(200, myapp.encode(), HTML),
        "/xiaomi_getapps/details": mi,
    }


def _audit(tmp_path: Path, run: int, myapp_rating: float) -> dict:
    root = tmp_path / f"estate{run}"
    routes = _estate(root, myapp_rating)
    site_dir = tmp_path / "site"
    site_dir.mkdir(exist_ok=True)
    links = " ".join(f'<a href="{u}">{p}</a>' for p, u in {**SOCIAL, **APPS}.items())
    (site_dir / "index.html").write_text(
        f'<!DOCTYPE html><html lang="zh-CN"><head><title>新桥云</title></head><body>'
        f"<p>新桥云：承载创意的桥梁。</p><footer>{links}</footer></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / f"out{run}"
    with serve_site(root, routes) as estate, serve_site(site_dir) as site:
        brand = tmp_path / "brand"
        if not brand.exists():
            shutil.copytree(SAMPLE_DIR, brand)
        data = yaml.safe_load((brand / "brand.yaml").read_text(encoding="utf-8"))
        data["brand"]["names"] = ["NovaBridge Cloud", "新桥云", "新桥系统有限公司"]
        data["apps"] = {"min_rating": 4.5}
        data["touchpoints"] = {
            "websites": [site.base_url],
            "social": list(SOCIAL.values()),
            "apps": list(APPS.values()),
        }
        (brand / "brand.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )
        platforms = {**SOCIAL, **APPS}
        env = {
            **os.environ,
            **{f"BRANDAUDIT_PLATFORM_{p.upper()}_URL": estate.url(f"{p}/") for p in platforms},
        }
        proc = brandaudit(
            "audit", "--guideline", brand / "brand.yaml", site.base_url, "--out", out,
            "--render", "never", "--history", tmp_path / "history.sqlite", "--timeout", "5",
            env=env, timeout=300,
        )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert (out / "report.html").exists(), proc.stderr[-3000:]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    report["html"] = (out / "report.html").read_text(encoding="utf-8")
    return report


def _rules(report: dict) -> dict[str, set[str]]:
    rules: dict[str, set[str]] = {url: set() for url in {**SOCIAL, **APPS}.values()}
    for finding in report["findings"]:
        if finding["url"] in rules:
            rules[finding["url"]].add(finding["rule"])
    return rules


def test_chinese_estate_findings_ratings_and_trend(tmp_path: Path) -> None:
    first = _audit(tmp_path, 1, myapp_rating=4.6)
    rules = _rules(first)
    assert rules[SOCIAL["douyin"]] == set()
    assert rules[SOCIAL["xiaohongshu"]] == {"touchpoint.name"}  # 新侨云
    assert rules[SOCIAL["wechat"]] == {"touchpoint.bio"}  # misquoted slogan; 新橋雲 is fine
    assert rules[APPS["huawei_appgallery"]] == {"touchpoint.logo", "touchpoint.rating"}
    assert rules[APPS["tencent_myapp"]] == set()
    assert rules[APPS["xiaomi_getapps"]] == {"touchpoint.developer", "touchpoint.rating"}
    ratings = {r["platform"]: (r["rating"], r["rating_count"]) for r in first["ratings"]}
    assert ratings == {
        "huawei_appgallery": (4.3, 2816),
        "tencent_myapp": (4.6, 5120),
        "xiaomi_getapps": (3.5, 1034),
    }
    rows = {row["url"]: row for row in first["touchpoints_matrix"]}
    assert rows[APPS["tencent_myapp"]]["rating"] == 4.6
    assert "★ 4.6 (5120 ratings)" in first["html"]

    second = _audit(tmp_path, 2, myapp_rating=4.3)
    rules = _rules(second)
    assert rules[APPS["tencent_myapp"]] == {"touchpoint.rating", "touchpoint.rating_drop"}
    drop = next(f for f in second["findings"] if f["rule"] == "touchpoint.rating_drop")
    assert drop["severity"] == "info" and "from 4.6 to 4.3" in drop["message"]
    trend = {line["platform"]: line for line in second["history"]["ratings"]}
    assert [p["rating"] for p in trend["tencent_myapp"]["points"]] == [4.6, 4.3]
    assert "4.6</span> → <span" in second["html"]
