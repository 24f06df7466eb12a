"""The brand team's workspace end to end, in a real Chromium against `brandaudit dashboard`:
three recorded audits make a trend, an editor marks a finding as a false alarm, the next
`check --from` sets it aside and the gate passes; a schedule fires and its e-mail reaches a
local SMTP server."""

from __future__ import annotations

import json
import os
import queue
from pathlib import Path

import pytest

from brandaudit.crawler.render.browser import find_chromium, launch_options
from tests.cli_runner import brandaudit
from tests.dashboard.workspace import dashboard, saved_crawl, smtp_server, write_guideline

SHOTS = os.environ.get("BRANDAUDIT_SCREENSHOTS")  # a folder: keep screenshots to look at


def _shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def estate(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three audits of one guideline: 3, then 2, then 1 brand-name errors."""
    root = tmp_path_factory.mktemp("estate")
    guideline = write_guideline(root)
    history = root / "history.sqlite"
    crawls = [saved_crawl(root / f"crawl{n}", 3 - n) for n in range(3)]
    for n, crawl in enumerate(crawls):
        proc = brandaudit("check", "--from", crawl, "--guideline", guideline, "--history",
                          history, "--out", root / f"r{n}", "--fail-on", "never")  # fmt: skip
        assert proc.returncode == 0, proc.stderr
    return {"root": root, "guideline": guideline, "history": history, "last_crawl": crawls[-1],
            "first_crawl": crawls[0]}  # fmt: skip


def test_trend_triage_next_audit_and_a_scheduled_email(estate: dict[str, Path]) -> None:
    from playwright.sync_api import expect, sync_playwright

    if find_chromium() is None:
        pytest.skip("no Chromium on PATH")
    guideline, history = estate["guideline"], estate["history"]
    with smtp_server() as (smtp_port, inbox), dashboard(
        history, "--scheduler-interval", "1", "--reports-dir", str(estate["root"] / "sched"),
        env={**os.environ, "BRANDAUDIT_SMTP": f"127.0.0.1:{smtp_port}"},
    ) as address, sync_playwright() as pw:  # fmt: skip
        browser = pw.chromium.launch(**launch_options())
        page = browser.new_page(viewport={"width": 1280, "height": 900})

        # The estate: three audits, the trend falling from 3 errors to 1.
        page.goto(address)
        _shot(page, "1-estates")
        page.get_by_role("link", name=str(guideline)).click()
        expect(page.locator("h1")).to_have_text(str(guideline))
        expect(page.get_by_text("3 audits · latest #3")).to_be_visible()
        assert page.locator("svg.trend").count() == 1
        errors = page.locator("table").nth(2).locator("tr td:nth-child(4)").all_inner_texts()
        assert errors == ["1", "2", "3"]  # newest first
        expect(page.locator("svg.spark circle")).to_have_count(3)
        expect(page.locator(".kpi").first).to_have_text("67 %")  # 2 of 3 fixed
        _shot(page, "2-estate")

        # The latest audit: mark its one finding as a false alarm.
        page.get_by_role("link", name="#3").first.click()
        card = page.locator(".finding").filter(has_text="Nova Bridge")
        expect(card).to_have_count(1)
        card.get_by_label("decision").select_option("false_alarm")
        card.get_by_label("reason").fill("Quoted from a 2019 press article")
        card.get_by_label("your name").fill("Editor Ede")
        card.get_by_role("button", name="Triage").click()
        expect(page.locator(".finding [data-status=false_alarm]")).to_contain_text("Editor Ede")
        _shot(page, "3-audit-triaged")

        # The next audit applies it: listed as triaged, and the gate passes.
        proc = brandaudit("check", "--from", estate["last_crawl"], "--guideline", guideline,
                          "--history", history, "--out", estate["root"] / "r3")  # fmt: skip
        assert proc.returncode == 0, proc.stdout + proc.stderr
        report = json.loads((estate["root"] / "r3" / "report.json").read_text())
        assert report["findings"] == []
        assert [f["triage"]["status"] for f in report["triage"]["set_aside"]] == ["false_alarm"]
        assert [t["score"] for t in report["summary"]["touchpoints"]] == [100.0]  # costs nothing
        page.goto(address.rstrip("/") + f"/audit/{report['audit']['id']}")
        table = page.locator("table.set-aside")
        expect(table).to_contain_text("false alarm")
        expect(table).to_contain_text("Quoted from a 2019 press article")
        expect(page.locator(".finding")).to_have_count(0)
        page.goto(address)
        expect(page.locator("body")).to_contain_text("text.brand_name")  # false alarms by rule
        _shot(page, "4-estates-after")

        # A schedule re-checks the first crawl: its two errors are new, so an e-mail goes out.
        page.goto(address.rstrip("/") + "/schedules")
        page.get_by_label("Name").fill("weekly site check")
        page.get_by_label("Guideline").fill(str(guideline))
        page.get_by_label("Kind").select_option("check")
        page.get_by_label("URLs or saved crawl folder").fill(str(estate["first_crawl"]))
        page.get_by_label("Every").fill("60")
        page.get_by_label("E-mail on new errors").fill("brand-team@novabridge.example")
        page.get_by_role("button", name="Add schedule").click()
        try:
            recipients, mail = inbox.get(timeout=90)
        except queue.Empty:
            pytest.fail("no e-mail reached the SMTP server")
        assert recipients == ["brand-team@novabridge.example"]
        assert (
            "2 new errors" in mail
            and "Novabridge" in mail
            and "NovaBrige" in mail
            and "/audit/" in mail
        )
        page.reload()
        expect(page.locator("tr.schedule")).to_contain_text("2 new errors")
        # Its report links back to its audit in the dashboard.
        (scheduled,) = (estate["root"] / "sched").glob("schedule-*/*/report.html")
        link = page.locator("tr.schedule a").first.get_attribute("href")
        assert f'href="{address.rstrip("/")}{link}"' in scheduled.read_text()
        _shot(page, "5-schedules")
        browser.close()
