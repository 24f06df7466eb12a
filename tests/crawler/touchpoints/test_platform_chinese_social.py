"""Douyin, Xiaohongshu and WeChat adapters on recorded (or documented) pages."""

import json
from pathlib import Path
from urllib.parse import quote

from brandaudit.crawler.touchpoints.platforms import douyin, wechat, xiaohongshu
from brandaudit.crawler.touchpoints.registry import adapter_for

PAGES = Path(__file__).parents[2] / "fixtures" / "platforms"
DOUYIN_URL = "https://www.douyin.com/user/MS4wLjABAAAAPCnTQLqza4Xqu-uO7KZHcKuILkO7RRz2oapyOC04AQ0"


def test_douyin_reads_the_recorded_api_user() -> None:
    body = (PAGES / "douyin" / "user-liziqi.json").read_bytes()
    profile = douyin.extract(DOUYIN_URL, 200, body, "application/json")
    assert profile.display_name == "李子柒"
    assert profile.bio == "李家有女，人称子柒。联系邮箱：loveliziqi777@163.com"
    assert profile.avatar_url is not None and "c5_300x300" in profile.avatar_url
    assert profile.coverage == "full"


def test_douyin_reads_the_page_render_data_and_reports_a_wall() -> None:
    user = json.loads((PAGES / "douyin" / "user-liziqi.json").read_text("utf-8"))["user"]
    data = {"app": {"user": {"user": {**user, "signature": None, "desc": user["signature"]}}}}
    script = f'<script id="RENDER_DATA" type="application/json">{quote(json.dumps(data))}</script>'
    page = f"<html>{script}</html>"
    profile = douyin.extract(DOUYIN_URL, 200, page, "text/html")
    assert (profile.display_name, profile.bio) == ("李子柒", user["signature"])
    walled = douyin.extract(DOUYIN_URL, 200, "<html><div>请完成验证码 captcha</div></html>")
    assert walled.coverage == "none" and "verification or login wall" in walled.coverage_notes[0]
    assert adapter_for(DOUYIN_URL) is douyin.ADAPTER
    assert adapter_for("https://www.douyin.com/video/7300000000000000000") is None


def test_xiaohongshu_reads_initial_state_and_reports_the_login_wall() -> None:
    url = "https://www.xiaohongshu.com/user/profile/65a1b2c3d4e5f60718293a4b"
    profile = xiaohongshu.extract(url, 200, (PAGES / "xiaohongshu" / "profile.html").read_bytes())
    assert (profile.display_name, profile.bio, profile.handle) == (
        "新桥云",
        "承载创意的桥梁。",
        "9527001",
    )
    assert profile.avatar_url is not None and "/w/540/" in profile.avatar_url
    walled = xiaohongshu.extract(
        url, 200, (PAGES / "xiaohongshu" / "profile-walled.html").read_bytes()
    )
    assert walled.coverage == "none" and walled.coverage_notes[0].startswith("login wall")
    redirected = xiaohongshu.extract(
        url, 200, "<html></html>", final_url="https://www.xiaohongshu.com/website-login/captcha"
    )
    assert "login" in redirected.coverage_notes[0]


def test_wechat_reads_the_account_from_an_article() -> None:
    url = "https://mp.weixin.qq.com/s/AbCdEfGh12345678"
    profile = wechat.extract(url, 200, (PAGES / "wechat" / "article.html").read_bytes())
    assert (profile.display_name, profile.handle) == ("新桥云", "gh_5a1b2c3d4e5f")
    assert profile.bio == "承载创意的桥梁。新桥云官方公众号。"
    assert profile.avatar_url == "http://mmbiz.qpic.cn/sz_mmbiz_png/NbHeadImg0001/0?wx_fmt=png"
    gone = wechat.extract(url, 200, (PAGES / "wechat" / "deleted.html").read_bytes())
    assert gone.removed
    assert adapter_for("https://mp.weixin.qq.com/s?__biz=MzkxNjA1MjQyMA==&mid=1&idx=1") is not None
