"""End to end: one `brandaudit audit` over a brand estate — website, 8 social profiles and
2 app listings — with every platform's base URL sent to recorded pages on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import yaml

from brandaudit.brand_assets import SAMPLE_DIR
from brandaudit.site_server import serve_site
from tests.cli_runner import brandaudit_in_process
from tests.crawler.touchpoints.conftest import PLATFORMS, build_estate

SOCIAL = {
    "x": "https://x.com/novabridge",
    "instagram": "https://www.instagram.com/novabridge_private/",  # login wall
    "facebook": "https://www.facebook.com/novabridge",  # old slogan in the bio
    "linkedin": "https://www.linkedin.com/company/novabridge/",  # links to another domain
    "youtube": "https://www.youtube.com/@novabridge",  # retired logo as avatar
    "tiktok": "https://www.tiktok.com/@novabridge",  # consistent
    "weibo": "https://weibo.com/u/5512345678",
    "bilibili": "https://space.bilibili.com/401234567",
}
APPS = {
    "app_store": "https://apps.apple.com/app/id1111111111",  # removed listing
    "google_play": "https://play.google.com/store/apps/details?id=example.novabridge",
}
UNLISTED = "https://x.com/novabridge_old"
SITE_HOME = f"""<!DOCTYPE html><html lang="en"><head><title>NovaBridge</title></head><body>
<p>NovaBridge: bridges that carry ideas.</p>
<footer><a href="{SOCIAL["tiktok"]}">TikTok</a> <a href="{UNLISTED}">Our old X account</a></footer>
</body></html>"""


def test_estate_audit_in_one_command(tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    shutil.copytree(SAMPLE_DIR, brand)
    data = yaml.safe_load((brand / "brand.yaml").read_text(encoding="utf-8"))
    data["touchpoints"] = {
        "websites": ["https://www.novabridge.example/"],
        "social": list(SOCIAL.values()),
        "apps": list(APPS.values()),
    }
    (brand / "brand.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text(SITE_HOME, encoding="utf-8")
    routes = build_estate(tmp_path / "estate")
    out = tmp_path / "out"
    with serve_site(tmp_path / "estate", routes) as estate, serve_site(site_dir) as site:
        env = {
            **os.environ,
            **{f"BRANDAUDIT_PLATFORM_{p.upper()}_URL": estate.url(f"{p}/") for p in PLATFORMS},
        }
        proc = brandaudit_in_process(
            "audit", "--guideline", brand / "brand.yaml", site.base_url, "--out", out,
            "--render", "never", "--no-history", "--timeout", "5", env=env,
        )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    rules: dict[str, set[str]] = {}
    for finding in report["findings"]:
        rules.setdefault(finding["url"], set()).add(finding["rule"])

    assert SOCIAL["tiktok"] not in rules
    assert "touchpoint.logo" in rules[SOCIAL["youtube"]]
    assert "touchpoint.bio" in rules[SOCIAL["facebook"]]
    assert "touchpoint.link" in rules[SOCIAL["linkedin"]]
    # Profiles the website never links to are also `touchpoint.unlisted` (info).
    assert rules[SOCIAL["instagram"]] == {"touchpoint.partial", "touchpoint.unlisted"}
    assert rules[APPS["app_store"]] == {"touchpoint.unavailable", "touchpoint.unlisted"}
    assert "touchpoint.developer" in rules[APPS["google_play"]]
    unlisted = [f for f in report["findings"] if f["rule"] == "touchpoint.unlisted"]
    assert any(UNLISTED in json.dumps(f) for f in unlisted)

    matrix = {row["url"]: row for row in report["touchpoints_matrix"]}
    assert set(SOCIAL.values()) | set(APPS.values()) <= set(matrix)
    assert matrix[SOCIAL["tiktok"]]["cells"]["bio"]["state"] == "consistent"
    assert matrix[SOCIAL["facebook"]]["cells"]["bio"]["state"] == "inconsistent"
    assert matrix[SOCIAL["instagram"]]["coverage"] != "full"
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Consistency across touchpoints" in html
