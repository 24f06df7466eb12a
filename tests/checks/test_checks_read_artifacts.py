"""Checks read the crawl's artifacts, never the crawler's machinery (ARCHITECTURE.md:
brandaudit -> reports -> checks -> crawler artifact types only)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from brandaudit.brand_assets.guideline import load_guideline
from brandaudit.checks.imaging.image_matches import crawl_logo_matches
from brandaudit.crawler.run_store import CrawlResult

REPO = Path(__file__).resolve().parents[2]
SAMPLE_GUIDELINE = REPO / "brand_assets" / "sample" / "brand.yaml"
LOADED_AFTER_CHECKS = """
import json, sys
from brandaudit.checks.registry import load_all_checks
checks = load_all_checks()
print(json.dumps({"checks": len(checks), "modules": sorted(sys.modules)}))
"""


def test_loading_every_check_loads_no_platform_adapter_and_no_crawling_library() -> None:
    # A fresh interpreter: this test process has long imported the crawler for other tests.
    answer = subprocess.run(
        [sys.executable, "-c", LOADED_AFTER_CHECKS], capture_output=True, text=True, check=True
    )
    loaded = json.loads(answer.stdout)
    assert loaded["checks"] >= 10  # every check module was imported
    forbidden = (
        "brandaudit.crawler.touchpoints.platforms",
        "brandaudit.crawler.touchpoints.registry",
        "brandaudit.crawler.touchpoints.discover",
        "scrapy",
        "scrapy_playwright",
        "playwright",
        "twisted",
    )
    offenders = [m for m in loaded["modules"] if m.startswith(forbidden)]
    assert offenders == []
    crawler_modules = {m for m in loaded["modules"] if m.startswith("brandaudit.crawler.")}
    assert "brandaudit.crawler.touchpoints.profile_urls" in crawler_modules  # read, adapter-free


def test_logo_matches_are_the_crawls_derived_data_once_per_audit(tmp_path: Path) -> None:
    guideline = load_guideline(SAMPLE_GUIDELINE)
    result = CrawlResult(run_dir=tmp_path)
    first = crawl_logo_matches(result, guideline)
    assert crawl_logo_matches(result, guideline) is first  # both logo checks share it
    assert "imaging.logo_matches" in result.derived  # held by the audit, not by the module
    other_audit = CrawlResult(run_dir=tmp_path)
    assert crawl_logo_matches(other_audit, guideline) is not first
    other_guideline = load_guideline(SAMPLE_GUIDELINE)
    assert crawl_logo_matches(result, other_guideline) is not first
