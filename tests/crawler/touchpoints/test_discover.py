"""Profile links found on the brand's pages: footer icons, sameAs, smart app banners."""

from pathlib import Path

from brandaudit.crawler.touchpoints.discover import (
    discover_links,
    load_profile_links,
    profile_urls_to_fetch,
    record_profile_links,
)

PAGE = """<html><head>
<meta name="apple-itunes-app" content="app-id=1234567890, app-argument=novabridge://home">
<meta name="google-play-app" content="app-id=example.novabridge">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Organization",
 "name": "NovaBridge", "sameAs": ["https://www.linkedin.com/company/novabridge/",
 "https://www.youtube.com/@novabridge", "https://www.novabridge.example/"]}</script>
<script type="application/ld+json">{ broken</script>
</head><body>
<footer>
  <a href="https://twitter.com/NovaBridge"><img alt="X"></a>
  <a href="https://x.com/novabridge">X again, other spelling</a>
  <a href="https://www.instagram.com/novabridge/#top">Instagram</a>
  <a href="https://x.com/intent/tweet?text=hi">Share</a>
  <a href="https://www.facebook.com/sharer/sharer.php?u=x">Share</a>
  <a href="/about">About</a>
  <a href="mailto:hello@novabridge.example">Mail</a>
</footer></body></html>"""


def test_finds_every_kind_of_profile_link_once() -> None:
    links = discover_links(PAGE, "https://www.novabridge.example/")
    assert links == [
        "https://www.linkedin.com/company/novabridge/",
        "https://www.youtube.com/@novabridge",
        "https://apps.apple.com/app/id1234567890",
        "https://play.google.com/store/apps/details?id=example.novabridge",
        "https://twitter.com/NovaBridge",
        "https://www.instagram.com/novabridge/",
    ]


def test_a_page_without_profiles_gives_nothing() -> None:
    assert discover_links("<a href='https://x.com/intent/tweet'>t</a>", "https://a.example/") == []
    assert discover_links("", "https://a.example/") == []


def test_recorded_links_load_with_their_pages(tmp_path: Path) -> None:
    assert load_profile_links(tmp_path) is None  # discovery never ran
    record_profile_links(tmp_path, "https://www.novabridge.example/", ["https://x.com/a"])
    record_profile_links(tmp_path, "https://www.novabridge.example/about", ["https://x.com/a"])
    record_profile_links(tmp_path, "https://www.novabridge.example/contact", [])
    assert load_profile_links(tmp_path) == {
        "https://x.com/a": (
            "https://www.novabridge.example/",
            "https://www.novabridge.example/about",
        )
    }


def test_urls_to_fetch_are_the_guideline_then_the_website_extras(tmp_path: Path) -> None:
    listed = ["https://x.com/novabridge", "https://mastodon.social/@novabridge"]
    assert profile_urls_to_fetch(listed, tmp_path) == listed  # no discovery: the guideline
    record_profile_links(
        tmp_path,
        "https://www.novabridge.example/",
        ["https://twitter.com/NovaBridge", "https://www.tiktok.com/@novabridge"],
    )
    assert profile_urls_to_fetch(listed, tmp_path) == [
        *listed,
        "https://www.tiktok.com/@novabridge",
    ]
