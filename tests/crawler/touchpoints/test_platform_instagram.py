"""Instagram adapter: embedded user JSON when present, Open Graph otherwise, login walls."""

from pathlib import Path

from brandaudit.crawler.touchpoints.platforms.instagram import ADAPTER, extract

PAGES = Path(__file__).parents[2] / "fixtures" / "estate" / "instagram"


def test_embedded_user_json_gives_bio_and_link() -> None:
    body = (PAGES / "novabridge.cloud" / "index.html").read_bytes()
    profile = extract("https://www.instagram.com/novabridge.cloud/", 200, body)
    assert profile.handle == "novabridge.cloud"
    assert profile.display_name == "NovaBridge Cloud"
    assert profile.bio == "Bridges that carry ideas. Questions? hello@novabridge.example"
    assert profile.website_link == "https://www.novabridge.example/cloud"
    assert profile.avatar_url is not None and profile.avatar_url.endswith("nbc_icon_320.png")
    assert "platform_json" in profile.extracted_from
    assert profile.coverage == "full"


def test_open_graph_only_is_partial_with_a_login_wall_note() -> None:
    body = (PAGES / "novabridge" / "index.html").read_bytes()
    profile = extract("https://www.instagram.com/novabridge/", 200, body)
    assert (profile.display_name, profile.handle) == ("NovaBridge", "novabridge")
    assert profile.bio is None and profile.website_link is None
    assert profile.coverage == "partial"
    assert any(note.startswith("login wall") for note in profile.coverage_notes)


def test_redirect_to_accounts_login_reads_nothing() -> None:
    body = (PAGES / "accounts" / "login" / "index.html").read_bytes()
    profile = extract(
        "https://www.instagram.com/novabridge/",
        200,
        body,
        final_url="https://www.instagram.com/accounts/login/?next=%2Fnovabridge%2F",
    )
    assert profile.coverage == "none"
    assert profile.display_name is None  # "Login • Instagram" is not the profile's name


def test_owns_profiles_not_posts() -> None:
    assert ADAPTER.owns("https://www.instagram.com/novabridge/")
    assert not ADAPTER.owns("https://www.instagram.com/p/Cx123/")
    assert not ADAPTER.owns("https://www.instagram.com/accounts/login/")
