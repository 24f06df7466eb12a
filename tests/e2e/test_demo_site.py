"""End to end: the CLI audits the demo site served on 127.0.0.1; report.json is the oracle.

Every planted inconsistency (brand_assets/demo_site/planted.json) must be reported on its
page, and nothing else: the site's traps (possessive, URLs, e-mails, file names, code,
'catalog in', the same phone number in national format, a partner's logo, a photo) must
stay silent.
"""

from __future__ import annotations

import csv
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_GUIDELINE
from brandaudit.brand_assets.guideline import load_guideline
from brandaudit.checks.imaging.fingerprints import Fingerprint, HashCache
from brandaudit.checks.imaging.guideline_logos import reference_key
from brandaudit.site_server import serve_site
from tests.cli_runner import brandaudit, brandaudit_in_process

from .planted import compare

PLANTED = json.loads((DEMO_SITE_DIR / "planted.json").read_text(encoding="utf-8"))["findings"]
STATIC_PLANTED = [p for p in PLANTED if not p.get("rendered")]


@pytest.fixture(scope="module")
def demo_audit(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("demo-audit")
    with serve_site(DEMO_SITE_DIR) as site:
        proc = brandaudit_in_process(
            "audit",
            "--guideline",
            SAMPLE_GUIDELINE,
            site.base_url,
            "--out",
            out,
            "--format",
            "junit,sarif,md,csv",
            "--render",
            "never",
            "--no-history",
        )
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {"proc": proc, "report": report, "base_url": site.base_url, "out": out}


def test_every_planted_case_is_found_and_nothing_else(demo_audit: dict[str, Any]) -> None:
    report, base_url = demo_audit["report"], demo_audit["base_url"]
    missed, unexpected = compare(STATIC_PLANTED, report["findings"], base_url)
    assert missed == [], f"planted but not reported: {missed}"
    assert unexpected == [], "reported but not planted: " + json.dumps(unexpected, indent=1)


def test_exit_status_and_summary(demo_audit: dict[str, Any]) -> None:
    proc, report = demo_audit["proc"], demo_audit["report"]
    assert proc.returncode == 1, proc.stderr  # there are error findings; --fail-on error
    assert "Traceback" not in proc.stderr
    assert str(demo_audit["out"] / "report.html") in proc.stdout
    counts = report["summary"]["findings"]
    by_severity = {s: sum(f["severity"] == s for f in report["findings"]) for s in counts}
    assert counts == by_severity
    crawled = {p["url"].removeprefix(demo_audit["base_url"]) for p in report["pages"]}
    assert {"", "about.html", "products.html", "contact.html", "zh/"} <= crawled


def test_the_demo_report_has_a_coverage_section(demo_audit: dict[str, Any]) -> None:
    coverage = demo_audit["report"]["coverage"]
    websites = [t for t in demo_audit["report"]["summary"]["touchpoints"] if t["kind"] == "website"]
    assert coverage["crawled"] == sum(t["pages"] for t in websites)  # documents aside
    assert sum(coverage["not_crawled"].values()) == coverage["urls_total"]
    html = (demo_audit["out"] / "report.html").read_text(encoding="utf-8")
    assert '<h2 id="coverage">Coverage</h2>' in html
    assert "Coverage: " in demo_audit["proc"].stdout
    # products.html links a stylesheet and is not rendered: its logo sizes come from markup,
    # and both the finding and coverage say that layout was not checked.
    [distorted] = [f for f in demo_audit["report"]["findings"] if f["rule"] == "logo.distorted"]
    assert distorted["evidence"]["layout"] == "markup" and "--render always" in distorted["message"]
    assert coverage["layout_not_checked"] == [distorted["url"]]


def test_logo_inventory_lists_each_guideline_logo_use(demo_audit: dict[str, Any]) -> None:
    logos = {
        entry["image_url"].rsplit("/", 1)[-1]: entry for entry in demo_audit["report"]["logos"]
    }
    assert logos["logo-horizontal.png"]["status"] == "approved"
    assert logos["logo-horizontal.png"]["match"] == "horizontal"
    assert len(logos["logo-horizontal.png"]["pages"]) >= 5
    assert logos["logo-2019.png"]["status"] == "deprecated"
    assert logos["logo-red.png"]["status"] == "altered"
    # The press kit: reversed on dark and padded as a JPEG are faithful copies; cut ones are not.
    assert logos["logo-reversed.png"]["status"] == "approved"
    assert logos["logo-padded.jpg"]["status"] == "approved"
    assert logos["logo-cropped.png"]["status"] == "altered"
    assert logos["logo-side-cut.png"]["status"] == "altered"  # cut on its left side only
    assert "partner-acme.png" not in logos
    assert "hero.jpg" not in logos


def test_finding_ids_are_stable_across_audits(demo_audit: dict[str, Any], tmp_path: Path) -> None:
    """Re-checking the saved crawl gives the same findings with the same ids."""
    proc = brandaudit_in_process(
        "check",
        "--from",
        demo_audit["out"],
        "--guideline",
        SAMPLE_GUIDELINE,
        "--out",
        tmp_path,
        "--no-history",
    )
    assert proc.returncode == 1, proc.stderr
    again = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    ids = [f["id"] for f in demo_audit["report"]["findings"]]
    assert [f["id"] for f in again["findings"]] == ids
    assert len(set(ids)) == len(ids)


def test_guideline_logos_are_cached_for_the_next_audit(
    demo_audit: dict[str, Any], tmp_path: Path
) -> None:
    """An audit stores each guideline logo's reference fingerprint in the hash cache; the
    next audit reads them from there and reports the same findings."""
    env = {**os.environ, "BRANDAUDIT_CACHE": str(tmp_path / "hashes.sqlite")}
    reports = []
    for run in ("first", "second"):
        args = ["check", "--from", demo_audit["out"], "--guideline", SAMPLE_GUIDELINE]
        proc = brandaudit(*args, "--out", tmp_path / run, "--no-history", env=env)
        assert proc.returncode == 1, proc.stderr
        reports.append(json.loads((tmp_path / run / "report.json").read_text(encoding="utf-8")))
        if run == "first":
            guideline = load_guideline(SAMPLE_GUIDELINE)
            cache = HashCache(tmp_path / "hashes.sqlite")
            for logo, _status in guideline.all_logos:
                key = reference_key(guideline.logo_path(logo).read_bytes())
                assert isinstance(cache.get(key), Fingerprint), logo.name
            cache.close()
    assert reports[1]["findings"] == reports[0]["findings"]
    assert reports[0]["findings"] == demo_audit["report"]["findings"]


def test_machine_formats_are_written(demo_audit: dict[str, Any]) -> None:
    out, report = demo_audit["out"], demo_audit["report"]
    suites = ET.parse(out / "report.junit.xml").getroot()
    failures = sum(int(s.get("failures", 0)) for s in suites.iter("testsuite"))
    cases = sum(int(s.get("tests", 0)) for s in suites.iter("testsuite"))
    # Info findings are passing cases (with their text), so CI does not go red on them.
    assert failures == sum(f["severity"] != "info" for f in report["findings"])
    assert cases >= len(report["findings"])
    sarif = json.loads((out / "report.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"][0]["results"]) == len(report["findings"])
    with open(out / "report.csv", encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(report["findings"])
    assert (out / "report.md").read_text(encoding="utf-8").strip()


def test_html_report_escapes_and_embeds(demo_audit: dict[str, Any]) -> None:
    html = (demo_audit["out"] / "report.html").read_text(encoding="utf-8")
    assert "Nova Bridge" in html
    assert "data:image/" in html  # found image and guideline logo side by side
    assert "http://" not in html.split("<body", 1)[0]  # no CDN: opens from disk


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["auto", "always"])
def test_rendered_audit_finds_what_javascript_builds(mode: str, tmp_path: Path) -> None:
    """The single-page application's findings appear only when pages are rendered."""
    out = tmp_path / "out"
    with serve_site(DEMO_SITE_DIR) as site:
        proc = brandaudit_in_process(
            "audit", "--guideline", SAMPLE_GUIDELINE, site.base_url, "--out", out,
            "--render", mode, "--no-history",
        )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    missed, unexpected = compare(PLANTED, report["findings"], site.base_url)
    assert missed == [], f"planted but not reported: {missed}"
    assert unexpected == [], "reported but not planted: " + json.dumps(unexpected, indent=1)
    app = [f for f in report["findings"] if f["url"] == site.url("app.html")]
    for finding in app:  # every finding on a rendered page has its screenshot crop
        assert (out / finding["evidence"]["screenshot"]).is_file()


def test_demo_command_runs_twice_into_one_folder(tmp_path: Path) -> None:
    """`brandaudit demo` serves its own site, audits it and prints the report's path; run
    again into the same folder, it reports the same."""
    counts = []
    for _ in range(2):
        proc = brandaudit_in_process("demo", "--out", tmp_path, "--render", "never", "--no-history")
        assert proc.returncode == 0, proc.stderr  # the demo reports, it does not gate
        assert f"Report: {(tmp_path / 'report.html').resolve()}" in proc.stdout
        report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
        counts.append((len(report["pages"]), len(report["findings"])))
    assert counts[0] == counts[1]
    assert counts[0][0] >= 6


def test_documents_and_pictures_say_where_the_problem_is(demo_audit: dict[str, Any]) -> None:
    """The brochure's findings name page 2; text read in a banner names the picture and the
    box of the text; the correct banner stays silent; documents are touchpoints."""
    report, base = demo_audit["report"], demo_audit["base_url"]
    brochure = base + "docs/brochure.pdf"

    def on(rule: str, url: str) -> list[dict[str, Any]]:
        return [f for f in report["findings"] if f["rule"] == rule and f["url"] == url]

    (name,) = on("text.brand_name", brochure)
    assert name["touchpoint"] == "document" and name["location"]["page"] == 2
    assert len(name["location"]["box"]) == 4
    (logo,) = on("logo.deprecated", brochure)  # once: the picture stands for the page render
    assert logo["location"]["page"] == 2
    (english,) = on("text.slogan_misquoted", base)
    assert english["evidence"]["image_url"] == base + "img/banner-campaign.png"
    _x, _y, width, height = english["location"]["box"]
    assert width > 3 * height > 0
    assert not [f for f in report["findings"] if "banner-welcome" in str(f["evidence"])]
    kinds = {(t["kind"], t["url"]) for t in report["summary"]["touchpoints"]}
    assert ("document", "documents/shop-sign.jpg") in kinds
    rows = {row["url"]: row for row in report["touchpoints_matrix"] if row["kind"] == "document"}
    assert rows[brochure]["cells"]["name"]["state"] == "inconsistent"
    assert rows["documents/shop-sign.jpg"]["cells"]["name"]["state"] == "inconsistent"
    html = (demo_audit["out"] / "report.html").read_text(encoding="utf-8")
    assert html.count('<figure class="text-crop">') == 3  # two banners and the shop sign
