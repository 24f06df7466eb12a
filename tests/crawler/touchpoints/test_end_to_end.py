"""Crawl the recorded estate, run the touchpoint check, build the matrix and draw it."""

import shutil
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader

from brandaudit.brand_assets import SAMPLE_DIR
from brandaudit.brand_assets.guideline import load_guideline
from brandaudit.checks.finding import finalise
from brandaudit.checks.touchpoint_matrix import touchpoint_matrix
from brandaudit.checks.touchpoints import run
from brandaudit.crawler.run_store import load_run
from brandaudit.crawler.touchpoints.run import run_touchpoint_crawl
from brandaudit.reports.model import finding_to_dict

SITE = "https://www.novabridge.example/"
CONSISTENT = "https://www.tiktok.com/@novabridge"
RETIRED_AVATAR = "https://www.youtube.com/@novabridge"
OLD_SLOGAN = "https://www.facebook.com/novabridge"
WRONG_LINK = "https://www.linkedin.com/company/novabridge/"
LOGIN_WALL = "https://www.instagram.com/novabridge_private/"
REMOVED = "https://apps.apple.com/app/id1111111111"
APP = "https://play.google.com/store/apps/details?id=example.novabridge"
TEMPLATES = Path(__file__).parents[3] / "reports" / "templates"


def test_estate_audit(estate, tmp_path: Path) -> None:
    _, base_urls = estate
    brand = tmp_path / "brand"
    shutil.copytree(SAMPLE_DIR, brand)
    data = yaml.safe_load((brand / "brand.yaml").read_text(encoding="utf-8"))
    social = [CONSISTENT, RETIRED_AVATAR, OLD_SLOGAN, WRONG_LINK, LOGIN_WALL]
    data["touchpoints"] = {"websites": [SITE], "social": social, "apps": [REMOVED, APP]}
    (brand / "brand.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    guideline = load_guideline(brand / "brand.yaml")

    run_dir = tmp_path / "run"
    urls = [*guideline.touchpoints.social, *guideline.touchpoints.apps]
    run_touchpoint_crawl(urls, run_dir, base_urls, timeout_s=5, delay_s=0)
    result = load_run(run_dir)
    findings = finalise(run(result, guideline))
    by_url: dict[str, set[str]] = {}
    for finding in findings:
        by_url.setdefault(finding.url, set()).add(finding.rule)

    assert CONSISTENT not in by_url
    assert by_url[RETIRED_AVATAR] == {"touchpoint.logo"}
    assert by_url[OLD_SLOGAN] == {"touchpoint.bio"}
    assert by_url[WRONG_LINK] == {"touchpoint.link"}
    assert by_url[LOGIN_WALL] == {"touchpoint.partial"}
    assert by_url[REMOVED] == {"touchpoint.unavailable"}
    # Play listing: old slogan and "Log in" in the description, developer "Nova Bridge Apps".
    assert by_url[APP] == {"touchpoint.bio", "touchpoint.developer"}

    matrix = touchpoint_matrix(result, guideline, [finding_to_dict(f) for f in findings])
    rows = {row["url"]: row for row in matrix}
    assert matrix[0]["kind"] == "website" and matrix[0]["url"] == SITE
    states = {
        url: {c: cell["state"] for c, cell in row["cells"].items()} for url, row in rows.items()
    }
    assert set(states[CONSISTENT].values()) == {"consistent"}
    assert states[RETIRED_AVATAR]["logo"] == "inconsistent"
    assert states[RETIRED_AVATAR]["name"] == "consistent"
    assert (
        states[OLD_SLOGAN]["bio"] == "inconsistent" and states[OLD_SLOGAN]["link"] == "consistent"
    )
    assert states[WRONG_LINK]["link"] == "inconsistent"
    assert set(states[LOGIN_WALL].values()) == {"n/a"}
    assert set(states[REMOVED].values()) == {"n/a"} and rows[REMOVED]["findings"]
    assert states[APP]["name"] == "inconsistent"  # the developer name
    logo_ids = rows[RETIRED_AVATAR]["cells"]["logo"]["findings"]
    assert logo_ids == [f.id for f in findings if f.url == RETIRED_AVATAR]

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    html = env.get_template("_matrix.html.j2").render(matrix=matrix)
    assert html.count("<tr>") == len(matrix) + 1
    assert f'href="#f-{logo_ids[0]}"' in html
    assert 'class="cell inconsistent"' in html and 'class="cell na"' in html
