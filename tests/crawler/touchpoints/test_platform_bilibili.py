"""Bilibili adapter: the card JSON endpoint, its error codes."""

from pathlib import Path

from brandaudit.crawler.touchpoints.platforms.bilibili import ADAPTER, extract, fetch_url

PAGES = Path(__file__).parents[2] / "fixtures" / "estate" / "bilibili"


def test_reads_the_card() -> None:
    assert fetch_url("https://space.bilibili.com/401234567").startswith(
        "https://api.bilibili.com/x/web-interface/card?mid=401234567"
    )
    body = (PAGES / "card-401234567.json").read_bytes()
    profile = extract("https://space.bilibili.com/401234567", 200, body, "application/json")
    assert (profile.handle, profile.display_name) == ("401234567", "NovaBridge官方")
    assert profile.bio == "承载创意的桥梁。"
    assert profile.banner_url is not None and profile.banner_url.endswith("nb_banner_l.png")
    assert profile.coverage == "full"


def test_throttling_and_missing_users_differ() -> None:
    body = (PAGES / "card-412.json").read_bytes()
    throttled = extract("https://space.bilibili.com/412", 200, body, "application/json")
    assert throttled.coverage == "none" and not throttled.removed
    assert "throttled" in throttled.coverage_notes[0]
    gone = extract("https://space.bilibili.com/9", 200, '{"code":-404,"message":"啥都木有"}')
    assert gone.removed
    assert ADAPTER.owns("https://space.bilibili.com/401234567/video")
