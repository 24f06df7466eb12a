"""A guideline whose only logo is a plain colour (no keypoint anywhere) audited against a page
with a banner-sized photo: the keypoint search has nothing to match and must say nothing, not
crash the logo check (OpenCV 5 answers an empty descriptor array where 4.x answered None)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from brandaudit.site_server import serve_site
from tests.cli_runner import brandaudit


def test_a_plain_colour_logo_against_a_banner_is_no_check_failure(tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    (brand / "logos").mkdir(parents=True)
    # A soft-edged plain disc: a real mark (not blank) on which SIFT finds no keypoint at all.
    mark = Image.new("RGB", (200, 120), (255, 255, 255))
    ImageDraw.Draw(mark).ellipse((30, 20, 170, 100), fill=(11, 95, 255))
    mark.filter(ImageFilter.GaussianBlur(4)).save(brand / "logos" / "mark.png")
    (brand / "brand.yaml").write_text(
        "version: 1\nbrand:\n  name: Plainco\nlogos:\n  approved:\n"
        "    - {file: logos/mark.png, name: mark}\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    site.mkdir()
    noise = np.random.default_rng(7).integers(0, 255, (600, 1600, 3), dtype=np.uint8)
    Image.fromarray(noise).save(site / "banner.jpg", quality=85)
    (site / "index.html").write_text(
        "<!doctype html><html lang='en'><head><title>Plainco</title></head><body>"
        "<p>Plainco makes plain things.</p><img src='banner.jpg' width='1600' height='600' "
        "alt='Our shop'></body></html>",
        encoding="utf-8",
    )
    env = {**os.environ, "BRANDAUDIT_CACHE": str(tmp_path / "cache")}  # no cached search
    with serve_site(site) as server:
        run = brandaudit("audit", "--guideline", brand / "brand.yaml", server.base_url,
                         "--out", tmp_path / "out", "--render", "never", "--no-history",
                         "--fail-on", "never", env=env)  # fmt: skip
    assert run.returncode == 0, run.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    rules = [finding["rule"] for finding in report["findings"]]
    assert "check.failed" not in rules, report["findings"]
