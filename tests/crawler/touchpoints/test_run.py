"""run_touchpoint_crawl against the recorded estate on 127.0.0.1 (a real child process)."""

import json
from pathlib import Path

import pytest

from brandaudit.crawler.render.browser import find_chromium
from brandaudit.crawler.run_store import load_run
from brandaudit.crawler.touchpoints.run import run_touchpoint_crawl
from brandaudit.crawler.touchpoints.spider import RENDER_NOTE
from brandaudit.crawler.touchpoints.store import load_profiles

URLS = [
    "https://x.com/novabridge",
    "https://www.instagram.com/novabridge/",
    "https://www.instagram.com/novabridge_private/",
    "https://www.facebook.com/novabridge.busy",
    "https://www.tiktok.com/@novabridge_busy",
    "https://weibo.com/u/5512345678",
    "https://space.bilibili.com/401234567",
    "https://apps.apple.com/gb/app/novabridge-cloud/id1234567890",
    "https://play.google.com/store/apps/details?id=example.removed",
    "https://mastodon.social/@novabridge",
]


def test_every_url_gets_a_profile_and_images_land_as_blobs(estate, tmp_path: Path) -> None:
    site, base_urls = estate
    run_dir = tmp_path / "run"
    run_touchpoint_crawl(URLS, run_dir, base_urls, timeout_s=5, delay_s=0)
    profiles = {p.url: p for p in load_profiles(run_dir)}
    assert set(profiles) == set(URLS)

    x = profiles["https://x.com/novabridge"]
    assert x.display_name == "NovaBridge" and x.coverage == "partial"
    assert RENDER_NOTE in x.coverage_notes  # X wants a browser; none was used
    assert profiles["https://www.instagram.com/novabridge_private/"].coverage_notes == (
        "login wall: redirected to a login page",
    )
    busy = profiles["https://www.facebook.com/novabridge.busy"]
    assert (busy.status, busy.coverage) == (429, "none")  # Retry-After: 3600 is not waited for
    retried = profiles["https://www.tiktok.com/@novabridge_busy"]
    assert (retried.status, retried.display_name) == (200, "NovaBridge")  # waited 1 s, retried
    assert profiles["https://play.google.com/store/apps/details?id=example.removed"].removed
    assert profiles["https://weibo.com/u/5512345678"].bio == "承载创意的桥梁。NovaBridge 官方微博"
    assert profiles["https://apps.apple.com/gb/app/novabridge-cloud/id1234567890"].developer
    unknown = profiles["https://mastodon.social/@novabridge"]
    assert unknown.coverage == "none" and "no adapter" in unknown.coverage_notes[0]

    result = load_run(run_dir)
    avatar = result.images[x.avatar_url or ""]
    assert avatar.sha256 and result.image_bytes(avatar)[:8] == b"\x89PNG\r\n\x1a\n"
    missing = "https://scontent-lhr8-1.cdninstagram.com/v/t51.2885-19/nb_icon_150.png"
    errors = {e.url: e for e in result.errors}
    assert errors[missing].touchpoint == "instagram" and errors[missing].status == 404
    # Real URLs are kept; only the fetches went to 127.0.0.1.
    assert all(not p.url.startswith("http://127.0.0.1") for p in profiles.values())
    assert any(hit.startswith("/app_store/lookup?id=1234567890&country=gb") for hit in site.hits)


def test_a_platform_that_does_not_answer_is_a_crawl_error(tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    dead = {"x": "http://127.0.0.1:9/"}  # port 9 (discard): nothing listens
    run_touchpoint_crawl(["https://x.com/novabridge"], run_dir, dead, timeout_s=3, delay_s=0)
    (profile,) = load_profiles(run_dir)
    assert profile.coverage == "none" and profile.coverage_notes[0].startswith("fetch failed")
    errors = [json.loads(line) for line in (run_dir / "errors.jsonl").read_text().splitlines()]
    assert errors[0]["touchpoint"] == "x" and errors[0]["kind"] == "page"


@pytest.mark.browser
def test_script_built_profiles_are_read_in_the_browser(estate, tmp_path: Path) -> None:
    if find_chromium() is None:
        pytest.skip("no Chromium on this machine")
    _, base_urls = estate
    url = "https://x.com/novabridge_js"
    plain, rendered = tmp_path / "plain", tmp_path / "rendered"
    run_touchpoint_crawl([url], plain, base_urls, timeout_s=10, delay_s=0)
    run_touchpoint_crawl([url], rendered, base_urls, timeout_s=10, delay_s=0, render=True)
    (without,) = load_profiles(plain)
    (within,) = load_profiles(rendered)
    assert without.coverage == "none" and RENDER_NOTE in without.coverage_notes
    assert within.coverage == "full" and RENDER_NOTE not in within.coverage_notes
    assert (within.handle, within.website_link) == (
        "novabridge_js",
        "https://www.novabridge.example/",
    )
