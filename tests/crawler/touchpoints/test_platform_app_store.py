"""App Store adapter: the iTunes lookup API, country from the listing URL."""

from pathlib import Path

from brandaudit.crawler.touchpoints.platforms.app_store import ADAPTER, extract, fetch_url

PAGES = Path(__file__).parents[2] / "fixtures" / "estate" / "app_store"
LISTING = "https://apps.apple.com/gb/app/novabridge-cloud/id1234567890"


def test_lookup_url_carries_id_and_country() -> None:
    assert fetch_url(LISTING) == "https://itunes.apple.com/lookup?id=1234567890&country=gb"
    assert fetch_url("https://apps.apple.com/app/id42").endswith("id=42&country=us")


def test_reads_the_lookup_result() -> None:
    body = (PAGES / "lookup-1234567890.json").read_bytes()
    profile = extract(LISTING, 200, body, "text/javascript")
    assert profile.kind == "app"
    assert profile.display_name == "NovaBridge Cloud"
    assert profile.developer == "NovaBridge Systems Ltd."
    assert profile.avatar_url is not None and profile.avatar_url.endswith("512x512bb.png")
    assert len(profile.screenshots) == 2
    assert (profile.rating, profile.rating_count) == (4.6, 310)
    assert profile.website_link == "https://www.novabridge.example/"
    assert profile.coverage == "full"


def test_no_result_means_removed() -> None:
    body = (PAGES / "lookup-1111111111.json").read_bytes()
    profile = extract("https://apps.apple.com/app/id1111111111", 200, body)
    assert profile.removed and profile.coverage == "none"
    assert ADAPTER.owns(LISTING) and not ADAPTER.owns("https://apps.apple.com/gb/charts")
