"""LinkedIn adapter: Organization JSON-LD (sameAs is the website), authwall and 999."""

from pathlib import Path

from brandaudit.crawler.touchpoints.platforms.linkedin import ADAPTER, extract

PAGES = Path(__file__).parents[2] / "fixtures" / "estate" / "linkedin"


def test_reads_the_organization_schema() -> None:
    body = (PAGES / "company" / "novabridge" / "index.html").read_bytes()
    profile = extract("https://www.linkedin.com/company/novabridge/", 200, body)
    assert profile.handle == "novabridge"
    assert profile.display_name == "NovaBridge"
    assert profile.bio is not None and profile.bio.startswith("Bridges that carry ideas. ")
    assert profile.website_link == "https://novabridge-deals.example/"
    assert profile.avatar_url is not None and profile.avatar_url.endswith("nb_icon.png")
    assert profile.extracted_from[0] == "jsonld"


def test_status_999_and_authwall_are_walls() -> None:
    blocked = extract("https://www.linkedin.com/company/novabridge/", 999, "")
    assert blocked.coverage == "none" and "999" in blocked.coverage_notes[0]
    walled = extract(
        "https://www.linkedin.com/company/novabridge/",
        200,
        "<html></html>",
        final_url="https://www.linkedin.com/authwall?trk=gf",
    )
    assert walled.coverage == "none" and "login wall" in walled.coverage_notes[0]


def test_owns_company_pages_only() -> None:
    assert ADAPTER.owns("https://www.linkedin.com/company/novabridge")
    assert not ADAPTER.owns("https://www.linkedin.com/in/someone/")
