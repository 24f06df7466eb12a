"""The dashboard's pages over a hand-built history: filters, diff, coverage, KPI edges."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from brandaudit.dashboard.app import create_app
from brandaudit.dashboard.kpi import period_kpi
from brandaudit.history import HistoryStore
from brandaudit.triage import Decision, TriageStore

SITE = "https://www.novabridge.example/"
HOST = {"Host": "127.0.0.1:8765"}


def finding(fid: str, severity: str = "error", rule: str = "text.brand_name") -> dict:
    return {"id": fid, "rule": rule, "severity": severity, "touchpoint": "website",
            "url": f"{SITE}{fid}", "message": f"message {fid}", "location": {},
            "evidence": {}}  # fmt: skip


def report(started: str, findings: list[dict], **extra: object) -> dict:
    pages = [{"url": f"{SITE}{f}", "touchpoint": "website", "status": 200} for f in "abc"]
    return {"schema_version": 1, "audit": {"started": started, "guideline": "brand.yaml",
            "seeds": [SITE]}, "summary": {"pages": 3, "findings": {}, "touchpoints": [
            {"kind": "website", "url": SITE, "score": 80.0}]}, "pages": pages,
            "findings": findings, **extra}  # fmt: skip


@pytest.fixture
def history(tmp_path: Path) -> Path:
    path = tmp_path / "h.sqlite"
    store = HistoryStore(path)
    store.record(report("2026-11-01T09:00:00Z", [finding("a"), finding("b", "warning")]), None)
    coverage = {"complete": False, "crawled": 3,
                "not_crawled": {"robots": 2, "max_pages": 5},
                "urls": [{"url": SITE + "private", "reason": "robots"}],
                "urls_total": 7}  # fmt: skip
    store.record(report("2026-12-01T09:00:00Z", [finding("b", "warning"), finding("c")],
                        coverage=coverage), None)  # fmt: skip
    return path


@pytest.fixture
def client(history: Path) -> FlaskClient:
    return create_app(history).test_client()


def test_filters_by_severity_and_by_triage_status(client: FlaskClient, history: Path) -> None:
    TriageStore(history).record(Decision("c", "assigned", "Ede", "2026-12-02T00:00:00Z",
                                         assignee="Kim"))  # fmt: skip
    page = client.get("/audit/2?severity=warning", headers=HOST).get_data(as_text=True)
    assert "message b" in page and "message c" not in page
    page = client.get("/audit/2?status=assigned", headers=HOST).get_data(as_text=True)
    assert "message c" in page and "message b" not in page and "assigned to Kim" in page
    page = client.get("/audit/2?q=MESSAGE+B", headers=HOST).get_data(as_text=True)
    assert "(1 of 2 shown)" in page


def test_coverage_is_shown_when_the_report_has_it(client: FlaskClient) -> None:
    page = client.get("/audit/2", headers=HOST).get_data(as_text=True)
    assert "incomplete: a limit cut the crawl" in page and "max_pages" in page
    assert "1 of 7 URLs not crawled" in page
    older = client.get("/audit/1", headers=HOST).get_data(as_text=True)
    assert "no coverage section" in older


def test_diff_of_two_audits(client: FlaskClient) -> None:
    page = client.get("/diff?a=1&b=2", headers=HOST).get_data(as_text=True)
    assert "1 new · 1 fixed · 1 still there" in page


def test_a_bad_audit_reference_is_one_clear_page(client: FlaskClient) -> None:
    response = client.get("/diff?a=x&b=2", headers=HOST)
    assert response.status_code == 400 and "give an audit id" in response.get_data(as_text=True)


def test_kpi_leaves_out_false_alarms_and_needs_two_audits(history: Path) -> None:
    store = HistoryStore(history)
    audits = store.list()
    kpi = period_kpi(store, audits, date(2026, 10, 1), date(2026, 12, 31), {})
    (website,) = kpi.touchpoints
    assert (website.open_at_start, website.fixed, website.still_open) == (2, 1, 1)
    assert kpi.rate == 0.5 and website.meets_target
    false_alarm = {"a": Decision("a", "false_alarm", "Ede", "t", reason="quoted")}
    kpi = period_kpi(store, audits, date(2026, 10, 1), date(2026, 12, 31), false_alarm)
    assert kpi.rate == 0.0 and kpi.improved == []  # the only "fix" was never a problem
    assert period_kpi(store, audits, date(2026, 11, 15), date(2026, 12, 31), {}).end is None
