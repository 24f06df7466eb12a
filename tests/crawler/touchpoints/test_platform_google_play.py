"""Google Play adapter: SoftwareApplication JSON-LD, Website link and screenshots markup."""

from pathlib import Path

from brandaudit.crawler.touchpoints.platforms.google_play import ADAPTER, extract, fetch_url

PAGES = Path(__file__).parents[2] / "fixtures" / "estate" / "google_play"
LISTING = "https://play.google.com/store/apps/details?id=example.novabridge"


def test_fetches_the_english_listing() -> None:
    assert fetch_url(LISTING) == LISTING + "&hl=en"


def test_reads_the_listing() -> None:
    body = (PAGES / "example.novabridge.html").read_bytes()
    profile = extract(LISTING, 200, body)
    assert (profile.kind, profile.handle) == ("app", "example.novabridge")
    assert profile.display_name == "NovaBridge Cloud"
    assert profile.developer == "Nova Bridge Apps"
    assert profile.bio == "Connect everything. Log in with your NovaBridge account."
    assert profile.website_link == "https://www.novabridge.example/"
    assert len(profile.screenshots) == 2
    assert (profile.rating, profile.rating_count) == (4.1, 1204)
    assert profile.extracted_from == ("jsonld", "og", "markup")


def test_404_is_a_removed_listing() -> None:
    profile = extract(LISTING, 404, "<h1>Not Found</h1>")
    assert profile.removed and profile.coverage == "none"
    assert not ADAPTER.owns("https://play.google.com/store/apps/developer?id=Nova")
