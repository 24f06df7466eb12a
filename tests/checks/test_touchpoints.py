"""touchpoint.* on hand-built profiles: no network, artifacts written straight to a run dir."""

import shutil
from pathlib import Path

import pytest
import yaml

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_DIR
from brandaudit.brand_assets.guideline import Guideline, load_guideline
from brandaudit.checks.finding import Finding
from brandaudit.checks.touchpoints import run
from brandaudit.crawler.artifacts import ImageArtifact, PageArtifact
from brandaudit.crawler.run_store import CrawlResult, RunWriter
from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact
from brandaudit.crawler.touchpoints.discover import record_profile_links
from brandaudit.crawler.touchpoints.store import ProfileWriter

ICON = SAMPLE_DIR / "logos" / "icon.png"
RETIRED = DEMO_SITE_DIR / "img" / "logo-2019.png"
PHOTO = DEMO_SITE_DIR / "img" / "hero.jpg"
SITE = "https://www.novabridge.example/"


@pytest.fixture
def guideline(tmp_path: Path) -> Guideline:
    brand = tmp_path / "brand"
    shutil.copytree(SAMPLE_DIR, brand)
    data = yaml.safe_load((brand / "brand.yaml").read_text(encoding="utf-8"))
    data["touchpoints"] = {
        "websites": [SITE],
        "social": ["https://x.com/novabridge"],
        "apps": ["https://apps.apple.com/app/id1234567890"],
    }
    (brand / "brand.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_guideline(brand / "brand.yaml")


def good(**changes) -> ProfileArtifact:
    base = ProfileArtifact(
        url="https://x.com/novabridge",
        platform="x",
        handle="novabridge",
        display_name="NovaBridge",
        bio="Bridges that carry ideas. Write to hello@novabridge.example",
        avatar_url="https://pbs.twimg.com/a.png",
        website_link=SITE,
        extracted_from=("jsonld",),
        status=200,
    )
    return ProfileArtifact(**{**base.to_dict(), **changes})


def audit(run_dir: Path, guideline: Guideline, *profiles, images=None, pages=()) -> list[Finding]:
    writer, store = ProfileWriter(run_dir), RunWriter(run_dir)
    images = images or {"https://pbs.twimg.com/a.png": ICON}
    result = CrawlResult(run_dir=run_dir, pages=list(pages))
    for url, path in images.items():
        sha = store.store_blob(path.read_bytes())
        result.images[url] = ImageArtifact(url=url, status=200, sha256=sha)
    store.close()
    for profile in profiles:
        writer.add(profile)
    return list(run(result, guideline))


def rules(findings: list[Finding]) -> list[str]:
    return sorted(f.rule for f in findings)


def test_a_consistent_profile_has_no_finding(tmp_run_dir: Path, guideline: Guideline) -> None:
    assert audit(tmp_run_dir, guideline, good()) == []


def test_retired_avatar(tmp_run_dir: Path, guideline: Guideline) -> None:
    images = {"https://pbs.twimg.com/a.png": RETIRED}
    (finding,) = audit(tmp_run_dir, guideline, good(), images=images)
    assert finding.rule == "touchpoint.logo" and finding.severity == "error"
    assert finding.touchpoint == "x" and finding.url == "https://x.com/novabridge"
    assert finding.evidence["name"] == "2019 logo"
    assert finding.evidence["expected"] == "horizontal"


def test_an_avatar_that_is_no_logo_and_a_photo_banner(tmp_run_dir, guideline) -> None:
    profile = good(banner_url="https://pbs.twimg.com/banner.jpg")
    images = {"https://pbs.twimg.com/a.png": PHOTO, "https://pbs.twimg.com/banner.jpg": PHOTO}
    (finding,) = audit(tmp_run_dir, guideline, profile, images=images)
    assert finding.evidence["role"] == "avatar"  # a photo as cover is fine, as avatar it is not
    assert "matches no approved logo" in finding.message


def test_deprecated_slogan_and_wrong_phone_in_bio(tmp_run_dir, guideline) -> None:
    bio = "Connect everything. Call +44 20 7946 0999."
    findings = audit(tmp_run_dir, guideline, good(bio=bio))
    assert rules(findings) == ["touchpoint.bio", "touchpoint.bio"]
    via = {f.evidence["via"]: f for f in findings}
    assert via["text.slogan_deprecated"].evidence["aspect"] == "bio"
    assert via["fact.mismatch"].evidence["aspect"] == "facts"
    assert via["fact.mismatch"].evidence["found"] == "+44 20 7946 0999"


def test_the_same_phone_in_another_format_is_not_a_finding(tmp_run_dir, guideline) -> None:
    assert audit(tmp_run_dir, guideline, good(bio="Call 020 7946 0321 (UK).")) == []


def test_link_must_point_at_a_brand_website(tmp_run_dir: Path, guideline: Guideline) -> None:
    (finding,) = audit(tmp_run_dir, guideline, good(website_link="https://nb-deals.example/x"))
    assert finding.rule == "touchpoint.link"
    assert finding.evidence["found"] == "https://nb-deals.example/x"
    for fine in ("novabridge.example/cloud", "https://shop.novabridge.example/"):
        assert (
            audit(tmp_run_dir.parent / fine.replace("/", "_"), guideline, good(website_link=fine))
            == []
        )


def test_name_variants_and_foreign_names(tmp_run_dir: Path, guideline: Guideline) -> None:
    (split,) = audit(tmp_run_dir, guideline, good(display_name="Nova Bridge"))
    assert split.rule == "touchpoint.name" and split.evidence["via"] == "text.brand_name"
    other = audit(tmp_run_dir.parent / "other", guideline, good(display_name="Acme Deals"))
    assert rules(other) == ["touchpoint.name"]
    assert other[0].evidence["found"] == "Acme Deals"
    assert audit(tmp_run_dir.parent / "cn", guideline, good(display_name="NovaBridge官方")) == []


def test_app_developer_must_be_the_legal_or_brand_name(tmp_run_dir, guideline) -> None:
    app = good(
        url="https://apps.apple.com/app/id1234567890",
        platform="app_store",
        kind="app",
        display_name="NovaBridge Cloud",
        developer="Nova Apps Inc",
    )
    (finding,) = audit(tmp_run_dir, guideline, app)
    assert finding.rule == "touchpoint.developer"
    assert finding.evidence["expected"] == "NovaBridge Systems Ltd."
    fine = good(**{**app.to_dict(), "developer": "NovaBridge Systems Ltd"})
    assert audit(tmp_run_dir.parent / "fine", guideline, fine) == []


def test_removed_profile_is_unavailable_only(tmp_run_dir: Path, guideline: Guideline) -> None:
    gone = ProfileArtifact(
        url="https://x.com/novabridge",
        platform="x",
        coverage="none",
        coverage_notes=("not found (HTTP 404): removed",),
        status=404,
    )
    (finding,) = audit(tmp_run_dir, guideline, gone)
    assert finding.rule == "touchpoint.unavailable" and finding.severity == "error"


def test_login_wall_is_an_honest_info_not_a_clean_bill(tmp_run_dir, guideline) -> None:
    walled = ProfileArtifact(
        url="https://x.com/novabridge",
        platform="x",
        coverage="none",
        coverage_notes=("login wall: redirected to a login page",),
        status=200,
    )
    (finding,) = audit(tmp_run_dir, guideline, walled)
    assert finding.rule == "touchpoint.partial" and finding.severity == "info"
    assert "login wall" in finding.message


def test_unlisted_both_ways(tmp_run_dir: Path, guideline: Guideline) -> None:
    record_profile_links(tmp_run_dir, SITE, ["https://twitter.com/NovaBridge"])
    record_profile_links(tmp_run_dir, SITE + "about", ["https://www.tiktok.com/@novabridge"])
    pages = [PageArtifact(url=SITE, status=200)]
    findings = audit(tmp_run_dir, guideline, good(), pages=pages)
    unlisted = {f.url: f for f in findings if f.rule == "touchpoint.unlisted"}
    assert set(unlisted) == {
        "https://www.tiktok.com/@novabridge",  # on the site, not in the guideline
        "https://apps.apple.com/app/id1234567890",  # in the guideline, never linked
    }  # x.com/novabridge is linked as twitter.com/NovaBridge: the same profile
    assert all(f.severity == "info" for f in unlisted.values())
    assert unlisted["https://www.tiktok.com/@novabridge"].evidence["pages"] == [SITE + "about"]


def test_without_discovery_or_profiles_nothing_is_claimed(tmp_run_dir, guideline) -> None:
    pages = [PageArtifact(url=SITE, status=200)]
    assert audit(tmp_run_dir, guideline, pages=pages) == []
