"""`--render auto` covers a site that navigates by script as `--render always` does: a root
that redirects with location.replace, a menu built by createElement, a language switcher."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from brandaudit.brand_assets import SAMPLE_GUIDELINE
from brandaudit.site_server import serve_site
from tests.cli_runner import brandaudit

TEXT = "<p>" + "NovaBridge builds bridges that carry ideas across teams. " * 6 + "</p>"
MENU = """<nav id="menu"></nav><script>
for (const [href, label] of [["/en/about.html", "About"], ["/en/contact.html", "Contact"]]) {
  const a = document.createElement("a"); a.href = href; a.textContent = label;
  document.getElementById("menu").append(a);
}</script>"""
SWITCHER = (
    '<select id="language" onchange="location.href=this.value">'
    '<option value="/en/">English</option><option value="/zh/">中文</option></select>'
)


def page(body: str, lang: str = "en") -> str:
    head = f"<!doctype html><html lang='{lang}'><head><title>t</title></head>"
    return f"{head}<body>{body}</body></html>"


def write_site(site: Path) -> None:
    (site / "en").mkdir(parents=True)
    (site / "zh").mkdir()
    (site / "index.html").write_text(page("<script>location.replace('/en/');</script>"))
    (site / "en" / "index.html").write_text(page(TEXT + MENU + SWITCHER), encoding="utf-8")
    for name in ("about", "contact"):
        (site / "en" / f"{name}.html").write_text(page(f"<h1>{name}</h1>{TEXT}"))
    (site / "zh" / "index.html").write_text(
        page("<p>我们的口号：承载创新的桥梁。</p>", "en"), "utf-8"
    )


@pytest.fixture(scope="module")
def audits(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    tmp = tmp_path_factory.mktemp("script-site")
    write_site(tmp / "site")
    env = {**os.environ, "BRANDAUDIT_HISTORY": str(tmp / "history.sqlite")}
    reports = {}
    with serve_site(tmp / "site") as server:
        for mode in ("never", "auto", "always"):
            out = tmp / mode
            proc = brandaudit(
                "audit", "--guideline", SAMPLE_GUIDELINE, server.base_url,
                "--render", mode, "--out", out, "--fail-on", "never", env=env,
            )  # fmt: skip
            assert proc.returncode == 0, proc.stderr
            report = json.loads((out / "report.json").read_text(encoding="utf-8"))
            report["paths"] = {p["url"].removeprefix(server.base_url) for p in report["pages"]}
            report["rendered_paths"] = {
                r["url"].removeprefix(server.base_url): r["why"]
                for r in report["coverage"]["rendered"]
            }
            reports[mode] = report
    return reports


def test_auto_covers_what_always_covers(audits: dict[str, dict]) -> None:
    wanted = {"en/", "en/about.html", "en/contact.html", "zh/"}
    assert wanted <= audits["always"]["paths"]
    assert wanted <= audits["auto"]["paths"]
    # Unrendered, the menu built by script stays unseen (the switcher's targets are read).
    assert not {"en/about.html", "en/contact.html"} & audits["never"]["paths"]


def test_the_report_says_which_pages_were_rendered_and_why(audits: dict[str, dict]) -> None:
    rendered = audits["auto"]["rendered_paths"]
    # The root is rendered, and the browser lands on /en/, whose script-built menu it reads.
    assert "navigates by script" in rendered[""] and "" not in audits["auto"]["paths"]
    assert not {"en/about.html", "en/contact.html", "zh/"} & set(rendered)  # plain pages
    assert len(audits["always"]["rendered_paths"]) >= 4


def test_a_lying_lang_does_not_hide_a_chinese_misquote(audits: dict[str, dict]) -> None:
    slogans = [f for f in audits["never"]["findings"] if f["rule"].startswith("text.slogan")]
    # zh/ says lang="en" but its text is Chinese: the zh-CN slogan is compared with it.
    assert [(f["rule"], f["url"].rsplit("/", 2)[-2], f["evidence"]["found"]) for f in slogans] == [
        ("text.slogan_misquoted", "zh", "承载创新的桥梁")
    ]
