"""YouTube adapter: ytInitialData channel metadata, banner, redirect links, consent."""

from pathlib import Path

from brandaudit.crawler.touchpoints.platforms.youtube import ADAPTER, extract

PAGES = Path(__file__).parents[2] / "fixtures" / "estate" / "youtube"


def test_reads_channel_metadata_from_initial_data() -> None:
    body = (PAGES / "@novabridge" / "index.html").read_bytes()
    profile = extract("https://www.youtube.com/@novabridge", 200, body)
    assert profile.handle == "@novabridge"
    assert profile.display_name == "NovaBridge"
    assert profile.bio is not None and profile.bio.startswith("Bridges that carry ideas.")
    assert (
        profile.avatar_url == "https://yt3.googleusercontent.com/nb2019=s900-c-k-c0x00ffffff-no-rj"
    )
    assert profile.banner_url == "https://yt3.googleusercontent.com/banner-nb=w1060"
    assert profile.website_link == "https://www.novabridge.example/"  # unwrapped redirect
    assert profile.extracted_from[0] == "platform_json"


def test_consent_redirect_is_reported() -> None:
    profile = extract(
        "https://www.youtube.com/@novabridge",
        200,
        "<html><form action='https://consent.youtube.com/save'></form></html>",
        final_url="https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com",
    )
    assert profile.coverage == "none" and "consent" in profile.coverage_notes[0]


def test_owns_channels_not_videos() -> None:
    assert ADAPTER.owns("https://www.youtube.com/@novabridge")
    assert ADAPTER.owns("https://www.youtube.com/channel/UCnb0000000000000000000a")
    assert not ADAPTER.owns("https://www.youtube.com/watch?v=abc")
