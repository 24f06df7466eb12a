"""Triage decisions: stored with who and when, applied by the next audit's gate, carried
through the policy file, and the history store they live in stays readable when older."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from brandaudit.errors import UserError
from brandaudit.gate import gate
from brandaudit.history import HistoryStore
from brandaudit.policy import Policy, load_policy
from brandaudit.triage import Decision, TriageStore
from brandaudit.triage_policy import export_triage, import_triage

SITE = "https://www.novabridge.example/"


def finding(fid: str, rule: str = "text.brand_name", severity: str = "error") -> dict:
    return {"id": fid, "rule": rule, "severity": severity, "url": SITE + fid,
            "message": f"{rule} {fid}", "location": {}, "evidence": {}}  # fmt: skip


def report(findings: list[dict]) -> dict:
    return {"schema_version": 1, "audit": {"started": "2026-12-01T09:00:00Z", "guideline": "g"},
            "summary": {"pages": 3, "findings": {}}, "findings": findings}  # fmt: skip


def decision(fid: str, status: str, at: str = "2026-12-01T10:00:00Z", **extra: str) -> Decision:
    reason = None if status in ("fixed", "assigned") else "quoted from a press article"
    return Decision(finding_id=fid, status=status, who="Ede", at=at, reason=reason,
                    rule="text.brand_name", **extra)  # fmt: skip


def test_false_alarm_and_exception_are_set_aside_and_the_gate_passes() -> None:
    doc = report([finding("a"), finding("b"), finding("c", severity="warning")])
    decisions = {"a": decision("a", "false_alarm"), "b": decision("b", "accepted")}
    result = gate(doc, fail_on="error", baseline_path=None, policy=Policy(), triage=decisions)
    assert result.exit_code == 0
    assert [f["id"] for f in doc["findings"]] == ["c"]
    assert [f["id"] for f in doc["triage"]["set_aside"]] == ["a", "b"]
    assert doc["triage"]["set_aside"][0]["triage"]["reason"] == "quoted from a press article"
    assert doc["summary"]["findings"] == {"error": 0, "warning": 1, "info": 0}


def test_without_decisions_the_same_report_fails() -> None:
    doc = report([finding("a")])
    assert gate(doc, fail_on="error", baseline_path=None, policy=Policy()).exit_code == 1
    assert "triage" not in doc


def test_a_finding_marked_fixed_that_returns_is_a_regression_and_still_fails() -> None:
    doc = report([finding("a"), finding("b")])
    decisions = {"a": decision("a", "fixed"), "b": decision("b", "assigned", assignee="Kim")}
    result = gate(doc, fail_on="error", baseline_path=None, policy=Policy(), triage=decisions)
    assert result.exit_code == 1
    assert doc["triage"]["regressions"] == ["a"]
    by_id = {f["id"]: f for f in doc["findings"]}
    assert by_id["a"]["regression"] is True and "regression" not in by_id["b"]
    assert by_id["b"]["triage"]["assignee"] == "Kim"


def test_store_keeps_every_decision_and_the_latest_counts(tmp_path: Path) -> None:
    store = TriageStore(tmp_path / "h.sqlite")
    store.record(decision("a", "false_alarm"))
    store.record(decision("a", "fixed", at="2026-12-02T10:00:00Z"))
    store.record(decision("b", "false_alarm"))
    assert store.current()["a"].status == "fixed"
    assert [d.status for d in store.log("a")] == ["false_alarm", "fixed"]
    assert store.false_alarms_by_rule() == [("text.brand_name", 1)]


@pytest.mark.parametrize(
    ("status", "fields", "says"),
    [("false_alarm", {}, "needs a reason"), ("accepted", {"reason": " "}, "needs a reason"),
     ("assigned", {}, "person"), ("wontfix", {}, "expected one of")],
)  # fmt: skip
def test_incomplete_decisions_are_refused(tmp_path: Path, status: str, fields: dict,
                                          says: str) -> None:  # fmt: skip
    store = TriageStore(tmp_path / "h.sqlite")
    with pytest.raises(UserError, match=says):
        store.record(Decision(finding_id="a", status=status, who="Ede", at="t", **fields))


def test_export_writes_the_policy_file_ci_honours_and_import_reads_it(tmp_path: Path) -> None:
    store = TriageStore(tmp_path / "h.sqlite")
    store.record(decision("a", "false_alarm"))
    policy_file = tmp_path / "brandaudit.yaml"
    policy_file.write_text("# our CI policy\nfail_on: warning\nrules:\n  text.term: off\n")
    assert export_triage(store, policy_file) == 1
    text = policy_file.read_text()
    assert text.startswith("# our CI policy\nfail_on: warning\n")  # kept as written
    policy = load_policy(policy_file)
    assert [(e.id, e.status, e.by) for e in policy.triage] == [("a", "false_alarm", "Ede")]
    # CI, with no history: the policy file alone sets the false alarm aside.
    doc = report([finding("a")])
    assert gate(doc, fail_on=None, baseline_path=None, policy=policy).exit_code == 0
    # Exporting again replaces the block instead of adding a second one.
    store.record(decision("b", "accepted"))
    assert export_triage(store, policy_file) == 2
    assert policy_file.read_text().count("triage:") == 1
    fresh = TriageStore(tmp_path / "other.sqlite")
    assert import_triage(fresh, policy_file) == 2
    assert import_triage(fresh, policy_file) == 0  # already held
    assert fresh.current()["b"].status == "accepted"


def test_the_newest_decision_wins_between_policy_file_and_history(tmp_path: Path) -> None:
    store = TriageStore(tmp_path / "h.sqlite")
    store.record(decision("a", "false_alarm"))
    policy_file = tmp_path / "brandaudit.yaml"
    export_triage(store, policy_file)
    later = {"a": decision("a", "fixed", at="2026-12-05T10:00:00Z")}
    doc = report([finding("a")])
    result = gate(doc, fail_on="error", baseline_path=None, policy=load_policy(policy_file),
                  triage=later)  # fmt: skip
    assert result.exit_code == 1 and doc["triage"]["regressions"] == ["a"]


def test_a_store_written_before_triage_opens_and_gains_the_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    HistoryStore(path).record(report([finding("a")]), None)
    with sqlite3.connect(path) as conn:  # as brandaudit left it before migration 2
        conn.executescript("DROP TABLE triage; DROP TABLE schedules; DROP TABLE schedule_leases;"
                           "PRAGMA user_version = 1;")  # fmt: skip
    assert [a.id for a in HistoryStore(path).list()] == ["1"]
    store = TriageStore(path)
    store.record(decision("a", "false_alarm"))
    assert store.current()["a"].status == "false_alarm"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
