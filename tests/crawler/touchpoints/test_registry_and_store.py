"""URL → adapter, base-URL overrides, profile keys, and profiles.jsonl round trips."""

from pathlib import Path

import pytest

from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact
from brandaudit.crawler.touchpoints.profile_urls import PROFILE_URLS, platform_of
from brandaudit.crawler.touchpoints.registry import (
    ADAPTERS,
    adapter_for,
    base_url_overrides,
    profile_key,
    request_url,
    rewrite,
)
from brandaudit.crawler.touchpoints.store import PROFILES, ProfileWriter, load_profiles


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://x.com/novabridge", "x"),
        ("https://www.instagram.com/novabridge/", "instagram"),
        ("https://www.facebook.com/novabridge", "facebook"),
        ("https://www.linkedin.com/company/novabridge/", "linkedin"),
        ("https://www.youtube.com/@novabridge", "youtube"),
        ("https://www.tiktok.com/@novabridge", "tiktok"),
        ("https://weibo.com/u/5512345678", "weibo"),
        ("https://space.bilibili.com/401234567", "bilibili"),
        ("https://apps.apple.com/app/id1234567890", "app_store"),
        ("https://play.google.com/store/apps/details?id=example.novabridge", "google_play"),
        ("https://www.douyin.com/user/MS4wLjABAAAAPCnTQLqza4Xqu", "douyin"),
        ("https://www.xiaohongshu.com/user/profile/65a1b2c3d4e5f60718293a4b", "xiaohongshu"),
        ("https://mp.weixin.qq.com/s/AbCdEfGh12345678", "wechat"),
        ("https://appgallery.huawei.com/app/C101234567", "huawei_appgallery"),
        ("https://sj.qq.com/appdetail/com.novabridge.app", "tencent_myapp"),
        ("https://app.mi.com/details?id=com.novabridge.app", "xiaomi_getapps"),
    ],
)
def test_each_platform_url_finds_its_adapter(url: str, platform: str) -> None:
    # The checks' adapter-free reading (profile_urls) names the same platform.
    assert platform_of(url).platform == platform
    adapter = adapter_for(url)
    assert adapter is not None and adapter.platform == platform


def test_every_adapter_owns_exactly_the_urls_profile_urls_describes() -> None:
    assert [a.platform for a in ADAPTERS] == list(PROFILE_URLS)
    for adapter in ADAPTERS:
        urls = PROFILE_URLS[adapter.platform]
        assert (adapter.kind, adapter.hosts, adapter.path) == (urls.kind, urls.hosts, urls.path)


def test_unknown_hosts_have_no_adapter() -> None:
    assert platform_of("https://mastodon.social/@novabridge") is None
    assert platform_of("https://x.com/intent/tweet") is None  # a share button, not a profile
    assert adapter_for("https://mastodon.social/@novabridge") is None
    assert adapter_for("https://www.novabridge.example/about") is None


def test_override_keeps_path_and_query_and_only_touches_that_platform() -> None:
    overrides = {"app_store": "http://127.0.0.1:9/apple/"}
    adapter = adapter_for("https://apps.apple.com/gb/app/nb/id42")
    assert adapter is not None
    assert request_url("https://apps.apple.com/gb/app/nb/id42", adapter, overrides) == (
        "http://127.0.0.1:9/apple/lookup?id=42&country=gb"
    )
    assert rewrite("https://x.com/a", overrides, "x") == "https://x.com/a"
    assert rewrite("https://cdn.example/a.png", {"cdn.example": "http://h/c"}) == "http://h/c/a.png"


def test_environment_overrides_and_bad_base_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDAUDIT_PLATFORM_GOOGLE_PLAY_URL", "http://127.0.0.1:1/play/")
    assert base_url_overrides()["google_play"] == "http://127.0.0.1:1/play/"
    assert base_url_overrides({"google_play": "http://b/"})["google_play"] == "http://b/"
    with pytest.raises(ValueError, match="x"):
        base_url_overrides({"x": "127.0.0.1:8000"})


def test_profile_key_folds_spellings_of_one_profile() -> None:
    assert profile_key("https://twitter.com/NovaBridge") == profile_key("https://x.com/novabridge/")
    assert profile_key("https://apps.apple.com/gb/app/name/id42") == profile_key(
        "https://apps.apple.com/app/id42"
    )
    assert profile_key("https://x.com/novabridge") != profile_key("https://x.com/other")


def test_profiles_round_trip_later_lines_win_and_junk_is_skipped(tmp_path: Path) -> None:
    writer = ProfileWriter(tmp_path)
    first = ProfileArtifact(url="https://x.com/a", platform="x", coverage="none", status=503)
    second = ProfileArtifact(
        url="https://x.com/a",
        platform="x",
        display_name="A",
        screenshots=("s",),
        extracted_from=("og",),
        coverage_notes=("n",),
        status=200,
    )
    writer.add(first)
    writer.add(second)
    with open(tmp_path / PROFILES, "a", encoding="utf-8") as handle:
        handle.write('{"url": "cut short\n{"url": "https://y", "bogus": 1}\n')
    assert load_profiles(tmp_path) == [second]
    assert ProfileArtifact.from_dict(second.to_dict()) == second
    assert load_profiles(tmp_path / "missing") == []
