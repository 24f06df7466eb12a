"""X adapter: ProfilePage JSON-LD first, Open Graph as fallback, walls reported."""

from pathlib import Path

from brandaudit.crawler.touchpoints.platforms.x import ADAPTER, extract

PAGES = Path(__file__).parents[2] / "fixtures" / "estate" / "x"


def test_reads_the_profile_page_schema() -> None:
    body = (PAGES / "novabridge" / "index.html").read_bytes()
    profile = extract("https://x.com/novabridge", 200, body, "text/html")
    assert profile.platform == "x" and profile.kind == "social"
    assert profile.handle == "novabridge"
    assert profile.display_name == "NovaBridge"
    assert profile.bio is not None and profile.bio.startswith("Bridges that carry ideas.")
    assert profile.avatar_url is not None and profile.avatar_url.endswith("nb_icon_400x400.png")
    assert profile.website_link == "https://www.novabridge.example/"
    assert profile.extracted_from[0] == "jsonld"
    assert profile.coverage == "full"


def test_open_graph_alone_gives_name_and_avatar_but_not_the_link() -> None:
    html = """<html><head>
    <meta property="og:title" content="NovaBridge (@novabridge) on X">
    <meta property="og:description" content="Bridges that carry ideas.">
    <meta property="og:image" content="https://pbs.twimg.com/profile_images/1/a.png">
    </head><body></body></html>"""
    profile = extract("https://x.com/novabridge", 200, html)
    assert (profile.display_name, profile.handle) == ("NovaBridge", "novabridge")
    assert profile.extracted_from == ("og",)
    assert profile.website_link is None
    assert profile.coverage == "partial"
    assert any("website link" in note for note in profile.coverage_notes)


def test_javascript_shell_reads_nothing() -> None:
    html = "<html><head><title>X</title></head><body><div id='react-root'></div></body></html>"
    profile = extract("https://x.com/novabridge", 200, html)
    assert profile.coverage == "none"
    assert profile.handle == "novabridge"  # from the URL, the one thing still known


def test_redirect_to_the_login_flow_is_a_wall() -> None:
    profile = extract(
        "https://x.com/novabridge", 200, "<html></html>", final_url="https://x.com/i/flow/login"
    )
    assert profile.coverage == "none"
    assert profile.coverage_notes == ("login wall: redirected to a login page",)


def test_owns_profiles_but_not_share_links_or_posts() -> None:
    assert ADAPTER.owns("https://x.com/novabridge")
    assert ADAPTER.owns("https://twitter.com/NovaBridge/")
    assert not ADAPTER.owns("https://x.com/intent/tweet?text=hi")
    assert not ADAPTER.owns("https://x.com/novabridge/status/123")
    assert not ADAPTER.owns("https://x.com/home")
    assert ADAPTER.fetch_mode == "rendered"
