"""TikTok adapter: the rehydration JSON, and statusCode meaning a missing account."""

from pathlib import Path

from brandaudit.crawler.touchpoints.platforms.tiktok import ADAPTER, extract

PAGES = Path(__file__).parents[2] / "fixtures" / "estate" / "tiktok"


def test_reads_user_detail() -> None:
    body = (PAGES / "@novabridge" / "index.html").read_bytes()
    profile = extract("https://www.tiktok.com/@novabridge", 200, body)
    assert (profile.handle, profile.display_name) == ("novabridge", "NovaBridge")
    assert profile.bio == "Bridges that carry ideas. Sign in at our site."
    assert profile.website_link == "www.novabridge.example"  # as TikTok stores it
    assert profile.extracted_from[0] == "platform_json"
    assert profile.coverage == "full"


def test_status_code_marks_a_removed_account_despite_http_200() -> None:
    body = (PAGES / "@novabridge_gone" / "index.html").read_bytes()
    profile = extract("https://www.tiktok.com/@novabridge_gone", 200, body)
    assert profile.removed
    assert profile.coverage == "none" and "10221" in profile.coverage_notes[0]


def test_owns_handles_only() -> None:
    assert ADAPTER.owns("https://www.tiktok.com/@novabridge")
    assert not ADAPTER.owns("https://www.tiktok.com/@novabridge/video/123")
