"""The two adapter bugs real platform pages showed: X's t.co wrapper taken for the profile's
website, and Google Play's full description never read."""

from pathlib import Path

from brandaudit.crawler.touchpoints.platforms.google_play import extract as play_extract
from brandaudit.crawler.touchpoints.platforms.x import extract as x_extract

RECORDED = Path(__file__).parents[2] / "fixtures" / "platform_pages"
MAPS = "https://play.google.com/store/apps/details?id=com.google.android.apps.maps"

# The blocks X serves on a profile page: a ProfilePage whose relatedLink lists the t.co
# wrapper first; current pages also give the expanded site as the Person's sameAs.
X_PAGE = """<html><head><title>NovaBridge (@novabridge) / X</title>
<script type="application/ld+json">{"@context":"http://schema.org","@type":"ProfilePage",
 "dateCreated":"2019-04-02T08:00:00.000Z","mainEntity":{"@type":"Person",
 "additionalName":"novabridge","description":"Bridges that carry ideas.","givenName":"NovaBridge",
 "identifier":"1117398733","image":{"@type":"ImageObject",
 "contentUrl":"https://pbs.twimg.com/profile_images/1/nb_400x400.png"}%s,
 "url":"https://x.com/novabridge"}%s}</script></head><body>%s</body></html>"""
RELATED = ',"relatedLink":["https://t.co/8pQ2ZrVxKd","https://www.novabridge.example/"]'
USER_URL = (
    '<a href="https://t.co/8pQ2ZrVxKd" data-testid="UserUrl" rel="noopener noreferrer nofollow"'
    ' target="_blank"><span>novabridge.example/hello</span></a>'
)


def _x(person_extra: str = "", page_extra: str = "", body: str = ""):
    html = X_PAGE % (person_extra, page_extra, body)
    return x_extract("https://x.com/novabridge", 200, html)


def test_x_website_is_the_expanded_link_never_the_t_co_wrapper() -> None:
    assert _x(page_extra=RELATED).website_link == "https://www.novabridge.example/"
    same_as = ',"sameAs":"https://www.novabridge.example/"'
    only_wrapper = ',"relatedLink":["https://t.co/8pQ2ZrVxKd"]'
    assert _x(same_as, only_wrapper).website_link == "https://www.novabridge.example/"


def test_x_website_from_the_rendered_link_text_when_only_the_wrapper_is_in_json() -> None:
    only_wrapper = ',"relatedLink":["https://t.co/8pQ2ZrVxKd"]'
    assert _x(page_extra=only_wrapper, body=USER_URL).website_link == (
        "https://novabridge.example/hello"
    )
    unread = _x(page_extra=only_wrapper)
    assert unread.website_link is None  # no false link: reported as not readable instead
    assert any("website link" in note for note in unread.coverage_notes)


def test_google_play_bio_is_the_full_description_of_a_recorded_listing() -> None:
    body = (RECORDED / "google_play_maps_excerpt.html").read_bytes()
    profile = play_extract(MAPS, 200, body)
    assert profile.display_name == "Google Maps"
    assert profile.bio is not None
    assert profile.bio.startswith("Explore and navigate the world with confidence")
    assert "Navigation isn't intended to be used by oversized or emergency vehicles" in profile.bio
    assert "\n• Find bike or scooter rentals to get around more easily\n" in profile.bio
    assert "Real-time GPS navigation" not in profile.bio  # the short description is not it


def test_google_play_falls_back_to_the_short_description() -> None:
    html = """<html><head><script type="application/ld+json">{"@type":"SoftwareApplication",
    "name":"NovaBridge Cloud","description":"Bridges that carry ideas.",
    "author":{"name":"NovaBridge Systems Ltd."}}</script></head><body></body></html>"""
    profile = play_extract(MAPS, 200, html)
    assert profile.bio == "Bridges that carry ideas."
