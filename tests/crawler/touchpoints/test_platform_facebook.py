"""Facebook adapter: og tags, the page intro after the counts, l.php outbound links."""

from pathlib import Path

from brandaudit.crawler.touchpoints.platforms.facebook import ADAPTER, extract

PAGES = Path(__file__).parents[2] / "fixtures" / "estate" / "facebook"


def test_reads_name_intro_avatar_and_unwrapped_link() -> None:
    body = (PAGES / "novabridge" / "index.html").read_bytes()
    profile = extract("https://www.facebook.com/novabridge", 200, body)
    assert profile.display_name == "NovaBridge"
    assert profile.bio == "Connect everything. Cloud integration for teams."  # counts dropped
    assert profile.website_link == "https://www.novabridge.example/"
    assert profile.extracted_from == ("og", "markup")
    assert profile.coverage == "full"


def test_login_page_title_is_a_wall() -> None:
    html = (
        '<html><head><meta property="og:title" content="Log in or sign up to view"></head></html>'
    )
    profile = extract("https://www.facebook.com/novabridge", 200, html)
    assert profile.coverage == "none"
    assert "login wall" in profile.coverage_notes[0]


def test_rate_limit_is_reported_not_read() -> None:
    profile = extract("https://www.facebook.com/novabridge", 429, "Too many requests")
    assert profile.coverage == "none" and not profile.removed
    assert "rate limited" in profile.coverage_notes[0]


def test_owns_pages_not_sharer() -> None:
    assert ADAPTER.owns("https://www.facebook.com/novabridge")
    assert ADAPTER.owns("https://www.facebook.com/profile.php?id=1000123")
    assert not ADAPTER.owns("https://www.facebook.com/sharer/sharer.php?u=x")
