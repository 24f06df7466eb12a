"""Weibo adapter: numeric ids go to the m.weibo.cn JSON endpoint; refusals are notes."""

import json
from pathlib import Path

from brandaudit.crawler.touchpoints.platforms.weibo import ADAPTER, extract, fetch_url

PAGES = Path(__file__).parents[2] / "fixtures" / "estate" / "weibo"


def test_numeric_ids_are_fetched_from_the_json_endpoint() -> None:
    assert fetch_url("https://weibo.com/u/5512345678") == (
        "https://m.weibo.cn/api/container/getIndex?type=uid&value=5512345678"
    )
    assert fetch_url("https://weibo.com/novabridge") == "https://weibo.com/novabridge"


def test_reads_user_info() -> None:
    body = (PAGES / "getIndex-5512345678.json").read_bytes()
    profile = extract("https://weibo.com/u/5512345678", 200, body, "application/json")
    assert profile.display_name == "NovaBridge"
    assert profile.bio == "承载创意的桥梁。NovaBridge 官方微博"
    assert profile.avatar_url is not None and profile.avatar_url.endswith("nb_icon_1024.png")
    assert profile.banner_url is not None and profile.banner_url.endswith("nb_cover.png")
    assert profile.coverage == "full"  # Weibo has no website-link field to miss


def test_refused_lookup_is_no_coverage_not_removal() -> None:
    body = (PAGES / "getIndex-5500000000.json").read_bytes()
    profile = extract("https://weibo.com/u/5500000000", 200, body, "application/json")
    assert profile.coverage == "none" and not profile.removed
    missing = json.dumps({"ok": 0, "msg": "用户不存在"})
    assert extract("https://weibo.com/u/1234567", 200, missing, "application/json").removed


def test_visitor_redirect_is_a_wall() -> None:
    profile = extract(
        "https://weibo.com/novabridge",
        200,
        "<html></html>",
        final_url="https://passport.weibo.com/visitor/visitor?entry=miniblog",
    )
    assert profile.coverage == "none"
    assert ADAPTER.owns("https://weibo.com/u/5512345678")
