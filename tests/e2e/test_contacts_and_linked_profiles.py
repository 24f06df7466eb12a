"""End to end through the CLI: a site in Chinese and English with an ICP licence in every
footer, role addresses, a look-alike press address, the brand's X profile in the footer and
a contributor's X profile in a blog post. Only real inconsistencies are findings; the rest
is in the report's inventories, and the contributor's profile is never fetched."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import yaml

from brandaudit.brand_assets import SAMPLE_DIR
from brandaudit.site_server import serve_site
from tests.cli_runner import brandaudit
from tests.crawler.touchpoints.conftest import PLATFORMS, build_estate

FOOTER = """<footer><p>客服热线 010-5992 8888 | 浙ICP备2021040463号 | 京公网安备11000002000001号</p>
<p>联系我们：hello@novabridge.example。</p>
<a href="https://x.com/novabridge">X</a></footer>"""
HOME = f"""<!DOCTYPE html><html lang="zh-CN"><head><title>NovaBridge</title></head><body>
<header><nav><a href="/">首页</a> <a href="/blog.html">博客</a></nav></header>
<main><p>NovaBridge：承载创意的桥梁。</p></main>{FOOTER}</body></html>"""
BLOG = f"""<!DOCTYPE html><html lang="zh-CN"><head><title>NovaBridge 博客</title></head><body>
<main><article><h1>社区来信</h1>
<p>感谢 <a href="https://x.com/jobloggs">@jobloggs</a> 的补丁。</p>
<p>邮件列表：dev@lists.novabridge.example；媒体：press@novabridge-media.example</p>
</article></main>{FOOTER}</body></html>"""


def test_facts_and_linked_profiles_on_a_chinese_site(tmp_path: Path) -> None:
    brand = tmp_path / "brand"
    shutil.copytree(SAMPLE_DIR, brand)
    data = yaml.safe_load((brand / "brand.yaml").read_text(encoding="utf-8"))
    data["facts"] = {"phone": ["+86 10 5992 8888"], "email": ["hello@novabridge.example"]}
    data["touchpoints"] = {
        "websites": ["https://www.novabridge.example/"],
        "social": ["https://x.com/novabridge"],
    }
    (brand / "brand.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text(HOME, encoding="utf-8")
    (site_dir / "blog.html").write_text(BLOG, encoding="utf-8")
    routes = build_estate(tmp_path / "estate")
    out = tmp_path / "out"
    with serve_site(tmp_path / "estate", routes) as estate, serve_site(site_dir) as site:
        env = {
            **os.environ,
            **{f"BRANDAUDIT_PLATFORM_{p.upper()}_URL": estate.url(f"{p}/") for p in PLATFORMS},
        }
        proc = brandaudit(
            "audit", "--guideline", brand / "brand.yaml", site.base_url, "--out", out,
            "--render", "never", "--no-history", "--timeout", "5", "--fail-on", "never",
            env=env, timeout=300,
        )  # fmt: skip
        platform_hits = list(estate.hits)
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    findings = report["findings"]

    facts = [f for f in findings if f["rule"] == "fact.mismatch"]
    assert [f["evidence"]["found"] for f in facts] == ["press@novabridge-media.example"]
    assert facts[0]["url"].endswith("/blog.html")
    assert [c["value"] for c in report["contacts"]] == ["dev@lists.novabridge.example"]

    assert any(hit.startswith("/x/novabridge") for hit in platform_hits)
    assert not any("jobloggs" in hit for hit in platform_hits)  # someone else's: not fetched
    (others,) = [f for f in findings if f["rule"] == "touchpoint.third_party"]
    assert others["severity"] == "info" and others["touchpoint"] == "website"
    assert [p["url"] for p in others["evidence"]["profiles"]] == ["https://x.com/jobloggs"]
    assert not any("jobloggs" in f["url"] for f in findings)
    assert not any("jobloggs" in t["url"] for t in report["summary"]["touchpoints"])
    x_rules = {f["rule"] for f in findings if f["url"] == "https://x.com/novabridge"}
    assert "touchpoint.unlisted" not in x_rules and "touchpoint.link" not in x_rules
