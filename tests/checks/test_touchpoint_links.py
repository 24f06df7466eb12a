"""Which linked profiles are the brand's: where the site links them, and their handles."""

from pathlib import Path

import yaml

from brandaudit.brand_assets.guideline import Guideline, load_guideline
from brandaudit.checks.touchpoint_links import linked_profiles, profiles_to_fetch
from brandaudit.crawler.artifacts import PageArtifact
from brandaudit.crawler.touchpoints.discover import discover_link_places, record_profile_links
from tests.checks import test_touchpoints as base

SITE, audit, good = base.SITE, base.audit, base.good
guideline = base.guideline  # the same fixture: the sample brand with X and App Store listed

PAGE = """<html><head>
<meta name="apple-itunes-app" content="app-id=1234567890">
<link rel="me" href="https://www.instagram.com/novabridge/">
<script type="application/ld+json">{"@type": "Organization", "name": "NovaBridge",
 "sameAs": ["https://www.linkedin.com/company/novabridge/"]}</script>
</head><body>
<header><nav><a href="https://www.youtube.com/@novabridge">YouTube</a></nav></header>
<main><article>
  <header>By Jo Bloggs <a href="https://x.com/jobloggs">@jobloggs</a></header>
  <p>Thanks to <a href="https://github.com/ada">Ada</a> and
     <a href="https://x.com/novabridge_dev">our dev account</a>; see the showcase app
     <a href="https://play.google.com/store/apps/details?id=com.customer.app">Customer</a>.
     Jo also posts at <a href="https://x.com/jobloggs">x.com/jobloggs</a>.</p>
</article></main>
<div id="footer"><a href="https://twitter.com/NovaBridge">X</a>
  <a href="https://www.youtube.com/@novabridge">YouTube again</a></div>
</body></html>"""


def test_discovery_says_where_each_profile_is_linked() -> None:
    places = discover_link_places(PAGE, SITE)
    assert places == {
        "https://www.linkedin.com/company/novabridge/": "same_as",
        "https://apps.apple.com/app/id1234567890": "app_banner",
        "https://www.instagram.com/novabridge/": "rel_me",
        "https://www.youtube.com/@novabridge": "chrome",
        "https://x.com/jobloggs": "body",  # an article's header is not the site's
        "https://x.com/novabridge_dev": "body",
        "https://play.google.com/store/apps/details?id=com.customer.app": "body",
        "https://twitter.com/NovaBridge": "chrome",  # div#footer
    }


def _record(run_dir: Path) -> None:
    record_profile_links(run_dir, SITE, discover_link_places(PAGE, SITE))
    blog = SITE + "blog/thanks"
    record_profile_links(run_dir, blog, {"https://x.com/jobloggs": "body"})


def test_brand_profiles_are_the_deliberate_ones_and_those_named_like_it(
    tmp_run_dir: Path, guideline: Guideline
) -> None:
    _record(tmp_run_dir)
    judged = {p.url: p for p in linked_profiles(tmp_run_dir, guideline) or ()}
    brand = sorted(url for url, p in judged.items() if p.brand)
    assert brand == [
        "https://apps.apple.com/app/id1234567890",
        "https://twitter.com/NovaBridge",
        "https://www.instagram.com/novabridge/",
        "https://www.linkedin.com/company/novabridge/",
        "https://www.youtube.com/@novabridge",
        "https://x.com/novabridge_dev",  # only in text, but the handle carries the name
    ]
    assert judged["https://x.com/jobloggs"].pages == (SITE, SITE + "blog/thanks")
    assert judged["https://x.com/jobloggs"].reason == "linked only from page text"


def test_others_profiles_are_not_fetched_unless_asked(tmp_run_dir: Path, guideline) -> None:
    _record(tmp_run_dir)
    urls = profiles_to_fetch(tmp_run_dir, guideline)
    assert "https://x.com/jobloggs" not in urls
    assert "https://play.google.com/store/apps/details?id=com.customer.app" not in urls
    assert urls[:2] == ["https://x.com/novabridge", "https://apps.apple.com/app/id1234567890"]
    assert "https://twitter.com/NovaBridge" not in urls  # the guideline's x.com/novabridge
    data = yaml.safe_load(guideline.source.read_text(encoding="utf-8"))
    data["touchpoints"]["linked_profiles"] = "all"
    guideline.source.write_text(yaml.safe_dump(data), encoding="utf-8")
    every = profiles_to_fetch(tmp_run_dir, load_guideline(guideline.source))
    assert "https://x.com/jobloggs" in every and len(every) == len(urls) + 2


def test_others_profiles_are_one_info_finding_not_unlisted_touchpoints(
    tmp_run_dir: Path, guideline: Guideline
) -> None:
    _record(tmp_run_dir)
    pages = [PageArtifact(url=SITE, status=200)]
    findings = audit(tmp_run_dir, guideline, good(), pages=pages)
    unlisted = sorted(f.url for f in findings if f.rule == "touchpoint.unlisted")
    assert unlisted == [
        "https://www.instagram.com/novabridge/",
        "https://www.linkedin.com/company/novabridge/",
        "https://www.youtube.com/@novabridge",
        "https://x.com/novabridge_dev",
    ]
    (others,) = [f for f in findings if f.rule == "touchpoint.third_party"]
    assert others.severity == "info" and others.touchpoint == "website"
    assert others.url == SITE and others.evidence["count"] == 2
    assert [p["url"] for p in others.evidence["profiles"]] == [
        "https://play.google.com/store/apps/details?id=com.customer.app",
        "https://x.com/jobloggs",
    ]  # github.com/ada: no adapter, never a profile link


def test_a_misspelt_profile_name_is_reported_once(tmp_run_dir: Path, guideline) -> None:
    (finding,) = audit(tmp_run_dir, guideline, good(display_name="NovaBrige"))
    assert finding.rule == "touchpoint.name"
    assert finding.evidence["via"] == "text.brand_name"
    other = audit(tmp_run_dir.parent / "other", guideline, good(display_name="Acme Deals"))
    assert [f.rule for f in other] == ["touchpoint.name"]  # no brand name at all: still one
