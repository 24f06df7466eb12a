"""touchpoint.rating (below apps.min_rating) and touchpoint.rating_drop (since last audit)."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.touchpoint_ratings import rating_drops, ratings, run
from brandaudit.crawler.run_store import load_run
from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact
from brandaudit.crawler.touchpoints.store import ProfileWriter, load_profiles

MYAPP = "https://sj.qq.com/appdetail/com.novabridge.app"
MI = "https://app.mi.com/details?id=com.novabridge.app"


def _run(tmp_path: Path, *profiles: ProfileArtifact):
    writer = ProfileWriter(tmp_path)
    for profile in profiles:
        writer.add(profile)
    return load_run(tmp_path)


def _app(url: str, platform: str, rating: float | None, count: int | None = 100):
    return ProfileArtifact(
        url=url, platform=platform, kind="app", display_name="新桥云", rating=rating,
        rating_count=count,
    )  # fmt: skip


def test_below_the_target_is_a_warning_and_unrated_is_silent(tmp_path: Path) -> None:
    result = _run(
        tmp_path,
        _app(MYAPP, "tencent_myapp", 4.6, 5120),
        _app(MI, "xiaomi_getapps", 3.5, 1034),
        _app("https://appgallery.huawei.com/app/C1", "huawei_appgallery", None, None),
    )
    guideline = Guideline.model_validate(
        {"brand": {"name": "NovaBridge"}, "apps": {"min_rating": 4.5}}
    )
    findings = list(run(result, guideline))
    assert [(f.rule, f.url, f.severity.value) for f in findings] == [
        ("touchpoint.rating", MI, "warning")
    ]
    assert "3.5 from 1034 ratings" in findings[0].message and "4.5" in findings[0].message
    assert list(run(result, Guideline.model_validate({"brand": {"name": "NovaBridge"}}))) == []
    with pytest.raises(ValidationError, match="min_rating"):
        Guideline.model_validate({"brand": {"name": "N"}, "apps": {"min_rating": 6}})


def test_a_drop_of_two_tenths_is_news_and_smaller_moves_are_not(tmp_path: Path) -> None:
    result = _run(tmp_path, _app(MYAPP, "tencent_myapp", 4.4), _app(MI, "xiaomi_getapps", 3.9))
    previous = [
        {"url": MYAPP, "rating": 4.6},  # fell 0.2: news
        {"url": MI, "rating": 4.0},  # fell 0.1: noise
    ]
    drops = rating_drops(result, previous, "2026-11-30T09:00:00Z")
    assert [(f.rule, f.url, f.severity.value) for f in drops] == [
        ("touchpoint.rating_drop", MYAPP, "info")
    ]
    assert "fell from 4.6 to 4.4" in drops[0].message
    assert rating_drops(result, [], None) == []
    entries = ratings(load_profiles(tmp_path))
    assert {(e["url"], e["rating"], e["rating_count"]) for e in entries} == {
        (MYAPP, 4.4, 100),
        (MI, 3.9, 100),
    }
