"""The SQLite history: recording, references, trends, improvement rate, since-last, chart."""

from __future__ import annotations

import json
import threading
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from brandaudit.errors import UserError
from brandaudit.history import (
    HistoryStore,
    history_path,
    history_section,
    since_last,
    trend_svg,
)
from brandaudit.trends import TrendPoint

SITE = "https://www.novabridge.example/"
SOCIAL = "https://x.com/novabridge"
SVG = "{http://www.w3.org/2000/svg}"


def finding(fid: str, severity: str = "error", url: str = SITE, touchpoint: str = "website"):
    return {"id": fid, "rule": "text.brand_name", "severity": severity, "url": url,
            "touchpoint": touchpoint, "message": f"problem {fid}"}  # fmt: skip


def report(findings: list[dict], started: str, guideline: str = "brand.yaml") -> dict:
    return {
        "schema_version": 1,
        "audit": {"started": started, "finished": started, "guideline": guideline,
                  "seeds": [SITE]},
        "summary": {"pages": 4, "touchpoints": [
            {"kind": "website", "url": SITE, "pages": 4, "score": 90.0},
            {"kind": "social", "url": SOCIAL, "pages": 1, "score": 70.0}]},
        "findings": findings,
    }  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> HistoryStore:
    return HistoryStore(tmp_path / "data" / "history.sqlite")


def test_record_list_and_load_by_id_and_last(store: HistoryStore) -> None:
    one = report([finding("a"), finding("b", "warning")], "2026-11-01T09:00:00Z")
    two = report([finding("a")], "2026-11-02T09:00:00Z")
    assert store.record(one, "reports/1/report.json") == "1"
    assert store.record(two, Path("reports/2/report.json")) == "2"
    audits = store.list()
    assert [a.id for a in audits] == ["2", "1"]
    assert audits[1].counts == {"error": 1, "warning": 1, "info": 0}
    assert audits[1].report_path == "reports/1/report.json"
    assert audits[1].seeds == [SITE] and audits[1].pages == 4
    assert audits[1].scores[1] == {"kind": "social", "url": SOCIAL, "score": 70.0}
    assert store.load("1") == one
    assert store.load("last") == two
    assert store.load("last~1") == one
    assert store.resolve("last~0") == "2"


def test_a_report_path_loads_without_any_history(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    doc = report([finding("a")], "2026-11-01T09:00:00Z")
    path.write_text(json.dumps(doc), encoding="utf-8")
    store = HistoryStore(tmp_path / "never" / "history.sqlite")
    assert store.load(str(path)) == doc
    assert store.load(tmp_path) == doc  # the report's folder
    assert store.list() == []
    assert not store.path.exists()  # reading never creates the history


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("last~2", "holds only 2 audits"),
        ("7", "no audit with that id"),
        ("yesterday", "yesterday: report not found .*an audit id .*last~N"),
        ("missing/report.json", r"missing/report\.json: report not found"),
    ],
)
def test_bad_references_are_named(store: HistoryStore, ref: str, message: str) -> None:
    store.record(report([], "2026-11-01T09:00:00Z"), None)
    store.record(report([], "2026-11-02T09:00:00Z"), None)
    with pytest.raises(UserError, match=message):
        store.load(ref)


def test_empty_history_reference_says_so(store: HistoryStore) -> None:
    with pytest.raises(UserError, match="has no audits recorded"):
        store.load("last")


def test_history_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRANDAUDIT_HISTORY", str(tmp_path / "env.sqlite"))
    assert history_path(tmp_path / "opt.sqlite") == tmp_path / "opt.sqlite"
    assert history_path(None) == tmp_path / "env.sqlite"
    assert HistoryStore().path == tmp_path / "env.sqlite"
    monkeypatch.delenv("BRANDAUDIT_HISTORY")
    default = history_path(None)
    assert default.name == "history.sqlite" and "brandaudit" in str(default)


def test_a_file_that_is_not_a_history_is_a_user_error(tmp_path: Path) -> None:
    bogus = tmp_path / "history.sqlite"
    bogus.write_text("this is not sqlite " * 100)
    with pytest.raises(UserError, match=r"history\.sqlite: cannot use the history database"):
        HistoryStore(bogus).list()


def test_an_empty_file_is_an_empty_history(tmp_path: Path) -> None:
    empty = tmp_path / "history.sqlite"
    empty.touch()
    assert HistoryStore(empty).list() == []
    assert HistoryStore(empty).record(report([], "2026-11-01T09:00:00Z"), None) == "1"


def test_concurrent_recording_gives_distinct_ids(store: HistoryStore) -> None:
    ids: list[str] = []

    def worker(n: int) -> None:
        for i in range(5):
            ids.append(HistoryStore(store.path).record(
                report([finding(f"{n}-{i}")], f"2026-11-0{n + 1}T09:00:0{i}Z"), None))  # fmt: skip

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(ids, key=int) == [str(n) for n in range(1, 21)]
    assert len(store.list()) == 20


def test_trend_counts_scores_and_touchpoint_filter(store: HistoryStore) -> None:
    store.record(report([finding("a"), finding("s", "warning", SOCIAL, "social")],
                        "2026-11-01T09:00:00Z"), None)  # fmt: skip
    store.record(report([finding("a", "info")], "2026-11-02T09:00:00Z"), None)
    store.record(report([], "2026-11-03T09:00:00Z", guideline="other.yaml"), None)
    points = store.trend(guideline="brand.yaml")
    assert [(p.audit_id, p.error, p.warning, p.info) for p in points] == [
        ("1", 1, 1, 0), ("2", 0, 0, 1)]  # fmt: skip
    assert points[0].score == 80.0
    social = store.trend(touchpoint="social", guideline="brand.yaml")
    assert [(p.error, p.warning, p.info, p.score) for p in social] == [
        (0, 1, 0, 70.0), (0, 0, 0, 70.0)]  # fmt: skip
    by_url = store.trend(touchpoint=SOCIAL, guideline="brand.yaml")
    assert [p.warning for p in by_url] == [1, 0]
    assert [p.audit_id for p in store.trend(limit=2)] == ["2", "3"]


def test_improvement_rate_over_a_window(store: HistoryStore) -> None:
    store.record(report([finding(x) for x in "abcd"], "2026-10-01T09:00:00Z"), None)
    store.record(report([finding(x) for x in "abcde"], "2026-11-01T09:00:00Z"), None)
    store.record(report([finding(x) for x in "cdef"], "2026-11-15T09:00:00Z"), None)
    store.record(report([finding("f")], "2026-11-20T09:00:00Z"), None)
    # Start: the Nov 1 audit (a-e); end: Nov 15 (c-f): a and b fixed out of five.
    assert store.improvement_rate(15, now=datetime(2026, 11, 16, 12, tzinfo=UTC)) == 0.4
    # Starting just before Nov 1 09:00, the state at the start is Oct 1's (a-d): 2 of 4.
    assert store.improvement_rate(15, now=datetime(2026, 11, 16, 0, tzinfo=UTC)) == 0.5
    # Default end is the newest audit (only f left): a-e all fixed since Nov 1.
    assert store.improvement_rate(19) == 1.0
    # A window before any audit but the first has nothing to compare.
    assert store.improvement_rate(30, now=datetime(2026, 10, 2, tzinfo=UTC)) is None


def test_improvement_rate_leaves_out_pages_the_end_did_not_audit(store: HistoryStore) -> None:
    careers = SITE + "careers"
    start = report([finding("a"), finding("b"), finding("c", url=careers)], "2026-11-01T09:00:00Z")
    end = report([finding("a")], "2026-11-02T09:00:00Z")
    end["pages"] = [{"url": SITE}]
    store.record(start, None)
    store.record(end, None)
    assert store.improvement_rate(30) == 0.5  # b fixed; c's page was not audited
    assert store.improvement_rate(30, touchpoint=careers) is None


def test_improvement_rate_needs_findings_at_the_start(store: HistoryStore) -> None:
    store.record(report([], "2026-11-01T09:00:00Z"), None)
    store.record(report([finding("a")], "2026-11-02T09:00:00Z"), None)
    assert store.improvement_rate(30) is None


def test_since_last_and_history_section_before_and_after_recording(store: HistoryStore) -> None:
    store.record(report([finding("a"), finding("b")], "2026-11-01T09:00:00Z"), None)
    store.record(report([finding("z")], "2026-11-01T10:00:00Z", guideline="other.yaml"), None)
    current = report([finding("a"), finding("c")], "2026-11-02T09:00:00Z")

    before = history_section(store, current)
    assert set(before) == {"since_last", "trend_svg", "improvement_rate"}
    assert before["since_last"]["previous_id"] == "1"
    assert (before["since_last"]["new"], before["since_last"]["fixed"]) == (["c"], ["b"])
    assert before["since_last"]["persisting"] == ["a"]
    assert before["since_last"]["fixed_findings"][0]["message"] == "problem b"
    assert before["improvement_rate"] == 0.5
    assert before["trend_svg"].count("<circle") == 6  # two audits × three severities

    store.attach_history(current)
    store.record(current, None)
    assert "history" not in store.load("last")  # the chart is not stored twice
    after = history_section(store, current)
    assert after["since_last"] == before["since_last"]
    assert after["improvement_rate"] == before["improvement_rate"]
    lines = [[pl.get("points") for pl in ET.fromstring(section["trend_svg"]).iter(f"{SVG}polyline")]
             for section in (before, after)]  # fmt: skip
    assert lines[0] == lines[1] and len(lines[0]) == 3


def test_since_last_without_a_previous_audit(store: HistoryStore) -> None:
    result = since_last(store, report([finding("a")], "2026-11-02T09:00:00Z"))
    assert result["previous_id"] is None and result["new"] == []


def test_trend_svg_is_wellformed_escaped_and_plots_every_series() -> None:
    points = [
        TrendPoint("1", "2026-11-01T09:00:00Z", 4, 2, 0, None),
        TrendPoint("2", "<script>alert(1)</script>", 1, 3, 2, None),
        TrendPoint("3", "2026-11-03T09:00:00Z", 0, 0, 0, None),
    ]
    svg = trend_svg(points)
    root = ET.fromstring(svg)  # well-formed XML, so safe to inline
    assert "<script" not in svg and "&lt;script&gt;" in svg
    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == 3
    error_ys = [float(xy.split(",")[1]) for xy in lines[0].get("points").split()]
    assert error_ys[0] < error_ys[1] < error_ys[2]  # 4 > 1 > 0 errors: higher is more
    assert ET.fromstring(trend_svg([])).find(f"{SVG}text").text.startswith("No earlier")
    single = ET.fromstring(trend_svg(points[:1]))
    assert len(single.findall(f"{SVG}circle")) == 3


def test_history_command_lists_audits(store: HistoryStore, capsys: pytest.CaptureFixture[str]):
    import argparse

    from brandaudit.commands import history as history_command

    args = argparse.Namespace(history=store.path, json=False, limit=20)
    assert history_command.run(args) == 0
    assert "No audits recorded" in capsys.readouterr().out
    store.record(report([finding("a"), finding("b", "warning")], "2026-11-01T09:00:00Z"), "r.json")
    assert history_command.run(argparse.Namespace(history=store.path, json=True, limit=20)) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["id"] == "1" and rows[0]["counts"] == {"error": 1, "warning": 1, "info": 0}
    assert history_command.run(args) == 0
    listing = capsys.readouterr().out
    assert "2026-11-01 09:00" in listing and "r.json" in listing


def test_findings_on_disk_are_recorded_as_the_same_rows(tmp_path: Path) -> None:
    """Rows on disk go into the store as their JSON text (no decode and re-encode): the
    store reads back the same findings, counts and columns as from findings in memory."""
    from brandaudit.reports.finding_store import FindingRows

    findings = [
        {**finding("a1", "error"), "evidence": {"found": 'Nová "B"', "n": 2}},
        {**finding("b2", "info", SOCIAL, "social"), "message": "é\nline"},
        {**finding("c3", "warning"), "message": None},
    ]
    in_memory, on_disk = HistoryStore(tmp_path / "m.sqlite"), HistoryStore(tmp_path / "d.sqlite")
    in_memory.record(report(findings, "2026-11-01T09:00:00Z"), None)
    rows = FindingRows.of(tmp_path / "rows.sqlite", findings)
    on_disk.record(report(rows, "2026-11-01T09:00:00Z"), None)
    assert on_disk.load("1")["findings"] == in_memory.load("1")["findings"] == findings
    assert on_disk.list()[0].counts == in_memory.list()[0].counts == {
        "error": 1, "warning": 1, "info": 1
    }  # fmt: skip
    import sqlite3

    query = "SELECT finding_id, rule, severity, url, touchpoint, message FROM findings"
    columns = [sqlite3.connect(s.path).execute(query).fetchall() for s in (in_memory, on_disk)]
    assert columns[0] == columns[1] and len(columns[0]) == 3
