"""Since-last and improvement rate as queries (brandaudit/history_diff.py) give what the
Python diff gives over the same audits, in the same order, without loading the findings."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from brandaudit.history import HistoryStore, history_section, since_last
from brandaudit.history_diff import IdList
from brandaudit.reports.finding_store import FindingRows

SITE = "https://www.novabridge.example/"


def finding(fid: str, page: str, severity: str = "error") -> dict[str, Any]:
    return {"id": fid, "rule": "text.brand_name", "severity": severity, "url": SITE + page,
            "touchpoint": "website", "message": f"problem {fid}", "location": {}}  # fmt: skip


def report(findings: Any, started: str, pages: list[str], crawled: int) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "audit": {"started": started, "finished": started, "guideline": "brand.yaml",
                  "seeds": [SITE]},
        "summary": {"pages": len(pages), "touchpoints": []},
        "pages": [{"url": SITE + page, "touchpoint": "website"} for page in pages],
        "findings": findings,
        "coverage": {"complete": True, "crawled": crawled, "not_crawled": {}},
    }  # fmt: skip


@pytest.fixture
def audits(tmp_path: Path) -> tuple[HistoryStore, list[dict], list[str]]:
    """A recorded audit of pages a..e, and this audit's findings: some fixed (on pages seen
    again), some gone from a page not audited now (unchecked), some new, some persisting."""
    store = HistoryStore(tmp_path / "history.sqlite")
    before = [finding(f"f{i}", "abcde"[i % 5] + ".html") for i in range(40)]
    store.record(report(before, "2026-11-01T09:00:00Z", list("abcde"), 5), "r1/report.json")
    kept = [f for f in before if int(f["id"][1:]) % 3 and not f["url"].endswith("e.html")]
    now = kept + [finding(f"n{i}", "a.html") for i in (5, 1)]
    now.insert(3, finding("n9", "f.html", "warning"))
    return store, now, [p + ".html" for p in "abcdf"]  # e.html not audited this time


def test_since_last_from_disk_equals_the_python_diff(audits, tmp_path: Path) -> None:
    store, now, pages = audits
    in_memory = report(now, "2026-11-02T09:00:00Z", pages, 4)
    on_disk = report(FindingRows.of(tmp_path / "f.sqlite", now), "2026-11-02T09:00:00Z", pages, 4)
    expected, found = since_last(store, in_memory), since_last(store, on_disk)
    assert isinstance(found["new"], IdList) and isinstance(found["persisting"], IdList)
    assert found == expected  # the lists compare item by item, in order
    assert list(found["new"]) == ["n9", "n5", "n1"]
    assert found["unchecked"] and found["fixed"] and found["coverage_shrank"]
    assert found["persisting"][0] == expected["persisting"][0]
    assert found["persisting"][-1] == expected["persisting"][-1]
    text = json.dumps(list(found["persisting"]))
    assert text == json.dumps(expected["persisting"])


def test_improvement_rate_from_disk_equals_the_python_one(audits, tmp_path: Path) -> None:
    store, now, pages = audits
    in_memory = report(now, "2026-11-02T09:00:00Z", pages, 5)
    on_disk = report(FindingRows.of(tmp_path / "f.sqlite", now), "2026-11-02T09:00:00Z", pages, 5)
    expected = history_section(store, in_memory)["improvement_rate"]
    assert expected is not None and 0 < expected < 1
    assert history_section(store, on_disk)["improvement_rate"] == expected


def test_comparing_large_audits_holds_no_findings(tmp_path: Path) -> None:
    """20,000 findings a side: the query path's traced peak stays far below the Python
    diff's (which holds both audits' findings as dicts)."""
    store = HistoryStore(tmp_path / "history.sqlite")
    pages = [f"p{i}.html" for i in range(2000)]
    before = [finding(f"f{i}", pages[i % 2000]) for i in range(20_000)]
    store.record(report(before, "2026-11-01T09:00:00Z", pages, 2000), "r1/report.json")
    now = [finding(f"f{i}", pages[i % 2000]) for i in range(5_000, 25_000)]
    rows = FindingRows.of(tmp_path / "f.sqlite", now)
    del before, now
    doc = report(rows, "2026-11-02T09:00:00Z", pages, 2000)
    tracemalloc.start()
    try:
        section = history_section(store, doc)
        _current, disk_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        listed = report(list(rows), "2026-11-02T09:00:00Z", pages, 2000)
        tracemalloc.reset_peak()
        python = history_section(store, listed)
        _current, python_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert section["since_last"] == python["since_last"]
    assert section["improvement_rate"] == python["improvement_rate"] == 0.25
    assert len(section["since_last"]["new"]) == 5_000
    assert disk_peak * 4 < python_peak, (disk_peak, python_peak)


def test_a_recorded_audit_loads_without_its_findings(audits) -> None:
    """What the rating drop and trend read of earlier audits (brandaudit/ratings.py)."""
    store, _now, _pages = audits
    whole, light = store.load("last"), store.load("last", findings=False)
    assert len(whole["findings"]) == 40 and light["findings"] == []
    assert {k: v for k, v in light.items() if k != "findings"} == {
        k: v for k, v in whole.items() if k != "findings"
    }
